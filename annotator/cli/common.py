"""What every CLI command shares: the session, and turning problems into exit codes."""
from __future__ import annotations

import functools
import sys

import click

from ..errors import Problem

EXIT_INVALID = 2
EXIT_NOT_FOUND = 3
EXIT_CONFLICT = 4


def fail(message: str, code: int = EXIT_INVALID) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def problems_to_exit(func):
    """Service problems end the command with a message naming the field, and a non-zero code."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except Problem as exc:
            code = {404: EXIT_NOT_FOUND, 409: EXIT_CONFLICT}.get(exc.status, EXIT_INVALID)
            where = f"{exc.field}: " if exc.field else ""
            fail(f"{where}{exc.message}", code)

    return wrapper
