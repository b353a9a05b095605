"""The one way services open a write transaction.

A request may already have read through the session (loading the user, the project), which
begins a transaction implicitly; we end that read-only one first so the write starts clean
and commits, or rolls back whole, at the end of the block.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session


@contextmanager
def transaction(session: Session) -> Iterator[Session]:
    if session.in_transaction():
        if session.new or session.dirty or session.deleted:
            raise RuntimeError("unsaved changes outside a service transaction")
        session.commit()
    with session.begin():
        yield session
