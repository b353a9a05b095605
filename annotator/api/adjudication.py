"""Adjudication and gold: the queue, a document's proposal, decisions, automatic adjudication.

Every operation answers 404 to anyone without the adjudicator, lead or admin role in the
project, as the adjudication pages do: an annotator's token never learns that gold exists. The
services decide everything (services.gold): the same fingerprint check and row lock as the page,
so a unit that changed, or that another adjudicator decided meanwhile, answers 409 with the unit
as it is now."""
from __future__ import annotations

from ..db import get_session
from ..errors import Conflict
from ..services.gold import lifecycle, page_view
from ..services.gold.decisions import Choice, decide, undo_last
from ..services.gold.gold_sets import gold_sets
from ..services.gold.queue import build_queue
from ..services.gold.state import document_for, load_state, proposal, start
from ..services.jobs import requests as job_service
from ..services.jobs.analysis_jobs import request_auto_adjudication
from ..services.jobs.views import job_view
from ..web.access import me
from ..web.adjudication import gold_project
from . import schemas_gold as s
from .endpoints import operation
from .reports import RETRY_SECONDS


def _adjudicator(document_id: str) -> None:
    """The role check (404 to everyone else), before the body is read."""
    document_for(get_session(), me(), document_id)


def _project_adjudicator(project_id: str) -> None:
    gold_project(project_id)


@operation("/projects/<project_id>/adjudication", "GET", summary="The adjudication queue, lowest agreement first",
           tag="adjudication", response=s.AdjudicationQueueOut())
def adjudication_queue(project_id):
    """Each document with its state (ready, in_adjudication, stale with what changed, adjudicated,
    not_ready) and its open, agreed and decided units; the counts per state and per adjudicator."""
    project, _role = gold_project(project_id)
    return build_queue(get_session(), project)


@operation("/projects/<project_id>/gold", "GET", summary="The project's gold sets", tag="adjudication",
           guard=_project_adjudicator, query=s.GoldQuery(), response=s.GoldSetOut(many=True))
def list_gold(project_id, query):
    """One gold set per document opened for adjudication; read its spans, links, stances and frames
    with GET /sets/{id}. ``?adjudicated=true``: only the finished ones (the published dataset)."""
    project, _role = gold_project(project_id)
    return gold_sets(get_session(), project, adjudicated_only=query["adjudicated"])


def _page(document_id: str):
    session = get_session()
    document, project = document_for(session, me(), document_id)
    return page_view.page(session, load_state(session, document, project))


@operation("/documents/<document_id>/adjudication", "GET", summary="A document's proposal and disagreements",
           tag="adjudication", response=s.DocumentAdjudicationOut(), errors=(409,))
def document_adjudication(document_id):
    """Every unit (span, link, stance, frame): open (the annotators disagree: each version with who
    holds it), agreed, or decided. Like opening the page, the first read opens the document for
    adjudication (its gold set is made); a document whose sets are not all done answers 409."""
    session = get_session()
    start(session, me(), document_id)
    return _page(document_id)


def _unit_now(document_id: str, key: str | None) -> dict | None:
    if not key:
        return None
    view = _page(document_id)
    units = [u for p in view.paragraphs for u in p.units] + view.links + view.stances + view.frames
    found = next((u for u in units if u.key == key), None)
    return s.UnitOut().dump(found) if found is not None else None


def _after(document_id: str, outcome) -> dict:
    state = load_state(get_session(), *document_for(get_session(), me(), document_id))
    return {**outcome.__dict__, "counts": proposal(get_session(), state).counts()}


@operation("/documents/<document_id>/adjudication/decisions", "POST", summary="Decide one unit into gold",
           tag="adjudication", guard=_adjudicator, body=s.DecisionIn(), response=s.DecisionOut(), status=201,
           errors=(409, 422))
def record_decision(document_id, body):
    """accept (an agreed unit), pick (version 1..n), merge (boundaries of ``version``, label of
    ``label_version``), edit or add (label, code-point start/end and the quoted text), reject. Send
    the unit's ``key`` and ``fingerprint`` as read: 409 (with ``current``, the unit now) when the
    unit changed or is already decided."""
    session = get_session()
    start(session, me(), document_id)
    try:
        outcome = decide(session, me(), document_id, Choice(
            body["action"], body["unit"], body["fingerprint"], paragraph=body["paragraph"], version=body["version"],
            label_version=body["label_version"], label=body["label"], start=body["start"], end=body["end"],
            text=body["text"], value=body["value"], intensity=body["intensity"], orphans=body["orphans"],
            codepoints=True))
    except Conflict as exc:
        if exc.field != "unit":
            raise
        raise Conflict(exc.message, exc.field, current=_unit_now(document_id, body["unit"])) from exc
    return _after(document_id, outcome)


@operation("/documents/<document_id>/adjudication/undo", "POST", summary="Take back your last decision here",
           tag="adjudication", guard=_adjudicator, body=s.UndoIn(), response=s.DecisionOut(), errors=(409, 422))
def undo_decision(document_id, body):
    """A gold span that gold links hang on is taken back only with ``orphans: "reject"`` (409 names
    the links otherwise)."""
    outcome = undo_last(get_session(), me(), document_id, orphans=body["orphans"])
    return _after(document_id, outcome)


@operation("/documents/<document_id>/adjudication/accept-agreed", "POST", tag="adjudication",
           summary="Accept every agreed unit of the document into gold", response=s.AgreedCountsOut(),
           errors=(409,))
def accept_agreed(document_id):
    session = get_session()
    start(session, me(), document_id)
    return lifecycle.accept_agreed(session, me(), document_id)


@operation("/documents/<document_id>/adjudication/status", "POST", tag="adjudication",
           summary="Mark the document adjudicated, or reopen its adjudication", guard=_adjudicator,
           body=s.AdjudicationStatusIn(), response=s.AdjudicationStatusOut(), errors=(409, 422))
def adjudication_status(document_id, body):
    """Marking adjudicated needs every unit decided (409 says how many are open)."""
    if body["status"] == "adjudicated":
        lifecycle.mark_adjudicated(get_session(), me(), document_id)
    else:
        lifecycle.reopen(get_session(), me(), document_id)
    return {"status": body["status"]}


@operation("/projects/<project_id>/adjudication/auto", "POST", tag="adjudication",
           summary="Start automatic adjudication (a job): gold where everything agreed",
           guard=_project_adjudicator, body=s.AutoAdjudicationIn(), response=s.JobOut(), status=202,
           errors=(422, 503))
def start_auto_adjudication(project_id, body):
    """Like ``annotator adjudicate --auto --background``: poll ``status_url`` until the job is done;
    its ``result`` says which documents were adjudicated and which stayed open. Asked again while it
    runs, the job under way is the answer."""
    project, _role = gold_project(project_id)
    session = get_session()
    job, _new = request_auto_adjudication(session, project, owner=me(), min_agree=body["min_agree"],
                                          documents=tuple(body["documents"]))
    return job_view(session, job), {"Location": f"/api/v1/jobs/{job.public_id}"}


@operation("/jobs/<job_id>", "GET", summary="A job's state, progress and result", tag="jobs", response=s.JobOut())
def get_job(job_id):
    """Yours, or one of a project you lead. While it is queued or running the answer carries
    Retry-After."""
    session = get_session()
    view = job_view(session, job_service.job_for(session, job_id, me()))
    return view, ({"Retry-After": str(RETRY_SECONDS)} if view.active else {})
