"""Taking a logged change back (undo) or making it again (redo) through the ordinary services.

Each change's event holds the record as it was before and after. Undo moves the record from
"after" back to "before", redo from "before" to "after", always through services.annotation
(spans, links, stances, frames, finishing), so blindness, done sets, scheme rules and version
checks apply exactly as for a change made by hand. A span is deleted through
services.annotation.locked_writes, with the same checks and the same logged event: the set is
locked and read already (services.history.undo), and the page is redrawn from the answer's
X-History-Refresh, not from a paragraph the service draws. First the record must still be as the change
left it: if anything changed it since (another tab, an import), the answer is a 409 that says
so, and nothing is written.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from ...errors import Conflict, Phrase
from ...models import (Actor, AnnotationSet, Event, FrameChoice, Link, Mention, MentionConfirmation, Paragraph, Span,
                      Stance, StanceEvidence)
from ..actors import mention_edits
from ..annotation import finishing, frames, links, locked_writes, spans, stances


@dataclass
class Touched:
    """What the page must redraw after an undo or redo."""

    paragraphs: set[int] = field(default_factory=set)
    panels: set[str] = field(default_factory=set)  # "links", "stance", "frames", "status", "mentions"


def _changed_since(what: Phrase) -> Conflict:
    return Conflict(Phrase("cannot take this back: {what} was changed since (in another tab or window, or by an "
                           "import); undo and redo stop here until the page is reloaded", what=what), "history")


def apply(session: Session, user, aset: AnnotationSet, locked, event: Event, *, undo: bool) -> Touched:
    """Move the event's record to its state before the change (undo) or after it (redo).
    ``locked``: the set as services.annotation.sets.set_to_write reads it, read after its lock."""
    expected, wanted = (event.after, event.before) if undo else (event.before, event.after)
    family = event.action.split(".")[0]
    touched = Touched()
    if event.action == "span.target":
        _claim_target(session, user, aset, event, expected, wanted, touched)
    elif family == "span":  # the most frequent change: written without reloading what is loaded
        _span(session, user, aset, locked, event, expected, wanted, touched)
    elif event.action.startswith("stance.evidence."):
        present = bool((event.after or {}).get("present"))
        _evidence(session, user, aset, event, present if undo else not present, touched)
    else:
        HANDLERS[family](session, user, aset, event, expected, wanted, touched)
    return touched


# --- spans ------------------------------------------------------------------------------------

def _span_state(snapshot: dict | None):
    if snapshot is None:
        return None
    return (snapshot["label"], snapshot["start"], snapshot["end"], dict(snapshot.get("attributes") or {}))


# The span's columns as snapshot and deleted_snapshot read them, with its paragraph's index.
_SPAN_NOW = (select(Span.id, Span.public_id, Span.layer, Span.label, Span.start, Span.end, Span.text,
                    Span.attributes, Span.version, Span.target_actor_id, Span.target_polarity, Span.paragraph_id,
                    Span.scheme_version_id, Paragraph.index.label("paragraph_index"))
             .join(Paragraph, Paragraph.id == Span.paragraph_id)
             .where(Span.public_id == bindparam("public_id"), Span.set_id == bindparam("set_id")))


_WRITTEN_BY_START_CHANGE = ("status", "started_at", "updated_at")


def _span(session, user, aset, locked, event, expected, wanted, touched: Touched) -> None:
    # A row, not a Span: the span is deleted or changed below by Core statements (locked_writes).
    span = session.execute(_SPAN_NOW, {"public_id": event.entity_id, "set_id": aset.id}).first()
    current = None if span is None else (span.label, span.start, span.end, dict(span.attributes or {}))
    if current != _span_state(expected):
        raise _changed_since(Phrase("this span"))
    touched.paragraphs.add((wanted or expected)["paragraph"])
    if expected is not None:  # the set's row is written by a Core statement below: read again if asked
        session.expire(aset, _WRITTEN_BY_START_CHANGE)
    if wanted is None:
        locked_writes.delete_span_in_locked_set(session, user, locked, aset.public_id, span, span.paragraph_index)
        touched.panels.update(("links", "stance"))
    elif expected is None:
        _restore_span(session, user, aset, locked, event.entity_id, wanted, touched)
    else:
        locked_writes.change_span_in_locked_set(session, user, locked, aset.public_id, span, span.paragraph_index,
                                                label=wanted["label"], attributes=dict(wanted.get("attributes") or {}))
        touched.panels.add("links")


def _restore_span(session, user, aset, locked, span_public_id: str, wanted: dict, touched: Touched) -> None:
    """A deleted span comes back under its own id, with the links, evidence and target it held."""
    spans.create_span(session, user, aset.public_id, paragraph_index=wanted["paragraph"], utf16_start=wanted["start"],
                      utf16_end=wanted["end"], quoted_text=wanted["text"], label=wanted["label"], codepoints=True,
                      public_id=span_public_id, attributes=dict(wanted.get("attributes") or {}), target=locked)
    link_rows = wanted.get("link_rows") or []
    # The set's spans, asked only when there are links to bring back (most spans have none).
    present = set(session.scalars(select(Span.public_id).where(Span.set_id == aset.id))) if link_rows else set()
    for row in link_rows:
        if row["source"] in present and row["target"] in present:  # the other span may be gone too
            links.create_link(session, user, aset.public_id, source_id=row["source"], target_id=row["target"],
                              link_type=row["type"], public_id=row["id"])
            touched.panels.add("links")
    for stance_id in wanted.get("evidence_for") or []:
        if session.scalar(select(Stance.id).where(Stance.public_id == stance_id, Stance.set_id == aset.id)):
            stances.set_evidence(session, user, aset.public_id, stance_id, span_public_id, True)
            touched.panels.add("stance")
    claim_target = wanted.get("target")
    if claim_target:
        stances.set_claim_target(session, user, aset.public_id, span_public_id, actor_id=claim_target["actor"],
                                 polarity=claim_target["polarity"])


def _claim_target(session, user, aset, event, expected, wanted, touched: Touched) -> None:
    span = session.scalar(select(Span).where(Span.public_id == event.entity_id, Span.set_id == aset.id))
    if span is None or (span.target_actor_id, span.target_polarity) != (
            expected["target_actor_id"], expected["target_polarity"]):
        raise _changed_since(Phrase("this claim's target"))
    actor = session.get(Actor, wanted["target_actor_id"]) if wanted["target_actor_id"] else None
    stances.set_claim_target(session, user, aset.public_id, span.public_id,
                             actor_id=actor.public_id if actor else None, polarity=wanted["target_polarity"])
    touched.paragraphs.add(session.get(Paragraph, span.paragraph_id).index)


# --- links ------------------------------------------------------------------------------------

def _link(session, user, aset, event, expected, wanted, touched: Touched) -> None:
    link = session.scalar(select(Link).where(Link.public_id == event.entity_id, Link.set_id == aset.id))
    if (None if link is None else link.link_type) != (None if expected is None else expected["type"]):
        raise _changed_since(Phrase("this link"))
    touched.panels.add("links")
    if wanted is None:
        links.delete_link(session, user, aset.public_id, event.entity_id)
    elif expected is None:
        links.create_link(session, user, aset.public_id, source_id=wanted["source"], target_id=wanted["target"],
                          link_type=wanted["type"], public_id=event.entity_id)
    else:
        links.retype_link(session, user, aset.public_id, event.entity_id, link_type=wanted["type"],
                          version=link.version)


# --- stances ----------------------------------------------------------------------------------

def _stance(session, user, aset, event, expected, wanted, touched: Touched) -> None:
    # Found by what it is about (actor, place, holder): one row each, whatever its public id.
    key = wanted or expected
    place = (Stance.paragraph_id.is_(None) if key["paragraph_id"] is None
             else Stance.paragraph_id == key["paragraph_id"])
    stance = session.scalar(select(Stance).where(Stance.set_id == aset.id, Stance.actor_id == key["actor_id"],
                                                 place, Stance.holder == key["holder"]))
    current = None if stance is None else (stance.value, stance.intensity)
    if current != (None if expected is None else (expected["value"], expected["intensity"])):
        raise _changed_since(Phrase("this stance"))
    touched.panels.add("stance")
    if wanted is None:
        stances.delete_stance(session, user, aset.public_id, stance.public_id)
        return
    actor = session.get(Actor, key["actor_id"])
    paragraph = session.get(Paragraph, key["paragraph_id"]) if key["paragraph_id"] else None
    stances.set_stance(session, user, aset.public_id, actor_id=actor.public_id, value=wanted["value"],
                       intensity=wanted["intensity"], holder=key["holder"],
                       paragraph=paragraph.index if paragraph else None, origin=wanted.get("origin", "manual"))


def _evidence(session, user, aset, event, present: bool, touched: Touched) -> None:
    span_id = (event.after or {}).get("span")
    stance = session.scalar(select(Stance).where(Stance.public_id == event.entity_id, Stance.set_id == aset.id))
    span = session.scalar(select(Span).where(Span.public_id == span_id, Span.set_id == aset.id))
    if stance is None or span is None:
        raise _changed_since(Phrase("this stance or its evidence"))
    if (session.get(StanceEvidence, (stance.id, span.id)) is not None) == present:
        raise _changed_since(Phrase("this stance's evidence"))
    stances.set_evidence(session, user, aset.public_id, stance.public_id, span_id, present)
    touched.panels.add("stance")


# --- frames and status ------------------------------------------------------------------------

def _frames(session, user, aset, event, expected, wanted, touched: Touched) -> None:
    paragraph_index = wanted.get("paragraph")
    paragraph = (session.scalar(select(Paragraph).where(Paragraph.document_id == aset.document_id,
                                                        Paragraph.index == paragraph_index))
                 if paragraph_index is not None else None)
    place = FrameChoice.paragraph_id.is_(None) if paragraph is None else FrameChoice.paragraph_id == paragraph.id
    current = {c.frame: "primary" if c.is_primary else "secondary"
               for c in session.scalars(select(FrameChoice).where(FrameChoice.set_id == aset.id, place))}
    if current != (expected.get("frames") or {}):
        raise _changed_since(Phrase("this frame choice"))
    target = wanted.get("frames") or {}
    for frame in sorted(set(current) - set(target)):
        frames.choose_frame(session, user, aset.public_id, frame=frame, role="none", paragraph=paragraph_index)
    for frame, role in sorted(target.items(), key=lambda item: item[1] != "primary"):
        frames.choose_frame(session, user, aset.public_id, frame=frame, role=role, paragraph=paragraph_index)
    touched.panels.add("frames")


def _status(session, user, aset, event, expected, wanted, touched: Touched) -> None:
    if aset.status != expected["status"]:
        raise _changed_since(Phrase("this document's status"))
    status = wanted["status"]
    if status in ("not_started", "in_progress"):
        finishing.finish_set(session, user, aset.public_id, "in_progress")
    else:
        if aset.status == "done":  # a done set takes no change, not even a skip: reopen it first
            finishing.finish_set(session, user, aset.public_id, "in_progress")
            session.flush()  # the next check reads the set with a Core statement
        finishing.finish_set(session, user, aset.public_id, status, wanted.get("skip_reason"))
    touched.panels.add("status")


# --- mention verdicts ------------------------------------------------------------------------

def _mention_verdict(session, user, aset, event, expected, wanted, touched: Touched) -> None:
    mention = session.scalar(select(Mention).where(Mention.public_id == event.entity_id))
    row = session.get(MentionConfirmation, (aset.id, mention.id)) if mention is not None else None
    if mention is None or (None if row is None else row.confirmed) != (expected or {}).get("confirmed"):
        raise _changed_since(Phrase("this mention's verdict"))
    mention_edits.set_verdict(session, user, aset.public_id, event.entity_id, (wanted or {}).get("confirmed"))
    touched.panels.add("mentions")


HANDLERS = {"mention": _mention_verdict, "link": _link, "stance": _stance, "frames": _frames, "set": _status}
