"""Account changes: the name and password rules applied, passwords changed, users deactivated.

A changed password or a deactivation ends the user's sessions (services.accounts.sessions); a
deactivated user's work stays exactly as it is, and they can be activated again.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain import usernames
from ...errors import Conflict, Invalid, NotFound, Phrase
from ...models import User
from ..events import record_event
from ..team.users import hash_password, verify_password
from ..tx import transaction
from . import sessions
from .rules import validated_password


def find(db: Session, username: str) -> User:
    user = db.scalar(select(User).where(User.username == usernames.normalise(username)))
    if user is None:
        raise NotFound(Phrase("no user named '{name}'", name=username), "username")
    return user


def find_by_public_id(db: Session, public_id: str) -> User:
    user = db.scalar(select(User).where(User.public_id == public_id))
    if user is None:
        raise NotFound("no such user", "user")
    return user


def change_own_password(db: Session, user_id: int, current: str, new: str, *, keep_session_id: int | None) -> int:
    """Change a user's own password after checking the current one; the user's other sessions end.
    The number of sessions ended."""
    user = db.get(User, user_id)
    if not verify_password(user, current):
        raise Invalid("the current password is not right", "current_password")
    validated_password(new, user.username)
    with transaction(db):
        user.password_hash = hash_password(new)
        record_event(db, action="user.password", entity="user", entity_id=user.public_id, user_id=user.id,
                     after={"by": "self"})
    return sessions.end_all(db, user.id, "password", keep_session_id=keep_session_id)


def set_password(db: Session, user: User, new: str, *, by: int | None = None) -> int:
    """An administrator sets a user's password: every session of that user ends."""
    validated_password(new, user.username)
    with transaction(db):
        user.password_hash = hash_password(new)
        record_event(db, action="user.password", entity="user", entity_id=user.public_id, user_id=by,
                     after={"by": "admin"})
    return sessions.end_all(db, user.id, "password")


def set_active(db: Session, user: User, active: bool, *, by: int | None = None) -> None:
    """Deactivate (their sessions end, their work stays) or activate a user again."""
    if by is not None and by == user.id and not active:
        raise Conflict("you cannot deactivate yourself", "user")
    with transaction(db):
        user.is_active = active
        record_event(db, action="user.activate" if active else "user.deactivate", entity="user",
                     entity_id=user.public_id, user_id=by, after={"is_active": active})
    if not active:
        sessions.end_all(db, user.id, "deactivated")
