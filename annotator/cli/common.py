"""What every CLI command shares: the app context, lazily chosen options, and turning problems
into exit codes. Nothing here imports Flask or the app at import time (see cli.group)."""
from __future__ import annotations

import functools
import importlib
import inspect
import sys

import click

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
        from ..errors import Problem

        try:
            return func(*args, **kwargs)
        except Problem as exc:
            code = {404: EXIT_NOT_FOUND, 409: EXIT_CONFLICT}.get(exc.status, EXIT_INVALID)
            where = f"{exc.field}: " if exc.field else ""
            fail(f"{where}{exc.message}", code)

    return wrapper


def with_appcontext(func):
    """flask.cli.with_appcontext, with Flask and the app imported only when the command runs."""

    @click.pass_context
    def decorator(ctx: click.Context, /, *args, **kwargs):
        from flask import current_app

        if not current_app:
            info = ctx.find_root().obj
            if info is None:
                from ..app import create_app

                app = create_app()
            else:
                app = info.load_app()
            ctx.with_resource(app.app_context())
        load = inspect.unwrap(func).__globals__.get("_load_imports")
        if load is not None:  # the command module's own imports, made at run time (see cli.group)
            load()
        return ctx.invoke(func, *args, **kwargs)

    return functools.update_wrapper(decorator, func)


class LazyChoice(click.Choice):
    """A click.Choice whose choices are read from ``module:attribute`` the first time they are
    needed (parsing or this command's --help), so that listing commands imports nothing."""

    def __init__(self, where: str, case_sensitive: bool = True) -> None:
        self._where = where
        self._choices: tuple | None = None
        self.case_sensitive = case_sensitive

    @property
    def choices(self) -> tuple:
        if self._choices is None:
            module, _, attribute = self._where.partition(":")
            self._choices = tuple(getattr(importlib.import_module(module), attribute))
        return self._choices
