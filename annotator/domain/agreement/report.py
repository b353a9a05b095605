"""The agreement report: every variable, every measure, every view.

``build_report`` is the single entry point for the service layer.  The JSON
shape of ``AgreementReport.to_dict()`` is documented in docs/agreement.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Collection, Mapping

import numpy as np

from ...i18n import N_
from .bootstrap import honest_interval, replicate_values
from .coding import coding_measures, krippendorff_alpha
from .coding_table import CodingTable
from .gwet import gwet_ac
from .coding_units import frame_tables, stance_tables
from .data import AgreementDataset
from .drift import DRIFT_REPLICATES, WeekDraws, week_drift
from .diagnostics import Diagnostics, category_counts, diagnose
from ..collector import cyclic_gc_paused
from ..matching import MATCHING_METHODS
from .masi import set_alpha
from .pooled import Evaluation, Grouping
from .prepare import PreparedDataset, prepare
from .relations import link_f1_evaluations
from .results import ALL_LABELS, MeasureResult
from .span_agreement import PairMatches, match_all_pairs, span_f1_evaluations
from .span_attributes import attribute_tables
from .continuum import continuum_evaluations
from .span_unitizing import POOLED, unitizing_evaluations
from .steps import PartProgress, Parts, ReportProgress, Steps
from .unitizing_2016 import revised_unitizing_evaluations
from .views import annotator_vs_rest, document_figures, pair_matrix, week_figures, week_membership

FAMILIES = ("spans", "attributes", "links", "stance", "frames")
Matches = dict[tuple[int, int], PairMatches]
CategoryUse = dict[str, dict[str, int]]
CONFIDENCE = 0.95


@dataclass(frozen=True)
class VariableReport:
    key: str
    family: str
    paradigm: str  # "unitizing" | "coding" | "relations"
    primary_measure: str
    measures: Mapping[str, MeasureResult]
    pairs: Mapping[str, dict] = field(default_factory=dict)
    annotator_vs_rest: Mapping[str, dict] = field(default_factory=dict)
    documents: Mapping[str, list] = field(default_factory=dict)  # {"document": [...], "value": [...]}
    weeks: Mapping[str, dict] = field(default_factory=dict)
    notes: Mapping[str, Any] = field(default_factory=dict)
    drift: Mapping[str, Any] = field(default_factory=dict)  # {"measure": main measure, "weeks": [...]}

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "family": self.family, "paradigm": self.paradigm,
                "primary_measure": self.primary_measure,
                "measures": {n: r.to_dict() for n, r in self.measures.items()},
                "pairs": dict(self.pairs), "annotator_vs_rest": dict(self.annotator_vs_rest),
                "documents": dict(self.documents), "weeks": dict(self.weeks), "notes": dict(self.notes),
                "drift": dict(self.drift)}


@dataclass(frozen=True)
class AgreementReport:
    parameters: Mapping[str, Any]
    annotators: tuple[str, ...]
    entered: Diagnostics
    variables: Mapping[str, VariableReport]

    def to_dict(self) -> dict[str, Any]:
        return {"parameters": dict(self.parameters), "annotators": list(self.annotators),
                "entered": self.entered.to_dict(),
                "variables": {k: v.to_dict() for k, v in self.variables.items()}}


@dataclass
class _Variable:
    family: str
    paradigm: str
    primary: str
    evaluations: dict[str, Evaluation]
    notes: dict[str, Any] = field(default_factory=dict)


def _span_variables(prepared: PreparedDataset, matches: Matches, notes: dict[str, Any], step: Steps
                    ) -> dict[str, _Variable]:
    pooled, geometry = step(unitizing_evaluations(prepared, step.within))
    notes.update(geometry)
    continuum = step(continuum_evaluations(prepared, step.within))
    revised = step(revised_unitizing_evaluations(prepared, step.within))
    f1 = step(span_f1_evaluations(prepared, matches, step.within))
    return {f"spans/{layer}/{label}": _Variable("spans", "unitizing", "unitizing_alpha",
                                                {"unitizing_alpha": continuum[(layer, label)],
                                                 **revised[(layer, label)],
                                                 POOLED: pooled[(layer, label)], **f1[(layer, label)]},
                                                {"layer": layer, "label": label})
            for layer, label in continuum}


def _attribute_variables(prepared: PreparedDataset, matches: Matches, category_use: CategoryUse
                         ) -> dict[str, _Variable]:
    out = {}
    for (layer, label, name), (table, ambiguous) in attribute_tables(prepared, matches).items():
        key = f"attributes/{layer}/{label}/{name}"
        category_use[key] = category_counts(table)
        out[key] = _Variable("attributes", "coding", "alpha_nominal", coding_measures(table),
                             {"layer": layer, "label": label, "attribute": name,
                              "ambiguous_values_left_out": ambiguous})
    return out


def _link_variables(prepared: PreparedDataset, matches: Matches, notes: dict[str, Any]) -> dict[str, _Variable]:
    evaluations, unknown = link_f1_evaluations(prepared, matches)
    notes["links_with_unknown_spans"] = unknown
    return {f"links/{t}": _Variable("links", "relations", "link_f1", measures, {"link_type": t})
            for t, measures in evaluations.items()}


STANCE_UNITS = {"document": "units at least one annotator gave a stance (explicit 'not stated' included)",
                "document/all_mentioned": "every mentioned actor; an annotator without a stance says 'not stated'",
                "paragraph": "units at least one annotator gave a paragraph stance"}


def _stance_variables(prepared: PreparedDataset, category_use: CategoryUse) -> dict[str, _Variable]:
    out = {}
    for level, (nominal, signed) in stance_tables(prepared).items():
        measures = coding_measures(nominal)
        measures = {"alpha_nominal": measures.pop("alpha_nominal"), **_scale_measures(nominal, signed), **measures}
        if level.endswith("all_mentioned"):
            measures = {k: v for k, v in measures.items() if k not in SCALE_MEASURES}  # the same as "document"
        category_use[f"stance/{level}"] = category_counts(nominal)
        out[f"stance/{level}"] = _Variable("stance", "coding", "alpha_nominal", measures,
                                           {"level": level.split("/")[0], "units": STANCE_UNITS[level]})
    return out


SCALE_MEASURES = ("alpha_interval", "alpha_ordinal", "gwet_ac2_quadratic")


def _scale_measures(nominal: CodingTable, signed: CodingTable) -> dict[str, Evaluation]:
    """Measures on the signed -3..+3 scale, conditional on both annotators giving a stance there."""
    not_stated = nominal.categories.index("not_stated") if "not_stated" in nominal.categories else -1
    left_out = {"not_stated_values_left_out": int(np.count_nonzero(nominal.values == not_stated)),
                "values_without_intensity_left_out": int(np.count_nonzero(
                    (nominal.values >= 0) & (nominal.values != not_stated) & (signed.values < 0)
                    & np.isin(nominal.values, [nominal.categories.index(v) for v in ("favor", "against")
                                               if v in nominal.categories])))}
    out = {"alpha_interval": krippendorff_alpha(signed, "interval"),
           "alpha_ordinal": krippendorff_alpha(signed, "ordinal"),
           "gwet_ac2_quadratic": gwet_ac(signed, "quadratic")}
    for name, e in out.items():
        out[name] = Evaluation(replace(e.result, details={**e.result.details, **left_out,
                                                          "conditional_on": "both annotators gave a stance"}),
                               e.statistic, e.pairs)
    return out


def _frame_variables(prepared: PreparedDataset, category_use: CategoryUse) -> dict[str, _Variable]:
    out = {}
    for name, table in frame_tables(prepared).items():
        key = f"frames/{name}"
        if name == "set":
            out[key] = _Variable("frames", "coding", "alpha_masi", {"alpha_masi": set_alpha(table)})
            continue
        if name == "primary":
            category_use[key] = category_counts(table)
        out[key] = _Variable("frames", "coding", "alpha_nominal", coding_measures(table))
    return out


def _span_label_use(prepared: PreparedDataset) -> dict[str, dict[str, int]]:
    counts = np.bincount(prepared.spans.label, minlength=len(prepared.spans.labels))
    use: dict[str, dict[str, int]] = {}
    for (layer, label), n in zip(prepared.spans.labels, counts.tolist()):
        use.setdefault(f"spans/{layer}", {})[label] = n
    return use


def build_report(dataset: AgreementDataset, *, bootstrap: int = 1000, seed: int = 0,
                 include: Collection[str] | None = None,
                 min_documents: int = 1, matching: str = "optimal",
                 progress: ReportProgress | None = None, within: PartProgress | None = None) -> AgreementReport:
    """Compute every agreement figure of ``dataset``.

    ``include`` names the families to compute (default all): "spans"
    (u-alpha and span F1 per layer and label), "attributes" (coding of span
    attributes), "links", "stance", "frames".  ``bootstrap`` replicates
    (0 = no intervals) are drawn over documents with ``seed``; a measure
    resting on fewer than ``min_documents`` comparable documents gets no
    interval, and its details say why (the service passes the project's
    setting, default 5; the engine alone imposes no minimum).  ``matching``
    pairs spans for F1, links and attributes: "optimal" (the greatest total
    overlap) or "greedy".  ``progress(done, total)``, when given, is called as each
    step of the build ends, and ``within(done, total)`` as the parts of a long step
    do (domain.agreement.steps).
    """
    if matching not in MATCHING_METHODS:
        raise ValueError(f"matching: unknown matching {matching!r}; choose from {', '.join(MATCHING_METHODS)}")
    if isinstance(min_documents, bool) or not isinstance(min_documents, int) or min_documents < 1:
        raise ValueError(f"min_documents must be a whole number of at least 1, got {min_documents!r}")
    families = tuple(FAMILIES if include is None else include)
    unknown = set(families) - set(FAMILIES)
    if unknown:
        raise ValueError(f"unknown families {sorted(unknown)}; choose from {list(FAMILIES)}")
    with cyclic_gc_paused():
        return _build(dataset, families, bootstrap, seed, min_documents, matching, Steps(progress, families, within))


def _build(dataset: AgreementDataset, families: tuple[str, ...], bootstrap: int, seed: int,
           min_documents: int, matching: str, step: Steps) -> AgreementReport:
    prepared = step(prepare(dataset, step.within))
    notes: dict[str, Any] = {}
    category_use: dict[str, dict[str, int]] = _span_label_use(prepared)
    matches = step(match_all_pairs(prepared, matching, step.within)
                   if {"spans", "attributes", "links"} & set(families) else {})
    variables: dict[str, _Variable] = {}
    if "spans" in families:
        variables |= _span_variables(prepared, matches, notes, step)
    if "attributes" in families:
        variables |= step(_attribute_variables(prepared, matches, category_use))
    if "links" in families:
        variables |= step(_link_variables(prepared, matches, notes))
    if "stance" in families:
        variables |= step(_stance_variables(prepared, category_use))
    if "frames" in families:
        variables |= step(_frame_variables(prepared, category_use))

    step(_attach_intervals(variables, prepared, bootstrap, seed, min_documents, step.within))
    weeks = week_membership(prepared.documents, dataset.document_weeks)
    document_names = np.array(prepared.documents, dtype=object)  # picked by index in every view
    draws = WeekDraws(weeks[1], prepared.comparable, DRIFT_REPLICATES if bootstrap > 0 else 0, seed)
    totals: dict = {}  # pooled pair sums, shared: one pair matrix serves several labels and measures
    reports = step({key: _views(key, v, prepared, document_names, weeks, draws, min_documents, totals)
                    for key, v in Parts(step.within, len(variables)).each(variables.items())})
    parameters = {"bootstrap": bootstrap, "seed": seed, "confidence": CONFIDENCE, "include": list(families),
                  "min_documents": min_documents, "matching": matching,
                  "all_labels_key": ALL_LABELS}
    return AgreementReport(parameters, prepared.annotators, diagnose(prepared, category_use, notes), reports)


def _attach_intervals(variables: dict[str, _Variable], prepared: PreparedDataset, bootstrap: int,
                      seed: int, min_documents: int, within: PartProgress | None = None) -> None:
    """Bootstrap intervals, only where the measure rests on ``min_documents`` comparable documents or more."""
    targets = [(v, name) for v in variables.values() for name, e in v.evaluations.items()
               if e.statistic is not None and e.result.value is not None]
    if bootstrap <= 0:
        return
    documents = [int(np.count_nonzero(prepared.comparable[v.evaluations[n].statistic.contributing_documents()]))
                 for v, n in targets]
    enough = [(t, d) for t, d in zip(targets, documents) if d >= min_documents]
    for (variable, name), count in zip(targets, documents):
        if count < min_documents:
            e = variable.evaluations[name]
            reason = (f"no interval: {count} comparable document{'s' if count != 1 else ''}, "
                      f"fewer than the project's minimum of {min_documents}")
            variable.evaluations[name] = Evaluation(
                e.result.with_interval(None, None, interval_reason=reason, comparable_documents=count),
                e.statistic, e.pairs)
    statistics = [variable.evaluations[name].statistic for (variable, name), _ in enough]
    part = Parts(within, 1 + 2 * len(statistics))  # the draws, each statistic's values, each interval
    values = replicate_values(statistics, prepared.comparable, bootstrap, seed, part)
    for ((variable, name), count), replicates in part.each(zip(enough, values)):
        e = variable.evaluations[name]
        interval = honest_interval(replicates, e.result.value, CONFIDENCE)
        details = {"bootstrap_defined": interval.defined / bootstrap, "bootstrap_replicates": bootstrap,
                   "bootstrap_replicates_defined": interval.defined, "comparable_documents": count}
        if interval.low is None:
            details["interval_reason"] = N_("no interval: the measure was undefined in every bootstrap replicate")
        if _is_alpha(name) and interval.below:
            details |= {f"p_below_{t:.3f}": share for t, share in interval.below.items()}
        variable.evaluations[name] = Evaluation(e.result.with_interval(interval.low, interval.high, **details),
                                                e.statistic, e.pairs)


def _is_alpha(measure: str) -> bool:
    """Krippendorff's thresholds are stated for his alpha coefficients."""
    return measure.startswith("alpha_") or measure.startswith("unitizing_alpha")


def _views(key: str, variable: _Variable, prepared: PreparedDataset, document_names: np.ndarray,
           weeks: tuple[list[str], Grouping], draws: WeekDraws, min_documents: int,
           totals: dict) -> VariableReport:
    names = prepared.annotators
    evaluations = variable.evaluations
    return VariableReport(
        key=key, family=variable.family, paradigm=variable.paradigm, primary_measure=variable.primary,
        measures={n: e.result for n, e in evaluations.items()},
        pairs={n: m for n, e in evaluations.items() if (m := pair_matrix(e, names)) is not None},
        annotator_vs_rest={n: r for n, e in evaluations.items() if (r := annotator_vs_rest(e, names, totals)) is not None},
        documents=document_figures(evaluations[variable.primary], document_names),
        weeks={n: w for n, e in evaluations.items() if (w := week_figures(e, *weeks))},
        notes=variable.notes,
        drift={"measure": variable.primary,
               "weeks": week_drift(evaluations[variable.primary], weeks[0], draws, min_documents)})
