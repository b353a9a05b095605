"""Accepting and rejecting a suggestion. The server finds the suggestion again from its key
(never trusting a score or offsets from the browser), so only an open suggestion of the user's
own writable set can be decided; accepting makes the ordinary annotation, in one transaction
with the decision row that keeps its recommender and score."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import Conflict, Invalid, NotFound
from ...models import Span, SuggestionDecision, User
from ..annotation.frames import choose_frame
from ..annotation.sets import writable_set
from ..annotation.spans import create_span
from ..annotation.stances import set_stance
from ..tx import transaction
from .suggesting import SuggestionView, suggestions_for_set


def _open_suggestion(session: Session, user: User, set_public_id: str, key: str):
    if not isinstance(key, str) or not key:
        raise Invalid("name the suggestion by its key", "key")
    aset = writable_set(session, user, set_public_id)
    found = next((s for s in suggestions_for_set(session, user, aset) if s.key == key), None)
    if found is None:
        raise NotFound("no such open suggestion in this set (already decided, or no longer suggested)", "key")
    return aset, found


def _record(session: Session, aset, s: SuggestionView, decision: str, span_id: int | None = None) -> None:
    session.add(SuggestionDecision(set_id=aset.id, span_id=span_id, key=s.key, kind=s.kind, label=s.label,
                                   recommender=s.recommender[:64], score=s.score, decision=decision))


def accept_suggestion(session: Session, user: User, set_public_id: str, key: str) -> SuggestionView:
    aset, s = _open_suggestion(session, user, set_public_id, key)
    if s.kind == "label":
        raise Conflict("a technique suggested for a whole paragraph is a hint: select the words it is in", "key")
    with transaction(session):
        span_id = None
        if s.kind == "span":
            outcome = create_span(session, user, set_public_id, paragraph_index=s.paragraph, utf16_start=s.start,
                                  utf16_end=s.end, quoted_text=s.text, label=s.label, codepoints=True,
                                  origin="suggested")
            span_id = session.scalar(select(Span.id).where(Span.public_id == outcome.public_id))
        elif s.kind == "frame":
            choose_frame(session, user, set_public_id, frame=s.label, role=s.key.split(":")[1], origin="suggested")
        else:
            set_stance(session, user, set_public_id, actor_id=s.actor, value=s.label, origin="suggested")
        _record(session, aset, s, "accepted", span_id)
    return s


def reject_suggestion(session: Session, user: User, set_public_id: str, key: str) -> SuggestionView:
    aset, s = _open_suggestion(session, user, set_public_id, key)
    with transaction(session):
        _record(session, aset, s, "rejected")
    return s
