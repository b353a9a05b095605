"""Lead pages for the team: who annotates what (assignment), how far they are (progress) and the
project's documents with each annotator's set status. Annotators get 403, non-members 404."""
from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import gettext, ngettext

from ..db import get_session
from ..errors import Invalid, Problem
from ..i18n import N_
from ..schemas.team import AutoAssignForm, ManualAssignForm, PageQuery, ReassignForm, UnassignForm, split_ids
from ..services.team import assignment as service
from ..services.team.document_preview import document_preview
from ..services.gold.queue import adjudication_progress
from ..services.team.pickers import picker_documents
from ..services.team.progress import STATUSES, annotator_progress, document_progress, documents_by_done_count
from .access import LEAD_ROLES, me, project_with_role
from .charts import scaled, stacked_bar
from .errors import is_htmx
from .forms import parse
from .locale import digits

bp = Blueprint("team", __name__)
STATUS_ORDER = ("done", "in_progress", "skipped", "not_started")
_STATUS_WORDS = {"done": N_("done"), "in_progress": N_("in progress"), "skipped": N_("skipped"),
                 "not_started": N_("not started")}


def status_names() -> dict[str, str]:
    """The set statuses as the interface language names them (legends, bars, tables)."""
    return {key: gettext(words) for key, words in _STATUS_WORDS.items()}


