"""A span deleted inside a transaction that has locked and checked its set already: an undo or
redo (services.history.replay), which has read the span and the set, and redraws the page
through its own answer.

services.annotation.spans.delete_span loads the span, its set, document and paragraph again,
locks the set and reads the paragraph's other spans to redraw it; none of that is needed here.
What is written is the same: the set started and the document's revision bumped
(sets.start_change), the span gone with its links (the database cascades them), and the same
event with the same "before" (spans.deleted_snapshot), in Core statements.
"""
from __future__ import annotations

from sqlalchemy import bindparam, delete
from sqlalchemy.orm import Session

from ...errors import Conflict
from ...models import Span
from ..events import event_row
from . import span_queries as q
from .sets import DONE_REFUSAL, start_change
from .spans import deleted_snapshot

# The version read is the version deleted: a writer that got there first leaves no row to match.
_DELETE_SPAN = delete(Span).where(Span.id == bindparam("span_id"), Span.version == bindparam("version"))


def delete_span_in_locked_set(session: Session, user, target, set_public_id: str, span, paragraph_index: int) -> None:
    """``target``: the set as services.annotation.sets.set_to_write reads it, read after its lock;
    ``span``: a row of the span's columns (snapshot's, with id and the claim's target)."""
    if target.status == "done":
        raise Conflict(DONE_REFUSAL, "status")
    start_change(session, user, target, set_public_id)
    before = deleted_snapshot(session, span, paragraph_index)
    db = session.connection()
    if db.execute(_DELETE_SPAN, {"span_id": span.id, "version": span.version}).rowcount != 1:
        raise Conflict("this span changed in another tab or window at the same moment", "version")
    db.execute(q.INSERT_EVENT, event_row(action="span.delete", entity="span", entity_id=span.public_id,
                                         user_id=user.id, project_id=target.project_id, set_id=target.id,
                                         before=before))
