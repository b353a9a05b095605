"""One document's annotations side by side, for leads: a column per annotator, a row per paragraph.

Spans are paired between every two annotators with annotator.domain.matching.match_spans, the
same rule the agreement measures use, and each span is marked:

* ``exact``: matched exactly with every other annotator shown;
* ``partial``: matched (exactly or by overlap) with at least one other annotator, not exactly with all;
* ``unmatched``: no other annotator has a span of the same label overlapping it;
* ``alone``: only one annotator is shown, nothing to compare with.

Only assigned user sets are shown (an unassigned set is hidden work), and leads' sets only when
asked, as in the agreement figures. Read in a fixed number of queries.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.agreement import SpanRecord
from ...domain.matching import match_spans
from ...domain.history import KEY_WORDS
from ...domain.rendering import Segment, SpanMark, segment_paragraph
from ...domain.stance_title import scope_words, stance_title
from ...i18n import N_, Phrase
from ...models import Actor, AdjudicatorNote, AnnotationSet, Document, FrameChoice, Link, Paragraph, Project, Span, Stance, User
from .data import lead_user_ids

# How a span matched each other annotator's (the title over it on the side-by-side page).
MATCH_WITH = {"exact": N_("exact with {other}"), "partial": N_("partial with {other}"),
              "none": N_("no match with {other}")}


@dataclass
class Column:
    username: str
    display_name: str
    status: str
    set_id: int


@dataclass
class ComparedSpan:
    public_id: str
    layer: str
    label: str
    start: int
    end: int
    text: str
    mark: str = "alone"
    detail: str = ""
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (other annotator, their label)


@dataclass
class Cell:
    segments: list[Segment]
    spans: list[ComparedSpan]


@dataclass
class Row:
    index: int
    kind: str
    direction: str
    cells: list[Cell]


@dataclass
class Comparison:
    document: Document
    columns: list[Column]
    rows: list[Row]
    marks: dict[str, str]  # span public id -> mark
    links: dict[str, list[tuple]] = field(default_factory=dict)  # user -> (source, type, target), ends as (label, text)
    stances: dict[str, list[tuple[str, str, int | None, str]]] = field(default_factory=dict)
    frames: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)
    notes: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)  # user -> (kind, on what, text)


def _marks(columns: list[Column], spans_by_user: dict[str, list[ComparedSpan]], document: str,
           paragraph_of: dict[int, int]) -> dict[str, str]:
    records = {c.username: [SpanRecord(s.public_id, c.username, document, paragraph_of[s.public_id], s.layer,
                                       s.label, s.start, s.end) for s in spans_by_user[c.username]]
               for c in columns}
    outcome: dict[str, dict[str, str]] = defaultdict(dict)  # span -> other user -> exact|partial|none
    for a, b in combinations([c.username for c in columns], 2):
        result = match_spans(records[a], records[b], "optimal")  # as the agreement report pairs them
        for pair in result.pairs:
            outcome[pair.a.span_id][b] = outcome[pair.b.span_id][a] = pair.kind
        for span in result.unmatched_a:
            outcome[span.span_id][b] = "none"
        for span in result.unmatched_b:
            outcome[span.span_id][a] = "none"
    marks = {}
    for user, spans in spans_by_user.items():
        for span in spans:
            seen = outcome.get(span.public_id, {})
            if not seen:
                span.mark = "alone"
            elif all(kind == "exact" for kind in seen.values()):
                span.mark = "exact"
            elif any(kind != "none" for kind in seen.values()):
                span.mark = "partial"
            else:
                span.mark = "unmatched"
            span.detail = Phrase("{matches}", "; ", matches=[Phrase(MATCH_WITH.get(kind, MATCH_WITH["none"]),
                                                                    other=other) for other, kind in sorted(seen.items())])
            marks[span.public_id] = span.mark
    _mark_label_conflicts(spans_by_user, paragraph_of, marks)
    return marks


def _mark_label_conflicts(spans_by_user: dict[str, list[ComparedSpan]], paragraph_of: dict[str, int],
                          marks: dict[str, str]) -> None:
    """Two annotators who marked the same text (in the same layer, overlapping by at least half of
    the two spans together) with different labels disagree on the label, not on the text: say so."""
    by_place: dict[tuple[int, str], list[tuple[str, ComparedSpan]]] = defaultdict(list)
    for user, spans in spans_by_user.items():
        for span in spans:
            by_place[(paragraph_of[span.public_id], span.layer)].append((user, span))
    for group in by_place.values():
        for (user_a, a), (user_b, b) in combinations(group, 2):
            if user_a == user_b or a.label == b.label:
                continue
            overlap = min(a.end, b.end) - max(a.start, b.start)
            if overlap <= 0 or overlap * 2 < max(a.end, b.end) - min(a.start, b.start):
                continue
            for span, other, their in ((a, user_b, b), (b, user_a, a)):
                if span.mark == "exact":
                    continue
                span.conflicts.append((other, their.label))
                span.mark = marks[span.public_id] = "conflict"


def compare_document(session: Session, project: Project, document: Document,
                     layer: str | None = None, include_leads: bool = False) -> Comparison:
    leads = set() if include_leads else lead_user_ids(session, project)
    columns = [Column(*row) for row in session.execute(
        select(User.username, User.display_name, AnnotationSet.status, AnnotationSet.id)
        .join(User, AnnotationSet.user_id == User.id)
        .where(AnnotationSet.document_id == document.id, AnnotationSet.owner_kind == "user", AnnotationSet.assigned,
               AnnotationSet.user_id.not_in(sorted(leads)))
        .order_by(User.username))]
    user_of_set = {c.set_id: c.username for c in columns}
    paragraphs = list(session.scalars(select(Paragraph).where(Paragraph.document_id == document.id)
                                      .order_by(Paragraph.index)))
    index_of = {p.id: p.index for p in paragraphs}
    spans_by_user: dict[str, list[ComparedSpan]] = {c.username: [] for c in columns}
    cells: dict[tuple[str, int], list[ComparedSpan]] = defaultdict(list)
    paragraph_of: dict[str, int] = {}
    query = select(Span).where(Span.set_id.in_(list(user_of_set))).order_by(Span.start, Span.id)
    if layer:
        query = query.where(Span.layer == layer)
    public_of: dict[int, tuple[str, str]] = {}  # span id -> (label key, text): the page names the label
    for span in session.scalars(query):
        item = ComparedSpan(span.public_id, span.layer, span.label, span.start, span.end, span.text)
        user = user_of_set[span.set_id]
        spans_by_user[user].append(item)
        cells[(user, index_of[span.paragraph_id])].append(item)
        paragraph_of[span.public_id] = index_of[span.paragraph_id]
        public_of[span.id] = (span.label, span.text[:40])
    marks = _marks(columns, spans_by_user, document.external_id, paragraph_of)
    rows = []
    for p in paragraphs:
        row_cells = []
        for c in columns:
            spans = cells[(c.username, p.index)]
            shapes = [SpanMark(s.public_id, s.label, s.layer, s.start, s.end) for s in spans]
            row_cells.append(Cell(segment_paragraph(p.text, shapes), spans))
        rows.append(Row(p.index, p.kind, p.direction or document.direction, row_cells))
    comparison = Comparison(document, columns, rows, marks)
    _add_links_stances_frames(session, comparison, user_of_set, public_of, index_of)
    _add_notes(session, comparison, user_of_set)
    return comparison


def _add_notes(session: Session, comparison: Comparison, user_of_set: dict[int, str]) -> None:
    """The annotators' notes for the adjudicator, each in its writer's column with what it is on. A
    note whose span or stance is gone is left out: it is on nothing the lead can see."""
    set_ids = list(user_of_set)
    on_what = {"document": {None: ""}}
    on_what["span"] = {public_id: f"{label} «{text[:40]}»" for public_id, label, text in session.execute(
        select(Span.public_id, Span.label, Span.text).where(Span.set_id.in_(set_ids)))}
    on_what["stance"] = dict(session.execute(select(Stance.public_id, Actor.canonical_name)
                                             .join(Actor, Stance.actor_id == Actor.id).where(Stance.set_id.in_(set_ids))).all())
    for user in user_of_set.values():
        comparison.notes[user] = []
    for set_id, kind, target, text in session.execute(
            select(AdjudicatorNote.set_id, AdjudicatorNote.target_kind, AdjudicatorNote.target_id, AdjudicatorNote.text)
            .where(AdjudicatorNote.set_id.in_(set_ids)).order_by(AdjudicatorNote.target_kind, AdjudicatorNote.id)):
        if target in on_what.get(kind, {}):
            comparison.notes[user_of_set[set_id]].append((kind, on_what[kind][target], text))


def _add_links_stances_frames(session: Session, comparison: Comparison, user_of_set: dict[int, str],
                              span_text: dict[int, tuple[str, str]], index_of: dict[int, int]) -> None:
    set_ids = list(user_of_set)
    for user in user_of_set.values():
        comparison.links[user], comparison.stances[user], comparison.frames[user] = [], [], []
    for link in session.scalars(select(Link).where(Link.set_id.in_(set_ids)).order_by(Link.id)):
        if link.source_span_id in span_text and link.target_span_id in span_text:
            comparison.links[user_of_set[link.set_id]].append(
                (span_text[link.source_span_id], link.link_type, span_text[link.target_span_id]))
    rows = session.execute(
        select(Stance.set_id, Actor.canonical_name, Stance.value, Stance.intensity, Stance.paragraph_id, Stance.holder)
        .join(Actor, Stance.actor_id == Actor.id).where(Stance.set_id.in_(set_ids))
        .order_by(Actor.canonical_name, Stance.id))
    for set_id, actor, value, intensity, paragraph_id, holder in rows:
        number = None if paragraph_id is None else index_of[paragraph_id] + 1
        who, where = stance_title(actor, number, holder), scope_words(number)
        comparison.stances[user_of_set[set_id]].append((who, Phrase(KEY_WORDS.get(value, value)), intensity, where))
    for set_id, frame, primary in session.execute(
            select(FrameChoice.set_id, FrameChoice.frame, FrameChoice.is_primary)
            .where(FrameChoice.set_id.in_(set_ids), FrameChoice.paragraph_id.is_(None)).order_by(FrameChoice.frame)):
        comparison.frames[user_of_set[set_id]].append((frame, primary))
