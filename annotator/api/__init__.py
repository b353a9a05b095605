"""The REST API under /api/v1: bearer tokens, JSON in and out, problem documents for errors.

Each resource module declares its operations with endpoints.operation; importing it registers
them on the blueprint, and api.openapi reads the same declarations into the OpenAPI document."""
from __future__ import annotations

from flask import Flask, current_app, request
from flask_login import current_user

from ..errors import Problem
from . import actors, adjudication, openapi, projects, reports, sets, tokens  # noqa: F401  (importing registers them)
from .auth import authenticate_request
from .endpoints import bp
from .problems import problem, problem_for

DEFAULT_MAX_BODY = 20_000_000


@bp.before_request
def _guard():
    limit = current_app.config["API_MAX_BODY_BYTES"]
    if request.content_length is not None and request.content_length > limit:
        return problem(413, f"the body is larger than this API accepts ({limit:,} bytes)", "body")
    # The reference page and its document open with a browser session as well as a token: a
    # person reads them in the browser, a client generator fetches them with a token.
    if request.endpoint in openapi.DESCRIBING_ENDPOINTS and current_user.is_authenticated:
        return None
    authenticate_request()
    return None


@bp.after_request
def _not_stored(response):
    response.headers.setdefault("Cache-Control", "no-store")
    return response


@bp.errorhandler(Problem)
def _problem(exc):
    return problem_for(exc)


def init_app(app: Flask) -> None:
    from ..web.security import csrf

    app.config.setdefault("API_MAX_BODY_BYTES", DEFAULT_MAX_BODY)
    csrf.exempt(bp)
    app.register_blueprint(bp)
