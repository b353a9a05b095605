"""Spans of an annotation set: create, change (label or attribute) and delete.

Each change is one transaction that checks access (blindness and "done" via services.annotation.sets),
validates with annotator.domain.spans (the one rule for offsets, graphemes, quoted text and
duplicates), records an event with before/after, and bumps the document's revision.

Concurrency: once the input is validated, a change writes the set row (note_change), which
takes the set's write lock on both databases (on SQLite the whole database's: so it is taken as
late and held as briefly as possible, writers taking turns through services.annotation.write_turn). The
duplicate check reads after it, so it cannot interleave with another tab's insert. A change also
names the version it was based on: an old one is refused with 409 and the paragraph as it is now.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ...domain.rendering import SpanMark
from ...domain.scheme import Label, Layer, Scheme
from ...domain.spans import SpanError, browser_selection_to_span, find_duplicate, validate_span
from ...errors import Conflict, Invalid, NotFound, Phrase
from ...models import AnnotationSet, Document, Event, Paragraph, Span, User, new_public_id, utcnow
from . import span_queries as q
from .documents_view import (
    PARAGRAPH_COLUMNS, ParagraphView, mark_of, marks_in, one_paragraph, paragraph_data, paragraph_view, scheme_for,
    scheme_of_version,
)
from ..events import event_row, record_event
from .sets import DONE_REFUSAL, note_change, set_to_write, start_change, writable_set
from ..tx import transaction
from .write_turn import Turn, write_turn


FIRST_VERSION = 1  # what SQLAlchemy's version counter gives a new row


@dataclass(frozen=True)
class SpanOutcome:
    """Where a change landed, and the paragraph as it now stands (the page redraws it)."""

    set_public_id: str
    paragraph: ParagraphView
    scheme: Scheme
    public_id: str
    version: int | None  # None once deleted

    @property
    def paragraph_index(self) -> int:
        return self.paragraph.index


def snapshot(span: Span, paragraph_index: int) -> dict:
    return {"paragraph": paragraph_index, "layer": span.layer, "label": span.label, "start": span.start,
            "end": span.end, "text": span.text, "attributes": dict(span.attributes or {}), "version": span.version}


def create_span(session: Session, user, set_public_id: str, *, paragraph_index: int, utf16_start: int,
                utf16_end: int, quoted_text: str, label: str, snap_words: bool = True,
                end_paragraph_index: int | None = None, target=None, codepoints: bool = False,
                public_id: str | None = None, attributes: dict | None = None, origin: str = "manual") -> SpanOutcome:
    """A span from a browser selection (UTF-16 offsets and the text the browser saw).

    ``codepoints``: the offsets are code points already, and exact (the API's span): stored as
    given once domain.spans.validate_span accepts them, never snapped.

    ``user``: anything with the user's database ``id``; ``target``: the set as set_to_write read
    it, if the caller has. Core statements (services.annotation.span_queries), not the ORM: this is the
    request a whole team makes every few seconds. ``public_id`` and ``attributes``: an undone
    deletion (services.history) brings the span back as it was, under its own id. ``origin``:
    "suggested" for an accepted suggestion (services.recommenders.decisions)."""
    if end_paragraph_index is not None and end_paragraph_index != paragraph_index:
        raise Invalid(Phrase("a span must stay inside one paragraph; this selection runs from paragraph "
                             "{start} to {end}", start=paragraph_index, end=end_paragraph_index), "end_paragraph")
    with write_turn(session) as turn, transaction(session):
        db = session.connection()
        if target is None:
            target = set_to_write(session, user, set_public_id)
        scheme = scheme_of_version(session, target.scheme_version_id, target.content_hash)
        layer, found = usable_label(scheme, label)
        kept = {}
        for key, value in (attributes or {}).items():
            kept = with_attribute(scheme, found.key, kept, key, value)
        paragraph = db.execute(q.PARAGRAPH_AT, {"document_id": target.document_id,
                                                "paragraph_index": paragraph_index}).first()
        if paragraph is None:
            raise Invalid(Phrase("the document has no paragraph {index}", index=paragraph_index), "paragraph")
        try:
            if codepoints:
                validate_span(paragraph.text, utf16_start, utf16_end, quoted_text)
                start, end, text = utf16_start, utf16_end, paragraph.text[utf16_start:utf16_end]
            else:
                start, end, text = browser_selection_to_span(paragraph.text, utf16_start, utf16_end, quoted_text,
                                                             snap_words=snap_words)
        except SpanError as exc:
            raise Invalid(Phrase("{field}: {problem}", field=exc.field, problem=exc.problem), exc.field) from exc
        turn.take()  # validated: now take the write lock, and keep it short
        now = start_change(session, user, target, set_public_id)
        # Read after the lock, so that a double keypress in two requests cannot both pass.
        marks = [mark_of(row) for row in db.execute(q.MARKS_OF_PARAGRAPH, {"set_id": target.id,
                                                                           "paragraph_id": paragraph.id})]
        mark = SpanMark(span_id=public_id or new_public_id(), label=found.key, layer=layer.key, start=start, end=end,
                        version=FIRST_VERSION, attributes=())
        refuse_duplicate(session, target.id, paragraph.index, mark.span_id, (mark.label, start, end), marks,
                         found.names)
        db.execute(q.INSERT_SPAN, {
            "public_id": mark.span_id, "set_id": target.id, "paragraph_id": paragraph.id, "layer": mark.layer,
            "label": mark.label, "start": start, "end": end, "text": text, "attributes": kept, "origin": origin,
            "version": FIRST_VERSION, "scheme_version_id": target.scheme_version_id, "created_at": now,
            "updated_at": now})
        after = {"paragraph": paragraph.index, "layer": mark.layer, "label": mark.label, "start": start, "end": end,
                 "text": text, "attributes": kept, "version": FIRST_VERSION}
        db.execute(q.INSERT_EVENT, event_row(action="span.create", entity="span", entity_id=mark.span_id,
                                             user_id=user.id, project_id=target.project_id, set_id=target.id,
                                             after=after))
    view = paragraph_view(paragraph, target, [*marks, mark])
    return SpanOutcome(set_public_id, view, scheme, mark.span_id, FIRST_VERSION)


def change_span(session: Session, user: User, span_public_id: str, *, version: int, label: str | None = None,
                attribute: str | None = None, value: str | None = None,
                attributes: dict | None = None) -> SpanOutcome:
    """Change a span's label (its attributes that the new label lacks are dropped) or one attribute;
    ``attributes`` replaces them all (an undo puts back what a relabel dropped)."""
    try:
        with write_turn(session) as turn, transaction(session):
            span, aset, document, paragraph = _load_for_change(session, user, span_public_id, version, turn)
            scheme, version_id = scheme_for(session, document.project_id)
            others = [m for m in marks_in(session, aset.id, paragraph.id) if m.span_id != span.public_id]
            before = snapshot(span, paragraph.index)
            # One flush, at the commit: every flush of a changed span bumps its version.
            with session.no_autoflush:
                if label is not None and label != span.label:
                    layer, found = usable_label(scheme, label)
                    span.layer, span.label, span.scheme_version_id = layer.key, found.key, version_id
                    kept = {a.key for a in found.attributes}
                    span.attributes = {k: v for k, v in (span.attributes or {}).items() if k in kept}
                    refuse_duplicate(session, aset.id, paragraph.index, span.public_id,
                                     (span.label, span.start, span.end), others, found.names)
                if attributes is not None:
                    replaced: dict = {}
                    for key, wanted in attributes.items():
                        replaced = with_attribute(scheme, span.label, replaced, key, wanted)
                    span.attributes = replaced
                if attribute is not None:
                    span.attributes = with_attribute(scheme, span.label, dict(span.attributes or {}),
                                                      attribute, value)
                span.updated_at = utcnow()
                record_event(session, action="span.change", entity="span", entity_id=span.public_id,
                             user_id=user.id, project_id=document.project_id, set_id=aset.id, before=before,
                             after={**snapshot(span, paragraph.index), "version": version + 1})
    except StaleDataError:
        _stale(session, user, span_public_id)
    view = paragraph_view(paragraph, document, [*others, mark_of(span)])
    return SpanOutcome(aset.public_id, view, scheme, span.public_id, span.version)


def delete_span(session: Session, user: User, span_public_id: str, *, version: int) -> SpanOutcome:
    """Delete a span; the links that held it go with it (the database cascades) and are logged."""
    try:
        with write_turn(session) as turn, transaction(session):
            span, aset, document, paragraph = _load_for_change(session, user, span_public_id, version, turn)
            others = [m for m in marks_in(session, aset.id, paragraph.id) if m.span_id != span_public_id]
            scheme, _version_id = scheme_for(session, document.project_id)
            before = deleted_snapshot(session, span, paragraph.index)
            session.delete(span)
            record_event(session, action="span.delete", entity="span", entity_id=span_public_id, user_id=user.id,
                         project_id=document.project_id, set_id=aset.id, before=before)
    except StaleDataError:
        _stale(session, user, span_public_id)
    return SpanOutcome(aset.public_id, paragraph_view(paragraph, document, others), scheme, span_public_id, None)


def deleted_snapshot(session: Session, span, paragraph_index: int) -> dict:
    """A deleted span's "before" (``span``: a Span or a row with its columns): the span, the links
    that held it and go with it (the database cascades them away), the stances it is evidence for
    and the actor a claim targets: what an undo brings back with it."""
    from ...models import Actor, Stance, StanceEvidence

    # Rows, not objects: the database cascades the links away, the session must not keep them.
    links = session.connection().execute(q.LINKS_HOLDING, {"span_id": span.id}).all()
    stances = session.scalars(select(Stance.public_id).join(StanceEvidence, StanceEvidence.stance_id == Stance.id)
                              .where(StanceEvidence.span_id == span.id)).all()
    actor = session.get(Actor, span.target_actor_id) if span.target_actor_id else None
    return {**snapshot(span, paragraph_index), "links": [link.public_id for link in links],
            "link_rows": [{"id": link.public_id, "type": link.link_type, "source": link.source,
                           "target": link.target} for link in links],
            "evidence_for": list(stances),
            "target": {"actor": actor.public_id, "polarity": span.target_polarity} if actor else None}


def _lock(session: Session, aset: AnnotationSet, document: Document, turn: Turn) -> None:
    """Write-lock the set: the transaction's first write is to its row (and the document's)."""
    turn.take()
    note_change(session, aset, document)
    session.flush()
    session.refresh(aset, ["status"])
    if aset.status == "done":  # marked done in another tab between the check and the lock
        raise Conflict(DONE_REFUSAL, "status")


def _load_for_change(session, user, span_public_id, version, turn: Turn):
    span = session.scalar(select(Span).where(Span.public_id == span_public_id))
    if span is None:
        _gone(session, user, span_public_id)
    aset = session.get(AnnotationSet, span.set_id)
    if aset.user_id != user.id or not aset.assigned:
        raise NotFound("no such span", "span")  # another annotator's span: not "forbidden"
    aset = writable_set(session, user, aset.public_id)
    document = session.get(Document, aset.document_id)
    _lock(session, aset, document, turn)
    paragraph = session.get(Paragraph, span.paragraph_id)
    if span.version != version:
        _conflict(session, aset, paragraph.index,
                  Phrase("this span changed in another tab or window (version {version}, this page had {page})",
                         version=span.version, page=version))
    return span, aset, document, paragraph


def usable_label(scheme: Scheme, key: str) -> tuple[Layer, Label]:
    found = scheme.find_label(key)
    if found is None or not found[0].enabled:
        raise Invalid(Phrase("unknown label '{key}': not a span label of this project's scheme", key=key), "label")
    if found[1].retired:
        raise Invalid(Phrase("label '{key}' is retired: it is kept for old annotations, not for new ones", key=key),
                      "label")
    return found


def with_attribute(scheme: Scheme, label_key: str, attributes: dict, key: str, value: str | None) -> dict:
    _layer, label = scheme.find_label(label_key)
    attribute = next((a for a in label.attributes if a.key == key), None)
    if attribute is None:
        raise Invalid(Phrase("label '{label}' has no attribute '{key}'", label=label_key, key=key), "attribute")
    if not value:
        attributes.pop(key, None)
        return attributes
    allowed = [v.key for v in attribute.values]
    if value not in allowed:
        raise Invalid(Phrase("'{value}' is not a value of {key} (expected one of {choices})", ", ", value=value,
                             key=key, choices=allowed), "value")
    attributes[key] = value
    return attributes


def refuse_duplicate(session: Session, set_id: int, paragraph_index: int, span_id: str,
                      extent: tuple[str, int, int], marks: list, label_names) -> None:
    """``extent``: the span's (label, start, end); ``marks``: the set's other spans in the paragraph,
    as read inside this transaction, after its write lock; ``label_names``: the label's names."""
    existing = [(m.span_id, m.label, m.start, m.end) for m in marks]
    if find_duplicate(extent, existing, ignore_id=span_id) is not None:
        _conflict(session, set_id, paragraph_index,
                  "this set already has a {label} span over this text: the same label may not overlap itself",
                  field="label", names={"label": dict(label_names)})


