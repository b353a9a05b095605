"""Blueprints, login, CSRF, security headers and error pages."""
from __future__ import annotations

from flask import Flask, g, request

from . import auth, errors, security


def init_app(app: Flask) -> None:
    security.init_app(app)
    app.before_request(_interface_language)
    app.context_processor(lambda: {"ui_lang": getattr(g, "ui_lang", "en")})
    auth.init_app(app)
    errors.init_app(app)
    from . import (  # one line per blueprint module; each exposes `bp`
        home,
    )

    for module in (home,):
        app.register_blueprint(module.bp)


UI_LANGUAGES = ("en", "ar", "fr")


def _interface_language() -> None:
    # An explicit ?lang= wins; otherwise the browser's Accept-Language order decides.
    chosen = request.args.get("lang")
    g.ui_lang = chosen if chosen in UI_LANGUAGES else (request.accept_languages.best_match(UI_LANGUAGES) or "en")
