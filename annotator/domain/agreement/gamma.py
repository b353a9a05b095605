"""Gamma (Mathet, Widlöcher & Métivier 2015, "The unified and holistic method gamma") for two or
more annotators; expensive, so computed in the background, never inside ``build_report``.

The best alignment and its dissimilarity (the paper's combined one, alpha = beta = 1 by default:
    d(u, v) = alpha ((|s_u - s_v| + |e_u - e_v|) / (l_u + l_v))^2 + beta [category_u != category_v]
and DELTA_EMPTY = 1 for a unit aligned with nothing) are in ``gamma_alignment``: every annotator
of a document together, as the paper defines it (an assignment problem for two, a set-partitioning
integer programme for more), document by document (units of different documents never align).
Its disorder is the total cost over the mean number of units per annotator, summed over the
documents.  The expected disorder is the mean disorder of the best alignments of ``samples``
random continua: for each document and each of its n places, the units of one of its n annotators
drawn at random, each moved to a uniformly random position of the document (lengths and
categories kept), seeded.  This is simpler than the paper's pivot shuffling (section 5.2), so
gamma's expected side differs from pygamma-agreement's samplers; the observed side is the
paper's exactly.  gamma = 1 - observed / expected.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from ...i18n import N_
from .gamma_alignment import DELTA_EMPTY, GammaUnit, best_alignment_cost, dissimilarity  # noqa: F401

SAMPLES = 30


Document = Sequence[Sequence[GammaUnit]]  # one list of units per annotator of the document


def observed_disorder(documents: Sequence[Document], *, alpha: float = 1.0, beta: float = 1.0) -> float:
    """Total best-alignment cost over the documents / their mean number of units per annotator
    (summed over documents, each with its own number of annotators)."""
    per_annotator = sum(sum(len(units) for units in annotators) / len(annotators) for annotators in documents)
    if per_annotator == 0:
        return float("nan")
    cost = sum(best_alignment_cost(*annotators, alpha=alpha, beta=beta) for annotators in documents)
    return cost / per_annotator


def gamma(documents: Sequence[tuple], *, samples: int = SAMPLES, seed: int = 0, alpha: float = 1.0,
          beta: float = 1.0) -> dict:
    """gamma over documents given as (length, units of annotator 1, units of annotator 2, ...),
    two or more annotators in each document."""
    if samples < 1:
        raise ValueError(f"samples: at least one random continuum is needed, got {samples}")
    for length, *annotators in documents:
        if len(annotators) < 2:
            raise ValueError(f"gamma needs at least two annotators in each document, got {len(annotators)}")
        if any(u.start < 0 or u.end > length for units in annotators for u in units):
            raise ValueError(f"a unit lies outside its continuum [0, {length})")
    observed = observed_disorder([annotators for _, *annotators in documents], alpha=alpha, beta=beta)
    if not np.isfinite(observed):
        return {"value": None, "observed_disorder": None, "expected_disorder": None, "samples": samples,
                "reason": N_("no units")}
    rng = np.random.default_rng(seed)
    expected = []
    for _ in range(samples):
        shuffled = []
        for length, *annotators in documents:
            places = []
            for _ in range(len(annotators)):
                source = annotators[int(rng.integers(0, len(annotators)))]
                places.append([_moved(u, length, rng) for u in source])
            shuffled.append(tuple(places))
        expected.append(observed_disorder(shuffled, alpha=alpha, beta=beta))
    mean = float(np.nanmean(expected))
    value = 1.0 - observed / mean if mean > 0 else None
    return {"value": value, "observed_disorder": observed, "expected_disorder": mean, "samples": samples,
            "reason": None if value is not None else N_("the random continua have no disorder")}


def _moved(unit: GammaUnit, length: int, rng: np.random.Generator) -> GammaUnit:
    span = unit.end - unit.start
    start = int(rng.integers(0, length - span + 1))
    return GammaUnit(start, start + span, unit.category)


def gamma_by_layer(dataset, *, samples: int = SAMPLES, seed: int = 0) -> dict:
    """{layer: {"value": gamma of every annotator together, "pairs": {"a|b": gamma result},
    "all": that result, "pairs_mean": mean of the pairs' gamma}} for a dataset, positions on the
    headline continuum (a document's paragraphs end to end).  "All" takes each document with the
    annotators who finished it (two or more)."""
    from .continuum import document_positions
    from .prepare import prepare

    prepared = prepare(dataset)
    table = prepared.spans
    start, end, doc_length = document_positions(prepared)
    names = prepared.annotators
    out: dict = {}

    def documents(layer_rows, who: Sequence[int]) -> list[tuple]:
        shared = np.flatnonzero(prepared.done[:, list(who)].all(axis=1))
        return [_document(layer_rows, d, who) for d in shared.tolist()]

    def _document(layer_rows, d: int, who: Sequence[int]) -> tuple:
        here = layer_rows & (table.document == d)
        return (int(doc_length[d]), *[[GammaUnit(int(start[r]), int(end[r]), table.labels[table.label[r]][1])
                                       for r in np.flatnonzero(here & (table.annotator == w)).tolist()]
                                      for w in who])

    for layer in dict.fromkeys(layer for layer, _ in table.labels):
        in_layer = np.array([table.labels[c][0] == layer for c in table.label.tolist()], bool).reshape(-1)
        pairs = {}
        for x in range(len(names)):
            for y in range(x + 1, len(names)):
                shared = documents(in_layer, (x, y))
                if shared:
                    pairs[f"{names[x]}|{names[y]}"] = gamma(shared, samples=samples, seed=seed)
        everyone = [_document(in_layer, d, np.flatnonzero(prepared.done[d]).tolist())
                    for d in np.flatnonzero(prepared.done.sum(axis=1) >= 2).tolist()]
        together = gamma(everyone, samples=samples, seed=seed) if everyone else None
        defined = [p["value"] for p in pairs.values() if p["value"] is not None]
        out[layer] = {"value": together["value"] if together else None, "all": together, "pairs": pairs,
                      "pairs_mean": float(np.mean(defined)) if defined else None,
                      "samples": samples, "seed": seed}
    return out
