"""Notes an annotator leaves for the adjudicator ("unsure: is this sarcasm?"), on the document or
on one of their own spans or stances. One note per target: saving again replaces it, saving an
empty text removes it. They never change the annotations, so a done set takes them too."""
from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ...errors import NotFound, Phrase
from ...models import AdjudicatorNote, AnnotationSet, Document, Span, Stance, User, utcnow
from ..events import record_event
from ..tx import transaction
from .sets import require_own_set

TARGETS = {"span": Span, "stance": Stance}
NO_SUCH_TARGET = {"span": Phrase("no such span in this set"), "stance": Phrase("no such stance in this set")}


def notes_of(session: Session, set_id: int) -> list[AdjudicatorNote]:
    return list(session.scalars(select(AdjudicatorNote).where(AdjudicatorNote.set_id == set_id)
                                .order_by(AdjudicatorNote.target_kind, AdjudicatorNote.id)))


def notes_by_target(notes: list[AdjudicatorNote]) -> dict[str, str]:
    """The notes on spans and stances by "span:<id>" / "stance:<id>": what the page shows on each."""
    return {f"{n.target_kind}:{n.target_id}": n.text for n in notes if n.target_id is not None}


def save_note(session: Session, user: User, set_public_id: str, target: str, target_id: str | None,
              text: str) -> AdjudicatorNote | None:
    require_own_set(session, user, set_public_id)
    with transaction(session):
        aset = session.scalar(select(AnnotationSet).where(AnnotationSet.public_id == set_public_id))
        if target != "document":
            model = TARGETS[target]
            if session.scalar(select(model.id).where(model.public_id == target_id, model.set_id == aset.id)) is None:
                raise NotFound(NO_SUCH_TARGET[target], "target_id")
        else:
            target_id = None
        found = session.scalar(select(AdjudicatorNote).where(
            AdjudicatorNote.set_id == aset.id, AdjudicatorNote.target_kind == target,
            AdjudicatorNote.target_id.is_(None) if target_id is None else AdjudicatorNote.target_id == target_id))
        before = found.text if found else None
        text = text.strip()
        if not text:
            if found is not None:
                session.execute(delete(AdjudicatorNote).where(AdjudicatorNote.id == found.id))
            found = None
        elif found is None:
            found = AdjudicatorNote(set_id=aset.id, target_kind=target, target_id=target_id, text=text)
            session.add(found)
        else:
            found.text, found.updated_at = text, utcnow()
        record_event(session, action="note.save", entity=target, entity_id=target_id or aset.public_id,
                     user_id=user.id, set_id=aset.id, project_id=session.get(Document, aset.document_id).project_id, before={"text": before}, after={"text": text or None})
    return found
