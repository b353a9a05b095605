"""Sign-in events (success, failure, refused for too many attempts), for the audit.

They belong to no project: a project's audit shows those of its members. A failure for a name
that is no account keeps the name typed (cut to the column's size), so a lead or an admin can
see a guessing attack; the password is never logged.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import User
from ..events import record_event
from ..tx import transaction

OUTCOMES = ("sign_in", "sign_in_failed", "sign_in_throttled")


def record_sign_in(session: Session, outcome: str, *, username: str, address: str | None, user=None) -> None:
    """Log one sign-in attempt; ``user``: the account signed in (for a success), else found by name."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown sign-in outcome {outcome!r}")
    name = (username or "").strip()
    with transaction(session):
        if user is None and name:
            user = session.execute(select(User.id, User.public_id).where(User.username == name)).first()
        record_event(session, action=f"auth.{outcome}", entity="user",
                     entity_id=(user.public_id if user is not None else name)[:64] or "-",
                     user_id=user.id if user is not None else None,
                     after={"username": name[:80], "address": address})
