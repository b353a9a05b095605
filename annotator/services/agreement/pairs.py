"""The agreement engine run on two raters over some documents (an annotator against gold, the
recommenders against an annotator): the measures as they are, only those that apply."""
from __future__ import annotations

from collections.abc import Collection, Sequence

from ...domain.agreement import AgreementDataset, build_report


def two_raters(dataset: AgreementDataset, documents: Collection[str], raters: tuple[str, str],
               records: Sequence[Sequence]) -> dict:
    """{"documents": n, "variables": {key: {"primary": measure, measure: value}}}; ``records`` are
    (spans, links, stances, frames) of both raters, filtered here to ``documents``."""
    docs = set(documents)
    spans, links, stances, frames = ([r for r in group if r.document in docs] for group in records)
    sub = AgreementDataset(
        done_sets={d: frozenset(raters) for d in docs},
        paragraph_lengths={k: v for k, v in dataset.paragraph_lengths.items() if k[0] in docs},
        spans=spans, links=links, stances=stances, frames=frames,
        stance_units={d: u for d, u in dataset.stance_units.items() if d in docs},
        span_layers=dataset.span_layers)
    report = build_report(sub, bootstrap=0)
    # Only what applies (a label neither used is no figure); the engine's reasons are in its report.
    return {"documents": len(docs), "variables": {
        key: {"primary": variable.primary_measure, **{name: m.value for name, m in variable.measures.items()}}
        for key, variable in report.variables.items()
        if any(m.value is not None for m in variable.measures.values())}}
