"""What went into the figures ("entered"), kept apart from the measures.

Which documents could be compared, what each annotator contributed, which
records were left out because their set is not done, annotators whose done
sets hold nothing, and categories used too rarely for a stable coefficient.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np

from .coding_table import MISSING, CodingTable
from .prepare import PreparedDataset

# Fewer uses than this make a category "sparse": its per-label coefficient
# rests on a handful of decisions.
SPARSE_BELOW = 5


@dataclass(frozen=True)
class Diagnostics:
    documents: int
    comparable_documents: int
    single_set_documents: tuple[str, ...]
    documents_without_done_sets: tuple[str, ...]
    annotators: Mapping[str, Mapping[str, int]]
    annotators_without_annotations: tuple[str, ...]
    left_out_records: Mapping[str, int]
    sets_left_out: tuple[tuple[str, str], ...]
    sparse_categories: tuple[Mapping[str, Any], ...]
    notes: Mapping[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents, "comparable_documents": self.comparable_documents,
            "single_set_documents": list(self.single_set_documents),
            "documents_without_done_sets": list(self.documents_without_done_sets),
            "annotators": {a: dict(c) for a, c in self.annotators.items()},
            "annotators_without_annotations": list(self.annotators_without_annotations),
            "left_out_records": dict(self.left_out_records),
            "sets_left_out": [{"document": d, "annotator": a} for d, a in self.sets_left_out],
            "sparse_categories": [dict(s) for s in self.sparse_categories],
            "notes": dict(self.notes),
        }


def category_counts(table: CodingTable) -> dict[str, int]:
    used = table.values[table.values != MISSING]
    counts = np.bincount(used, minlength=len(table.categories))
    return {_name(c): int(n) for c, n in zip(table.categories, counts)}


def _name(category: Any) -> str:
    if isinstance(category, frozenset):
        return "{" + ", ".join(sorted(map(str, category))) + "}"
    return str(category)


def sparse_categories(counts: Mapping[str, Mapping[str, int]]) -> tuple[dict[str, Any], ...]:
    # A variable nobody used is reported by its measures ("no data"), not here.
    return tuple({"variable": variable, "category": category, "count": n}
                 for variable, per_category in counts.items() if sum(per_category.values())
                 for category, n in per_category.items() if n < SPARSE_BELOW)


def diagnose(prepared: PreparedDataset, category_use: Mapping[str, Mapping[str, int]],
             notes: Mapping[str, int]) -> Diagnostics:
    documents = prepared.documents
    observers = prepared.observers
    contributions: dict[str, Counter] = {a: Counter() for a in prepared.annotators}
    for a, n in zip(prepared.annotators, prepared.done.sum(axis=0).tolist()):
        contributions[a]["done_sets"] = n
    spans = np.bincount(prepared.spans.annotator, minlength=len(prepared.annotators))
    for a, n in zip(prepared.annotators, spans.tolist()):
        contributions[a]["spans"] = n
    for kind in ("links", "stances", "frames"):
        counts = np.bincount(prepared.record_codes[kind][1], minlength=len(prepared.annotators))
        for a, n in zip(prepared.annotators, counts.tolist()):
            if n:  # kinds an annotator has none of are added below, after the others
                contributions[a][kind] = n
    for a in contributions:
        for kind in ("spans", "links", "stances", "frames"):
            contributions[a].setdefault(kind, 0)
    empty = tuple(a for a, c in contributions.items()
                  if c["done_sets"] and not (c["spans"] or c["links"] or c["stances"] or c["frames"]))
    return Diagnostics(
        documents=len(documents),
        comparable_documents=int(prepared.comparable.sum()),
        single_set_documents=tuple(d for d, m in zip(documents, observers.tolist()) if m == 1),
        documents_without_done_sets=tuple(d for d, m in zip(documents, observers.tolist()) if m == 0),
        annotators={a: dict(c) for a, c in contributions.items()},
        annotators_without_annotations=empty,
        left_out_records=dict(prepared.left_out),
        sets_left_out=tuple(sorted(prepared.sets_left_out)),
        sparse_categories=sparse_categories(category_use),
        notes=dict(notes),
    )