@bp.app_template_filter("duration")
def _duration(seconds: float) -> str:
    # '2 h 05 min' (domain.activity.format_duration), its units and digits in the interface language.
    minutes = int(seconds // 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return digits(gettext("%(hours)s h %(minutes)s min", hours=hours, minutes=f"{minutes:02d}"))
    return digits(gettext("%(minutes)s min", minutes=minutes))


def _assign_page(project, role, *, outcome=None, error: Problem | None = None, form=None):
    session = get_session()
    people, totals = annotator_progress(session, project)
    status = error.status if error else 200
    return render_template("team/assign.html", project=project, role=role, people=people,
                           annotators=service.project_annotators(session, project), outcome=outcome,
                           error=error, form=form or {}, totals=totals,
                           picker_documents=picker_documents(session, project)), status


@bp.get("/projects/<project_id>/team/assign")
def assign_page(project_id: str):
    project, role = project_with_role(project_id, LEAD_ROLES)
    return _assign_page(project, role)


def _run(project_id: str, action):
    """Run one assignment change; a problem re-renders the page with the message, at its 4xx status."""
    project, role = project_with_role(project_id, LEAD_ROLES)
    try:
        outcome = action(get_session(), project)
    except Problem as problem:
        return _assign_page(project, role, error=problem, form=request.form)
    return _assign_page(project, role, outcome=outcome)


@bp.post("/projects/<project_id>/team/assign/auto")
def assign_auto(project_id: str):
    def action(session, project):
        form = parse(AutoAssignForm(), request.form)
        result = service.assign_automatically(session, project, per_document=form["per_document"],
                                              sample=form["sample"], seed=form["seed"], by=me(),
                                              limit=form["limit"])
        unfilled = ngettext("; %(num)d document could not get enough annotators",
                            "; %(num)d documents could not get enough annotators",
                            result.unfilled_documents) if result.unfilled_documents else ""
        return ngettext("%(num)d assignment added%(unfilled)s.", "%(num)d assignments added%(unfilled)s.",
                        result.added, unfilled=unfilled)
    return _run(project_id, action)


@bp.post("/projects/<project_id>/team/assign/manual")
def assign_manual(project_id: str):
    def action(session, project):
        form = parse(ManualAssignForm(), request.form)
        user = service.member_by_username(session, project, form["user"])
        documents = None if form["all"] else service.documents_by_external_id(
            session, project, split_ids(form["documents"]))
        result = service.assign_to_user(session, project, user, documents, by=me())
        return ngettext("%(num)d document assigned to %(user)s (%(already)d already were).",
                        "%(num)d documents assigned to %(user)s (%(already)d already were).", result.added,
                        user=user.username, already=result.already)
    return _run(project_id, action)


@bp.post("/projects/<project_id>/team/assign/picked")
def assign_picked(project_id: str):
    """The pickers: annotators and documents chosen by name, every document to every annotator."""
    def action(session, project):
        usernames = [u for u in request.form.getlist("users") if u]
        picked = [d for d in request.form.getlist("picked") if d]
        if not usernames:
            raise Invalid("choose at least one annotator", "users")
        if not picked:
            raise Invalid("choose at least one document", "picked")
        users = [service.member_by_username(session, project, u, "users") for u in dict.fromkeys(usernames)]
        documents = service.documents_by_external_id(session, project, picked, "picked")
        result = service.assign_to_users(session, project, users, documents, by=me())
        names = ", ".join(u.display_name or u.username for u in users)
        # Counted words through ngettext: Arabic has a dual and two plurals where English has one.
        return gettext("%(assignments)s added: %(documents)s to %(names)s (%(already)d already were).",
                       assignments=ngettext("%(num)d assignment", "%(num)d assignments", result.added),
                       documents=ngettext("%(num)d document", "%(num)d documents", len(documents)),
                       names=names, already=result.already)
    return _run(project_id, action)


@bp.post("/projects/<project_id>/team/reassign")
def reassign(project_id: str):
    def action(session, project):
        form = parse(ReassignForm(), request.form)
        [document] = service.documents_by_external_id(session, project, [form["document"]], "document")
        old = service.member_by_username(session, project, form["from_user"], "from_user")
        new = service.member_by_username(session, project, form["to_user"], "to_user")
        service.reassign(session, project, document, old, new, by=me())
        return gettext("Document %(document)s moved from %(old)s to %(new)s.", document=document.external_id,
                       old=old.username, new=new.username)
    return _run(project_id, action)


@bp.post("/projects/<project_id>/team/unassign")
def unassign(project_id: str):
    def action(session, project):
        form = parse(UnassignForm(), request.form)
        [document] = service.documents_by_external_id(session, project, [form["document"]], "document")
        user = service.member_by_username(session, project, form["user"])
        service.unassign(session, project, document, user, by=me())
        return gettext("Document %(document)s taken from %(user)s; their work is kept, hidden.",
                       document=document.external_id, user=user.username)
    return _run(project_id, action)


def _documents_context(project):
    page = parse(PageQuery(), request.args)["page"]
    documents, total, pages = document_progress(get_session(), project, page)
    annotators = sorted({name for d in documents for name in d.statuses})
    bars = {d.public_id: stacked_bar(d.counts, STATUS_ORDER, width=160) for d in documents}
    return {"documents": documents, "total_documents": total, "pages": pages, "page": min(page, pages),
            "annotators": annotators, "document_bars": bars, "status_names": status_names()}


GOLD_STATE_ORDER = ("adjudicated", "stale", "in_adjudication", "ready", "not_ready")
GOLD_STATE_NAMES = {"adjudicated": N_("adjudicated"), "stale": N_("gold may be stale"),
                    "in_adjudication": N_("in adjudication"), "ready": N_("ready for adjudication"),
                    "not_ready": N_("not ready (sets not all done)")}


def _adjudication_context(session, project) -> dict:
    """The documents by adjudication state as one bar, and a bar per adjudicator (documents
    adjudicated and in adjudication, on the scale of the project's documents)."""
    counts, people = adjudication_progress(session, project)
    total = sum(counts.values())
    if not people and not any(counts[s] for s in GOLD_STATE_ORDER if s != "not_ready"):
        return {"gold_counts": None}
    return {"gold_counts": counts, "gold_bar": stacked_bar(counts, GOLD_STATE_ORDER, total=total),
            "gold_names": {key: gettext(name) for key, name in GOLD_STATE_NAMES.items()}, "gold_order": GOLD_STATE_ORDER, "adjudicators": people,
            "adjudicator_bars": {name: stacked_bar(row, ("adjudicated", "in_adjudication"), total=total)
                                 for name, row in people.items()}}


@bp.get("/projects/<project_id>/team/progress")
def progress(project_id: str):
    project, role = project_with_role(project_id, LEAD_ROLES)
    context = _documents_context(project)
    if is_htmx():
        return render_template("team/_document_progress.html", project=project, **context)
    session = get_session()
    people, totals = annotator_progress(session, project)
    widest = max([p.assigned for p in people] or [0])
    person_bars = {p.username: stacked_bar(p.counts, STATUS_ORDER, width=scaled(p.assigned, widest), total=p.assigned)
                   for p in people}
    most_active = max([p.active_seconds for p in people] or [0.0])
    time_bars = {p.username: scaled(p.active_seconds, most_active) for p in people}
    return render_template("team/progress.html", project=project, role=role, people=people, totals=totals,
                           person_bars=person_bars, time_bars=time_bars, statuses=STATUSES,
                           **_adjudication_context(session, project),
                           done_histogram=documents_by_done_count(session, project), **context)


@bp.get("/projects/<project_id>/team/documents")
def documents(project_id: str):
    project, role = project_with_role(project_id, LEAD_ROLES)
    context = _documents_context(project)
    template = "team/_document_table.html" if is_htmx() else "team/documents.html"
    return render_template(template, project=project, role=role, **context)


@bp.get("/projects/<project_id>/team/documents/<document_id>")
def document_page(project_id: str, document_id: str):
    """A document read-only, for leads: its text and a way into each annotator's set."""
    project, role = project_with_role(project_id, LEAD_ROLES)
    session = get_session()
    preview = document_preview(session, project, service.document_in_project(session, project, document_id))
    return render_template("team/document.html", project=project, role=role, preview=preview,
                           status_names=status_names())
