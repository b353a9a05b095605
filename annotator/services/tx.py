"""The one way services open a write transaction.

A request may already have read through the session (loading the user, the project), which
begins a transaction implicitly; we end that read-only one first so the write starts clean
and commits, or rolls back whole, at the end of the block.

A transaction opened inside another (an undo that replays a change through several services)
joins the outer one: the outer block commits or rolls back the whole, so an undo is all or nothing.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session


JOINED = "annotator.transaction_open"


@contextmanager
def transaction(session: Session) -> Iterator[Session]:
    if session.info.get(JOINED):
        yield session
        return
    if session.in_transaction():
        if session.new or session.dirty or session.deleted:
            raise RuntimeError("unsaved changes outside a service transaction")
        session.commit()
    session.info[JOINED] = True
    try:
        with session.begin():
            yield session
    finally:
        session.info.pop(JOINED, None)
