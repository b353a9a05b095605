"""The `annotator` group: what flask.cli.FlaskGroup gave the command, without importing Flask.

Importing Flask costs about 0.2 s, the app with SQLAlchemy, openpyxl and numpy another second:
`annotator --help` needs none of it. This group keeps FlaskGroup's options (--env-file, --app,
--debug), its FLASK_ environment prefix and its ScriptInfo (which flask.cli.with_appcontext and
Flask's test runner use), and imports Flask only once a command asks for the app
(cli.common.with_appcontext). Unlike FlaskGroup it does not list the commands of every Flask
extension installed beside it (``flask.commands`` entry points): they were never annotator's.
"""
from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import click
from click.core import ParameterSource


class LazyScriptInfo:
    """Stands in for flask.cli.ScriptInfo until a command needs the app."""

    def __init__(self, create_app):
        self.create_app = create_app
        self.app_import_path: str | None = None
        self.load_dotenv_defaults = True
        self.set_debug_flag = True
        self._info = None

    def load_app(self):
        if self._info is None:
            from flask.cli import ScriptInfo

            self._info = ScriptInfo(app_import_path=self.app_import_path, create_app=self.create_app,
                                    set_debug_flag=self.set_debug_flag,
                                    load_dotenv_defaults=self.load_dotenv_defaults)
        return self._info.load_app()


def _dotenv_files_exist() -> bool:
    # Where Flask's load_dotenv looks (python-dotenv's find_dotenv from the working directory up).
    here = Path.cwd()
    return any((folder / name).is_file() for folder in (here, *here.parents) for name in (".env", ".flaskenv"))


def _env_file_callback(ctx: click.Context, param: click.Parameter, value: str | None):
    if value is None and not (getattr(ctx.obj, "load_dotenv_defaults", True) and _dotenv_files_exist()):
        return None
    from flask.cli import _env_file_option

    return _env_file_option.callback(ctx, param, value)


def _set_app(ctx: click.Context, param: click.Parameter, value: str | None):
    if value is not None and ctx.obj is not None:
        ctx.obj.app_import_path = value
    return value


def _set_debug(ctx: click.Context, param: click.Parameter, value: bool):
    source = ctx.get_parameter_source(param.name)
    if source is not None and source in (ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP):
        return None
    os.environ["FLASK_DEBUG"] = "1" if value else "0"
    return value


# The same options, help texts and order as FlaskGroup's (flask/cli.py), so `annotator --help` is unchanged.
_OPTIONS = (
    click.Option(["-e", "--env-file"], type=click.Path(exists=True, dir_okay=False), is_eager=True,
                 expose_value=False, callback=_env_file_callback,
                 help="Load environment variables from this file, taking precedence over those set by '.env' and"
                      " '.flaskenv'. Variables set directly in the environment take highest precedence."
                      " python-dotenv must be installed."),
    click.Option(["-A", "--app"], metavar="IMPORT", is_eager=True, expose_value=False, callback=_set_app,
                 help="The Flask application or factory function to load, in the form 'module:name'. Module can"
                      " be a dotted import or file path. Name is not required if it is 'app', 'application',"
                      " 'create_app', or 'make_app', and can be 'name(args)' to pass arguments."),
    click.Option(["--debug/--no-debug"], help="Set debug mode.", expose_value=False, callback=_set_debug),
)


_collector_paused = False


def resume_collector() -> None:
    """The command's imports are made (cli.common calls this before any command works): what they
    created lives as long as the process, and is frozen out of the collector's sight."""
    global _collector_paused
    if _collector_paused:
        _collector_paused = False
        gc.freeze()
        gc.enable()


class AnnotatorGroup(click.Group):
    def __init__(self, *args, create_app, **extra):
        params = [*(extra.pop("params", None) or ()), *_OPTIONS]
        extra.setdefault("context_settings", {}).setdefault("auto_envvar_prefix", "FLASK")
        super().__init__(*args, params=params, **extra)
        self.create_app = create_app

    def __call__(self, *args, **kwargs):
        # The process's own entry (the `annotator` script, python -m annotator.cli); test runners call
        # main(). Start-up imports SQLAlchemy, the models and the command's modules, a few hundred
        # thousand objects that stay to the end, and the collector would walk them over and over as
        # they pile up (~0.07 s of an export's 1 s): it is paused until resume_collector.
        global _collector_paused
        if gc.isenabled():
            gc.disable()
            _collector_paused = True
        try:
            return super().__call__(*args, **kwargs)
        finally:
            resume_collector()

    def make_context(self, info_name, args, parent=None, **extra):
        os.environ["FLASK_RUN_FROM_CLI"] = "true"  # as FlaskGroup: app.run() becomes a no-op
        if "obj" not in extra and "obj" not in self.context_settings:
            extra["obj"] = self._script_info()
        return super().make_context(info_name, args, parent=parent, **extra)

    def _script_info(self):
        # A command module that imports flask.cli itself may use its with_appcontext, which wants
        # a real ScriptInfo; Flask is loaded by then anyway.
        if "flask.cli" in sys.modules:
            from flask.cli import ScriptInfo

            return ScriptInfo(create_app=self.create_app, set_debug_flag=True, load_dotenv_defaults=True)
        return LazyScriptInfo(self.create_app)
