"""Decisions: settle one unit into gold (accept, pick, merge, edit, add, reject), undo the last one.

Each decision is one transaction: it takes the adjudication's row lock first, rebuilds the unit
from the sets as they are now, and refuses (409) when the unit is not the one the adjudicator
saw (its fingerprint changed: a set was reopened and edited) or is already decided (another
adjudicator, another tab). Then it writes the gold item and the decision that records its
provenance (how, from which annotators' units, by whom, when), and an event.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ...domain.adjudication import Unit
from ...errors import Conflict, Invalid, Phrase, Plural
from ...models import AdjudicationDecision, Event, User, new_public_id, utcnow
from ..annotation.sets import note_change
from ..events import event_row, record_event
from ..tx import transaction
from . import gold_writes as gw
from .state import DocumentState, document_for, load_state, lock, not_ready_message, note_gold_change, proposal

ACTIONS = ("accept", "pick", "merge", "edit", "reject", "add")
KIND_OF_PREFIX = {"s": "span", "l": "link", "t": "stance", "f": "frame"}


@dataclass(frozen=True)
class Choice:
    action: str
    unit_key: str | None = None
    fingerprint: str = ""
    paragraph: int | None = None  # span units, edits and additions
    version: int | None = None  # pick: which version (1..n); merge: the version whose boundaries win
    label_version: int | None = None  # merge: the version whose label wins
    label: str | None = None  # edit, add
    start: int | None = None  # edit, add: code points, checked against the quoted text
    end: int | None = None
    text: str | None = None
    value: str | None = None  # stance edit
    intensity: int | None = None
    orphans: str | None = None  # "reject": reject the links that would lose an end, too
    codepoints: bool = False  # start/end are code points, exact (the API), not the browser's UTF-16 units


@dataclass(frozen=True)
class Outcome:
    kind: str
    paragraph: int | None
    method: str
    decision_id: str | None
    gold_item_id: str | None


def unit_kind(key: str | None) -> str:
    kind = KIND_OF_PREFIX.get((key or "")[:1])
    if kind is None or key[1:2] != ":":
        raise Invalid(Phrase("unit '{unit}' is not a unit key (s:, l:, t: or f:)", unit=key), "unit")
    return kind


def writable_state(session: Session, user: User, document_public_id: str) -> DocumentState:
    document, project = document_for(session, user, document_public_id)
    state = load_state(session, document, project)
    if state.adjudication is None:
        raise Conflict("this document has not been opened for adjudication yet", "document")
    if not state.ready:
        raise Conflict(not_ready_message(state), "document")
    if state.adjudication.status == "adjudicated":
        raise Conflict("this document is marked adjudicated: reopen its adjudication to change gold", "status")
    return state


def decide(session: Session, user: User, document_public_id: str, choice: Choice, *,
           state: DocumentState | None = None) -> Outcome:
    """``state``: the document's writable_state when the caller already loaded it for this request
    (the page answers with the paragraph from the same state, without reading it all again)."""
    if choice.action not in ACTIONS:
        raise Invalid(Phrase("action must be one of {choices}", ", ", choices=list(ACTIONS)), "action")
    state = state or writable_state(session, user, document_public_id)
    from . import unit_decisions as ud

    with transaction(session):
        lock(session, state.adjudication)
        if choice.action == "add":
            outcome = ud.add_span(session, user, state, choice)
        else:
            kind = unit_kind(choice.unit_key)
            if kind == "span" and choice.paragraph is None:
                raise Invalid("a span unit's decision names its paragraph", "paragraph")
            current = proposal(session, state, paragraph=choice.paragraph if kind == "span" else None)
            unit = current.find(choice.unit_key)
            check_unit(unit, choice)
            outcome = ud.DECIDERS[kind](session, user, state, current, unit, choice)
        note_gold_change(session, state)
    return outcome


def check_unit(unit: Unit | None, choice: Choice) -> None:
    if unit is None or unit.fingerprint != choice.fingerprint:
        raise Conflict("this unit changed under you (a set was reopened and changed, or the proposal was rebuilt): "
                       "it is shown as it is now; decide again", "unit")
    if unit.decision is not None:
        raise Conflict(Phrase("this unit is already decided ({method}), perhaps by another adjudicator or in another "
                              "tab: undo that decision first to change it", method=unit.decision.method), "unit")


@dataclass(frozen=True)
class Recorded:
    public_id: str


def record(session: Session, user: User, state: DocumentState, *, kind: str, key: str, method: str,
           sources: list[dict], gold_item_id: str | None, paragraph: int | None) -> Recorded:
    """The decision and its event: plain inserts on the transaction's connection (see gold_writes.add_span)."""
    public_id, now = new_public_id(), utcnow()
    db = session.connection()
    db.execute(_INSERT_DECISION, {
        "public_id": public_id, "adjudication_id": state.adjudication.id, "unit_kind": kind, "unit_key": key,
        "paragraph": paragraph, "method": method, "sources": sources, "gold_item_id": gold_item_id,
        "decided_by_id": user.id, "decided_at": now})
    db.execute(_INSERT_EVENT, {
        "at": now, **event_row(action="gold.decide", entity=kind, entity_id=public_id, user_id=user.id,
                               project_id=state.project.id, set_id=state.gold_set.id,
                               after={"unit": key, "method": method, "gold": gold_item_id, "sources": sources})})
    return Recorded(public_id)


