"""Units: the annotators' items grouped into what one adjudication decision settles.

Spans are grouped with the project's one span matcher (annotator.domain.matching): every pair of
annotators is matched, and matched spans fall into one unit. Spans of *different* labels that cover
the same stretch of text (their overlap is at least half of each) join one unit too, so the
adjudicator sees a label disagreement as one question, not as two units. Spans of one annotator
are never joined by that rule, nor are spans of different layers (an argument span and a
persuasion technique are independent questions).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import combinations
from typing import NamedTuple

import numpy as np

from ..matching import SpanColumns, match_spans
from ..spans import overlaps
from .records import SourceSpan, fingerprint


class Version(NamedTuple):
    """One reading of a unit: the items that share a shape, and who holds it."""

    shape: tuple
    items: tuple
    owners: tuple[str, ...]

    @property
    def first(self):
        return self.items[0]


def versions_of(items: Iterable) -> tuple[Version, ...]:
    """Most supported first; equal support in the order of the first item (deterministic)."""
    items = tuple(items)
    shapes = [item.shape for item in items]
    if shapes and shapes.count(shapes[0]) == len(shapes):  # one reading (most units of a big project)
        return (Version(shapes[0], items, tuple(sorted({i.owner for i in items}))),)
    grouped: dict[tuple, list] = defaultdict(list)
    for item, shape in zip(items, shapes):
        grouped[shape].append(item)
    versions = [Version(shape, tuple(group), tuple(sorted({i.owner for i in group})))
                for shape, group in grouped.items()]
    return tuple(sorted(versions, key=lambda v: (-len(v.owners), v.shape)))


def agreed_version(versions: Sequence[Version], required: int) -> Version | None:
    """The version enough annotators hold, unless another is held by as many (a tie is open)."""
    if not versions or len(versions[0].owners) < required:
        return None
    if len(versions) > 1 and len(versions[1].owners) == len(versions[0].owners):
        return None
    return versions[0]


class _Groups:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def span_groups(spans: Sequence[SourceSpan], slots: Sequence[int]) -> list[list[SourceSpan]]:
    """Group spans (of one or many documents) into units.

    ``slots[i]`` is the position of span i's annotator among its document's coders (0, 1, 2...):
    matching slot against slot over all documents at once is one matcher call per pair of slots
    instead of one per document and pair, and the matcher never pairs across documents.

    A document whose annotators marked the same stretches with the same labels (most of a big
    project, where ``adjudicate --auto`` spends its time) is grouped by putting the copies
    together, without the matcher: see _copies for why that gives the matcher's units."""
    found: list[list[SourceSpan]] = []
    by_document: dict[str, list[int]] = defaultdict(list)
    for i, span in enumerate(spans):
        by_document[span.document].append(i)
    rest: list[int] = []
    for members in by_document.values():
        copies = _copies(spans, slots, members)
        if copies is None:
            rest.extend(members)
        else:
            found.extend(copies)
    if rest:
        found.extend(_matched_groups([spans[i] for i in rest], [slots[i] for i in rest]))
    return found


def _unit_order(span: SourceSpan) -> tuple:
    return span.owner, span.start, span.end, span.id


def _copies(spans: Sequence[SourceSpan], slots: Sequence[int], members: list[int]) -> list[list[SourceSpan]] | None:
    """One document's units when every annotator in it holds the same (paragraph, layer, label,
    start, end) list and none holds two spans over overlapping text of one layer; else None.

    Then a span's only candidate in another annotator's set (same paragraph, layer and label,
    overlapping) is its copy, which the matcher pairs, and no span of another label overlaps it
    there (that would overlap it in its own set too), so no label conflict joins units: each unit
    is the copies of one span. Attributes may still differ: versions_of tells them apart."""
    by_slot: dict[int, list] = defaultdict(list)
    for i in members:
        s = spans[i]
        by_slot[slots[i]].append(((s.paragraph, s.layer, s.start, s.end, s.label), s))
    lists = [sorted(entries, key=lambda e: e[0]) for entries in by_slot.values()]
    places = [place for place, _span in lists[0]]
    for other in lists[1:]:
        if len(other) != len(places) or any(place != mine for (place, _s), mine in zip(other, places)):
            return None
    reach: dict[tuple, int] = {}  # (paragraph, layer) -> the furthest end so far
    for paragraph, layer, start, end, _label in places:
        if start >= end or start < reach.get((paragraph, layer), start):
            return None
        reach[(paragraph, layer)] = max(end, reach.get((paragraph, layer), end))
    return [sorted((entries[k][1] for entries in lists), key=_unit_order) for k in range(len(places))]


def _matched_groups(spans: Sequence[SourceSpan], slots: Sequence[int]) -> list[list[SourceSpan]]:
    groups = _Groups(len(spans))
    slot_array = np.asarray(slots, dtype=np.int64)
    codebook: dict = {}
    columns, rows = {}, {}
    for slot in sorted(set(slots)):
        rows[slot] = np.flatnonzero(slot_array == slot)
        columns[slot] = SpanColumns.from_spans([spans[i] for i in rows[slot].tolist()], codebook)
    for a, b in combinations(sorted(columns), 2):
        result = match_spans(columns[a], columns[b])
        for i, j in zip(rows[a][result.a_index].tolist(), rows[b][result.b_index].tolist()):
            groups.join(i, j)
    _join_label_conflicts(spans, groups)
    units: dict[int, list[SourceSpan]] = defaultdict(list)
    for i, span in enumerate(spans):
        units[groups.find(i)].append(span)
    return [sorted(unit, key=_unit_order) for unit in units.values()]


def same_stretch(a: SourceSpan, b: SourceSpan) -> bool:
    """Overlap of at least half of each span: one stretch of text read with two labels."""
    if not overlaps(a.start, a.end, b.start, b.end):
        return False
    shared = min(a.end, b.end) - max(a.start, b.start)
    return 2 * shared >= (a.end - a.start) and 2 * shared >= (b.end - b.start)


def _join_label_conflicts(spans: Sequence[SourceSpan], groups: _Groups) -> None:
    by_place: dict[tuple, list[int]] = defaultdict(list)
    for i, s in enumerate(spans):
        by_place[(s.document, s.paragraph, s.layer)].append(i)
    for members in by_place.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: spans[i].start)
        active: list[int] = []
        for i in members:
            s = spans[i]
            active = [j for j in active if spans[j].end > s.start]
            for j in active:
                o = spans[j]
                if o.owner != s.owner and o.label != s.label and same_stretch(o, s):
                    groups.join(i, j)
            active.append(i)


def span_unit_key(unit: Sequence[SourceSpan]) -> str:
    """Stable while any of the unit's spans lives: the smallest span id."""
    return "s:" + min(s.id for s in unit)


__all__ = ["Version", "agreed_version", "fingerprint", "same_stretch", "span_groups", "span_unit_key",
           "versions_of"]
