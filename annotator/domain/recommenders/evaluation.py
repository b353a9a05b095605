"""Held-out figures: micro P/R/F1 over label sets, macro F1 over stance values, span F1.

Spans are scored with the project's partial span F1 (annotator.domain.agreement.span_agreement,
``span_f1_partial``): suggestions and held-out spans paired one-to-one by ``match_spans``,
P = sum |s & h| / |s| over pairs / |S|, R = sum |s & h| / |h| over pairs / |H|.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from ..agreement.data import SpanRecord
from ..matching import match_spans


@dataclass(frozen=True)
class Figures:
    precision: float
    recall: float
    f1: float
    trained_on: int  # done sets
    held_out: int
    note: str = ""  # why there is no real figure (one label only, nothing to learn)

    def passes(self, threshold: float) -> bool:
        return self.f1 >= threshold

    def to_dict(self) -> dict:
        return asdict(self)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def set_prf(predicted: Iterable[frozenset], truth: Iterable[frozenset]) -> tuple[float, float, float]:
    """Micro P/R/F1 over items whose labels are sets (frames of a document, techniques of a paragraph)."""
    tp = fp = fn = 0
    for p, t in zip(predicted, truth, strict=True):
        tp += len(p & t)
        fp += len(p - t)
        fn += len(t - p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, _f1(precision, recall)


def macro_prf(predicted: Sequence[str], truth: Sequence[str]) -> tuple[float, float, float]:
    """Macro P/R/F1 over the values seen: a majority-value guesser does not pass for a model."""
    values = sorted(set(truth) | set(predicted))
    if not values:
        return 0.0, 0.0, 0.0
    ps, rs, fs = [], [], []
    for v in values:
        tp = sum(p == v and t == v for p, t in zip(predicted, truth, strict=True))
        n_p, n_t = sum(p == v for p in predicted), sum(t == v for t in truth)
        p_v, r_v = (tp / n_p if n_p else 0.0), (tp / n_t if n_t else 0.0)
        ps.append(p_v)
        rs.append(r_v)
        fs.append(_f1(p_v, r_v))
    return sum(ps) / len(values), sum(rs) / len(values), sum(fs) / len(values)


def span_key(document: str, paragraph: int, layer: str, label: str, start: int, end: int) -> SpanRecord:
    return SpanRecord("", "", document, paragraph, layer, label, start, end)


def span_prf(suggested: Sequence[SpanRecord], truth: Sequence[SpanRecord]) -> tuple[float, float, float]:
    if not suggested or not truth:
        return 0.0, 0.0, 0.0
    result = match_spans(suggested, truth, "optimal")
    lengths_s = result.a.end - result.a.start
    lengths_t = result.b.end - result.b.start
    covered_s = float((result.overlap / lengths_s[result.a_index]).sum())
    covered_t = float((result.overlap / lengths_t[result.b_index]).sum())
    precision, recall = covered_s / len(suggested), covered_t / len(truth)
    return precision, recall, _f1(precision, recall)

