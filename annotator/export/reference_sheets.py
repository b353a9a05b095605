"""The sheets that explain the others: About (what, when, which filters) and the Codebook.

Pure: built from the scheme and a few facts about the export.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain.scheme import LINK_TYPES, STANCE_VALUES, Label, Scheme
from .tables import EXCEL_CELL_CHARS, Column, Table

OFFSETS_NOTE = (
    "Start and End count Unicode code points from the start of the paragraph (End excluded). "
    "Excel's LEN, MID and FIND count UTF-16 units instead, so they disagree after an emoji or any "
    "other character outside the Basic Multilingual Plane."
)

PARAGRAPHS_NOTE = (
    "Paragraph numbers count from 1, as a person counts and as every page of the app shows them "
    "(the annotation page, the mentions panel, the side-by-side view): the title is paragraph 1. "
    "Only the JSONL interchange file keeps its 0-based paragraph index."
)

# Link types and stance values are fixed by the application, not the scheme: their definitions
# live here so that the codebook still defines every value a sheet can hold.
FIXED_VALUES: dict[str, dict[str, tuple[dict[str, str], str]]] = {
    "links": {
        "supports": ({"en": "Supports", "ar": "يدعم", "fr": "Soutient"},
                     "The source span gives the reader a reason to accept the target span."),
        "attacks": ({"en": "Attacks", "ar": "يعترض على", "fr": "Attaque"},
                    "The source span gives the reader a reason to reject the target span."),
    },
    "stance": {
        "favor": ({"en": "Favour", "ar": "مؤيد", "fr": "Favorable"},
                  "The holder presents the actor or its actions positively."),
        "against": ({"en": "Against", "ar": "معارض", "fr": "Défavorable"},
                    "The holder presents the actor or its actions negatively."),
        "neutral": ({"en": "Neutral", "ar": "محايد", "fr": "Neutre"},
                    "The holder mentions the actor without taking a side."),
        "not_stated": ({"en": "Not stated", "ar": "غير مصرَّح به", "fr": "Non exprimé"},
                       "The text gives no stance toward the actor."),
    },
}


@dataclass(frozen=True)
class AboutFacts:
    project: str
    scheme_name: str
    scheme_version: int
    exported_at: datetime  # naive, in the project's time zone
    time_zone: str
    documents: tuple[str, ...]
    annotators: tuple[str, ...]
    label_language: str
    cell_limit: int = EXCEL_CELL_CHARS


def about_table(facts: AboutFacts) -> Table:
    rows = [
        ("Project", facts.project),
        ("Scheme", f"{facts.scheme_name} (version {facts.scheme_version})"),
        ("Scheme version", facts.scheme_version),
        ("Exported at", facts.exported_at),
        ("Time zone", f"{facts.time_zone}: every date and time in this workbook is in this zone"),
        ("Documents", ", ".join(facts.documents) if facts.documents else "all"),
        ("Annotators", ", ".join(facts.annotators) if facts.annotators else "all"),
        ("Label names in", facts.label_language),
        ("Offsets", OFFSETS_NOTE),
        ("Paragraphs", PARAGRAPHS_NOTE),
        ("Long texts", f"A cell holds at most {facts.cell_limit:,} characters: a longer text is cut, and its "
                       "row says so in the Truncated column."),
        ("Stance matrix", "The author's own stance on the whole document, per annotator; Majority counts "
                          "people only (gold and model sets do not vote); blank: no stance recorded."),
        ("Codebook", "Every label, frame, link type and stance value, with its definition, is on the "
                     "Codebook sheet."),
    ]
    columns = (Column("Field", 18), Column("Value", 90, wrap=True))
    return Table("About", columns, rows, may_truncate=False)


def codebook_table(scheme: Scheme) -> Table:
    languages = scheme.languages
    columns = (
        Column("Layer", 14), Column("Key", 30), *(Column(f"Name ({lang})", 26) for lang in languages),
        Column("Group", 20), *(Column(f"Definition ({lang})", 60, wrap=True) for lang in languages),
        Column("Attributes", 40, wrap=True), Column("Retired", 9, "bool"),
    )
    return Table("Codebook", columns, list(_codebook_rows(scheme)), may_truncate=False)


def _codebook_rows(scheme: Scheme):
    languages = scheme.languages
    for layer in scheme.layers:
        for label in layer.labels:
            yield _label_row(layer.key, label, languages)
    for label in scheme.frames.labels:
        yield _label_row("frames", label, languages)
    # Walk the application's own lists, so that a value added there without a definition here fails loudly.
    for group, keys in (("links", LINK_TYPES), ("stance", STANCE_VALUES)):
        for key in keys:
            names, definition = FIXED_VALUES[group][key]
            yield (group, key, *(names.get(lang) for lang in languages), None,
                   *(definition if lang == "en" else None for lang in languages), None, False)
    yield ("numbering", "paragraph", *({"en": "Paragraph", "ar": "الفقرة", "fr": "Paragraphe"}.get(lang)
                                       for lang in languages), None,
           *(PARAGRAPHS_NOTE if lang == "en" else None for lang in languages), None, False)


def _label_row(layer: str, label: Label, languages: tuple[str, ...]) -> tuple:
    attributes = "; ".join(
        f"{attribute.key}: {' | '.join(value.key for value in attribute.values)}" for attribute in label.attributes)
    return (layer, label.key, *(label.names.get(lang) for lang in languages), label.group,
            *(label.description.get(lang) for lang in languages), attributes or None, label.retired)
