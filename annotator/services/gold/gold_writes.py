"""Rows written into (and taken out of) the gold set: spans, links, stances and frame choices.

The gold set is an ordinary set, so it keeps the rules every set keeps: one label never twice over
overlapping text, one choice per frame and scope, a link only between two of its own spans.
"""
from __future__ import annotations

from sqlalchemy import bindparam, delete, insert, select
from sqlalchemy.orm import Session

from ...domain.spans import find_duplicate
from ...errors import Conflict, Phrase
from ...models import AnnotationSet, FrameChoice, Link, Paragraph, SchemeVersion, Span, Stance, new_public_id, utcnow


def add_span(session: Session, gold: AnnotationSet, paragraph, *, layer: str, label: str, start: int,
             end: int, attributes: dict, scheme_version_id: int) -> str:
    """The new gold span's public id. ``paragraph``: a Paragraph or a row with its id and text.
    A plain insert on the transaction's connection: a decision is frequent, and the ORM's unit of
    work costs more than the rest of the write."""
    db = session.connection()
    existing = db.execute(_GOLD_SPANS_OF_PARAGRAPH, {"set_id": gold.id, "paragraph_id": paragraph.id}).all()
    duplicate = find_duplicate((label, start, end), existing)
    if duplicate is not None:
        raise Conflict(Phrase("gold already has '{label}' over overlapping text (span {span}): undo that decision "
                              "or choose another label", label=label, span=duplicate), "label")
    public_id, now = new_public_id(), utcnow()
    db.execute(_INSERT_SPAN, {
        "public_id": public_id, "set_id": gold.id, "paragraph_id": paragraph.id, "layer": layer, "label": label,
        "start": start, "end": end, "text": paragraph.text[start:end], "attributes": dict(attributes or {}),
        "origin": "manual", "version": 1, "scheme_version_id": scheme_version_id, "created_at": now,
        "updated_at": now})
    return public_id


_INSERT_SPAN = insert(Span.__table__)
_GOLD_SPANS_OF_PARAGRAPH = select(Span.public_id, Span.label, Span.start, Span.end).where(
    Span.set_id == bindparam("set_id"), Span.paragraph_id == bindparam("paragraph_id"))


def add_link(session: Session, gold: AnnotationSet, source_public_id: str, target_public_id: str, link_type: str,
             scheme_version_id: int) -> Link:
    ids = dict(session.execute(select(Span.public_id, Span.id).where(
        Span.set_id == gold.id, Span.public_id.in_([source_public_id, target_public_id]))).all())
    link = Link(set_id=gold.id, source_span_id=ids[source_public_id], target_span_id=ids[target_public_id],
                link_type=link_type, scheme_version_id=scheme_version_id)
    session.add(link)
    session.flush()
    return link


def add_stance(session: Session, gold: AnnotationSet, *, actor_id: int, paragraph: Paragraph | None, holder: str,
               value: str, intensity: int | None, scheme_version_id: int) -> Stance:
    stance = Stance(set_id=gold.id, actor_id=actor_id, paragraph_id=paragraph.id if paragraph else None,
                    holder=holder, value=value, intensity=intensity if value in ("favor", "against") else None,
                    scheme_version_id=scheme_version_id)
    session.add(stance)
    session.flush()
    return stance


def _frame_names(session: Session, scheme_version_id: int, frame: str) -> dict[str, str]:
    """The frame's name in each language, for a message a person reads (never its key)."""
    from ..team.projects import scheme_of

    scheme = scheme_of(session.get(SchemeVersion, scheme_version_id))
    label = next((lab for lab in scheme.frames.labels if lab.key == frame), None)
    return dict(label.names) if label else {"en": frame.replace("_", " ")}


def add_frame(session: Session, gold: AnnotationSet, *, frame: str, paragraph: Paragraph | None, primary: bool,
              scheme_version_id: int) -> FrameChoice:
    paragraph_id = paragraph.id if paragraph else None
    taken = session.scalar(select(FrameChoice.is_primary).where(
        FrameChoice.set_id == gold.id, FrameChoice.frame == frame,
        FrameChoice.paragraph_id.is_(None) if paragraph_id is None else FrameChoice.paragraph_id == paragraph_id))
    if taken is not None:
        names = _frame_names(session, scheme_version_id, frame)
        message = (Phrase("gold already has the frame «{frame}» as primary: undo that decision first", frame=names)
                   if taken else
                   Phrase("gold already has the frame «{frame}» as secondary: undo that decision first", frame=names))
        raise Conflict(message, "frame")
    if primary and session.scalar(select(FrameChoice.frame).where(
            FrameChoice.set_id == gold.id, FrameChoice.is_primary.is_(True),
            FrameChoice.paragraph_id.is_(None) if paragraph_id is None else FrameChoice.paragraph_id == paragraph_id)):
        raise Conflict("gold already has a primary frame here: undo that decision first", "frame")
    choice = FrameChoice(set_id=gold.id, paragraph_id=paragraph_id, frame=frame, is_primary=primary,
                         scheme_version_id=scheme_version_id)
    session.add(choice)
    session.flush()
    return choice


GOLD_TABLES = {"span": Span, "link": Link, "stance": Stance, "frame": FrameChoice}


def remove_item(session: Session, gold: AnnotationSet, kind: str, public_id: str | None) -> None:
    if public_id is None:
        return
    table = GOLD_TABLES[kind]
    session.execute(delete(table).where(table.set_id == gold.id, table.public_id == public_id)
                    .execution_options(synchronize_session=False))


def links_touching(session: Session, gold: AnnotationSet, span_public_id: str) -> list[str]:
    """Public ids of the gold links that would lose an end with this gold span."""
    span_id = session.scalar(select(Span.id).where(Span.set_id == gold.id, Span.public_id == span_public_id))
    if span_id is None:
        return []
    return list(session.scalars(select(Link.public_id).where(
        Link.set_id == gold.id, (Link.source_span_id == span_id) | (Link.target_span_id == span_id))))
