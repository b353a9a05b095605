"""A span deleted or changed inside a transaction that has locked and checked its set already:
an undo or redo (services.history.replay), which has read the span and the set, and redraws the
page through its own answer.

services.annotation.spans.delete_span and change_span load the span, its set, document and
paragraph again, lock the set and read the paragraph's other spans to redraw it; none of that is
needed here. What is written is the same, with the same rules (spans.usable_label,
with_attribute, refuse_duplicate): the set started and the document's revision bumped
(sets.start_change), the span gone with its links (the database cascades them) or changed with
its version bumped, and the same event with the same before and after, in Core statements.
"""
from __future__ import annotations

from sqlalchemy import bindparam, delete, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from ...errors import Conflict
from ...models import Span
from ..events import event_row
from . import span_queries as q
from .documents_view import mark_of, scheme_of_version
from .sets import DONE_REFUSAL, start_change
from .spans import deleted_snapshot, refuse_duplicate, snapshot, usable_label, with_attribute

# The version read is the version written: a writer that got there first leaves no row to match.
_SAME_VERSION = (Span.id == bindparam("span_id"), Span.version == bindparam("version"))
_CHANGE_SPAN = (update(Span).where(*_SAME_VERSION)
                .values(version=Span.version + 1, updated_at=bindparam("now"),
                        attributes=bindparam("attributes", type_=Span.attributes.type)))
_STALE = "this span changed in another tab or window at the same moment"
_DELETE_SPAN = delete(Span).where(*_SAME_VERSION)


def _forget(session: Session, span_id: int, *, deleted: bool) -> None:
    # A Span the session holds (a long session: the CLI's, a test's) would not see the Core write.
    held = session.identity_map.get(identity_key(Span, span_id))
    if held is not None:
        session.expunge(held) if deleted else session.expire(held)


def _start(session: Session, user, target, set_public_id: str):
    if target.status == "done":
        raise Conflict(DONE_REFUSAL, "status")
    return start_change(session, user, target, set_public_id)


def change_span_in_locked_set(session: Session, user, target, set_public_id: str, span, paragraph_index: int, *,
                              label: str, attributes: dict) -> None:
    """As spans.change_span with ``label`` and ``attributes`` (the label's attributes, all of
    them); ``target`` and ``span`` as for delete_span_in_locked_set, ``span`` with its paragraph_id
    and scheme_version_id too."""
    now = _start(session, user, target, set_public_id)
    scheme = scheme_of_version(session, target.scheme_version_id, target.content_hash)
    changed = {}
    if label != span.label:
        layer, found = usable_label(scheme, label)
        changed = {"layer": layer.key, "label": found.key, "scheme_version_id": target.scheme_version_id}
        others = [mark_of(row) for row in session.connection().execute(
            q.MARKS_OF_PARAGRAPH, {"set_id": target.id, "paragraph_id": span.paragraph_id})
            if row.public_id != span.public_id]
        refuse_duplicate(session, target.id, paragraph_index, span.public_id, (found.key, span.start, span.end),
                         others, found.names)
    replaced: dict = {}
    for key, wanted in attributes.items():
        replaced = with_attribute(scheme, changed.get("label", span.label), replaced, key, wanted)
    db = session.connection()
    if db.execute(_CHANGE_SPAN.values(**changed) if changed else _CHANGE_SPAN,
                  {"span_id": span.id, "version": span.version, "now": now, "attributes": replaced}).rowcount != 1:
        raise Conflict(_STALE, "version")
    _forget(session, span.id, deleted=False)
    before = snapshot(span, paragraph_index)
    after = {**before, **{k: v for k, v in changed.items() if k != "scheme_version_id"}, "attributes": replaced,
             "version": span.version + 1}
    db.execute(q.INSERT_EVENT, event_row(action="span.change", entity="span", entity_id=span.public_id,
                                         user_id=user.id, project_id=target.project_id, set_id=target.id,
                                         before=before, after=after))


def delete_span_in_locked_set(session: Session, user, target, set_public_id: str, span, paragraph_index: int) -> None:
    """``target``: the set as services.annotation.sets.set_to_write reads it, read after its lock;
    ``span``: a row of the span's columns (snapshot's, with id and the claim's target)."""
    _start(session, user, target, set_public_id)
    before = deleted_snapshot(session, span, paragraph_index)
    db = session.connection()
    if db.execute(_DELETE_SPAN, {"span_id": span.id, "version": span.version}).rowcount != 1:
        raise Conflict(_STALE, "version")
    _forget(session, span.id, deleted=True)
    db.execute(q.INSERT_EVENT, event_row(action="span.delete", entity="span", entity_id=span.public_id,
                                         user_id=user.id, project_id=target.project_id, set_id=target.id,
                                         before=before))
