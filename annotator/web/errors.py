"""Turn service problems and HTTP errors into JSON, an htmx fragment, or a page."""
from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from ..errors import Problem


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
        return problem_response(exc.status, exc.message, exc.field, exc.extra)

    @app.errorhandler(CSRFError)
    def _csrf(exc: CSRFError):
        return problem_response(400, f"CSRF token missing or invalid: {exc.description}", "csrf_token")

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(_exc: RequestEntityTooLarge):
        # Raised as soon as the body is read (the CSRF check reads the form): say what the limit is.
        limit = app.config["MAX_CONTENT_LENGTH"]
        per_file = app.config["IMPORT_MAX_BYTES"]
        return problem_response(413, f"the upload is larger than the limit of {_megabytes(limit)} for one request "
                                     f"(each imported file may have {_megabytes(per_file)}): send fewer or smaller "
                                     f"files", "files", {"limit_bytes": limit})

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        if is_api_request():
            return problem_for(exc)
        return problem_response(exc.code or 500, exc.description or exc.name)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:g} MB" if size >= 1_000_000 else f"{size:,} bytes"
