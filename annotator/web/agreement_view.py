"""The agreement report (AgreementReport.to_dict(), as cached) arranged for the dashboard.

Nothing here computes agreement: it names variables in the reader's language, picks the
variable and measure shown, and lays out the charts (annotator.web.charts).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..domain.agreement.results import UNEQUAL_ANNOTATORS
from ..domain.scheme import Scheme
from ..i18n import N_, Phrase, Plural, translate
from .charts import heatmap, interval_rows

FAMILY_NAMES = {"spans": N_("Spans"), "attributes": N_("Span attributes"), "links": N_("Links"),
                "stance": N_("Stance"), "frames": N_("Frames")}
MEASURE_NAMES = {
    "unitizing_alpha": N_("unitizing α (uα)"), "alpha_nominal": N_("Krippendorff's α (nominal)"),
    "alpha_interval": N_("Krippendorff's α (interval)"), "alpha_masi": N_("Krippendorff's α (MASI)"),
    "percent_agreement": N_("percent agreement"), "cohen_kappa": N_("Cohen's κ (mean over pairs)"),
    "fleiss_kappa": N_("Fleiss' κ"),
    "unitizing_alpha_paragraphs": N_("uα pooled per paragraph (secondary)"),
    "alpha_ordinal": N_("Krippendorff's α (ordinal)"), "alpha_ratio": N_("Krippendorff's α (ratio)"),
    "gwet_ac1": N_("Gwet's AC1"), "gwet_ac2_quadratic": N_("Gwet's AC2 (quadratic weights)"),
    "gwet_ac2_ordinal": N_("Gwet's AC2 (ordinal weights)"), "scott_pi": N_("Scott's π (mean over pairs)"),
    "span_f1_semeval2020": N_("span F1, SemEval-2020 Task 11 score"),
    "link_f1": N_("link F1 (given matched ends)"),
    "link_f1_unconditional": N_("link F1 (unconditional)"),
    "unitizing_alpha_2016": N_("uα, 2016 (gaps as a value)"),
    "unitizing_alpha_units_gaps": N_("|uα (units vs gaps)"),
    "unitizing_alpha_labels": N_("c|uα (labels where units meet)"),
    "unitizing_alpha_label": N_("(k)uα (this label)"),
    "gamma": N_("γ (Mathet et al. 2015)"),
}


# The reasons the engine gives with numbers in them (the cached report keeps only its English
# words): read back into a phrase, so that they too are said in the reader's language.
_FEW_DOCUMENTS = re.compile(r"no interval: (\d+) comparable documents?, fewer than the project's minimum of (\d+)")
_UNEQUAL = re.compile(re.escape(UNEQUAL_ANNOTATORS) + r" \(found (.+)\)")


def reason_words(reason: str | None, language: str = "en") -> str | None:
    """Why a measure (or its interval) has no value, in ``language``."""
    if not reason:
        return reason
    few = _FEW_DOCUMENTS.fullmatch(reason)
    if few:
        return Plural("no interval: {count} comparable document, fewer than the project's minimum of {minimum}",
                      "no interval: {count} comparable documents, fewer than the project's minimum of {minimum}",
                      int(few.group(1)), minimum=few.group(2)).in_language(language)
    unequal = _UNEQUAL.fullmatch(reason)
    if unequal:
        return Phrase("{reason} (found {sizes})", reason=Phrase(UNEQUAL_ANNOTATORS),
                      sizes=unequal.group(1)).in_language(language)
    return translate(reason, language)


def measure_name(key: str, language: str = "en") -> str:
    if key in MEASURE_NAMES:
        return translate(MEASURE_NAMES[key], language)
    return key.replace("_", " ").replace("f1", "F1")


def variable_name(key: str, scheme: Scheme | None, language: str = "en") -> str:
    parts = key.split("/")
    family = translate(FAMILY_NAMES[parts[0]], language) if parts[0] in FAMILY_NAMES else parts[0]
    rest = parts[1:]

    def label(layer_key: str, label_key: str) -> str:
        if label_key == "__all__":
            return translate(N_("all labels"), language)
        found = scheme.find_label(label_key) if scheme else None
        return found[1].name(language) if found else label_key

    def layer(layer_key: str) -> str:
        found = scheme.layer(layer_key) if scheme else None
        return found.names.get(language) or found.names.get("en") or layer_key if found else layer_key

    if parts[0] in ("spans", "attributes") and len(rest) >= 2:
        names = [layer(rest[0]), label(rest[0], rest[1]), *rest[2:]]
    elif parts[0] == "stance" and rest:
        level = {"document": N_("document level"), "paragraph": N_("paragraph level")}.get(rest[0])
        names = [translate(level, language) if level else f"{rest[0]} level"] + (
            [translate(N_("all mentioned actors"), language)] if rest[1:] == ["all_mentioned"] else [])
    elif parts[0] == "frames" and rest:
        names = {"set": [translate(N_("frame set"), language)],
                 "primary": [translate(N_("primary frame"), language)]}.get(rest[0], rest)
    else:
        names = rest
    return " · ".join([family, *[n.replace("_", " ") for n in names]])


@dataclass
class Dashboard:
    variables: list[dict]  # every variable: key, name, family, primary measure result
    families: dict[str, list]  # family -> (interval rows, zero x) for the per-label bars
    selected: dict | None
    selected_name: str
    measure: str | None
    measures_with_pairs: list[str]
    heat: list = field(default_factory=list)
    heat_annotators: list[str] = field(default_factory=list)
    reasons: list[dict] = field(default_factory=list)


def _default_variable(variables: dict) -> str | None:
    keys = list(variables)
    for key in keys:
        if key.startswith("spans/") and key.endswith("/__all__") and variables[key]["pairs"]:
            return key
    return next((k for k in keys if variables[k].get("pairs")), keys[0] if keys else None)


def build_dashboard(report: dict, scheme: Scheme | None, *, variable: str | None, measure: str | None,
                    language: str = "en") -> Dashboard:
    variables = report.get("variables", {})
    rows, reasons = [], []
    families: dict[str, list[dict]] = {}
    for key, v in variables.items():
        primary = v["measures"].get(v["primary_measure"], {})
        name = variable_name(key, scheme, language)
        rows.append({"key": key, "name": name, "family": v["family"], "measure": v["primary_measure"],
                     "result": primary})
        # The chart's heading already names the family, so its rows leave it out.
        families.setdefault(v["family"], []).append({
            "name": name.split(" · ", 1)[-1], "value": primary.get("value"), "low": (primary.get("ci") or [None, None])[0],
            "high": (primary.get("ci") or [None, None])[1], "reason": primary.get("reason"),
            "units": primary.get("units", 0)})
        for measure_key, result in v["measures"].items():
            if result.get("reason"):
                reasons.append({"variable": name, "measure": measure_name(measure_key, language),
                                "reason": result["reason"]})
    chosen_key = variable if variable in variables else _default_variable(variables)
    chosen = variables.get(chosen_key)
    with_pairs = list(chosen["pairs"]) if chosen else []
    if chosen and measure not in with_pairs:
        measure = chosen["primary_measure"] if chosen["primary_measure"] in with_pairs else (
            with_pairs[0] if with_pairs else None)
    dashboard = Dashboard(rows, {f: interval_rows(r) for f, r in families.items()}, chosen,
                          variable_name(chosen_key, scheme, language) if chosen_key else "", measure, with_pairs,
                          reasons=reasons)
    if chosen and measure:
        pairs = chosen["pairs"][measure]
        dashboard.heat_annotators = pairs["annotators"]
        dashboard.heat = heatmap(pairs["annotators"], pairs["matrix"], measure_name(measure, language),
                                 language=language)
    return dashboard
