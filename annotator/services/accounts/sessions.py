"""Login sessions: started at login, checked on every request, ended for good.

A request's check is one indexed read (the session row joined to its user), built once at import
like the span save's statements; the row's last-seen time, the idle timeout's clock, is written
at most once a minute per session, so a save every few seconds pays for no write of its own.
The cookie holds ``user public id : user's session generation : session secret``; bumping the
generation (users.session_token) ends every session of the user in the same read.
"""
from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from ...models import LoginSession, User, utcnow
from ..annotation.write_turn import write_turn
from ..tx import transaction

TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class SessionPolicy:
    """How long a session lasts: since login at most, and since its last request."""

    lifetime: timedelta
    idle: timedelta


@dataclass(frozen=True)
class Holder:
    """Who a valid cookie belongs to, with the session it was issued for."""

    user_id: int
    public_id: str
    generation: str
    is_admin: bool
    session_id: int
    token: str
    # The holder's interface settings, read in the same query: every page needs them.
    ui_language: str | None = None
    digits: str = "latn"

    @property
    def cookie_value(self) -> str:
        return f"{self.public_id}:{self.generation}:{self.token}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(db: Session, user: User, *, user_agent: str = "", address: str = "") -> Holder:
    """A new session for ``user`` (at login): a fresh secret, never one sent before."""
    token = secrets.token_urlsafe(32)
    with transaction(db):
        row = LoginSession(user_id=user.id, token_hash=token_hash(token), user_agent=user_agent[:200],
                           address=address[:45])
        db.add(row)
        db.flush()
    return Holder(user.id, user.public_id, user.session_token, user.is_admin, row.id, token, user.ui_language,
                  user.digits or "latn")


# The session must be open, younger than the lifetime and used within the idle timeout: judged by
# the database, so no time column comes back to be parsed (that doubled the read's cost on SQLite).
_HOLDER_BY_TOKEN = (
    select(User.id, User.public_id, User.session_token, User.is_admin, User.ui_language, User.digits,
           LoginSession.id.label("session_id"),
           (LoginSession.last_seen_at < bindparam("touch_before")).label("stale"))
    .join(User, User.id == LoginSession.user_id)
    .where(LoginSession.token_hash == bindparam("token_hash"), User.is_active.is_(True),
           LoginSession.ended_at.is_(None), LoginSession.created_at > bindparam("born_after"),
           LoginSession.last_seen_at > bindparam("seen_after")))
_TOUCH = update(LoginSession).where(LoginSession.id == bindparam("session_id")).values(
    last_seen_at=bindparam("now"))


def holder_of(db: Session, cookie_value: str, policy: SessionPolicy) -> Holder | None:
    """The holder of a cookie when its session is alive; None when it ended, expired or is forged."""
    public_id, _, rest = cookie_value.partition(":")
    generation, _, token = rest.partition(":")
    if not token:
        return None
    now = utcnow()
    row = db.connection().execute(_HOLDER_BY_TOKEN, {
        "token_hash": token_hash(token), "touch_before": now - TOUCH_EVERY, "born_after": now - policy.lifetime,
        "seen_after": now - policy.idle}).first()
    if row is None or row.public_id != public_id or row.session_token != generation:
        return None
    if row.stale:
        _touch(db, row.session_id, now)
    return Holder(row.id, public_id, generation, row.is_admin, row.session_id, token, row.ui_language,
                  row.digits or "latn")


def _touch(db: Session, session_id: int, now: datetime) -> None:
    try:
        with write_turn(db) as turn:
            turn.take()
            db.connection().execute(_TOUCH, {"session_id": session_id, "now": now})
            db.commit()
    except OperationalError:
        # The clock is best effort: a busy database must not refuse the request it belongs to.
        db.rollback()


def end(db: Session, session_id: int, reason: str) -> None:
    with transaction(db):
        db.execute(update(LoginSession).where(LoginSession.id == session_id, LoginSession.ended_at.is_(None))
                   .values(ended_at=utcnow(), ended_reason=reason))


def end_all(db: Session, user_id: int, reason: str, *, keep_session_id: int | None = None) -> int:
    """End the user's sessions (all but ``keep_session_id``); the number ended. Ending them all also
    moves the user's generation on, so even a session started meanwhile is refused."""
    with transaction(db):
        query = update(LoginSession).where(LoginSession.user_id == user_id, LoginSession.ended_at.is_(None))
        if keep_session_id is not None:
            query = query.where(LoginSession.id != keep_session_id)
        ended = db.execute(query.values(ended_at=utcnow(), ended_reason=reason)).rowcount
        if keep_session_id is None:
            db.execute(update(User).where(User.id == user_id).values(session_token=str(uuid.uuid4())))
    return ended


def active_sessions(db: Session, user_id: int, policy: SessionPolicy) -> list[LoginSession]:
    """The user's sessions still alive, most recently used first."""
    now = utcnow()
    rows = db.scalars(select(LoginSession).where(LoginSession.user_id == user_id, LoginSession.ended_at.is_(None))
                      .where(LoginSession.created_at > now - policy.lifetime,
                             LoginSession.last_seen_at > now - policy.idle)
                      .order_by(LoginSession.last_seen_at.desc(), LoginSession.id.desc())).all()
    return list(rows)


def end_own(db: Session, user_id: int, session_public_id: str, reason: str = "signed_out") -> bool:
    """End one of the user's own sessions by its public id; False when it is not theirs (or gone)."""
    row = db.scalar(select(LoginSession).where(LoginSession.public_id == session_public_id,
                                               LoginSession.user_id == user_id))
    if row is None:
        return False
    end(db, row.id, reason)
    return True
