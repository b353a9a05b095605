"""The application factory."""
from __future__ import annotations

from flask import Flask

from . import config as config_module
from . import db
from .config import REPO_ROOT, default_instance_path

__all__ = ["REPO_ROOT", "create_app", "default_instance_path"]


def create_app(test_config: dict | None = None, *, web: bool = True) -> Flask:
    """``web=False``: without the blueprints and templates (what the command line's database
    commands need; importing the web package imports every service, ~0.5 s)."""
    app = Flask(
        __name__,
        instance_path=config_module.instance_path_of(test_config),
        template_folder=str(REPO_ROOT / "templates"),
        static_folder="static",
    )
    app.config.update(config_module.settings(app.instance_path, test_config))

    db.init_app(app)
    from . import jobs

    jobs.init_app(app)
    from .services.team.users import configure_hasher

    configure_hasher(**app.config.get("PASSWORD_HASH_PARAMS", {}))
    if web:
        from .web import init_app as init_web

        init_web(app)
    return app
