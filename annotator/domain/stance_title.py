"""What a stance is toward, as the adjudication and comparison pages title it: the actor, where
(the whole document or a paragraph) and whose stance it is if quoted. A Phrase, said in the
reader's language where it is shown; the JSON answers and the CLI read its English."""
from __future__ import annotations

from ..i18n import Phrase


def stance_title(actor: str, paragraph: int | None, holder: str | None = None) -> Phrase:
    """``paragraph``: the number the page shows (None: the whole document)."""
    if paragraph is None:
        return Phrase("{actor} (whole document, held by {holder})", actor=actor, holder=holder) if holder else \
            Phrase("{actor} (whole document)", actor=actor)
    if holder:
        return Phrase("{actor} (paragraph {n}, held by {holder})", actor=actor, n=paragraph, holder=holder)
    return Phrase("{actor} (paragraph {n})", actor=actor, n=paragraph)


def scope_words(paragraph: int | None) -> Phrase:
    return Phrase("whole document") if paragraph is None else Phrase("paragraph {n}", n=paragraph)
