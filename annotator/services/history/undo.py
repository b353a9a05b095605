"""Undo and redo of an annotator's own changes in one set, each itself a logged change.

Which change comes next is read from the log (annotator.domain.history); the change is taken
back or made again by services.history.replay through the ordinary services, all in one
transaction: an undo that brings back a span with its links lands whole or not at all.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from ...domain.history import UNDOABLE, Stacks, describe, stacks
from ...errors import Conflict, NotFound
from ...models import AnnotationSet, Event
from ..annotation.span_queries import SET_TO_WRITE
from ..annotation.write_turn import write_turn
from ..events import logged_as
from ..tx import transaction
from . import replay
from .label_names import document_label_names, scheme_label_names

PANEL_LENGTH = 30


@dataclass(frozen=True)
class Reverted:
    """An undo or redo that was done: which change, in words, and what the page must redraw."""

    event_id: int
    description: str
    undo: bool
    touched: replay.Touched
    stacks: Stacks  # after this undo or redo: the panel needs not read the log again
    aset: AnnotationSet  # the set, checked as the user's own: the panel needs not check it again
    names: dict[str, dict]  # the scheme's label names: the panel needs not read them again


@dataclass(frozen=True)
class HistoryItem:
    id: int
    at: datetime
    action: str
    description: str
    history: str | None  # "undo" / "redo" for the events an undo or redo logged
    undone: bool  # taken back, waiting on the redo stack


@dataclass(frozen=True)
class HistoryPanel:
    items: list[HistoryItem]  # newest first
    next_undo: str | None  # what Ctrl+Z would take back, in words
    next_redo: str | None
    editable: bool  # the reader's own set: the buttons work


# Four small columns of the owner's undoable events, read with Core: a set may hold thousands.
_HISTORY = (select(Event.id, Event.action, Event.history, Event.reverts_id)
            .where(Event.set_id == bindparam("set_id"), Event.user_id == bindparam("user_id"),
                   Event.action.in_(sorted(UNDOABLE)))
            .order_by(Event.id))


def _stacks(session: Session, aset: AnnotationSet) -> Stacks:
    # All rows at once: fetching them one by one costs twice the time on a deep history.
    return stacks(session.connection().execute(_HISTORY, {"set_id": aset.id, "user_id": aset.user_id}).all())


def undo(session: Session, user, set_public_id: str) -> Reverted:
    return _revert(session, user, set_public_id, undo=True)


def redo(session: Session, user, set_public_id: str) -> Reverted:
    return _revert(session, user, set_public_id, undo=False)


# The set, locked first so that no other change of it lands between the check and the writes, in
# one statement with what the span writes need from its document and project (set_to_write's row).
_LOCKED_SET = (SET_TO_WRITE.add_columns(AnnotationSet).with_for_update(of=AnnotationSet)
               .execution_options(populate_existing=True))


def _lock_own_set(session: Session, user, set_public_id: str):
    found = session.execute(_LOCKED_SET, {"set_public_id": set_public_id}).first()
    if found is None or found.user_id != user.id or not found.assigned:
        raise NotFound("no such annotation set", "set")  # anyone else's set: as one that does not exist
    return found.AnnotationSet, found


def _revert(session: Session, user, set_public_id: str, *, undo: bool) -> Reverted:
    with write_turn(session) as turn, transaction(session):
        turn.take()
        aset, locked = _lock_own_set(session, user, set_public_id)
        found = _stacks(session, aset)
        target = found.next_undo if undo else found.next_redo
        if target is None:
            if undo:
                raise Conflict("nothing to undo in this document", "history")
            raise Conflict("nothing to redo in this document", "history")
        event = session.get(Event, target)
        with logged_as("undo" if undo else "redo", event.id):
            touched = replay.apply(session, user, aset, locked, event, undo=undo)
    after = (Stacks(found.done[:-1], found.undone + (event.id,)) if undo
             else Stacks(found.done + (event.id,), found.undone[:-1]))
    names = scheme_label_names(session, locked.scheme_version_id, locked.content_hash)
    return Reverted(event.id, describe(event.action, event.before, event.after, names), undo, touched, after, aset,
                    names)


# The panel's columns, read with Core: rows, not Event objects the session would keep track of.
_PANEL_COLUMNS = (Event.id, Event.at, Event.action, Event.before, Event.after, Event.history)


def history_panel(session: Session, aset: AnnotationSet, *, editable: bool, found: Stacks | None = None,
                  names: dict[str, dict] | None = None) -> HistoryPanel:
    """The set owner's latest changes, newest first, with what undo and redo would do next
    (``found``, ``names``: the stacks and the label names, when the caller has them)."""
    found = found or _stacks(session, aset)
    undone = set(found.undone)
    events = session.execute(select(*_PANEL_COLUMNS).where(Event.set_id == aset.id, Event.user_id == aset.user_id)
                             .order_by(Event.id.desc()).limit(PANEL_LENGTH)).all()
    if names is None:
        names = document_label_names(session, aset.document_id)
    items = [HistoryItem(e.id, e.at, e.action, describe(e.action, e.before, e.after, names), e.history, e.id in undone)
             for e in events]
    by_id = {item.id: item.description for item in items}  # the next undo is most often among them
    wanted = [i for i in (found.next_undo, found.next_redo) if i is not None and i not in by_id]
    if wanted:
        by_id |= {e.id: describe(e.action, e.before, e.after, names)
                  for e in session.execute(select(*_PANEL_COLUMNS).where(Event.id.in_(wanted)))}
    return HistoryPanel(items, by_id.get(found.next_undo), by_id.get(found.next_redo), editable)
