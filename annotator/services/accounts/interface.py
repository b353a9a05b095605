"""A person's interface settings: the language of the pages and the digits numbers are written in."""
from __future__ import annotations

from sqlalchemy.orm import Session

from ...errors import Invalid, Phrase
from ...models import User
from ..events import record_event
from ..tx import transaction

LANGUAGES = ("en", "ar", "fr")
DIGITS = ("latn", "arab")  # Western 0-9 (the default), Arabic-Indic ٠-٩


def set_interface(db: Session, user_id: int, language: str | None, digits: str) -> User:
    """``language`` None (or "") follows the browser's Accept-Language. Anything else out of range
    is refused naming the setting, and nothing changes."""
    language = language or None
    if language is not None and language not in LANGUAGES:
        raise Invalid(Phrase("language: «{value}» is not offered; choose one of {choices}", value=language,
                             choices=", ".join(LANGUAGES)), "language")
    if digits not in DIGITS:
        raise Invalid(Phrase("digits: «{value}» is not a digit setting; choose one of {choices}", value=digits,
                             choices=", ".join(DIGITS)), "digits")
    user = db.get(User, user_id)
    with transaction(db):
        before = {"ui_language": user.ui_language, "digits": user.digits}
        user.ui_language, user.digits = language, digits
        record_event(db, action="user.interface", entity="user", entity_id=user.public_id, user_id=user.id,
                     before=before, after={"ui_language": language, "digits": digits})
    return user
