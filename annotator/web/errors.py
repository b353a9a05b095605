"""Turn service problems and HTTP errors into JSON, an htmx fragment, or a page."""
from __future__ import annotations

from flask import Flask, g, jsonify, render_template, request
from flask_babel import gettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from ..errors import Problem
from ..i18n import N_


def wants_json() -> bool:
    if request.is_json:
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def is_htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


def problem_response(status: int, message: str, field: str | None = None, extra: dict | None = None):
    body = {"error": message, "field": field, **(extra or {})}
    if wants_json():
        return jsonify(body), status
    template = "partials/_problem.html" if is_htmx() else "problem.html"
    return render_template(template, status=status, message=message, field=field), status


def init_app(app: Flask) -> None:
    from ..api.problems import is_api_request, problem_for  # the API answers problem documents

    @app.errorhandler(Problem)
    def _problem(exc: Problem):
        if is_api_request():
            return problem_for(exc)
        return problem_response(exc.status, exc.in_language(getattr(g, "ui_lang", "en")), exc.field, exc.extra)

    @app.errorhandler(CSRFError)
    def _csrf(exc: CSRFError):
        # The field keeps its name for scripts; the words say what a person can do about it.
        return problem_response(400, gettext("This page's security (CSRF) token is missing or has expired: reload "
                                             "the page, or log in again."), "csrf_token")

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(_exc: RequestEntityTooLarge):
        # Raised as soon as the body is read (the CSRF check reads the form): say what the limit is.
        limit = app.config["MAX_CONTENT_LENGTH"]
        per_file = app.config["IMPORT_MAX_BYTES"]
        return problem_response(413, gettext(
            "the upload is larger than the limit of %(limit)s for one request (each imported file may have "
            "%(per_file)s): send fewer or smaller files", limit=_megabytes(limit), per_file=_megabytes(per_file)),
            "files", {"limit_bytes": limit})

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        if is_api_request():
            return problem_for(exc)
        # Werkzeug's own descriptions are English: the common ones in the interface language.
        words = _HTTP_WORDS.get(exc.code or 500)
        return problem_response(exc.code or 500, gettext(words) if words else exc.description or exc.name)


_HTTP_WORDS = {
    400: N_("The request could not be understood: reload the page and try again."),
    403: N_("You are not allowed to do this."),
    404: N_("There is no such page here."),
    405: N_("This address does not answer that kind of request."),
    429: N_("Too many attempts: wait a moment, then try again."),
    500: N_("Something went wrong on the server; your last change may not be saved. Try again."),
}


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:g} MB" if size >= 1_000_000 else f"{size:,} bytes"
