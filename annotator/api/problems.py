"""Every API error is an RFC 9457 problem document: status, title, detail, and the field at fault."""
from __future__ import annotations

from http import HTTPStatus

from flask import Response, json, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from ..errors import Problem

PROBLEM_TYPE = "application/problem+json"


def problem(status: int, detail: str, field: str | None = None, extra: dict | None = None,
            headers: dict | None = None) -> Response:
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    # No "instance": echoing the path back would only repeat ids the client sent.
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, "field": field,
            **(extra or {})}
    return Response(json.dumps(body), status=status, mimetype=PROBLEM_TYPE, headers=headers)


def is_api_request() -> bool:
    return request.path.startswith("/api/")


def problem_for(exc: Exception) -> Response:
    if isinstance(exc, Problem):
        return problem(exc.status, exc.message, exc.field, exc.extra or None)
    if isinstance(exc, CSRFError):  # never raised on the API (it is exempt); kept for completeness
        return problem(400, exc.description, "csrf_token")
    if isinstance(exc, HTTPException):
        field = "body" if exc.code == 413 else None
        return problem(exc.code or 500, exc.description or exc.name, field)
    return problem(500, "the server failed to answer this request; nothing was saved")
