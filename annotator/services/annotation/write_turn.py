"""Writers take turns on SQLite, queueing in the kernel rather than in SQLite's busy loop.

SQLite lets one transaction write at a time. A writer that finds the database locked polls,
sleeping up to 100 ms between tries, and the polling is unfair: under a burst of saves a writer
can lose every race for five seconds and fail with "database is locked" (the saturation
benchmark did). Holding an exclusive flock on a file beside the database for the write part of
the transaction makes writers wait in line and wake as soon as the one before commits, across
gunicorn's processes and threads alike. PostgreSQL locks rows and queues fairly: no-op there.

Usage: ``with write_turn(session) as turn, transaction(session):`` ... validate ... then
``turn.take()`` just before the first write; the turn ends after the commit.
"""
from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session


class Turn:
    def __init__(self, path: str | None):
        self.path = path
        self.descriptor: int | None = None

    def take(self) -> None:
        if self.path is None or self.descriptor is not None:
            return
        # Its own descriptor each time: flock then also orders the threads of one process.
        self.descriptor = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600)
        fcntl.flock(self.descriptor, fcntl.LOCK_EX)

    def release(self) -> None:
        if self.descriptor is not None:
            fcntl.flock(self.descriptor, fcntl.LOCK_UN)
            os.close(self.descriptor)
            self.descriptor = None


def _turn_file(session: Session) -> str | None:
    url = session.get_bind().url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return url.database + ".writers"


TURN_HELD = "annotator.write_turn_held"


@contextmanager
def write_turn(session: Session) -> Iterator[Turn]:
    # Inside an outer turn (an undo replaying changes in one transaction) the outer turn covers
    # the inner writes: a second flock from the same process would wait for itself.
    if session.info.get(TURN_HELD):
        yield Turn(None)
        return
    turn = Turn(_turn_file(session))
    session.info[TURN_HELD] = True
    try:
        yield turn
    finally:
        session.info.pop(TURN_HELD, None)
        turn.release()


def writers_take_turns(session: Session) -> bool:
    """True where writers queue for the database (a SQLite file): long writes must be split there."""
    return _turn_file(session) is not None
