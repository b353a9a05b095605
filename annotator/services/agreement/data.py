"""What enters agreement from the database: the AgreementDataset of a project.

Rules (also in docs/agreement.md, "What enters agreement from the database"):

* Only sets marked done count, and only sets still assigned (an unassigned set is hidden work,
  taken out of the study). A set not done, or skipped, is missing data: its records are not read.
* A done set with no spans is a continuum with no units: "nothing here", not missing data.
* Leads (project role lead, and site admins) are left out unless ``include_leads``.
* Stance units are (document, actor) for every actor with a confirmed mention in the document or
  a stance from any counted set. A confirmed mention is an alias mention that is not uncertain,
  an uncertain one confirmed by the annotator of a counted set, or a mention an annotator added
  by hand in a counted set. No stance in a done set means "not stated" (the engine's rule).
  Stances toward a merged actor count for the actor it was merged into; rejected actors are
  left out.
* A document's week is the ISO week (2025-W09) in which its second counted set was marked done,
  in the project's time zone; documents with fewer than two done sets have no week.

Documents are named by their external id, annotators by user name. Everything is read in a
fixed number of queries (no query per document or per set).
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC
from types import MappingProxyType
from zoneinfo import ZoneInfo

from sqlalchemy import Select, Text, cast, func, select
from sqlalchemy.orm import Session

from ...domain.agreement import AgreementDataset, FrameRecord, LinkRecord, SpanRecord, StanceRecord
from ...models import (
    Actor, AnnotationSet, Document, FrameChoice, Link, Mention, MentionConfirmation, Paragraph, Project, Span,
    Stance, User,
)
from ..team.projects import current_scheme
from .leads import LEAD_PROJECT_ROLES, lead_user_ids  # noqa: F401  (here too, as before)
from .reading import Reading

PARAGRAPHS_PER_REPORT = 5_000


@dataclass(frozen=True)
class SetRow:
    id: int
    document_id: int
    external_id: str
    username: str
    user_id: int
    status: str
    assigned: bool
    done_at: object


@dataclass
class SetsOverview:
    """Every user set of the project, sorted into counted and left out (with the reason)."""

    counted: list[SetRow] = field(default_factory=list)
    left_out: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    document_count: int = 0
    # The same choice as SQL, so the records are read by a join rather than a list of thousands of ids.
    counted_ids: Select | None = None


def load_sets(session: Session, project: Project, include_leads: bool) -> SetsOverview:
    leads = set() if include_leads else lead_user_ids(session, project)
    rows = session.execute(
        select(AnnotationSet.id, AnnotationSet.document_id, Document.external_id, User.username, User.id,
               AnnotationSet.status, AnnotationSet.assigned, AnnotationSet.done_at)
        .join(Document, AnnotationSet.document_id == Document.id).join(User, AnnotationSet.user_id == User.id)
        .where(Document.project_id == project.id, AnnotationSet.owner_kind == "user")
        .order_by(AnnotationSet.id))
    overview = SetsOverview()
    for row in rows:
        aset = SetRow(*row)
        if not aset.assigned:
            overview.left_out["unassigned"] += 1
        elif aset.user_id in leads:
            overview.left_out["lead"] += 1
        elif aset.status != "done":
            overview.left_out[aset.status] += 1
        else:
            overview.counted.append(aset)
    overview.counted_ids = (
        select(AnnotationSet.id).join(Document, AnnotationSet.document_id == Document.id)
        .where(Document.project_id == project.id, AnnotationSet.owner_kind == "user",
               AnnotationSet.status == "done", AnnotationSet.assigned, AnnotationSet.user_id.not_in(sorted(leads))))
    overview.document_count = session.scalar(
        select(func.count(Document.id)).where(Document.project_id == project.id)) or 0
    return overview


def document_weeks(counted: list[SetRow], time_zone: str) -> dict[str, str]:
    zone = ZoneInfo(time_zone)
    times: dict[str, list] = defaultdict(list)
    for aset in counted:
        if aset.done_at is not None:
            times[aset.external_id].append(aset.done_at)
    weeks = {}
    for document, done in times.items():
        if len(done) >= 2:
            second = sorted(done)[1].replace(tzinfo=UTC).astimezone(zone)
            year, week, _ = second.isocalendar()
            weeks[document] = f"{year}-W{week:02d}"
    return weeks


def build_dataset(session: Session, project: Project, *, include_leads: bool = False,
                  overview: SetsOverview | None = None,
                  progress: Callable[[int, int], None] | None = None,
                  paragraph_progress: Callable[[int, int], None] | None = None
                  ) -> tuple[AgreementDataset, SetsOverview]:
    """``progress(read, in all)``, when given, follows the spans and links: most of the time it takes;
    ``paragraph_progress(read, in all)`` the paragraphs' lengths read before them (seconds at
    1,000,000 spans)."""
    overview = overview or load_sets(session, project, include_leads)
    counted = {s.id: s for s in overview.counted}
    counted_ids = overview.counted_ids if counted else None
    done_sets: dict[str, set[str]] = defaultdict(set)
    for aset in counted.values():
        done_sets[aset.external_id].add(aset.username)
    documents = {s.document_id: s.external_id for s in counted.values()}
    scheme = current_scheme(session, project)
    reading = Reading(session, counted_ids, progress)
    dataset = AgreementDataset(
        done_sets={d: frozenset(names) for d, names in done_sets.items()},
        paragraph_lengths=_paragraph_lengths(session, documents, counted_ids, paragraph_progress),
        spans=_spans(session, counted, counted_ids, reading),
        links=_links(session, counted, counted_ids, reading),
        stances=[],
        frames=_frames(session, counted, counted_ids),
        stance_units={},
        document_weeks=document_weeks(overview.counted, project.time_zone),
        span_layers={layer.key: [label.key for label in layer.labels] for layer in scheme.span_layers},
    )
    actor_names = _actor_names(session, project)
    dataset.stances = _stances(session, counted, counted_ids, actor_names)
    dataset.stance_units = _stance_units(session, project, documents, counted_ids, actor_names, dataset.stances)
    return dataset, overview


def _paragraph_lengths(session: Session, documents: dict[int, str], counted_ids,
                       progress: Callable[[int, int], None] | None = None) -> dict[tuple[str, int], int]:
    if counted_ids is None:
        return {}
    counted_documents = select(AnnotationSet.document_id).where(AnnotationSet.id.in_(counted_ids))
    in_counted = Paragraph.document_id.in_(counted_documents)
    total = (session.scalar(select(func.count(Paragraph.id)).where(in_counted)) or 0) if progress else 0
    # Core rows, a batch at a time: ORM rows cost most of the time, and the batches tell progress.
    result = session.connection().execute(select(Paragraph.document_id, Paragraph.index, func.length(Paragraph.text))
                                          .where(in_counted).execution_options(yield_per=PARAGRAPHS_PER_REPORT))
    lengths: dict[tuple[str, int], int] = {}
    for batch in result.partitions():
        lengths.update(((documents[d], index), length) for d, index, length in batch)
        if progress is not None:
            progress(len(lengths), max(total, len(lengths)))
    return lengths


def _spans(session: Session, counted: dict[int, SetRow], counted_ids, reading: Reading) -> list[SpanRecord]:
    if counted_ids is None:
        return []
    # Core rather than ORM rows, and attributes read as text and decoded only when there are
    # some: with 300,000 spans these two choices are most of the time this function takes.
    rows = reading.rows(Span, select(Span.public_id, Span.set_id, Paragraph.index, Span.layer, Span.label, Span.start,
                                     Span.end, cast(Span.attributes, Text))
                        .join(Paragraph, Span.paragraph_id == Paragraph.id), counted, set_at=1)
    return [SpanRecord(span_id, counted[set_id].username, counted[set_id].external_id, paragraph, layer, label,
                       start, end, _attributes(raw))
            for span_id, set_id, paragraph, layer, label, start, end, raw in rows]


NO_ATTRIBUTES = MappingProxyType({})


def _attributes(raw: str | None) -> Mapping[str, str]:
    if not raw or raw in ("{}", "null"):
        return NO_ATTRIBUTES  # shared and read-only, so the record keeps it as it is
    return {k: str(v) for k, v in json.loads(raw).items() if v is not None}


def _links(session: Session, counted: dict[int, SetRow], counted_ids, reading: Reading) -> list[LinkRecord]:
    if counted_ids is None:
        return []
    source, target = Span.__table__.alias("source"), Span.__table__.alias("target")
    rows = reading.rows(Link, select(Link.set_id, source.c.public_id, target.c.public_id, Link.link_type)
                        .join(source, Link.source_span_id == source.c.id)
                        .join(target, Link.target_span_id == target.c.id), counted, set_at=0)
    return [LinkRecord(counted[set_id].username, counted[set_id].external_id, src, dst, link_type)
            for set_id, src, dst, link_type in rows]


def _frames(session: Session, counted: dict[int, SetRow], counted_ids) -> list[FrameRecord]:
    if counted_ids is None:
        return []
    chosen: dict[int, set[str]] = defaultdict(set)
    primary: dict[int, str] = {}
    rows = session.execute(select(FrameChoice.set_id, FrameChoice.frame, FrameChoice.is_primary)
                           .where(FrameChoice.set_id.in_(counted_ids), FrameChoice.paragraph_id.is_(None)))
    for set_id, frame, is_primary in rows:
        chosen[set_id].add(frame)
        if is_primary:
            primary[set_id] = frame
    return [FrameRecord(counted[s].username, counted[s].external_id, frozenset(frames), primary.get(s))
            for s, frames in sorted(chosen.items())]


def _actor_names(session: Session, project: Project) -> dict[int, str]:
    """Actor id -> the name its stances count under (merged actors resolve to their target)."""
    actors = {a.id: a for a in session.execute(
        select(Actor.id, Actor.canonical_name, Actor.status, Actor.merged_into_id)
        .where(Actor.project_id == project.id))}
    names = {}
    for actor_id, actor in actors.items():
        seen = {actor_id}
        while actor.merged_into_id is not None and actor.merged_into_id in actors and actor.merged_into_id not in seen:
            seen.add(actor.merged_into_id)
            actor = actors[actor.merged_into_id]
        if actor.status != "rejected":
            names[actor_id] = actor.canonical_name
    return names


def _stances(session: Session, counted: dict[int, SetRow], counted_ids, actor_names) -> list[StanceRecord]:
    if counted_ids is None:
        return []
    rows = session.connection().execute(
        select(Stance.set_id, Stance.actor_id, Paragraph.index, Stance.value, Stance.intensity)
        .outerjoin(Paragraph, Stance.paragraph_id == Paragraph.id)
        .where(Stance.set_id.in_(counted_ids), Stance.holder == "").order_by(Stance.id))
    return [StanceRecord(counted[s].username, counted[s].external_id, actor_names[actor], paragraph, value, intensity)
            for s, actor, paragraph, value, intensity in rows.all() if actor in actor_names]


def _stance_units(session: Session, project: Project, documents: dict[int, str], counted_ids, actor_names,
                  stances: list[StanceRecord]) -> dict[str, frozenset[str]]:
    units: dict[str, set[str]] = defaultdict(set)
    for record in stances:
        if record.paragraph is None:
            units[record.document].add(record.actor)
    if counted_ids is None:
        return {}
    counted_documents = select(AnnotationSet.document_id).where(AnnotationSet.id.in_(counted_ids))
    alias = select(Mention.document_id, Mention.actor_id).where(
        Mention.document_id.in_(counted_documents), Mention.set_id.is_(None), Mention.uncertain.is_(False))
    manual = select(Mention.document_id, Mention.actor_id).where(Mention.set_id.in_(counted_ids))
    confirmed = (select(Mention.document_id, Mention.actor_id)
                 .join(MentionConfirmation, MentionConfirmation.mention_id == Mention.id)
                 .where(MentionConfirmation.set_id.in_(counted_ids), MentionConfirmation.confirmed.is_(True)))
    for document_id, actor_id in session.execute(alias.union(manual, confirmed)):
        if actor_id in actor_names and document_id in documents:
            units[documents[document_id]].add(actor_names[actor_id])
    return {d: frozenset(actors) for d, actors in units.items()}
