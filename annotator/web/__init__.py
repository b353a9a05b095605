"""Blueprints, login, CSRF, security headers and error pages."""
from __future__ import annotations

import time
from pathlib import Path

from flask import Flask, g
from flask_babel import Babel

from . import auth, errors, locale, security, throttle
from .marked_text import marked_text
from .template_helpers import scope_options, short


def init_app(app: Flask) -> None:
    # First in, last out: the Server-Timing header covers the whole request as the app sees it.
    app.before_request(_start_clock)
    app.after_request(_server_timing)
    # The login check runs before the CSRF check: a write after the session expired must get
    # 401 (the page offers to log in again), not a CSRF error for the token that went with it.
    auth.init_app(app)
    security.init_app(app)
    throttle.init_app(app)
    locale.init_app(app)  # g.ui_lang and g.ui_digits, and the number and date filters
    app.jinja_env.globals.update(marked_text=marked_text, short=short, scope_options=scope_options)
    errors.init_app(app)
    # gettext catalogs (translations/): templates use _() and ngettext(); the locale is g.ui_lang.
    Babel(app, locale_selector=lambda: getattr(g, "ui_lang", "en"),
          default_translation_directories=str(Path(__file__).resolve().parent.parent / "translations"))
    locale.install_template_gettext(app)  # after Babel(): it replaces Babel's slower template callables
    from . import (  # one line per blueprint module; each exposes `bp`
        home,
        projects,
        team,
        agreement,
        exports,
        layers,
        actors,
        annotate,
        tokens,
        history,
        audit,
        adjudication,
        feedback,
        suggestions,
        recommenders,
    )

    for module in (home, projects, team, agreement, exports, layers, actors, annotate, tokens, history, audit,
                   adjudication, feedback, suggestions, recommenders):
        app.register_blueprint(module.bp)
    from . import account, admin_users, reading  # a person's own account and reading settings; user management

    for module in (account, admin_users, reading):
        app.register_blueprint(module.bp)
    from . import jobs

    app.register_blueprint(jobs.bp)
    from ..api import init_app as init_api

    init_api(app)


def _start_clock() -> None:
    g.started = time.perf_counter()


def _server_timing(response):
    # The app's own time for the request, in the standard header browsers' tools show: what the
    # benchmarks report as server time, apart from the network and the client.
    started = g.get("started")
    if started is not None:
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
    return response
