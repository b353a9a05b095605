"""``annotator adjudicate --auto``: accept the agreed units of every document where everything agreed.

A plain function over a project (the jobs queue can enqueue it as it is). Everything is read and
written in bulk: one query per table for all documents, the matcher once per pair of coder
positions, and a few inserts per batch of documents.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from ...domain.adjudication import Thresholds, build_proposals
from ...domain.collector import cyclic_gc_paused
from ...errors import Invalid, Phrase
from ...models import Adjudication, AnnotationSet, Document, Event, Paragraph, Project, User, new_public_id, utcnow
from ..events import event_row
from ..tx import transaction
from . import sources as src
from .agreed_writes import Target, write_agreed
from .state import GOLD_OWNER_KEY

# Documents read, matched and written together: large enough that every statement carries many
# rows, small enough that progress is told every 100 documents (under a second).
BATCH_DOCUMENTS = 100


@dataclass
class AutoReport:
    adjudicated: list[str] = field(default_factory=list)  # external ids
    open_units: dict[str, int] = field(default_factory=dict)  # external id -> open units left
    not_ready: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # already in adjudication or adjudicated: left alone
    gold_items: int = 0

    def to_dict(self) -> dict:
        return {"adjudicated": self.adjudicated, "open": self.open_units, "not_ready": self.not_ready,
                "already_in_adjudication": self.already, "gold_items": self.gold_items}


def auto_adjudicate(session: Session, project: Project, *, min_agree: int | None = None,
                    documents: Sequence[str] = (), user: User | None = None,
                    progress: Callable[[int, int], None] | None = None) -> AutoReport:
    """``progress(documents done, documents in all)``, when given, is told before the first batch,
    after each batch of BATCH_DOCUMENTS and at the end."""
    docs = check_request(session, project, min_agree=min_agree, documents=documents)
    thresholds = Thresholds.from_settings(project.settings, min_agree)
    report = AutoReport()
    ids = list(docs)
    with cyclic_gc_paused():
        for at in range(0, len(ids), BATCH_DOCUMENTS):
            if progress is not None:
                progress(at, len(ids))
            _batch(session, project, {i: docs[i] for i in ids[at:at + BATCH_DOCUMENTS]}, thresholds, user, report)
    if progress is not None:
        progress(len(ids), len(ids))
    return report


def check_request(session: Session, project: Project, *, min_agree: int | None = None,
                  documents: Sequence[str] = ()) -> dict[int, str]:
    """The documents a run covers ({id: external id}), or 422 naming the bad option: checked
    again before a job is queued, so a bad request never becomes a failed job."""
    if min_agree is not None and min_agree < 2:
        raise Invalid("--min-agree must be at least 2 (one annotator agrees with nobody)", "min_agree")
    stmt = select(Document.id, Document.external_id).where(Document.project_id == project.id)
    if documents:
        stmt = stmt.where(Document.external_id.in_(documents))
    docs = dict(session.execute(stmt.order_by(Document.external_id)).all())
    missing = sorted(set(documents) - set(docs.values()))
    if missing:
        raise Invalid(Phrase("no document with id '{document}' in project '{project}'", document=missing[0],
                             project=project.name), "document")
    return docs


def _batch(session, project, docs: dict[int, str], thresholds, user, report: AutoReport) -> None:
    sets = src.coder_sets(session, list(docs))
    taken = set(session.scalars(select(Adjudication.document_id).where(Adjudication.document_id.in_(list(docs)))))
    candidates = {}
    for doc_id, external in docs.items():
        if doc_id in taken:
            report.already.append(external)
        elif not src.is_ready(sets.get(doc_id, [])):
            report.not_ready.append(external)
        else:
            candidates[doc_id] = external
    if not candidates:
        return
    coders = [s for doc_id in candidates for s in src.done_sets(sets[doc_id])]
    proposals = build_proposals(
        {external: [s.owner for s in src.done_sets(sets[doc_id])] for doc_id, external in candidates.items()},
        src.read_spans(session, coders, with_text=False), src.read_links(session, coders),
        src.read_stances(session, coders, project.id), src.read_frames(session, coders), thresholds=thresholds)
    everything_agreed = {}
    for doc_id, external in candidates.items():
        open_count = proposals[external].counts()["open"]
        if open_count:
            report.open_units[external] = open_count
        else:
            everything_agreed[doc_id] = external
    if everything_agreed:
        with transaction(session):
            _write(session, project, everything_agreed, proposals, sets, user, report)


def _write(session, project, docs: dict[int, str], proposals, sets, user, report: AutoReport) -> None:
    now = utcnow()
    doc_ids = list(docs)
    existing = dict(session.execute(select(AnnotationSet.document_id, AnnotationSet.id).where(
        AnnotationSet.document_id.in_(doc_ids), AnnotationSet.owner_key == GOLD_OWNER_KEY)).all())
    fresh = [d for d in doc_ids if d not in existing]
    if fresh:
        session.execute(insert(AnnotationSet), [
            {"public_id": _pid(), "document_id": d, "owner_kind": "gold", "owner_key": GOLD_OWNER_KEY,
             "user_id": None, "status": "done", "assigned": True, "assigned_at": now, "started_at": now,
             "done_at": now, "updated_at": now} for d in fresh])
    gold = dict(session.execute(select(AnnotationSet.document_id, AnnotationSet.id).where(
        AnnotationSet.document_id.in_(doc_ids), AnnotationSet.owner_key == GOLD_OWNER_KEY)).all())
    session.execute(insert(Adjudication), [
        {"public_id": _pid(), "document_id": d, "gold_set_id": gold[d], "status": "adjudicated",
         "started_by_id": user.id if user else None, "started_at": now,
         "adjudicated_by_id": user.id if user else None, "adjudicated_at": now,
         "sources_snapshot": _snapshot(proposals[docs[d]], sets[d]), "version": 1, "updated_at": now}
        for d in doc_ids])
    adjudication_ids = dict(session.execute(select(Adjudication.document_id, Adjudication.id)
                                            .where(Adjudication.document_id.in_(doc_ids))).all())
    paragraphs = defaultdict(dict)
    for pid, doc_id, index, text in session.execute(select(Paragraph.id, Paragraph.document_id, Paragraph.index,
                                                           Paragraph.text).where(Paragraph.document_id.in_(doc_ids))):
        paragraphs[doc_id][index] = (pid, text)
    targets = [Target(adjudication_ids[d], gold[d], proposals[docs[d]], paragraphs[d]) for d in doc_ids]
    counts = write_agreed(session, targets, user_id=user.id if user else None,
                          scheme_version_id=project.current_scheme_id)
    session.execute(insert(Event.__table__), [  # the table's insert: the ORM's bulk path costs more
        {**event_row(action="gold.auto", entity="document", entity_id=docs[d], user_id=user.id if user else None,
                     project_id=project.id, set_id=gold[d]), "at": now} for d in doc_ids])
    _bump_revisions(session, doc_ids)
    report.adjudicated.extend(docs[d] for d in doc_ids)
    report.gold_items += counts.total()


def _bump_revisions(session, doc_ids) -> None:
    session.execute(update(Document).where(Document.id.in_(doc_ids)).values(revision=Document.revision + 1)
                    .execution_options(synchronize_session=False))


def _snapshot(proposal, sets) -> dict:
    found = {s.owner: {"status": s.status, "spans": {}} for s in sets}
    for unit in proposal.spans:
        for item in unit.items:
            found[item.owner]["spans"][item.id] = item.version
    return found


def _pid() -> str:
    return new_public_id()
