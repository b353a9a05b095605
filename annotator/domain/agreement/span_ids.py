"""Finding spans by id: the rows of link ends among a million spans.

A dict of a million ids costs more than the measures that use it, so ids
are found by their hash in a sorted array instead, and every hit is
confirmed by comparing the ids themselves.
"""

from __future__ import annotations

from operator import attrgetter, eq
from typing import Sequence

import numpy as np


class SpanIdIndex:
    """Rows of span ids; a repeated id resolves to its last row, like a dict built in row order."""

    def __init__(self, records: Sequence) -> None:
        self.ids = list(map(attrgetter("span_id"), records))
        hashes = np.fromiter(map(hash, self.ids), np.int64, len(self.ids))
        order = np.argsort(hashes)
        if np.any(hashes[order[1:]] == hashes[order[:-1]]):  # repeated ids: keep them in row order
            order = np.argsort(hashes, kind="stable")
        self.order, self.hashes = order, hashes[order]

    def rows_of(self, span_ids: Sequence[str]) -> np.ndarray:
        """Row of each span id, -1 for an unknown id."""
        if not self.ids or not span_ids:
            return np.full(len(span_ids), -1, np.int64)
        wanted = np.fromiter(map(hash, span_ids), np.int64, len(span_ids))
        # Searching in sorted order keeps the search in cache; "right" - 1 is the
        # last of equal hashes, i.e. the last row of a repeated id.
        by_hash = np.argsort(wanted)
        at = np.empty(len(wanted), np.int64)
        at[by_hash] = np.maximum(np.searchsorted(self.hashes, wanted[by_hash], "right") - 1, 0)
        rows = np.where(self.hashes[at] == wanted, self.order[at], -1)
        hit = np.flatnonzero(rows >= 0)
        found = map(self.ids.__getitem__, rows[hit].tolist())
        same = np.fromiter(map(eq, found, map(span_ids.__getitem__, hit.tolist())), bool, len(hit))
        for k in hit[~same].tolist():  # two ids with one hash: settle by comparing ids
            rows[k] = self._last_row_with_id(span_ids[k], wanted[k])
        return rows

    def _last_row_with_id(self, span_id: str, id_hash: int) -> int:
        first, stop = np.searchsorted(self.hashes, id_hash, "left"), np.searchsorted(self.hashes, id_hash, "right")
        matching = [r for r in self.order[first:stop].tolist() if self.ids[r] == span_id]
        return matching[-1] if matching else -1
