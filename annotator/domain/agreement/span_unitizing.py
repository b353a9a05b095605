"""The per-paragraph pooled u-alpha: a secondary view, never the headline.

The headline u-alpha lays paragraphs and documents end to end (``continuum``).
This view keeps each paragraph as its own continuum and pools them as
1 - sum(w Do) / sum(w De) (see ``unitizing``); a unit filling a short
paragraph drives that paragraph's De towards zero, which is why it is not
the main figure.  Measure name: ``unitizing_alpha_paragraphs``.

A continuum is one paragraph for one (layer, label); its observers are the
done annotators of the document.  Spans are clipped to the paragraph; a
paragraph without a recorded length is taken to end at its furthest span.
"""

from __future__ import annotations


import numpy as np

from .codes import dense_codes, lookup, member_of
from .pooled import Evaluation, PooledStatistic
from .prepare import PreparedDataset
from .results import ALL_LABELS, NO_SPANS, ONE_ANNOTATOR, MeasureResult, finite_or_none
from .steps import PartProgress, Parts
from .unitizing import UnitizedContinua, alpha_from_sums

POOLED = "unitizing_alpha_paragraphs"


def _continuum_geometry(prepared: PreparedDataset):
    """Length of every continuum (paragraph of a span group), clipped span positions."""
    table = prepared.spans
    n_groups = int(table.group.max(initial=-1)) + 1
    # Any row of a group names its document and paragraph.
    first = np.zeros(n_groups, np.int64)
    first[table.group] = np.arange(len(table))
    width = int(table.paragraph.max(initial=0)) + 1
    paragraph_key = table.document * width + table.paragraph
    paragraphs, paragraph_of_group = dense_codes(paragraph_key[first])
    keys = zip(map(prepared.documents.__getitem__, (paragraphs // width).tolist()), (paragraphs % width).tolist())
    stated = lookup(keys, prepared.dataset.paragraph_lengths, len(paragraphs))
    # A paragraph without a recorded length is taken to end at its last span.
    furthest = np.zeros(int(paragraph_key.max(initial=0)) + 1, np.int64)
    np.maximum.at(furthest, paragraph_key, table.end)
    paragraph_length = np.where(stated >= 0, stated, furthest[paragraphs])
    lengths = paragraph_length[paragraph_of_group.reshape(-1)]
    start = np.clip(table.start, 0, lengths[table.group])
    end = np.clip(table.end, 0, lengths[table.group])
    clipped = int(np.count_nonzero((start != table.start) | (end != table.end)))
    return lengths, table.document[first], start, end, {"paragraphs_without_length": int((stated < 0).sum()),
                                                       "spans_clipped": clipped}


def unitizing_evaluations(prepared: PreparedDataset, within: PartProgress | None = None
                          ) -> tuple[dict[tuple[str, str], Evaluation], dict[str, int]]:
    """Pooled per-paragraph u-alpha per (layer, label) and per (layer, ALL_LABELS), without pairs.
    ``within(done, total)`` follows its parts: the geometry, the continua, each selection."""
    table = prepared.spans
    n_docs, n_labels = len(prepared.documents), len(table.labels)
    part = Parts(within, 3 + n_labels + len({layer for layer, _ in table.labels}))
    lengths, group_doc, start, end, notes = part(_continuum_geometry(prepared))
    group_label = np.zeros(len(lengths), np.int64)
    group_label[table.group] = table.label
    cell = group_doc * n_labels + group_label
    usable = (end > start)

    def per_cell(result) -> np.ndarray:
        sums = np.stack([np.bincount(cell, weights=w, minlength=n_docs * n_labels)
                         for w in (result.weighted_observed, result.weighted_expected)], axis=-1)
        return sums.reshape(n_docs, n_labels, 2)

    comparable_rows = np.flatnonzero(usable & prepared.comparable[table.document])
    observed_by = prepared.done[group_doc] & prepared.comparable[group_doc][:, None]
    continua = part(UnitizedContinua(table.group[comparable_rows], table.annotator[comparable_rows],
                                     start[comparable_rows], end[comparable_rows], lengths, observed_by))
    project, merged = part(per_cell(continua.project())), continua.merged
    # A secondary view: no figures per annotator pair (the headline continuum u-alpha has them).
    pair_sums: dict = {}
    notes["merged_overlapping_spans"] = merged

    selections: dict[tuple[str, str], list[int]] = {}
    layers: dict[str, list[int]] = {}
    for code, (layer, label) in enumerate(table.labels):
        layers.setdefault(layer, []).append(code)
        selections[(layer, label)] = [code]
    selections.update({(layer, ALL_LABELS): codes for layer, codes in layers.items()})
    unit_label = table.label[comparable_rows]
    out = {}
    for key, codes in part.each(selections.items()):
        in_key = member_of(unit_label, codes, n_labels)
        units = int(in_key.sum())
        annotators = prepared.observers_of(table.document[comparable_rows][in_key])
        if not prepared.comparable.any():
            out[key] = Evaluation(MeasureResult.inapplicable(POOLED, ONE_ANNOTATOR))
            continue
        if units == 0:
            out[key] = Evaluation(MeasureResult.inapplicable(POOLED, NO_SPANS, 0, annotators))
            continue
        statistic = PooledStatistic(project[:, codes, :].sum(axis=1), alpha_from_sums)
        pairs = {p: PooledStatistic(s[:, codes, :].sum(axis=1), alpha_from_sums) for p, s in pair_sums.items()}
        total = statistic.total
        result = MeasureResult(POOLED, finite_or_none(statistic.value()), units, annotators,
                               details={"weighted_observed": float(total[0]), "weighted_expected": float(total[1])})
        out[key] = Evaluation(result, statistic, pairs)
    return out, notes
