"""What every CLI command shares: the app context (or the database without the app), lazily
chosen options, and turning problems into exit codes. Nothing here imports Flask, SQLAlchemy or
the app at import time (see cli.group)."""
from __future__ import annotations

import functools
import importlib
import inspect
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import click

from .group import resume_collector

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

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
        _push_app_context(ctx)
        _load_command_imports(func)
        return ctx.invoke(func, *args, **kwargs)

    return _ends_start_up(functools.update_wrapper(decorator, func))


def with_database(func):
    """For a command that needs only the configuration and a database session: it is given a
    CommandDatabase as its first argument. From the app when the command runs inside one
    (Flask's test runner, --app/FLASK_APP), else without Flask (annotator.standalone)."""

    @click.pass_context
    def decorator(ctx: click.Context, /, *args, **kwargs):
        database = _command_database(ctx)
        _load_command_imports(func)
        return ctx.invoke(func, database, *args, **kwargs)

    return _ends_start_up(functools.update_wrapper(decorator, func))


def without_start_up(func):
    """For a command that needs neither the app nor a database session made for it (init, serve):
    the collector, paused for the start-up (cli.group), is on again as it begins."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        resume_collector()
        return func(*args, **kwargs)

    return _ends_start_up(wrapper)


def _ends_start_up(decorator):
    # Every command goes through one of with_appcontext, with_database and without_start_up, each
    # of which resumes the collector (tests/cli check it): no command works with it paused.
    decorator.ends_start_up = True
    return decorator


@dataclass(frozen=True)
class CommandDatabase:
    config: Mapping
    session: Session


def _command_database(ctx: click.Context) -> CommandDatabase:
    if not ("flask" in sys.modules and _has_current_app()) and _makes_the_default_app(ctx):
        from ..standalone import Standalone

        standalone = Standalone()
        ctx.call_on_close(standalone.close)
        return CommandDatabase(standalone.config, standalone.session())
    app = _push_app_context(ctx)
    from ..db import get_session

    return CommandDatabase(app.config, get_session())


def _makes_the_default_app(ctx: click.Context) -> bool:
    """Whether the app the command would load is the one the group makes from the environment
    (the shell's case), not one given to it (Flask's test runner, --app/FLASK_APP)."""
    root = ctx.find_root()
    info = root.obj
    if info is None:
        return True
    return (getattr(info, "create_app", None) is getattr(root.command, "create_app", False)
            and getattr(info, "app_import_path", None) is None)


def _has_current_app() -> bool:
    from flask import current_app

    return bool(current_app)


def _push_app_context(ctx: click.Context):
    """The current app, or the one the group's ScriptInfo loads (pushed for the command's run)."""
    from flask import current_app

    if not current_app:
        info = ctx.find_root().obj
        if info is None:
            from ..app import create_app

            app = create_app()
        else:
            app = info.load_app()
        ctx.with_resource(app.app_context())
    return current_app._get_current_object()


def _load_command_imports(func) -> None:
    load = inspect.unwrap(func).__globals__.get("_load_imports")
    if load is not None:  # the command module's own imports, made at run time (see cli.group)
        load()
    resume_collector()  # start-up is over


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