_INSERT_DECISION, _INSERT_EVENT = insert(AdjudicationDecision.__table__), insert(Event.__table__)


def sources_of(unit: Unit, chosen=()) -> list[dict]:
    chosen_ids = {item.id for item in chosen}
    return [{"owner": item.owner, "id": item.id, "version": item.version, "chosen": item.id in chosen_ids}
            for item in unit.items]


def undo_last(session: Session, user: User, document_public_id: str, *, orphans: str | None = None) -> Outcome:
    """Take back the user's last decision in this document: its gold item goes, the unit is open again.
    A gold span that gold links hang on is taken back only with ``orphans="reject"``, which takes
    those links' decisions back too (gold never holds a link to nothing)."""
    state = writable_state(session, user, document_public_id)
    with transaction(session):
        lock(session, state.adjudication)
        last = session.scalar(select(AdjudicationDecision).where(
            AdjudicationDecision.adjudication_id == state.adjudication.id,
            AdjudicationDecision.decided_by_id == user.id)
            .order_by(AdjudicationDecision.decided_at.desc(), AdjudicationDecision.id.desc()).limit(1))
        if last is None:
            raise Conflict("you have no decision to undo in this document", "decision")
        if last.unit_kind == "span" and last.gold_item_id:
            hanging = gw.links_touching(session, state.gold_set, last.gold_item_id)
            if hanging and orphans != "reject":
                raise Conflict(Plural("undoing this span would orphan {count} gold link(s): confirm to take them back too",
                                      "undoing this span would orphan {count} gold link(s): confirm to take them back "
                                      "too", len(hanging)), "orphans", links=hanging)
            for link_decision in session.scalars(select(AdjudicationDecision).where(
                    AdjudicationDecision.adjudication_id == state.adjudication.id,
                    AdjudicationDecision.gold_item_id.in_(hanging))):
                session.delete(link_decision)
            for link_id in hanging:
                gw.remove_item(session, state.gold_set, "link", link_id)
        gw.remove_item(session, state.gold_set, last.unit_kind, last.gold_item_id)
        outcome = Outcome(last.unit_kind, last.paragraph, last.method, last.public_id, last.gold_item_id)
        record_event(session, action="gold.undo", entity=last.unit_kind, entity_id=last.public_id, user_id=user.id,
                     project_id=state.project.id, set_id=state.gold_set.id,
                     before={"unit": last.unit_key, "method": last.method, "gold": last.gold_item_id})
        session.delete(last)
        note_change(session, state.gold_set, state.document)
    return outcome
