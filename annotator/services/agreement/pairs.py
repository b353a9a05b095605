"""The agreement engine on part of a project: two raters over some documents (an annotator against
gold, the recommenders against an annotator), or only some sets (those made with suggestions).
The measures as they are, only those that apply."""
from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

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
    return applicable_figures(sub)


def applicable_figures(dataset: AgreementDataset) -> dict:
    report = build_report(dataset, bootstrap=0)
    # Only what applies (a label neither used is no figure); the engine's reasons are in its report.
    return {"documents": len(dataset.done_sets), "variables": {
        key: {"primary": variable.primary_measure, **{name: m.value for name, m in variable.measures.items()}}
        for key, variable in report.variables.items()
        if any(m.value is not None for m in variable.measures.values())}}


def only_sets(dataset: AgreementDataset, keep: Callable[[str, str], bool]) -> AgreementDataset:
    """The dataset with only the (document, annotator) sets ``keep`` accepts, on the documents
    where at least two are left (agreement needs two)."""
    done = {d: frozenset(a for a in names if keep(d, a)) for d, names in dataset.done_sets.items()}
    done = {d: names for d, names in done.items() if len(names) >= 2}
    kept = lambda records: [r for r in records if r.annotator in done.get(r.document, ())]  # noqa: E731
    return AgreementDataset(
        done_sets=done, paragraph_lengths={k: v for k, v in dataset.paragraph_lengths.items() if k[0] in done},
        spans=kept(dataset.spans), links=kept(dataset.links), stances=kept(dataset.stances),
        frames=kept(dataset.frames), stance_units={d: u for d, u in dataset.stance_units.items() if d in done},
        span_layers=dataset.span_layers)
