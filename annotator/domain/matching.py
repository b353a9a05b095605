"""One-to-one span matching between two annotators.

Every agreement measure and every comparison view pairs spans through
``match_spans`` so that "matched", "exact" and "partial" mean the same thing
everywhere.

Rule: two spans can only be paired when they lie in the same document, the
same paragraph, the same layer (when spans carry one) and carry the same
label, and overlap by at least one code point.  Two pairings are offered:
``method="optimal"`` (``matching_optimal``: the greatest total overlap; the
agreement report's default) and ``method="greedy"`` (kept as an option, and
this function's default): repeatedly take the candidate pair with the greatest overlap and
drop both spans.  Ties are broken, in order, by the smaller boundary distance
``|start_a - start_b| + |end_a - end_b|`` (so an exact match always wins over
an equally long containing span), then by the a-span's (start, end, input
position) and then the b-span's (start, end, input position), which makes
the result deterministic.  An empty span (start == end) matches nothing.
Greedy is easy to explain ("the biggest overlap is paired first") but can
leave two spans unpaired that a different choice would have paired.

Implementation: the greedy result equals the set of "locally dominant"
pairs found in rounds (a pair that is the best remaining candidate of both of
its spans is one greedy would take), so large batches are matched with numpy
in a handful of rounds instead of a Python loop over every pair.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal, Protocol, Sequence

import numpy as np

from .matching_optimal import optimal_pairs

MatchKind = Literal["exact", "partial"]


class SpanLike(Protocol):
    @property
    def document(self) -> str: ...
    @property
    def paragraph(self) -> int: ...
    @property
    def label(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


@dataclass(frozen=True)
class MatchedPair:
    a_span: Any
    b_span: Any
    overlap: int  # code points shared
    kind: MatchKind

    # Short names, as used by the comparison view.
    @property
    def a(self) -> Any:
        return self.a_span

    @property
    def b(self) -> Any:
        return self.b_span


@dataclass(frozen=True)
class MatchCounts:
    exact: int
    partial: int
    unmatched_a: int
    unmatched_b: int

    @property
    def matched(self) -> int:
        return self.exact + self.partial


@dataclass(frozen=True, eq=False)
class SpanColumns:
    """Spans as numpy columns, so a whole project can be matched in one call.

    ``group`` holds the code of (document, paragraph, layer, label) in
    ``codebook``; both sides of a match must share the same codebook object,
    otherwise equal codes would not mean equal groups.
    """

    spans: Sequence[Any]
    group: np.ndarray
    start: np.ndarray
    end: np.ndarray
    codebook: dict = field(repr=False)

    @classmethod
    def from_spans(cls, spans: Sequence[SpanLike], codebook: dict | None = None) -> SpanColumns:
        codebook = {} if codebook is None else codebook
        keys = [(s.document, s.paragraph, getattr(s, "layer", None), s.label) for s in spans]
        group = np.fromiter((codebook.setdefault(k, len(codebook)) for k in keys), np.int64, len(keys))
        start = np.fromiter((s.start for s in spans), np.int64, len(spans))
        end = np.fromiter((s.end for s in spans), np.int64, len(spans))
        return cls(spans, group, start, end, codebook)

    def __len__(self) -> int:
        return len(self.group)


@dataclass(frozen=True, eq=False)
class MatchResult:
    """Pairs as index arrays (for the measures) and as objects (for views)."""

    a: SpanColumns
    b: SpanColumns
    a_index: np.ndarray
    b_index: np.ndarray
    overlap: np.ndarray
    exact: np.ndarray
    # every overlapping same-group pair, matched or not (the SemEval-2020 partial score reads them)
    candidate_a: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    candidate_b: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    candidate_overlap: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))

    @cached_property
    def pairs(self) -> tuple[MatchedPair, ...]:
        a_spans, b_spans = self.a.spans, self.b.spans
        return tuple(
            MatchedPair(a_spans[i], b_spans[j], int(o), "exact" if x else "partial")
            for i, j, o, x in zip(self.a_index.tolist(), self.b_index.tolist(),
                                  self.overlap.tolist(), self.exact.tolist())
        )

    @cached_property
    def unmatched_a(self) -> tuple[Any, ...]:
        return tuple(self.a.spans[i] for i in _unused(len(self.a), self.a_index))

    @cached_property
    def unmatched_b(self) -> tuple[Any, ...]:
        return tuple(self.b.spans[i] for i in _unused(len(self.b), self.b_index))

    @property
    def counts(self) -> MatchCounts:
        exact = int(self.exact.sum())
        return MatchCounts(exact, len(self.exact) - exact,
                           len(self.a) - len(self.a_index), len(self.b) - len(self.b_index))

    def to_dict(self) -> dict:
        c = self.counts
        return {"exact": c.exact, "partial": c.partial,
                "unmatched_a": c.unmatched_a, "unmatched_b": c.unmatched_b}


def _unused(n: int, used: np.ndarray) -> list[int]:
    mask = np.ones(n, dtype=bool)
    mask[used] = False
    return np.flatnonzero(mask).tolist()


def _columns(spans: Sequence[SpanLike] | SpanColumns, codebook: dict) -> SpanColumns:
    return spans if isinstance(spans, SpanColumns) else SpanColumns.from_spans(spans, codebook)


def candidate_pairs(a: SpanColumns, b: SpanColumns) -> tuple[np.ndarray, np.ndarray]:
    """All (i, j) with the same group whose spans overlap, as index arrays.

    Two spans overlap exactly when one starts inside the other, so the pairs
    are found from both sides with one sorted search each: b-spans starting
    in [start_a, end_a), and a-spans starting strictly inside a b-span.
    """
    if len(a) == 0 or len(b) == 0:
        empty = np.empty(0, np.int64)
        return empty, empty
    # One combined (group, start) key; the shift keeps it ordered because
    # positions are non-negative code points.
    shift = np.int64(max(int(a.end.max()), int(b.end.max())) + 2)
    b_in_a, a_of_b = _starting_inside(a, b, shift, strictly=False)
    a_in_b, b_of_a = _starting_inside(b, a, shift, strictly=True)
    return np.concatenate([a_of_b, a_in_b]), np.concatenate([b_in_a, b_of_a])


def self_overlaps(spans: SpanColumns) -> tuple[np.ndarray, np.ndarray]:
    """candidate_pairs(spans, spans) with half the search: the pairs found from
    one side, mirrored (a span is paired with itself too)."""
    if len(spans) == 0:
        empty = np.empty(0, np.int64)
        return empty, empty
    shift = np.int64(int(spans.end.max()) + 2)
    j, i = _starting_inside(spans, spans, shift, strictly=False)  # start_j in [start_i, end_i)
    mirrored = spans.start[j] > spans.start[i]
    return np.concatenate([i, j[mirrored]]), np.concatenate([j, i[mirrored]])


def _starting_inside(outer: SpanColumns, inner: SpanColumns, shift: np.int64,
                     strictly: bool) -> tuple[np.ndarray, np.ndarray]:
    """(inner index, outer index) for inner spans starting inside an outer span."""
    keys = inner.group * shift + inner.start
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    lo = np.searchsorted(keys, outer.group * shift + outer.start, "right" if strictly else "left")
    hi = np.searchsorted(keys, outer.group * shift + outer.end, "left")
    sizes = np.maximum(hi - lo, 0)
    outer_index = np.repeat(np.arange(len(outer), dtype=np.int64), sizes)
    offsets = np.arange(int(sizes.sum()), dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    inner_index = order[np.repeat(lo, sizes) + offsets]
    nonempty = inner.end[inner_index] > inner.start[inner_index]  # an empty span overlaps nothing
    return inner_index[nonempty], outer_index[nonempty]


MATCHING_METHODS = ("optimal", "greedy")


def match_spans(a: Sequence[SpanLike] | SpanColumns, b: Sequence[SpanLike] | SpanColumns,
                method: str = "greedy") -> MatchResult:
    """Pair spans of annotator a with spans of annotator b one-to-one (see module doc)."""
    if method not in MATCHING_METHODS:
        raise ValueError(f"method: unknown matching {method!r}; choose from {', '.join(MATCHING_METHODS)}")
    codebook = a.codebook if isinstance(a, SpanColumns) else (
        b.codebook if isinstance(b, SpanColumns) else {})
    a, b = _columns(a, codebook), _columns(b, codebook)
    if a.codebook is not b.codebook:
        raise ValueError("both SpanColumns must share one codebook")
    i, j = candidate_pairs(a, b)
    overlap = np.minimum(a.end[i], b.end[j]) - np.maximum(a.start[i], b.start[j])
    distance = np.abs(a.start[i] - b.start[j]) + np.abs(a.end[i] - b.end[j])
    # Best candidate first: overlap descending, then boundary distance, then
    # the a-span and b-span by (start, end, position), packed into two keys.
    quality = (int(overlap.max(initial=0)) - overlap) * (int(distance.max(initial=0)) + 1) + distance
    position = _position_rank(a)[i] * len(b) + _position_rank(b)[j]
    rank_order = _order_by(quality, position, len(a) * len(b))
    i, j, overlap, distance = i[rank_order], j[rank_order], overlap[rank_order], distance[rank_order]
    chosen = (_greedy_rounds(i, j, len(a), len(b)) if method == "greedy"
              else optimal_pairs(i, j, overlap, distance, len(a)))
    exact = (a.start[i[chosen]] == b.start[j[chosen]]) & (a.end[i[chosen]] == b.end[j[chosen]])
    return MatchResult(a, b, i[chosen], j[chosen], overlap[chosen], exact, i, j, overlap)


def _position_rank(spans: SpanColumns) -> np.ndarray:
    """Rank of each span by (start, end, input position)."""
    rank = np.empty(len(spans), np.int64)
    ends = int(spans.end.max(initial=0)) + 1
    by_place = _order_by(spans.start, spans.end, ends) if spans.start.min(initial=0) >= 0 else np.lexsort(
        (spans.end, spans.start))
    rank[by_place] = np.arange(len(spans))
    return rank


def _order_by(major: np.ndarray, minor: np.ndarray, minor_range: int) -> np.ndarray:
    """``np.lexsort((minor, major))`` for non-negative integers, ``minor < minor_range``: ties
    keep input order.  Packed into one key with the input position when that fits in 64 bits,
    which sorts several times faster than two stable passes; the order is the same."""
    n = len(major)
    top = (int(major.max(initial=0)) + 1) * minor_range * max(n, 1)
    if top >= 1 << 62:
        return np.lexsort((minor, major))
    key = (major.astype(np.int64) * minor_range + minor) * n + np.arange(n, dtype=np.int64)
    return np.argsort(key)  # keys are distinct: any sort gives the one order


def _greedy_rounds(i: np.ndarray, j: np.ndarray, n_a: int, n_b: int) -> np.ndarray:
    """Positions of the greedy matching among candidates listed best first."""
    rank = np.arange(len(i), dtype=np.int64)
    alive = np.ones(len(i), dtype=bool)
    chosen = np.zeros(len(i), dtype=bool)
    a_taken = np.zeros(n_a, dtype=bool)
    b_taken = np.zeros(n_b, dtype=bool)
    sentinel = np.int64(len(i))
    while alive.any():
        live = np.flatnonzero(alive)
        best_a = np.full(n_a, sentinel)
        best_b = np.full(n_b, sentinel)
        np.minimum.at(best_a, i[live], rank[live])
        np.minimum.at(best_b, j[live], rank[live])
        dominant = live[(best_a[i[live]] == rank[live]) & (best_b[j[live]] == rank[live])]
        chosen[dominant] = True
        a_taken[i[dominant]] = True
        b_taken[j[dominant]] = True
        alive &= ~a_taken[i] & ~b_taken[j]
    return np.flatnonzero(chosen)
