"""What the adjudication page shows: paragraphs with gold marks, each open unit's versions side by
side, the panels of links, stances and frames, the counter. A fixed number of queries."""
from __future__ import annotations

import string
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.adjudication import Proposal, Unit
from ...domain.stance_title import stance_title
from ...i18n import N_, Keyword
from ...models import Actor, AdjudicationDecision, AdjudicatorNote, DisagreementCause, Paragraph, Span, User
from ..annotation.documents_view import ParagraphView, mark_of, paragraph_view
from ..annotation.span_queries import MARK_COLUMNS, MARKS_OF_PARAGRAPH, PARAGRAPH_COLUMNS
from .lifecycle import settings_of
from .sources import read_decisions_with_deciders
from .state import DocumentState, proposal, staleness

CONTEXT = 24  # code points of text shown around a version's span


@dataclass
class VersionView:
    number: int
    owners: list[str]  # as shown: names, or A, B, C in blind mode
    label: str
    agreed: bool
    before: str = ""
    text: str = ""
    after: str = ""
    attributes: str = ""
    detail: str = ""  # stances: intensity; links: the type


@dataclass
class UnitView:
    key: str
    kind: str
    state: str
    fingerprint: str
    paragraph: int | None
    label: str | None
    versions: list[VersionView]
    missing: list[str]
    method: str | None = None
    decided_by: str | None = None
    title: str = ""  # links: "evidence → claim"; stances: the actor; frames: primary / secondary
    cause: str | None = None
    note: str = ""
    collapsed: bool = False
    notes: list[str] = field(default_factory=list)  # the annotators' notes on its items: "ann2: unsure ..."
    ends: tuple = ()  # links: (label key, text) of each end, for the page to name the labels in its language


@dataclass
class ParagraphUnits:
    paragraph: ParagraphView
    units: list[UnitView] = field(default_factory=list)


@dataclass
class AdjudicationPage:
    state: DocumentState
    paragraphs: list[ParagraphUnits]
    links: list[UnitView]
    stances: list[UnitView]
    frames: list[UnitView]
    counts: dict
    blind: bool
    stale: list[str]
    coders: list[str]
    document_notes: list[tuple[str, str]] = field(default_factory=list)  # (annotator as shown, text)


def owner_names(coders, blind: bool) -> dict[str, str]:
    return {c: (string.ascii_uppercase[n % 26] if blind else c) for n, c in enumerate(sorted(coders))}


def _version_views(unit: Unit, names, texts: dict[int, str], detail=None) -> list[VersionView]:
    views = []
    for n, version in enumerate(unit.versions, start=1):
        first = version.first
        view = VersionView(n, [names.get(o, o) for o in version.owners], str(version.shape[0]),
                           version is unit.agreed)
        if unit.kind == "span":
            text = texts.get(first.paragraph, "")
            view.before = ("…" if first.start > CONTEXT else "") + text[max(0, first.start - CONTEXT):first.start]
            view.text = text[first.start:first.end]
            view.after = text[first.end:first.end + CONTEXT] + ("…" if first.end + CONTEXT < len(text) else "")
            view.attributes = "; ".join(f"{k}={v}" for k, v in sorted((first.attributes or {}).items()))
        elif detail is not None:
            view.detail = detail(version)
        views.append(view)
    return views


def unit_view(unit: Unit, names, texts, deciders, causes, *, title: str = "", detail=None,
              notes: dict | None = None) -> UnitView:
    view = UnitView(unit.key, unit.kind, unit.state, unit.fingerprint, unit.paragraph, unit.label,
                    _version_views(unit, names, texts, detail), [names.get(o, o) for o in unit.missing],
                    title=title, collapsed=unit.ends is not None and unit.ends[0] == unit.ends[1])
    if unit.decision is not None:
        view.method = unit.decision.method
        view.decided_by = deciders.get(unit.decision.id)
    cause = causes.get(unit.key)
    if cause is not None:
        view.cause, view.note = cause.cause, cause.note
    if notes:
        view.notes = [f"{names.get(i.owner, i.owner)}: {notes[i.id]}" for i in unit.items if i.id in notes]
    return view


def annotators_notes(session: Session, state: DocumentState, names) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """The done sets' notes for the adjudicator: by the span or stance they are on, and the document's."""
    owners = {c.set_id: c.owner for c in state.coders}
    by_target, on_document = {}, []
    if not owners:
        return by_target, on_document
    for set_id, target, text in session.execute(
            select(AdjudicatorNote.set_id, AdjudicatorNote.target_id, AdjudicatorNote.text)
            .where(AdjudicatorNote.set_id.in_(list(owners))).order_by(AdjudicatorNote.id)):
        if target is None:
            on_document.append((names.get(owners[set_id], owners[set_id]), text))
        else:
            by_target[target] = text
    return by_target, sorted(on_document)


