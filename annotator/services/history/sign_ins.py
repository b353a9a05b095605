"""Sign-in attempts (success, failure, refused for too many attempts), for the audit.

They have their own table (models.SignIn): a sign-in changes no annotation, and the event log
stays the log of changes. A failure for a name that is no account keeps the name typed (cut to
the column's size), so a lead or an admin can see a guessing attack; the password never is.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import SignIn, User
from ..tx import transaction

OUTCOMES = ("sign_in", "sign_in_failed", "sign_in_throttled")


def record_sign_in(session: Session, outcome: str, *, username: str, address: str | None, user=None) -> None:
    """Log one sign-in attempt; ``user``: the account signed in (for a success), else found by name."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown sign-in outcome {outcome!r}")
    name = (username or "").strip()[:80]
    with transaction(session):
        user_id = user.id if user is not None else (
            session.scalar(select(User.id).where(User.username == name)) if name else None)
        session.add(SignIn(user_id=user_id, username=name, outcome=outcome, address=(address or None) and address[:64]))
