"""The annotation sheets: their columns, and the formatters that turn dataset rows into them.

Pure: every formatter takes an iterable of rows (as ``ExportDataset`` yields them) and yields
tuples in column order, lazily, so a million spans never sit in memory.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import groupby

from .merge import grouped_by
from .tables import Column, LocalClock, Table

TEXT_WIDTH = 60


@dataclass(frozen=True)
class SheetContext:
    clock: LocalClock
    span_label_names: Mapping[str, str]
    frame_names: Mapping[str, str]
    rtl: bool  # whether the article text is mostly right to left


def attributes_text(attributes: Mapping | None) -> str:
    if not attributes:
        return ""
    return "; ".join(f"{key}={value}" for key, value in sorted(attributes.items()))


def documents_table(documents: Iterable, sets: Iterable, ctx: SheetContext) -> Table:
    columns = (
        Column("Document", 18), Column("Title", 50, wrap=True), Column("Author", 22), Column("Source", 22),
        Column("URL", 30), Column("Date", 12, "date"), Column("Language", 10), Column("Assigned annotators", 26),
        Column("Set status", 40, wrap=True),
    )

    def rows() -> Iterator[tuple]:
        for doc, doc_sets in grouped_by(documents, sets, lambda d: d.id, lambda s: s.document_id):
            meta = doc.meta or {}
            assigned = ", ".join(s.annotator for s in doc_sets if s.assigned)
            status = "; ".join(f"{s.annotator}: {s.status.replace('_', ' ')}" for s in doc_sets)
            yield (doc.external_id, doc.title, doc.author, meta.get("source") or meta.get("site_name"),
                   doc.source_url, doc.published_date, doc.language, assigned, status)

    return Table("Documents", columns, rows(), rtl=ctx.rtl)


def paragraph_number(index: int | None) -> int | None:
    """The stored 0-based index as people count paragraphs, from 1 (None: the whole document)."""
    return None if index is None else index + 1


def paragraphs_table(paragraphs: Iterable, ctx: SheetContext) -> Table:
    columns = (Column("Document", 18), Column("Paragraph", 10, "int"), Column("Kind", 10),
               Column("Text", TEXT_WIDTH * 1.5, wrap=True))
    rows = ((p.external_id, paragraph_number(p.paragraph), p.kind, p.text) for p in paragraphs)
    return Table("Paragraphs", columns, rows, rtl=ctx.rtl)


SPAN_COLUMNS = (
    Column("Document", 18), Column("Paragraph", 10, "int"), Column("Start", 8, "int"), Column("End", 8, "int"),
    Column("Layer", 12), Column("Label", 22), Column("Label name", 24), Column("Attributes", 24),
    Column("Text", TEXT_WIDTH, wrap=True), Column("Origin", 10), Column("Annotator", 14),
    Column("Created", 18, "datetime"), Column("Updated", 18, "datetime"),
)


def span_rows(spans: Iterable, ctx: SheetContext) -> Iterator[tuple]:
    clock, name = ctx.clock, ctx.span_label_names.get
    for (_id, _set, document, paragraph, start, end, layer, label, attributes, text, origin, annotator,
         created, updated, _actor, _polarity) in spans:
        yield (document, paragraph_number(paragraph), start, end, layer, label, name(label, label),
               attributes_text(attributes),
               text, origin, annotator, clock(created), clock(updated))


def spans_table(spans: Iterable, ctx: SheetContext) -> Table:
    return Table("Spans", SPAN_COLUMNS, span_rows(spans, ctx), rtl=ctx.rtl)


def links_table(links: Iterable, ctx: SheetContext) -> Table:
    columns = (
        Column("Document", 18), Column("Source label", 18), Column("Source text", 45, wrap=True),
        Column("Target label", 18), Column("Target text", 45, wrap=True), Column("Type", 10),
        Column("Annotator", 14),
    )
    rows = ((link.external_id, link.source_label, link.source_text, link.target_label, link.target_text,
             link.link_type, link.annotator)
            for link in links)
    return Table("Links", columns, rows, rtl=ctx.rtl)


def stances_table(stances: Iterable, claims: Iterable, ctx: SheetContext) -> Table:
    """Stance long: document- and paragraph-level stances, then claims that target an actor."""
    columns = (
        Column("Document", 18), Column("Actor", 24), Column("Scope", 11), Column("Paragraph", 10, "int"),
        Column("Claim", 45, wrap=True), Column("Value", 11), Column("Intensity", 9, "int"), Column("Holder", 20),
        Column("Origin", 10), Column("Annotator", 14),
    )

    def rows() -> Iterator[tuple]:
        for s in stances:
            scope = "document" if s.paragraph is None else "paragraph"
            yield (s.external_id, s.canonical_name, scope, paragraph_number(s.paragraph), None, s.value, s.intensity,
                   s.holder or None, s.origin or "manual", s.annotator)
        for c in claims:  # a claim's origin is its span's
            yield (c.external_id, c.canonical_name, "claim", paragraph_number(c.paragraph), c.text, c.target_polarity,
                   None, None, c.origin, c.annotator)

    return Table("Stances", columns, rows(), rtl=ctx.rtl)


def majority(values: Iterable[str]) -> str | None:
    """The value most annotators chose; "tie" when two values share the lead."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    (top, n), *rest = counts.most_common()
    return "tie" if rest and rest[0][1] == n else top


def stance_matrix_table(stances: Iterable, annotators: list[tuple[str, str]], *, rtl: bool) -> Table:
    """Actors x documents, the author's document-level stance per annotator, and the majority
    among people (gold and model sets are shown but do not vote)."""
    labels = [label for label, _kind in annotators]
    people = {label for label, kind in annotators if kind == "user"}
    columns = (Column("Actor", 24), Column("Document", 18),
               *(Column(label, 12) for label in labels), Column("Majority", 12))

    def rows() -> Iterator[tuple]:
        for (actor, document), group in groupby(stances, key=lambda s: (s.canonical_name, s.external_id)):
            chosen = {s.annotator: s.value for s in group}
            yield (actor, document, *(chosen.get(label) for label in labels),
                   majority(v for k, v in chosen.items() if k in people))

    return Table("Stance matrix", columns, rows(), rtl=rtl, frozen_columns=2)


def frames_table(frames: Iterable, ctx: SheetContext) -> Table:
    columns = (Column("Document", 18), Column("Paragraph", 10, "int"), Column("Frame", 26),
               Column("Frame name", 28), Column("Primary", 9, "bool"), Column("Origin", 10), Column("Annotator", 14))
    name = ctx.frame_names.get
    rows = ((f.external_id, paragraph_number(f.paragraph), f.frame, name(f.frame, f.frame), bool(f.is_primary),
             f.origin or "manual", f.annotator)
            for f in frames)
    return Table("Frames", columns, rows, rtl=ctx.rtl)


PROGRESS_COLUMNS = (
    Column("Annotator", 18), Column("Kind", 8), Column("Assigned", 10, "int"), Column("Not started", 12, "int"),
    Column("In progress", 12, "int"), Column("Done", 8, "int"), Column("Skipped", 9, "int"),
    Column("Unassigned (kept)", 18, "int"),
)


def progress_table(rows: Iterable) -> Table:
    return Table("Progress", PROGRESS_COLUMNS, (tuple(int(v or 0) if i > 1 else v for i, v in enumerate(r))
                                                for r in rows))
