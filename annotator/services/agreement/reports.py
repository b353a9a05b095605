"""Agreement figures of a project: computed from the database, cached, refreshed in the background.

The report (annotator.domain.agreement.build_report) is cached in AgreementCache under a
fingerprint of everything it was computed from: the documents and their revisions (every
annotation change bumps one), the user sets with status and assignment, who is a lead, the
actors (merges change stance units), the mentions, the scheme version and the options. A page
that finds the cache stale asks for the project's agreement job (services.jobs: one queued or
running job per project and option, whichever server asks) and shows the last result
meanwhile; nobody waits for it. With AGREEMENT_BACKGROUND off (tests, the CLI) it is computed at once.

Two rows are stored per computation: the full report (what `annotator agreement --json` prints)
and a view for the dashboard, whose per-document lists are cut to the lowest documents, so a
page never parses thousands of document figures it does not show.
"""
from __future__ import annotations

import hashlib
import math
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from ...domain.collector import cyclic_gc_paused
from ...i18n import N_
from ...models import Actor, AgreementCache, AnnotationSet, Document, Job, Mention, Project, User, utcnow
from .leads import lead_user_ids
from .settings import agreement_settings
from .weeks import scheme_versions_by_week
from ..tx import transaction

log = logging.getLogger(__name__)
LOWEST_DOCUMENTS_KEPT = 10
# progress(done, of, what): how far a computation got, for the job that runs it. ``what`` is an
# English msgid, translated where it is shown, whose {done} and {total} are those two numbers.
Progress = Callable[[int, int, str], None]
READING = N_("reading the annotations")
READING_RECORDS = N_("reading the annotations: {done} of {total} spans and links")
COMPUTING = N_("computing agreement: {done} of {total} steps")
# A long step's own parts (at 1,000,000 spans a step takes seconds): said apart from the steps.
COMPUTING_PARTS = N_("computing the step under way: {done} of {total} parts")
READING_PARAGRAPHS = N_("reading the paragraphs' lengths: {done} of {total}")
STORING = N_("storing the agreement figures")
CHECKING = N_("checking whether the agreement figures are current: {done} of {total} documents and sets")
FINGERPRINT_ROWS_PER_REPORT = 1_000


@dataclass(frozen=True)
class AgreementState:
    result: dict | None  # {"report": AgreementReport.to_dict(), "database": {...}}
    computed_at: datetime | None
    fresh: bool
    computing: bool
    job: Job | None = None  # the job computing the next result, when there is one


def cache_key(include_leads: bool, view: bool = False) -> str:
    return "report" + (":leads" if include_leads else "") + (":view" if view else "")


def bootstrap_for(project: Project) -> int:
    return agreement_settings(project)["bootstrap"]


def fingerprint(session: Session, project: Project, include_leads: bool = False,
                progress: Progress | None = None) -> str:
    """``progress``, when given, follows the documents and sets read (a second at 1,000,000 spans
    on a loaded machine: an export job's bar moves while it checks the cached figures)."""
    digest = hashlib.sha256()
    in_project = Document.project_id == project.id
    user_sets = (select(AnnotationSet.id, AnnotationSet.user_id, AnnotationSet.status, AnnotationSet.assigned)
                 .join(Document, AnnotationSet.document_id == Document.id)
                 .where(in_project, AnnotationSet.owner_kind == "user"))
    told = _Told(progress, session.scalar(select(func.count()).select_from(Document).where(in_project))
                 + session.scalar(select(func.count()).select_from(user_sets.subquery())) if progress else 0)

    def feed(rows) -> None:
        for row in rows:
            digest.update(repr(tuple(row)).encode())
            told.one()
        digest.update(b"|")

    def streamed(statement):
        return session.connection().execute(statement.execution_options(yield_per=FINGERPRINT_ROWS_PER_REPORT))

    feed(streamed(select(Document.id, Document.revision).where(in_project).order_by(Document.id)))
    feed(streamed(user_sets.order_by(AnnotationSet.id)))
    feed(session.execute(select(Actor.id, Actor.status, Actor.merged_into_id, Actor.canonical_name)
                         .where(Actor.project_id == project.id).order_by(Actor.id)))
    feed(session.execute(select(func.count(Mention.id), func.max(Mention.id)).join(
        Document, Mention.document_id == Document.id).where(in_project)))
    feed([sorted(lead_user_ids(session, project)) if not include_leads else [],
          (project.current_scheme_id, project.time_zone, include_leads, sorted(agreement_settings(project).items()))])
    return digest.hexdigest()


class _Told:
    """The documents and sets a fingerprint has read, told every so many (the rest are a few)."""

    def __init__(self, progress: Progress | None, total: int):
        self.progress, self.total, self.done = progress, total, 0
        if progress is not None:
            progress(0, max(total, 1), CHECKING)

    def one(self) -> None:
        self.done += 1
        if self.progress is not None and not self.done % FINGERPRINT_ROWS_PER_REPORT:
            self.progress(min(self.done, self.total), max(self.total, 1), CHECKING)


