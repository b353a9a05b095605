"""Proposals without recomputation: a document's matched spans and links, and the queue's counts,
kept in memory (per process, bounded) while what they were built from does not change.

Matching the done sets is most of a proposal's cost and depends on those sets only, so the page,
its counter after each decision and the queue rebuild a proposal from the kept match and the
decisions as they stand, instead of matching again. Nothing is ever invalidated by hand: the key
is read from the database at every use and names everything the kept value was built from, so a
write anywhere (an annotator reopening a set, an import, a scheme change, a decision) simply
makes a new key.

* sources key: the document (public id, content hash), the project's scheme version, each done
  set's public id, status and update time (every change to a set through the services moves
  it), and a summary of the sets' spans and links (sources.contents_fingerprint: a change made
  around the services moves that);
* counts key: the sources key, the document's revision (every gold write bumps it), the
  adjudication's public id and version, and the agreement setting.

Public ids are random, so two databases (tests, a restored copy) never share a key.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from ...domain.adjudication import SourceLink, SpanMatch

SIZE = 64


@dataclass(frozen=True)
class KeptSources:
    match: SpanMatch
    links: tuple[SourceLink, ...]


class _Kept:
    def __init__(self, size: int) -> None:
        self.size, self.items, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key):
        with self.lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


sources = _Kept(SIZE)
counts = _Kept(SIZE * 256)  # the queue's counts and staleness per document: small values, many documents


def sources_key(document_public_id: str, content_hash: str | None, scheme_id: int | None, coders,
                contents: tuple) -> tuple:
    return (document_public_id, content_hash, scheme_id,
            tuple((c.public_id, c.status, str(c.updated_at)) for c in coders), contents)


def counts_key(sources: tuple, revision: int | None, adjudication, thresholds) -> tuple:
    return (sources, revision, adjudication.public_id if adjudication else None,
            adjudication.version if adjudication else None, repr(thresholds))
