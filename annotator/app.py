"""The application factory."""
from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from . import config as config_module
from . import db

REPO_ROOT = Path(__file__).resolve().parent.parent


def default_instance_path() -> str:
    return os.environ.get("ANNOTATOR_INSTANCE_PATH") or str(REPO_ROOT / "instance")


def create_app(test_config: dict | None = None, *, web: bool = True) -> Flask:
    """``web=False``: without the blueprints and templates (what the command line's database
    commands need; importing the web package imports every service, ~0.5 s)."""
    app = Flask(
        __name__,
        instance_path=(test_config or {}).get("INSTANCE_PATH") or default_instance_path(),
        template_folder=str(REPO_ROOT / "templates"),
        static_folder="static",
    )
    app.config.from_mapping(config_module.DEFAULTS)
    app.config["EXPORT_DIR"] = str(REPO_ROOT / "exports")
    app.config["GUIDELINES_DIR"] = str(REPO_ROOT / "guidelines")
    app.config.update(config_module.from_environment(app.instance_path))
    if test_config:
        app.config.update(test_config)
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError(
            "No secret key: run `annotator init` (creates one in the instance folder) "
            "or set ANNOTATOR_SECRET_KEY."
        )

    db.init_app(app)
    from . import jobs

    jobs.init_app(app)
    from .services.team.users import configure_hasher

    configure_hasher(**app.config.get("PASSWORD_HASH_PARAMS", {}))
    if web:
        from .web import init_app as init_web

        init_web(app)
    return app
