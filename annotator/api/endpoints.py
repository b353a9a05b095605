"""One decorator declares an API operation: its route, its input and output schemas, its rules.

The same declaration validates the request (marshmallow, unknown fields refused), shapes the
response, and becomes the operation in the OpenAPI document (api.openapi): the document cannot
drift from what the code accepts, because it is read from the code.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Blueprint, Response, jsonify, request
from marshmallow import Schema, ValidationError

from ..errors import BadRequest, Invalid, Phrase
from ..schemas.common import flatten_errors

bp = Blueprint("api", __name__, url_prefix="/api/v1")
READ_METHODS = ("GET", "HEAD", "OPTIONS")


@dataclass(frozen=True)
class Endpoint:
    rule: str
    method: str
    name: str
    summary: str
    tag: str
    body: Schema | None = None
    query: Schema | None = None
    response: Schema | None = None
    status: int = 200
    # Extra documented answers besides the problem documents every operation may give.
    content_type: str = "application/json"
    errors: tuple[int, ...] = ()
    description: str = ""
    params: dict[str, str] = field(default_factory=dict)


ENDPOINTS: list[Endpoint] = []


def _load(schema: Schema, data, where: str) -> dict:
    try:
        return schema.load(data)
    except ValidationError as exc:
        pairs = flatten_errors(exc.messages)
        field_name, message = pairs[0] if pairs else ("_schema", "invalid input")
        raise Invalid(Phrase("{field}: {problem}", field=field_name, problem=message), field_name,
                      errors=[{"field": f, "detail": m, "in": where} for f, m in pairs]) from exc


def json_body() -> dict:
    if not request.data:
        raise BadRequest("the request needs a JSON body", "body")
    if not request.is_json:
        raise BadRequest("send the body as application/json", "content-type")
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise BadRequest("the body must be a JSON object", "body")
    return data


def operation(rule: str, method: str, *, summary: str, tag: str, body: Schema | None = None,
              query: Schema | None = None, response: Schema | None = None, status: int = 200,
              content_type: str = "application/json", errors: tuple[int, ...] = (), params=None,
              guard: Callable | None = None):
    """Register ``func(**path_args, body=..., query=...)`` as ``method rule`` under /api/v1.

    The function returns what ``response`` dumps, a (value, headers) pair, or a Flask Response.
    ``guard(**path_args)`` runs before the body is read: a role check whose 404 must come before
    any 422, so that invalid input tells someone without the role nothing either."""

    def register(func: Callable):
        endpoint = Endpoint(rule, method, func.__name__, summary, tag, body, query, response, status,
                            content_type, errors, (func.__doc__ or "").strip(), dict(params or {}))
        ENDPOINTS.append(endpoint)

        def view(**path_args):
            kwargs = dict(path_args)
            if guard is not None:
                guard(**path_args)
            if body is not None:
                kwargs["body"] = _load(body, json_body(), "body")
            if query is not None:
                kwargs["query"] = _load(query, request.args.to_dict(), "query")
            result = func(**kwargs)
            if isinstance(result, Response):
                return result
            headers = {}
            if isinstance(result, tuple):
                result, headers = result
            if response is None:
                return Response(status=status, headers=headers)
            answer = jsonify(response.dump(result))
            answer.status_code = status
            answer.headers.update(headers)
            return answer

        view.__name__ = func.__name__
        bp.add_url_rule(rule, endpoint=func.__name__, view_func=view, methods=[method])
        return func

    return register