def _conflict(session, aset: AnnotationSet | int, index: int, message: str, field: str = "version",
              names: dict | None = None):
    if isinstance(aset, int):
        aset = session.get(AnnotationSet, aset)
    fresh = paragraph_data(one_paragraph(session, aset, index))
    raise Conflict(message, field, names=names, paragraph=fresh, set=aset.public_id)


def _gone(session: Session, user: User, span_public_id: str):
    """A span that no longer exists: 409 if the user deleted it elsewhere, else 404 (blindness)."""
    event = session.scalar(select(Event).where(Event.entity == "span", Event.entity_id == span_public_id,
                                               Event.action == "span.delete", Event.user_id == user.id))
    if event is not None:
        aset = session.get(AnnotationSet, event.set_id)
        if aset is not None and aset.user_id == user.id:
            _conflict(session, aset, (event.before or {}).get("paragraph", 0),
                      "this span was deleted in another tab or window")
    raise NotFound("no such span", "span")


def _stale(session: Session, user: User, span_public_id: str):
    # The version check passed but another writer got there first: answer as for an old version.
    session.rollback()
    span = session.scalar(select(Span).where(Span.public_id == span_public_id))
    if span is None:
        _gone(session, user, span_public_id)
    aset = session.get(AnnotationSet, span.set_id)
    _conflict(session, aset, session.get(Paragraph, span.paragraph_id).index,
              "this span changed in another tab or window at the same moment")
