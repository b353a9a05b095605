"""Integer codes for keys, the building block of every column in the engine.

A project has about a million span records, so each helper here runs its
per-record work inside C iterators (``map``, ``np.fromiter``) and never
builds an intermediate Python list: a list of a million fresh tuples costs
more than the lookups themselves.
"""

from __future__ import annotations

from itertools import repeat
from operator import attrgetter
from typing import Iterable, Mapping, Sequence

import numpy as np

# A bincount over the key range beats sorting while the range is at most
# this many times the number of keys (plus a constant for small inputs).
DENSE_RANGE_FACTOR = 4


def lookup(keys: Iterable, index: Mapping, count: int) -> np.ndarray:
    """index[key] for each key, -1 where the key is not in ``index``."""
    return np.fromiter(map(index.get, keys, repeat(-1)), np.int64, count)


def field_codes(records: Sequence, fields: str | tuple[str, ...], index: Mapping) -> np.ndarray:
    """Code of each record's field (or tuple of fields) in ``index``, -1 where unknown."""
    getter = attrgetter(*fields) if isinstance(fields, tuple) else attrgetter(fields)
    return lookup(map(getter, records), index, len(records))


def field_values(records: Sequence, name: str) -> np.ndarray:
    """An integer field of every record."""
    return np.fromiter(map(attrgetter(name), records), np.int64, len(records))


def distinct(keys: np.ndarray) -> np.ndarray:
    """``np.unique(keys)`` for integer keys, by sorting: with many distinct keys
    numpy's hash-table unique is an order of magnitude slower than a sort."""
    keys = np.sort(keys, axis=None)
    return keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys


def member_of(codes: np.ndarray, selected: Sequence[int], n_codes: int) -> np.ndarray:
    """``np.isin(codes, selected)`` for codes in range(n_codes), as one table lookup."""
    table = np.zeros(n_codes, bool)
    table[list(selected)] = True
    return table[codes]


def dense_codes(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(keys, return_inverse=True)`` for integer keys.

    Keys here are packed codes (document, paragraph, label...) whose range is
    usually a small multiple of their number; then marking the present keys
    and counting them gives the same ranks without an O(n log n) sort.
    """
    keys = np.asarray(keys, np.int64).reshape(-1)
    top = int(keys.max(initial=-1)) + 1
    if top > DENSE_RANGE_FACTOR * len(keys) + 1024 or keys.min(initial=0) < 0:
        uniques, inverse = np.unique(keys, return_inverse=True)
        return uniques, inverse.astype(np.int64).reshape(-1)
    present = np.zeros(top, bool)
    present[keys] = True
    rank = np.cumsum(present, dtype=np.int64) - 1
    return np.flatnonzero(present), rank[keys]
