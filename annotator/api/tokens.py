"""A token holder's own tokens: list and revoke (making one needs the account page or the CLI,
where the secret can be shown once to a person)."""
from __future__ import annotations

from ..db import get_session
from ..services.team.tokens import revoke_token, token_state, tokens_of
from ..web.access import me
from . import schemas_out as o
from .endpoints import operation


def token_out(token) -> dict:
    return {"public_id": token.public_id, "name": token.name, "prefix": token.prefix, "scope": token.scope,
            "state": token_state(token), "expires_at": token.expires_at, "last_used_at": token.last_used_at,
            "created_at": token.created_at}


@operation("/tokens", "GET", summary="Your API tokens", tag="tokens", response=o.TokenOut(many=True))
def list_tokens():
    return [token_out(t) for t in tokens_of(get_session(), me())]


@operation("/tokens/<token_id>", "DELETE", summary="Revoke one of your tokens", tag="tokens", status=204,
           errors=(404,))
def revoke(token_id):
    revoke_token(get_session(), me(), token_id)
