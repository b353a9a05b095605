"""Users: creation with a memory-hard password hash (Argon2id), and authentication."""
from __future__ import annotations

import uuid

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.usernames import normalise
from ...errors import Invalid, Phrase
from ...models import User
from ..accounts.rules import validated_password, validated_username
from ..events import record_event
from ..tx import transaction

_hasher = PasswordHasher()


def configure_hasher(**params) -> None:
    """Tests lower Argon2's cost (PASSWORD_HASH_PARAMS); production keeps the library's defaults."""
    global _hasher
    _hasher = PasswordHasher(**params) if params else PasswordHasher()


# The floor for any hash, random passwords included; people's passwords follow the rule in
# services.accounts.rules (12 characters, not the name, not a common one).
MIN_PASSWORD_LENGTH = 8


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Invalid(Phrase("password must be at least {minimum} characters", minimum=MIN_PASSWORD_LENGTH), "password")
    return _hasher.hash(password)


def create_user(
    session: Session, username: str, password: str, *, display_name: str = "", is_admin: bool = False
) -> User:
    with transaction(session):
        username = validated_username(session, username)
        validated_password(password, username)
        user = User(
            username=username,
            display_name=display_name or username,
            password_hash=hash_password(password),
            is_admin=is_admin,
            session_token=str(uuid.uuid4()),
        )
        session.add(user)
        session.flush()
        record_event(session, action="user.create", entity="user", entity_id=user.public_id,
                     after={"username": username, "is_admin": is_admin})
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    user = session.scalar(select(User).where(User.username == normalise(username)))
    if user is None or not user.is_active:
        # Hash anyway, so the answer takes as long for unknown users as for known ones.
        _hasher.hash(password or "x")
        return None
    return user if verify_password(user, password) else None


def verify_password(user: User, password: str) -> bool:
    try:
        return _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def find_user(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == normalise(username)))
