"""Turn an AgreementDataset into coded numpy columns, keeping done sets only.

Everything downstream works on integer codes: documents and annotators are
indexed in sorted order, spans become columns of one ``SpanTable``.
Records of sets that are not done are dropped here and counted, so no
measure can see them by accident.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress
from typing import Mapping, Sequence

import numpy as np

from ..matching import SpanColumns
from .codes import dense_codes, field_codes, field_values
from .data import AgreementDataset, FrameRecord, LinkRecord, SpanRecord, StanceRecord
from .span_ids import SpanIdIndex
from .steps import PartProgress, Parts


class RecordView(Sequence):
    """Records picked by index without copying them into a new list."""

    def __init__(self, records: Sequence, rows: np.ndarray) -> None:
        self._records, self._rows = records, rows

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self):
        return map(self._records.__getitem__, self._rows.tolist())

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
    def ids(self) -> SpanIdIndex:
        return SpanIdIndex(self.records)


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
    # "links" / "stances" / "frames" -> (document codes, annotator codes) of the records kept
    record_codes: Mapping[str, tuple[np.ndarray, np.ndarray]]

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


def _done_set_codes(done_sets, doc_index: dict[str, int], ann_index: dict[str, int]) -> dict[tuple[str, str], int]:
    """(document, annotator) of every done set -> document code * annotators + annotator code."""
    width = len(ann_index)
    return {(document, annotator): doc_index[document] * width + ann_index[annotator]
            for document, names in done_sets.items() for annotator in names}


def _keep_done(records: Sequence, kind: str, set_codes: dict, width: int, left_out: Counter,
               sets_left_out: set) -> tuple[list, np.ndarray, np.ndarray]:
    """Records whose set is done, with their document and annotator codes."""
    code = field_codes(records, ("document", "annotator"), set_codes)
    keep = code >= 0
    if keep.all():  # the usual case: the records are only read, so the caller's list is kept as is
        kept = records if isinstance(records, list) else list(records)
    else:
        dropped = list(compress(records, ~keep))
        left_out[kind] += len(dropped)
        sets_left_out.update((r.document, r.annotator) for r in dropped)
        kept, code = list(compress(records, keep)), code[keep]
    width = max(width, 1)
    return kept, code // width, code % width


def _label_codes(records: Sequence, span_layers) -> tuple[np.ndarray, list[tuple[str, str]]]:
    """Code of each span's (layer, label); undeclared labels get codes after the declared ones."""
    labels = [(layer, label) for layer, names in span_layers.items() for label in names]
    label_code = {key: i for i, key in enumerate(labels)}
    label = field_codes(records, ("layer", "label"), label_code)
    undeclared = np.flatnonzero(label < 0)
    if len(undeclared):
        keys = [(records[r].layer, records[r].label) for r in undeclared.tolist()]
        for key in sorted(set(keys)):  # a stable order
            label_code[key] = len(labels)
            labels.append(key)
        label[undeclared] = [label_code[key] for key in keys]
    return label, labels


PREPARE_PARTS = 8  # the set codes, the spans kept, the other records, labels, three columns, the groups


def prepare(dataset: AgreementDataset, within: PartProgress | None = None) -> PreparedDataset:
    """``within(done, total)``, when given, follows its parts: seconds at 1,000,000 spans."""
    part = Parts(within, PREPARE_PARTS)
    documents = tuple(sorted(dataset.done_sets))
    annotators = tuple(sorted(set().union(*dataset.done_sets.values()))) if documents else ()
    doc_index = {d: i for i, d in enumerate(documents)}
    ann_index = {a: i for i, a in enumerate(annotators)}
    set_codes = _done_set_codes(dataset.done_sets, doc_index, ann_index)
    done = np.zeros(len(documents) * len(annotators), dtype=bool)
    done[np.fromiter(set_codes.values(), np.int64, len(set_codes))] = True
    done = part(done.reshape(len(documents), len(annotators)))

    left_out: Counter = Counter()
    sets_left_out: set = set()
    keep = dict(set_codes=set_codes, width=len(annotators), left_out=left_out, sets_left_out=sets_left_out)
    records, document, annotator = part(_keep_done(dataset.spans, "spans", **keep))
    others = part({kind: _keep_done(getattr(dataset, kind), kind, **keep) for kind in ("links", "stances", "frames")})

    label, labels = part(_label_codes(records, dataset.span_layers))
    paragraph, start, end = (part(field_values(records, name)) for name in ("paragraph", "start", "end"))
    group_key = (document * (int(paragraph.max(initial=0)) + 1) + paragraph) * max(len(labels), 1) + label
    table = SpanTable(records, document, paragraph, annotator, label, start, end, labels,
                      part(dense_codes(group_key)[1]), {})
    return PreparedDataset(dataset, documents, annotators, done, table, others["links"][0],
                           others["stances"][0], others["frames"][0], left_out, frozenset(sets_left_out),
                           {kind: kept[1:] for kind, kept in others.items()})
