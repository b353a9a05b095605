"""Personal API tokens: made, listed and revoked by their owner; checked on every API request.

A token acts with exactly its owner's roles; its scope only narrows what it may do (``read``:
no writes). The secret is ``ann_`` + 40 random URL-safe characters, shown once; the database
keeps its SHA-256 (a secret this long needs no slow hash: guessing it is out of reach anyway).
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ...errors import Invalid, NotFound, Phrase, Plural
from ...models import TOKEN_SCOPES, ApiToken, User, utcnow
from ..events import record_event
from ..tx import transaction

TOKEN_PREFIX = "ann_"
MAX_TOKENS_PER_USER = 50
# Last use is written at most this often per token: a script's every request must not be a write.
LAST_USE_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # the only time it exists outside the client


@dataclass(frozen=True)
class TokenHolder:
    """What a valid token stands for: the user (id and admin flag, as the session loader gives)."""

    token_id: int
    user_id: int
    public_id: str
    is_admin: bool
    scope: str


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(session: Session, user: User, name: str, *, scope: str = "read",
                 expires_at: datetime | None = None) -> NewToken:
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise Invalid("a token needs a name of 1 to 100 characters", "name")
    if scope not in TOKEN_SCOPES:
        raise Invalid(Phrase("scope must be one of {choices}", ", ", choices=list(TOKEN_SCOPES)), "scope")
    if expires_at is not None and expires_at <= utcnow():
        raise Invalid("the expiry must lie in the future", "expires_at")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(30)
    with transaction(session):
        count = len(session.scalars(select(ApiToken.id).where(
            ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))).all())
        if count >= MAX_TOKENS_PER_USER:
            raise Invalid(Plural("you have {count} tokens: revoke one before making another",
                                 "you have {count} tokens: revoke one before making another", count), "name")
        token = ApiToken(user_id=user.id, name=name, token_hash=hash_secret(secret), prefix=secret[:12],
                         scope=scope, expires_at=expires_at)
        session.add(token)
        session.flush()
        record_event(session, action="token.create", entity="api_token", entity_id=token.public_id,
                     user_id=user.id, after={"name": name, "scope": scope, "expires_at": expires_at})
    return NewToken(token, secret)


def tokens_of(session: Session, user: User) -> list[ApiToken]:
    return list(session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)
                                .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))


def revoke_token(session: Session, user: User, token_public_id: str) -> ApiToken:
    with transaction(session):
        token = session.scalar(select(ApiToken).where(ApiToken.public_id == token_public_id,
                                                      ApiToken.user_id == user.id))
        if token is None:
            raise NotFound("you have no token with this id", "token")
        if token.revoked_at is None:
            token.revoked_at = utcnow()
            record_event(session, action="token.revoke", entity="api_token", entity_id=token.public_id,
                         user_id=user.id)
    return token


def token_state(token: ApiToken, now: datetime | None = None) -> str:
    now = now or utcnow()
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at is not None and token.expires_at <= now:
        return "expired"
    return "active"


def holder_of(session: Session, secret: str) -> tuple[TokenHolder | None, str]:
    """The holder of a presented secret, or None and why not (for the 401's message)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None, "this is not an annotator API token"
    row = session.connection().execute(
        select(ApiToken.id, ApiToken.scope, ApiToken.expires_at, ApiToken.revoked_at, ApiToken.last_used_at,
               User.id.label("user_id"), User.public_id, User.is_admin, User.is_active)
        .join(User, User.id == ApiToken.user_id)
        .where(ApiToken.token_hash == hash_secret(secret))).first()
    if row is None:
        return None, "unknown token"
    now = utcnow()
    if row.revoked_at is not None:
        return None, "this token was revoked"
    if row.expires_at is not None and row.expires_at <= now:
        return None, "this token has expired"
    if not row.is_active:
        return None, "the token's user is deactivated"
    if row.last_used_at is None or now - row.last_used_at >= LAST_USE_RESOLUTION:
        with transaction(session):
            session.execute(update(ApiToken).where(ApiToken.id == row.id).values(last_used_at=now))
    return TokenHolder(row.id, row.user_id, row.public_id, row.is_admin, row.scope), ""
