"""The adjudicator's queue: documents by adjudication state, lowest agreement first (or in document
order), with their open units; and the progress of adjudication per state and per adjudicator."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain.adjudication import Thresholds, build_proposals
from ...models import Adjudication, AdjudicationDecision, Document, Project, User
from . import proposal_cache
from . import sources as src
from .state import DocumentState, staleness

QUEUE_STATES = ("ready", "in_adjudication", "stale", "adjudicated", "not_ready")


@dataclass
class QueueRow:
    public_id: str
    external_id: str
    title: str
    direction: str
    state: str
    coders: int
    open_units: int = 0
    agreed_units: int = 0
    decided_units: int = 0
    stale: list[str] = field(default_factory=list)
    # The share of the document's units the annotators agreed on (whatever was decided since): the
    # queue's "lowest agreement first".
    agreed_share: float | None = None


@dataclass
class Queue:
    rows: list[QueueRow]
    counts: dict[str, int]
    by_adjudicator: dict[str, dict[str, int]]  # username -> {"decisions", "adjudicated", "in_adjudication"}


def build_queue(session: Session, project: Project, *, order: str = "agreement") -> Queue:
    rows, active, sets = _rows(session, project)
    _count_units(session, project, active, sets)
    if order == "agreement":
        rank = {s: n for n, s in enumerate(QUEUE_STATES)}
        rows.sort(key=lambda r: (rank[r.state], r.agreed_share if r.agreed_share is not None else 2, r.external_id))
    counts = Counter(r.state for r in rows)
    return Queue(rows, {s: counts.get(s, 0) for s in QUEUE_STATES}, _by_adjudicator(session, project))


def adjudication_progress(session: Session, project: Project) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """The documents per adjudication state and each adjudicator's share, without building proposals
    (the progress page)."""
    rows, _active, _sets = _rows(session, project)
    counts = Counter(r.state for r in rows)
    return {s: counts.get(s, 0) for s in QUEUE_STATES}, _by_adjudicator(session, project)


def _rows(session: Session, project: Project):
    docs = session.execute(select(Document.id, Document.public_id, Document.external_id, Document.title,
                                  Document.direction, Document.content_hash, Document.revision)
                           .where(Document.project_id == project.id).order_by(Document.external_id)).all()
    sets = src.coder_sets(session, [d.id for d in docs])
    contents = src.contents_by_set(session, [s.set_id for doc_sets in sets.values() for s in doc_sets])
    adjudications = {a.document_id: a for a in session.scalars(select(Adjudication).join(
        Document, Document.id == Adjudication.document_id).where(Document.project_id == project.id))}
    rows, active = [], {}
    thresholds = Thresholds.from_settings(project.settings)
    for d in docs:
        doc_sets = sets.get(d.id, [])
        adjudication = adjudications.get(d.id)
        if adjudication is not None:
            state = adjudication.status
        else:
            state = "ready" if src.is_ready(doc_sets) else "not_ready"
        row = QueueRow(d.public_id, d.external_id, d.title, d.direction, state, len(src.done_sets(doc_sets)))
        done = src.done_sets(doc_sets)
        # Keys of proposal_cache: what the document's counts (and staleness) were computed from.
        sources = proposal_cache.sources_key(d.public_id, d.content_hash, project.current_scheme_id, done,
                                             src.contents_fingerprint(session, doc_sets, contents))
        key = proposal_cache.counts_key(sources, d.revision, adjudication, thresholds)
        if adjudication is not None and adjudication.status == "adjudicated":
            row.stale = _kept(("stale", key), lambda: staleness(
                session, DocumentState(None, project, doc_sets, adjudication, None)))
            if row.stale:
                row.state = "stale"
        if row.state in ("ready", "in_adjudication") and src.is_ready(doc_sets):
            active[d.external_id] = (row, d.id, adjudication, key)
        rows.append(row)
    return rows, active, sets


def _kept(key, compute):
    found = proposal_cache.counts.get(key)
    if found is None:
        found = compute()
        proposal_cache.counts.put(key, found)
    return found


def _count_units(session, project, active: dict, sets) -> None:
    """Each active document's counts: kept from an earlier queue while nothing they came from
    changed (proposal_cache); the others' proposals built together, in one pass."""
    found = {external: proposal_cache.counts.get(("counts", entry[3])) for external, entry in active.items()}
    missing = {external: entry for external, entry in active.items() if found[external] is None}
    if missing:
        coders = [s for _row, doc_id, _a, _k in missing.values() for s in src.done_sets(sets[doc_id])]
        decisions = {external: src.read_decisions(session, adjudication.id)
                     for external, (_r, _d, adjudication, _k) in missing.items() if adjudication is not None}
        proposals = build_proposals(
            {external: [s.owner for s in src.done_sets(sets[doc_id])] for external, (_r, doc_id, _a, _k)
             in missing.items()},
            src.read_spans(session, coders), src.read_links(session, coders),
            src.read_stances(session, coders, project.id), src.read_frames(session, coders),
            thresholds=Thresholds.from_settings(project.settings), decisions=decisions)
        for external, (_row, _doc_id, _a, key) in missing.items():
            proposal = proposals[external]
            units = list(proposal.units())
            share = sum(1 for u in units if u.agreed is not None) / len(units) if units else None
            found[external] = (proposal.counts(), share)
            proposal_cache.counts.put(("counts", key), found[external])
    for external, (row, _doc_id, _a, _key) in active.items():
        counts, row.agreed_share = found[external]
        row.open_units, row.agreed_units, row.decided_units = counts["open"], counts["agreed"], counts["decided"]


def _by_adjudicator(session, project) -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = defaultdict(lambda: {"decisions": 0, "adjudicated": 0, "in_adjudication": 0})
    for name, count in session.execute(
            select(User.username, func.count(AdjudicationDecision.id))
            .join(AdjudicationDecision, AdjudicationDecision.decided_by_id == User.id)
            .join(Adjudication, Adjudication.id == AdjudicationDecision.adjudication_id)
            .join(Document, Document.id == Adjudication.document_id)
            .where(Document.project_id == project.id).group_by(User.username)):
        found[name]["decisions"] = count
    # Documents adjudicated are counted for who marked them; those in adjudication for who opened them.
    for key, person in (("adjudicated", Adjudication.adjudicated_by_id), ("in_adjudication", Adjudication.started_by_id)):
        for name, count in session.execute(
                select(User.username, func.count(Adjudication.id)).join(Adjudication, person == User.id)
                .join(Document, Document.id == Adjudication.document_id)
                .where(Document.project_id == project.id, Adjudication.status == key).group_by(User.username)):
            found[name][key] = count
    return dict(sorted(found.items()))
