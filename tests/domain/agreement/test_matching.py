"""match_spans: one-to-one, per label and paragraph, greedy by overlap."""

from dataclasses import dataclass

import numpy as np
import pytest

from annotator.domain.matching import SpanColumns, candidate_pairs, match_spans, self_overlaps


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str = "claim"
    document: str = "d"
    paragraph: int = 0


def test_exact_partial_and_unmatched_are_counted():
    a = [Span(0, 10), Span(20, 30), Span(50, 60)]
    b = [Span(0, 10), Span(22, 35), Span(80, 90)]
    result = match_spans(a, b)
    kinds = sorted((p.a_span.start, p.b_span.start, p.overlap, p.kind) for p in result.pairs)
    assert kinds == [(0, 0, 10, "exact"), (20, 22, 8, "partial")]
    assert result.unmatched_a == (Span(50, 60),)
    assert result.unmatched_b == (Span(80, 90),)
    assert result.to_dict() == {"exact": 1, "partial": 1, "unmatched_a": 1, "unmatched_b": 1}


def test_only_same_label_document_and_paragraph_match():
    a = [Span(0, 10, "claim"), Span(0, 10, "claim", paragraph=1), Span(0, 10, "claim", document="e")]
    b = [Span(0, 10, "evidence"), Span(0, 10, "claim", paragraph=2), Span(0, 10, "claim", document="f")]
    assert match_spans(a, b).pairs == ()


def test_greatest_overlap_is_paired_first_one_to_one():
    # b[0] overlaps a[0] by 5 and a[1] by 8: it goes to a[1]; a[0] then takes b[1].
    a = [Span(0, 10), Span(10, 20)]
    b = [Span(5, 18), Span(0, 4)]
    pairs = {(p.a_span.start, p.b_span.start) for p in match_spans(a, b).pairs}
    assert pairs == {(10, 5), (0, 0)}


def test_exact_match_wins_a_tie_against_a_containing_span():
    a = [Span(10, 20)]
    b = [Span(0, 30), Span(10, 20)]  # both overlap by 10; the exact one is closer
    (pair,) = match_spans(a, b).pairs
    assert pair.b_span == Span(10, 20) and pair.kind == "exact"


def test_ties_are_broken_deterministically_by_position():
    a = [Span(10, 20)]
    b = [Span(15, 25), Span(5, 15)]  # overlap 5 and boundary distance 10 each
    (pair,) = match_spans(a, b).pairs
    assert pair.b_span == Span(5, 15)  # earlier b-span first
    (again,) = match_spans(a, list(reversed(b))).pairs
    assert again.b_span == pair.b_span


def greedy_reference(a, b):
    candidates = []
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            if (x.document, x.paragraph, x.label) != (y.document, y.paragraph, y.label):
                continue
            overlap = min(x.end, y.end) - max(x.start, y.start)
            if overlap > 0:
                distance = abs(x.start - y.start) + abs(x.end - y.end)
                candidates.append((-overlap, distance, x.start, x.end, i, y.start, y.end, j))
    used_a, used_b, pairs = set(), set(), set()
    for *_, i, _, _, j in sorted(candidates):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.add((i, j))
    return pairs


@pytest.mark.parametrize("seed", range(10))
def test_vectorised_rounds_equal_the_sequential_greedy(seed):
    rng = np.random.default_rng(seed)

    def spans(n):
        starts = rng.integers(0, 200, n)
        return [Span(int(s), int(s + rng.integers(1, 40)), str(rng.choice(["claim", "evidence"])),
                     str(rng.choice(["d1", "d2"])), int(rng.integers(0, 2))) for s in starts]

    a, b = spans(60), spans(70)
    a += a[:5]  # duplicates: ties that only the input position can break
    result = match_spans(a, b)
    assert set(zip(result.a_index.tolist(), result.b_index.tolist())) == greedy_reference(a, b)


def test_empty_sides():
    result = match_spans([], [Span(0, 5)])
    assert result.pairs == () and result.unmatched_b == (Span(0, 5),)
    assert match_spans([], []).counts.matched == 0


def test_self_overlaps_equal_the_two_sided_search():
    rng = np.random.default_rng(5)
    starts = rng.integers(0, 100, 80)
    spans = [Span(int(s), int(s + rng.integers(0, 20)), paragraph=int(rng.integers(0, 3))) for s in starts]
    columns = SpanColumns.from_spans(spans)
    assert set(zip(*map(np.ndarray.tolist, self_overlaps(columns)))) == \
        set(zip(*map(np.ndarray.tolist, candidate_pairs(columns, columns))))


def test_optimal_matching_pairs_what_greedy_leaves_unpaired():
    # a0 overlaps b0 by 8 and b1 by 7; a1 overlaps only b0 (by 4). Greedy takes (a0, b0) and
    # leaves a1 and b1 alone (total 8); the optimal matching pairs (a0, b1) and (a1, b0): 11.
    a = [Span(0, 10), Span(8, 20)]
    b = [Span(2, 12), Span(0, 7)]
    greedy = {(p.a_span.start, p.b_span.start) for p in match_spans(a, b, "greedy").pairs}
    optimal = match_spans(a, b, "optimal")
    assert greedy == {(0, 2)}
    assert {(p.a_span.start, p.b_span.start) for p in optimal.pairs} == {(0, 0), (8, 2)}
    assert int(optimal.overlap.sum()) == 11
    with pytest.raises(ValueError, match="unknown matching 'best'"):
        match_spans(a, b, "best")


def test_optimal_matching_still_prefers_the_exact_match_on_a_tie():
    (pair,) = match_spans([Span(10, 20)], [Span(0, 30), Span(10, 20)], "optimal").pairs
    assert pair.kind == "exact"


def brute_force_best(a, b):
    """The greatest total overlap over every one-to-one matching (small inputs only)."""
    from itertools import permutations
    overlap = [[max(0, min(x.end, y.end) - max(x.start, y.start)) if (x.label, x.paragraph) == (y.label, y.paragraph)
                else 0 for y in b] for x in a]
    best = 0
    for chosen in permutations(range(len(b)), min(len(a), len(b))) if len(a) <= len(b) else []:
        best = max(best, sum(overlap[k][c] for k, c in enumerate(chosen)))
    return best


@pytest.mark.parametrize("seed", range(20))
def test_optimal_matching_reaches_the_brute_force_total(seed):
    rng = np.random.default_rng(50 + seed)
    a = [Span(int(s), int(s + rng.integers(1, 15)), paragraph=int(rng.integers(0, 2))) for s in rng.integers(0, 40, 4)]
    b = [Span(int(s), int(s + rng.integers(1, 15)), paragraph=int(rng.integers(0, 2))) for s in rng.integers(0, 40, 6)]
    result = match_spans(a, b, "optimal")
    assert int(result.overlap.sum()) == brute_force_best(a, b)
    assert len(set(result.a_index.tolist())) == len(result.a_index)  # one-to-one
    assert len(set(result.b_index.tolist())) == len(result.b_index)
