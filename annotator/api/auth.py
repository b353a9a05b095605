"""Bearer tokens, and nothing else, open the API: no session cookie, so no CSRF to guard against.

The holder becomes flask-login's current user for the request (the same object the session
loader gives), so every service and role check runs exactly as for the browser.
"""
from __future__ import annotations

from flask import g, request

from ..db import get_session
from ..errors import Problem
from ..services.team.tokens import holder_of
from .endpoints import READ_METHODS


class Unauthorized(Problem):
    status = 401


class ScopeRefused(Problem):
    status = 403


def authenticate_request() -> None:
    from ..web.auth import SessionUser  # the web layer's user card, shared so services see one shape

    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise Unauthorized("send a personal API token: Authorization: Bearer <token>", "authorization")
    holder, why = holder_of(get_session(), secret.strip())
    if holder is None:
        raise Unauthorized(why, "authorization")
    if request.method not in READ_METHODS and holder.scope != "read-write":
        raise ScopeRefused("this token may only read: make a read-write token to change anything", "scope")
    g._login_user = SessionUser(holder.user_id, holder.public_id, "", holder.is_admin)
    g.api_token_id = holder.token_id
