"""The integer-code helpers behind the engine's columns give what the plain
numpy and dict spellings give, including repeats, unknowns and hash collisions."""

import numpy as np
import pytest

from annotator.domain.agreement import span_ids
from annotator.domain.agreement.codes import dense_codes, distinct, member_of
from annotator.domain.agreement.coding_units import _first_seen_codes
from annotator.domain.agreement.data import SpanRecord
from annotator.domain.agreement.pooled import Grouping
from annotator.domain.agreement.span_ids import SpanIdIndex


@pytest.mark.parametrize("size, low, high", [(0, 0, 1), (1, 0, 1), (50, 0, 7), (1000, 0, 3000), (1000, 0, 10 ** 12),
                                             (50, -3, 4)])
def test_dense_codes_equal_unique_with_inverse(size, low, high):
    keys = np.random.default_rng(size).integers(low, high, size)
    uniques, inverse = np.unique(keys, return_inverse=True)
    got_uniques, got_inverse = dense_codes(keys)
    assert np.array_equal(got_uniques, uniques) and np.array_equal(got_inverse, inverse.reshape(-1))


def test_member_of_equals_isin():
    codes = np.random.default_rng(1).integers(0, 9, 200)
    assert np.array_equal(member_of(codes, [2, 5, 8], 9), np.isin(codes, [2, 5, 8]))


def test_first_seen_codes_number_keys_in_order_of_appearance():
    codes, first = _first_seen_codes(np.array([40, 7, 40, 3, 7, 99]))
    assert codes.tolist() == [0, 1, 0, 2, 1, 3]
    assert first.tolist() == [0, 1, 3, 5]


def test_grouping_sums_rows_by_group_and_leaves_out_minus_one():
    rows = np.arange(12, dtype=float).reshape(6, 2)
    grouping = Grouping(np.array([2, 0, -1, 2, 0, 1]), 4)
    assert grouping.sums(rows).tolist() == [[10, 12], [10, 11], [6, 8], [0, 0]]
    in_order = Grouping(np.array([0, 0, 1, 1, 1, 3]), 4)
    assert in_order.sums(rows).tolist() == [[2, 4], [18, 21], [0, 0], [10, 11]]


def spans(ids):
    return [SpanRecord(i, "ann", "d", 0, "argument", "claim", 0, 1) for i in ids]


IDS = ["a", "b", "dup", "c", "dup", "d"]
WANTED = ["dup", "c", "missing", "a", "d", "b", "dup", ""]


def by_dict(ids, wanted):
    rows = dict(zip(ids, range(len(ids))))  # the last row of a repeated id wins
    return [rows.get(i, -1) for i in wanted]


def test_span_ids_resolve_like_a_dict():
    assert SpanIdIndex(spans(IDS)).rows_of(WANTED).tolist() == by_dict(IDS, WANTED)
    assert SpanIdIndex(spans([])).rows_of(["a"]).tolist() == [-1]
    assert SpanIdIndex(spans(IDS)).rows_of([]).tolist() == []


def test_span_ids_survive_hash_collisions(monkeypatch):
    # Every id gets one of two hashes: hits must be settled by comparing the ids.
    monkeypatch.setattr(span_ids, "hash", lambda s: len(s) % 2, raising=False)
    assert SpanIdIndex(spans(IDS)).rows_of(WANTED).tolist() == by_dict(IDS, WANTED)


@pytest.mark.parametrize("keys", [[], [5], [3, 1, 3, 2, 1], list(range(100, 0, -7)) * 3])
def test_distinct_equals_unique(keys):
    keys = np.array(keys, np.int64)
    assert np.array_equal(distinct(keys), np.unique(keys))