def _causes(session: Session, adjudication_id: int) -> dict[str, DisagreementCause]:
    return {c.unit_key: c for c in session.scalars(select(DisagreementCause).where(
        DisagreementCause.adjudication_id == adjudication_id))}


def _gold_paragraphs(session: Session, state: DocumentState, index: int | None = None) -> list[ParagraphView]:
    db = session.connection()
    if index is not None:  # one paragraph: its row is the one the decision used
        row = state.paragraph_row(session, index)
        rows = [row] if row is not None else []
        marks_stmt = MARKS_OF_PARAGRAPH
        params = {"set_id": state.gold_set.id, "paragraph_id": row.id if row is not None else None}
    else:
        rows = db.execute(select(*PARAGRAPH_COLUMNS).where(Paragraph.document_id == state.document.id)
                          .order_by(Paragraph.index)).all()
        marks_stmt, params = select(*MARK_COLUMNS).where(Span.set_id == state.gold_set.id), {}
    marks = defaultdict(list)
    for row in db.execute(marks_stmt, params):
        marks[row.paragraph_id].append(mark_of(row))
    return [paragraph_view(row, state.document, marks[row.id]) for row in rows]


def paragraph_units(session: Session, state: DocumentState, index: int, blind: bool | None = None) -> ParagraphUnits:
    """One paragraph: the swap target after a span decision."""
    blind = settings_of(state.project).blind if blind is None else blind
    (paragraph,) = _gold_paragraphs(session, state, index)
    decisions, deciders = read_decisions_with_deciders(session, state.adjudication.id, kind="span", paragraph=index)
    current = proposal(session, state, paragraph=index, decisions=decisions)
    names = owner_names([c.owner for c in state.coders], blind)
    causes = _causes(session, state.adjudication.id)
    texts = {index: paragraph.text}
    notes, _ = annotators_notes(session, state, names)
    return ParagraphUnits(paragraph, [unit_view(u, names, texts, deciders, causes, notes=notes) for u in current.spans])


def page(session: Session, state: DocumentState, *, blind: bool | None = None) -> AdjudicationPage:
    blind = settings_of(state.project).blind if blind is None else blind
    decisions, deciders = read_decisions_with_deciders(session, state.adjudication.id)
    current: Proposal = proposal(session, state, decisions=decisions)
    paragraphs = _gold_paragraphs(session, state)
    texts = {p.index: p.text for p in paragraphs}
    names = owner_names([c.owner for c in state.coders], blind)
    causes = _causes(session, state.adjudication.id)
    notes, document_notes = annotators_notes(session, state, names)
    by_paragraph = defaultdict(list)
    for unit in current.spans:
        by_paragraph[unit.paragraph].append(unit_view(unit, names, texts, deciders, causes, notes=notes))
    return AdjudicationPage(
        state, [ParagraphUnits(p, by_paragraph.get(p.index, [])) for p in paragraphs],
        panel_links(current, names, texts, deciders, causes),
        panel_stances(session, current, names, deciders, causes, state.project.id, notes),
        [unit_view(u, names, texts, deciders, causes, title=FRAME_ROLES[u.key.startswith("f:p:")]) for u in current.frames],
        current.counts(), blind, staleness(session, state), [names[c.owner] for c in state.coders], document_notes)


FRAME_ROLES = {True: Keyword("primary", N_("primary")), False: Keyword("secondary", N_("secondary"))}


def panel_links(current: Proposal, names, texts, deciders, causes) -> list[UnitView]:
    spans = {u.key: u for u in current.spans}

    def end(key: str) -> tuple[str, str]:
        unit = spans.get(key)
        if unit is None:
            return "", "?"
        first = (unit.agreed or unit.versions[0]).first
        return first.label, texts.get(first.paragraph, '')[first.start:first.end][:40]

    def end_text(label: str, text: str) -> str:
        return f"{label}: {text}" if label else text

    views = []
    for u in (*current.links, *current.collapsed_links):
        ends = (end(u.ends[0]), end(u.ends[1]))
        view = unit_view(u, names, texts, deciders, causes, title=f"{end_text(*ends[0])} → {end_text(*ends[1])}")
        view.ends = ends
        views.append(view)
    return views


def panel_stances(session: Session, current: Proposal, names, deciders, causes, project_id: int,
                  notes: dict | None = None) -> list[UnitView]:
    actors = dict(session.execute(select(Actor.id, Actor.canonical_name).where(Actor.project_id == project_id)).all())

    def intensities(version) -> str:
        levels = [f"{names.get(i.owner, i.owner)}: {i.intensity}" for i in version.items if i.intensity is not None]
        return ", ".join(levels)

    views = []
    for unit in current.stances:
        first = unit.items[0]
        title = stance_title(actors.get(first.actor, first.actor), first.paragraph, first.holder)
        views.append(unit_view(unit, names, {}, deciders, causes, title=title, detail=intensities, notes=notes))
    return views
