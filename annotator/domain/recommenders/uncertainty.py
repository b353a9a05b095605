"""How unsure the recommenders are about a document: the score active ordering sorts by.

Each model that exists says how torn it is, from 0 (sure) to 1 (torn):

* frames: 1 - the margin between its two best frames;
* techniques: per paragraph, the technique whose probability is nearest 0.5 (1 - |2p - 1|),
  averaged over the paragraphs;
* stance: per actor the document mentions, 1 - the margin between its two best values, averaged.

The document's score is the mean of those that apply (margin sampling, the usual uncertainty
sampling for a linear classifier). The gazetteer has no probability to be torn about: it adds
nothing. A document the models know nothing about scores 0.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .text_model import paragraph_counts, sum_rows


def _margin_uncertainty(proba: np.ndarray) -> np.ndarray:
    """Per row, 1 - (best - second best); rows of one class are sure."""
    if proba.shape[1] < 2:
        return np.zeros(proba.shape[0])
    top = np.sort(proba, axis=1)[:, -2:]
    return 1.0 - (top[:, 1] - top[:, 0])


def uncertainty(models: Mapping[str, object], paragraphs: Sequence[str],
                mentions: Mapping[str, Sequence[int]] | None = None) -> float:
    if not paragraphs:
        return 0.0
    counts = paragraph_counts(paragraphs)
    parts: list[float] = []
    frames = models.get("frames")
    if frames is not None and len(frames.labels) >= 2:
        parts.append(float(_margin_uncertainty(frames.scores(sum_rows(counts, [range(len(paragraphs))])))[0]))
    techniques = models.get("techniques")
    if techniques is not None:
        torn = 1.0 - np.abs(2.0 * techniques.scores(counts) - 1.0)
        parts.append(float(torn.max(axis=1).mean()))
    stance = models.get("stance")
    actors = sorted(a for a, ps in (mentions or {}).items() if ps)
    if stance is not None and actors:
        proba = stance.probabilities(sum_rows(counts, [list(mentions[a]) for a in actors]))
        parts.append(float(_margin_uncertainty(proba).mean()))
    return float(np.mean(parts)) if parts else 0.0
