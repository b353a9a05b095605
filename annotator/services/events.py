"""Write to the append-only event log, inside the caller's transaction."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from ..models import Event


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


# Set while services.history replays a change through the ordinary services: every event they
# log meanwhile is marked as that undo or redo, so no service needs to know about history.
_REVERSAL: ContextVar[tuple[str, int] | None] = ContextVar("annotator_reversal", default=None)


@contextmanager
def logged_as(history: str, reverts_id: int) -> Iterator[None]:
    """Mark the events logged inside the block as an "undo" or "redo" of event ``reverts_id``."""
    token = _REVERSAL.set((history, reverts_id))
    try:
        yield
    finally:
        _REVERSAL.reset(token)


def event_row(*, action: str, entity: str, entity_id: str, user_id: int | None = None,
              project_id: int | None = None, set_id: int | None = None, before: dict | None = None,
              after: dict | None = None) -> dict:
    """An event as a plain row, for bulk inserts (an import writes one per document)."""
    history, reverts_id = _REVERSAL.get() or (None, None)
    return {"action": action, "entity": entity, "entity_id": entity_id, "user_id": user_id,
            "project_id": project_id, "set_id": set_id,
            "before": _jsonable(before) if before is not None else None,
            "after": _jsonable(after) if after is not None else None,
            "history": history, "reverts_id": reverts_id}


def record_event(session: Session, **fields) -> Event:
    """Add one event (fields as for event_row) to the caller's transaction."""
    event = Event(**event_row(**fields))
    session.add(event)
    return event
