"""Turn an AgreementDataset into coded numpy columns, keeping done sets only.

Everything downstream works on integer codes: documents and annotators are
indexed in sorted order, spans become columns of one ``SpanTable``.
Records of sets that are not done are dropped here and counted, so no
measure can see them by accident.
"""

from __future__ import annotations

from collections import Counter
from itertools import compress, repeat
from operator import attrgetter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Sequence

import numpy as np

from ..matching import SpanColumns
from .data import AgreementDataset, FrameRecord, LinkRecord, SpanRecord, StanceRecord


class RecordView(Sequence):
    """Records picked by index without copying them into a new list."""

    def __init__(self, records: Sequence, rows: np.ndarray) -> None:
        self._records, self._rows = records, rows

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self._records[r] for r in self._rows[k].tolist()]
        return self._records[int(self._rows[k])]


@dataclass(frozen=True, eq=False)
class SpanTable:
    records: list[SpanRecord]
    document: np.ndarray
    paragraph: np.ndarray
    annotator: np.ndarray
    label: np.ndarray  # code into ``labels``
    start: np.ndarray
    end: np.ndarray
    labels: list[tuple[str, str]]  # (layer, label)
    # code of (document, paragraph, layer, label): the matching group and the u-alpha continuum
    group: np.ndarray
    codebook: dict = field(repr=False)

    def __len__(self) -> int:
        return len(self.records)

    def columns(self, rows: np.ndarray) -> SpanColumns:
        return SpanColumns(RecordView(self.records, rows), self.group[rows], self.start[rows],
                           self.end[rows], self.codebook)

    @cached_property
    def row_of_id(self) -> dict[str, int]:
        return dict(zip(map(attrgetter("span_id"), self.records), range(len(self.records))))


@dataclass(frozen=True, eq=False)
class PreparedDataset:
    dataset: AgreementDataset
    documents: tuple[str, ...]
    annotators: tuple[str, ...]
    done: np.ndarray  # (documents, annotators) bool
    spans: SpanTable
    links: list[LinkRecord]  # done sets only, like the three below
    stances: list[StanceRecord]
    frames: list[FrameRecord]
    left_out: Counter  # record kind -> records ignored because their set is not done
    sets_left_out: frozenset[tuple[str, str]]  # (document, annotator) with records but not done

    @cached_property
    def document_index(self) -> dict[str, int]:
        return {d: i for i, d in enumerate(self.documents)}

    @cached_property
    def annotator_index(self) -> dict[str, int]:
        return {a: i for i, a in enumerate(self.annotators)}

    @cached_property
    def observers(self) -> np.ndarray:
        return self.done.sum(axis=1)

    @cached_property
    def comparable(self) -> np.ndarray:
        """Documents with at least two done sets: the only ones agreement can be measured on."""
        return self.observers >= 2

    def observers_of(self, documents: np.ndarray) -> int:
        """How many annotators have a done set in any of these comparable documents.

        An observer whose done set holds no span of a label still takes part
        in that label's span measures (as "nothing here"), so this, not the
        number of annotators with spans, is a span measure's annotator count.
        """
        selected = np.zeros(len(self.documents), dtype=bool)
        selected[documents] = True
        return int(np.any(self.done[selected & self.comparable], axis=0).sum())

    def both_done(self, a: int, b: int) -> np.ndarray:
        return self.done[:, a] & self.done[:, b]


def _codes(names: Sequence[str], index: dict[str, int]) -> np.ndarray:
    return np.fromiter(map(index.get, names, repeat(-1)), np.int64, len(names))


def _keep_done(records: Sequence, kind: str, doc_index, ann_index, done, left_out: Counter,
               sets_left_out: set) -> tuple[list, np.ndarray, np.ndarray]:
    """Records whose set is done, with their document and annotator codes."""
    document = _codes(list(map(attrgetter("document"), records)), doc_index)
    annotator = _codes(list(map(attrgetter("annotator"), records)), ann_index)
    known = (document >= 0) & (annotator >= 0)
    keep = known.copy()
    keep[known] = done[document[known], annotator[known]]
    if not keep.all():
        dropped = list(compress(records, ~keep))
        left_out[kind] += len(dropped)
        sets_left_out.update((r.document, r.annotator) for r in dropped)
    return list(compress(records, keep)), document[keep], annotator[keep]


def _keep_done_records(records: Sequence, kind: str, done_sets, left_out: Counter, sets_left_out: set) -> list:
    """Records whose set is done (one pass; their codes are not needed here)."""
    nothing: frozenset = frozenset()
    kept = [r for r in records if r.annotator in done_sets.get(r.document, nothing)]
    if len(kept) != len(records):
        dropped = [r for r in records if r.annotator not in done_sets.get(r.document, nothing)]
        left_out[kind] += len(dropped)
        sets_left_out.update((r.document, r.annotator) for r in dropped)
    return kept


def prepare(dataset: AgreementDataset) -> PreparedDataset:
    documents = tuple(sorted(dataset.done_sets))
    annotators = tuple(sorted(set().union(*dataset.done_sets.values()))) if documents else ()
    doc_index = {d: i for i, d in enumerate(documents)}
    ann_index = {a: i for i, a in enumerate(annotators)}
    done = np.zeros((len(documents), len(annotators)), dtype=bool)
    for document, names in dataset.done_sets.items():
        done[doc_index[document], [ann_index[a] for a in names]] = True

    left_out: Counter = Counter()
    sets_left_out: set = set()
    keep = dict(doc_index=doc_index, ann_index=ann_index, done=done, left_out=left_out,
                sets_left_out=sets_left_out)
    records, document, annotator = _keep_done(dataset.spans, "spans", **keep)
    others = {kind: _keep_done_records(getattr(dataset, kind), kind, dataset.done_sets, left_out, sets_left_out)
              for kind in ("links", "stances", "frames")}

    labels = [(layer, label) for layer, names in dataset.span_layers.items() for label in names]
    label_code = {key: i for i, key in enumerate(labels)}
    pairs = list(map(attrgetter("layer", "label"), records))
    for key in sorted(set(pairs) - set(label_code)):  # undeclared labels, in a stable order
        label_code[key] = len(labels)
        labels.append(key)
    n = len(records)
    label = np.fromiter(map(label_code.__getitem__, pairs), np.int64, n)
    paragraph = np.fromiter(map(attrgetter("paragraph"), records), np.int64, n)
    start = np.fromiter(map(attrgetter("start"), records), np.int64, n)
    end = np.fromiter(map(attrgetter("end"), records), np.int64, n)
    group_key = (document * (int(paragraph.max(initial=0)) + 1) + paragraph) * max(len(labels), 1) + label
    _, group = np.unique(group_key, return_inverse=True)
    table = SpanTable(records, document, paragraph, annotator, label, start, end, labels,
                      group.astype(np.int64).reshape(-1), {})
    return PreparedDataset(dataset, documents, annotators, done, table, others["links"], others["stances"],
                           others["frames"], left_out, frozenset(sets_left_out))