def compute(session: Session, project: Project, *, include_leads: bool = False,
            bootstrap: int | None = None, seed: int = 0, progress: Progress | None = None) -> dict:
    """The report and what entered it, as plain JSON-ready data (nothing cached)."""
    progress = progress or (lambda *_: None)
    progress(0, 1, READING)
    # The engine (numpy, krippendorff) only when a report is computed, not to check the cached one.
    from ...domain.agreement import build_report
    from .data import build_dataset, load_sets

    overview = load_sets(session, project, include_leads)
    # Reading makes a record per span and link, none in a reference cycle: with the collector on,
    # each full collection walked all those read so far (16 pauses, 15 s in all and up to 2 s
    # each, at 1,000,000 spans), the bar standing still; the report's build pauses it too.
    with cyclic_gc_paused():
        dataset, overview = build_dataset(
            session, project, include_leads=include_leads, overview=overview,
            progress=lambda done, total: progress(done, total, READING_RECORDS),
            paragraph_progress=lambda done, total: progress(done, total, READING_PARAGRAPHS))
        report = build_report(dataset, bootstrap=bootstrap_for(project) if bootstrap is None else bootstrap,
                              seed=seed, min_documents=agreement_settings(project)["min_documents"],
                              progress=lambda done, total: progress(done, total, COMPUTING),
                              within=lambda done, total: progress(done, total, COMPUTING_PARTS))
        database = {
            "documents_in_project": overview.document_count,
            "documents_with_done_sets": len(dataset.done_sets),
            "sets_counted": len(overview.counted),
            "sets_left_out": dict(sorted(overview.left_out.items())),
            "leads_included": include_leads,
            "stance_units": sum(len(a) for a in dataset.stance_units.values()),
            "scheme_versions_by_week": scheme_versions_by_week(session, project, dataset.document_weeks.values()),
        }
        result = _plain({"report": report.to_dict(), "database": database})
        # Freed now, by reference counting, while the collector is still paused: resumed with the
        # records alive, its next collection walked them all once more (half a second at 1,000,000
        # spans, between the last step and storing).
        del dataset, report
    return result


def document_rows(documents) -> list[dict]:
    """A variable's per-document figures as [{"document", "value"}], lowest first, from either
    shape the engine gives: parallel lists {"document": [...], "value": [...]} or a list of rows."""
    if isinstance(documents, dict):
        return [{"document": d, "value": v} for d, v in zip(documents.get("document", []), documents.get("value", []))]
    return list(documents or [])


def dashboard_view(result: dict) -> dict:
    """The result with every per-document list cut to its lowest documents (they come lowest first)."""
    variables = {}
    for key, variable in result["report"].get("variables", {}).items():
        rows = document_rows(variable.get("documents"))
        variables[key] = {**variable, "documents": rows[:LOWEST_DOCUMENTS_KEPT], "documents_total": len(rows)}
    return {**result, "report": {**result["report"], "variables": variables}}


def refresh(session: Session, project: Project, *, include_leads: bool = False,
            progress: Progress | None = None, print_: str | None = None) -> tuple[dict, datetime]:
    """Compute now and store both cache rows under the fingerprint read before the data (``print_``,
    when the caller has just read it)."""
    print_ = print_ or fingerprint(session, project, include_leads)
    result = compute(session, project, include_leads=include_leads, progress=progress)
    progress = progress or (lambda *_: None)
    progress(0, 2, STORING)
    now = utcnow()
    with transaction(session):
        _store(session, project.id, cache_key(include_leads), print_, result, now)
        # Written now, so that each row's JSON (seconds at 1,000,000 spans) is a step of its own.
        session.flush()
        progress(1, 2, STORING)
        _store(session, project.id, cache_key(include_leads, view=True), print_, dashboard_view(result), now)
    progress(2, 2, STORING)
    return result, now


def agreement_state(session: Session, project: Project, *, background: bool,
                    session_factory: sessionmaker | None = None, include_leads: bool = False,
                    view: bool = True, user: User | None = None,
                    progress: Progress | None = None) -> AgreementState:
    """The last result, whether it is current, and whether a computation is under way.

    A stale cache asks for the agreement job (when ``background``; ``user`` is who asked) or is
    refreshed at once, followed by ``progress`` when given (an export job computing its sheets).
    ``session_factory`` is no longer needed (the job has its own sessions).
    """
    key = cache_key(include_leads, view)
    cached = session.scalar(select(AgreementCache).where(AgreementCache.project_id == project.id,
                                                         AgreementCache.key == key))
    current = fingerprint(session, project, include_leads, progress=None if background else progress)
    if cached is not None and cached.fingerprint == current:
        return AgreementState(cached.result, cached.computed_at, True, False)
    if not background:
        result, computed_at = refresh(session, project, include_leads=include_leads, progress=progress,
                                      print_=current)
        return AgreementState(dashboard_view(result) if view else result, computed_at, True, False)
    job = _start_background(session, project, include_leads, user)
    return AgreementState(cached.result if cached else None, cached.computed_at if cached else None, False, True,
                          job)


def _store(session: Session, project_id: int, key: str, print_: str, result: dict, now: datetime) -> None:
    row = session.scalar(select(AgreementCache).where(AgreementCache.project_id == project_id,
                                                      AgreementCache.key == key))
    if row is None:
        session.add(AgreementCache(project_id=project_id, key=key, fingerprint=print_, result=result,
                                   computed_at=now))
    else:
        row.fingerprint, row.result, row.computed_at = print_, result, now


def _start_background(session: Session, project: Project, include_leads: bool, user: User | None) -> Job | None:
    from ..jobs.agreement_job import request_agreement

    job, _new = request_agreement(session, project, include_leads=include_leads, owner=user)
    return job


def _plain(value):
    """JSON-ready copy: numpy scalars become numbers, tuples and sets lists, NaN and infinities None."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return [_plain(v) for v in sorted(value, key=str)]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
