"""Gamma (Mathet, Widlöcher & Métivier 2015, "The unified and holistic method gamma"), for two
annotators; expensive, so computed in the background, never inside ``build_report``.

Dissimilarity of two units u, v (the paper's combined one, alpha = beta = 1):
    d(u, v) = ((|s_u - s_v| + |e_u - e_v|) / (l_u + l_v))^2 + [category_u != category_v]
and a unit aligned with nothing costs DELTA_EMPTY = 1.  The best alignment pairs the two
annotators' units one-to-one (or leaves them alone) with the least total cost; with two
annotators that is an assignment problem, solved exactly with scipy's linear_sum_assignment,
document by document (units of different documents never align).  Its disorder is the total cost
over the mean number of units per annotator.  The expected disorder is the mean disorder of the
best alignments of ``samples`` random continua: for each document and each of the two places, the
units of one of the two annotators drawn at random, each moved to a uniformly random position of
the document (lengths and categories kept), seeded.  gamma = 1 - observed / expected.
With more than two annotators this module gives gamma per pair (the multi-annotator alignment
is a mixed integer programme, not done here).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

DELTA_EMPTY = 1.0
SAMPLES = 30


@dataclass(frozen=True)
class GammaUnit:
    start: int
    end: int
    category: str

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"unit [{self.start}, {self.end}) is empty or of negative length")


def dissimilarity(a: Sequence[GammaUnit], b: Sequence[GammaUnit]) -> np.ndarray:
    sa, ea = np.array([u.start for u in a], float), np.array([u.end for u in a], float)
    sb, eb = np.array([u.start for u in b], float), np.array([u.end for u in b], float)
    positional = ((np.abs(sa[:, None] - sb[None, :]) + np.abs(ea[:, None] - eb[None, :]))
                  / ((ea - sa)[:, None] + (eb - sb)[None, :])) ** 2
    categorical = np.array([[u.category != v.category for v in b] for u in a], float).reshape(len(a), len(b))
    return positional + categorical


def best_alignment_cost(a: Sequence[GammaUnit], b: Sequence[GammaUnit]) -> float:
    """The least total cost of aligning two annotators' units of one continuum."""
    if not a or not b:
        return DELTA_EMPTY * (len(a) + len(b))
    d = dissimilarity(a, b)
    n_a, n_b = len(a), len(b)
    forbidden = 1e9
    cost = np.zeros((n_a + n_b, n_b + n_a))
    cost[:n_a, :n_b] = d
    cost[:n_a, n_b:] = np.where(np.eye(n_a, dtype=bool), DELTA_EMPTY, forbidden)  # a's unit alone
    cost[n_a:, :n_b] = np.where(np.eye(n_b, dtype=bool), DELTA_EMPTY, forbidden)  # b's unit alone
    rows, columns = linear_sum_assignment(cost)
    return float(cost[rows, columns].sum())


def observed_disorder(documents: Sequence[tuple[Sequence[GammaUnit], Sequence[GammaUnit]]]) -> float:
    units = sum(len(a) + len(b) for a, b in documents)
    if units == 0:
        return float("nan")
    return sum(best_alignment_cost(a, b) for a, b in documents) / (units / 2)


def gamma(documents: Sequence[tuple[int, Sequence[GammaUnit], Sequence[GammaUnit]]], *, samples: int = SAMPLES,
          seed: int = 0) -> dict:
    """gamma of two annotators over documents given as (length, units of a, units of b)."""
    if samples < 1:
        raise ValueError(f"samples: at least one random continuum is needed, got {samples}")
    for length, a, b in documents:
        if any(u.start < 0 or u.end > length for u in (*a, *b)):
            raise ValueError(f"a unit lies outside its continuum [0, {length})")
    observed = observed_disorder([(a, b) for _, a, b in documents])
    if not np.isfinite(observed):
        return {"value": None, "observed_disorder": None, "expected_disorder": None, "samples": samples,
                "reason": "no units"}
    rng = np.random.default_rng(seed)
    expected = []
    for _ in range(samples):
        shuffled = []
        for length, a, b in documents:
            places = []
            for _ in range(2):
                source = (a, b)[int(rng.integers(0, 2))]
                places.append([_moved(u, length, rng) for u in source])
            shuffled.append(tuple(places))
        expected.append(observed_disorder(shuffled))
    mean = float(np.nanmean(expected))
    value = 1.0 - observed / mean if mean > 0 else None
    return {"value": value, "observed_disorder": observed, "expected_disorder": mean, "samples": samples,
            "reason": None if value is not None else "the random continua have no disorder"}


def _moved(unit: GammaUnit, length: int, rng: np.random.Generator) -> GammaUnit:
    span = unit.end - unit.start
    start = int(rng.integers(0, length - span + 1))
    return GammaUnit(start, start + span, unit.category)


def gamma_by_layer(dataset, *, samples: int = SAMPLES, seed: int = 0) -> dict:
    """{layer: {"pairs": {"a|b": gamma result}, "value": mean of the pairs' gamma}} for a dataset,
    positions on the headline continuum (a document's paragraphs end to end)."""
    from .continuum import document_positions
    from .prepare import prepare

    prepared = prepare(dataset)
    table = prepared.spans
    start, end, doc_length = document_positions(prepared)
    names = prepared.annotators
    out: dict = {}
    for layer in dict.fromkeys(layer for layer, _ in table.labels):
        in_layer = np.array([table.labels[c][0] == layer for c in table.label.tolist()], bool).reshape(-1)
        pairs = {}
        for x in range(len(names)):
            for y in range(x + 1, len(names)):
                shared = np.flatnonzero(prepared.done[:, x] & prepared.done[:, y])
                documents = []
                for d in shared.tolist():
                    here = in_layer & (table.document == d)
                    documents.append((int(doc_length[d]), *[
                        [GammaUnit(int(start[r]), int(end[r]), table.labels[table.label[r]][1])
                         for r in np.flatnonzero(here & (table.annotator == who)).tolist()] for who in (x, y)]))
                if documents:
                    pairs[f"{names[x]}|{names[y]}"] = gamma(documents, samples=samples, seed=seed)
        defined = [p["value"] for p in pairs.values() if p["value"] is not None]
        out[layer] = {"pairs": pairs, "value": float(np.mean(defined)) if defined else None,
                      "samples": samples, "seed": seed}
    return out
