"""A person's reading settings: stored on their user, shown as a stylesheet on the annotation page."""
from __future__ import annotations

from decimal import Decimal

from sqlalchemy.orm import Session

from ...models import User
from ..tx import transaction


def save(db: Session, user_id: int, text_size: int | None, line_height: Decimal | None) -> User:
    """Both values already checked at the edge (schemas.reading); None means the page's default."""
    with transaction(db):
        user = db.get(User, user_id)
        user.reading_text_size = text_size
        user.reading_line_height_tenths = None if line_height is None else int(line_height * 10)
    return user


def stylesheet(user: User) -> str:
    """Custom properties the annotation page's stylesheet reads (annotate.css); empty when all default."""
    rules = []
    if user.reading_text_size is not None:
        rules.append(f"--reading-scale: {user.reading_text_size / 100:.2f};")
    if user.reading_line_height_tenths is not None:
        rules.append(f"--reading-line: {user.reading_line_height_tenths / 10:.1f};")
    return f":root {{ {' '.join(rules)} }}\n" if rules else ""
