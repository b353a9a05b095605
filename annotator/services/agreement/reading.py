"""Reading a project's spans and links for agreement in id order, with progress from the first row.

One statement "counted sets' spans ORDER BY id" is planned through the set index, so the
database sorts every counted row before it yields the first (seconds at 1,000,000 spans, with
the job's bar standing still). Here the rows are read a window of ids at a time instead: a
window is a range of the primary key, which both SQLite and PostgreSQL walk in order with no
sort, and the counted sets are kept in Python (a window of another project's rows is read and
dropped). The order, and so every figure, is the one statement's.
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Iterator

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from ...models import Link, Span

IDS_PER_WINDOW = 10_000  # ids read by one statement (spans or links)
# Rows told to ``progress`` at a time: a batch of 10,000 took 0.3 s of CPU, a second on a loaded
# machine; the job's own throttle decides which of these reports it writes.
RECORDS_PER_REPORT = 500


class Reading:
    """The spans and links read so far, told to ``progress`` as they come against their count
    (read first with each table's id bounds: one pass over the set index, no rows)."""

    def __init__(self, session: Session, counted_ids: Select | None,
                 progress: Callable[[int, int], None] | None):
        self.session, self.progress, self.done, self.total = session, progress, 0, 0
        self.bounds: dict[type, tuple[int | None, int | None]] = {}
        if counted_ids is None:
            return
        for model in (Span, Link):
            count, low, high = session.execute(select(func.count(model.id), func.min(model.id), func.max(model.id))
                                               .where(model.set_id.in_(counted_ids))).one()
            self.total += count or 0
            self.bounds[model] = (low, high)
            if progress is not None:
                progress(0, self.total)  # the spans' count, then with the links': each a pass of its own

    def rows(self, model: type, statement: Select, counted: Collection[int], set_at: int) -> Iterator:
        """The rows of ``statement`` in ``model``'s id order, those whose set (column ``set_at``)
        is counted, told to ``progress`` every few hundred."""
        low, high = self.bounds.get(model, (None, None))
        if low is None:
            return
        connection = self.session.connection()
        for start in range(low, high + 1, IDS_PER_WINDOW):
            window = statement.where(model.id >= start, model.id < start + IDS_PER_WINDOW).order_by(model.id)
            kept = [row for row in connection.execute(window) if row[set_at] in counted]
            for at in range(0, len(kept), RECORDS_PER_REPORT):
                batch = kept[at:at + RECORDS_PER_REPORT]
                yield from batch
                self.done += len(batch)
                if self.progress is not None:
                    self.progress(self.done, max(self.total, self.done))
