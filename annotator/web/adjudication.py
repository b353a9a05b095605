"""The adjudication pages: the queue, a document's adjudication (decisions through htmx), causes.

Every route answers 404 to anyone without the adjudicator, lead or admin role in the project, as
for a document that does not exist: annotators never learn that gold exists. A span decision
answers with its paragraph (swap target ``p-<index>``), any other with its panel; the counter
comes along out of band. A refused span decision (409) carries the paragraph as it is now.
"""
from __future__ import annotations

import json

from flask import Blueprint, Response, g, jsonify, redirect, render_template, request, url_for

from ..db import get_session
from ..errors import Conflict, NotFound, Problem
from ..i18n import shown_words
from ..models import ACTIVE_STATES
from ..schemas.adjudication import CauseForm, DecisionForm, SettingsForm, StatusForm, UndoForm
from ..schemas.annotate import load_form
from ..services.gold import causes as cause_service
from ..services.gold import lifecycle, page_view
from ..services.gold.decisions import Choice, decide, undo_last, writable_state
from ..services.gold.queue import build_queue
from ..services.gold.state import GOLD_ROLES, document_for, load_state, start
from ..services.jobs.analysis_jobs import request_auto_adjudication
from .access import LEAD_ROLES, me, my_id_card, project_with_role
from .adjudication_html import unit_html
from .annotate_labels import label_infos
from .adjudicate_text import adjudicate_js_words
from .annotate_text import js_words
from .errors import is_htmx, problem_response, wants_json

bp = Blueprint("adjudication", __name__)
bp.add_app_template_global(unit_html, "unit_html")
DECISION, UNDO, STATUS, CAUSE, SETTINGS = DecisionForm(), UndoForm(), StatusForm(), CauseForm(), SettingsForm()
PANELS = {"link": "links", "stance": "stances", "frame": "frames"}


def gold_project(project_id: str):
    try:
        project, role = project_with_role(project_id)
    except Problem:
        raise NotFound("no such project", "project") from None
    if role not in GOLD_ROLES:
        raise NotFound("no such project", "project")
    return project, role


def _blind() -> bool | None:
    chosen = request.values.get("blind")
    return None if chosen is None else chosen == "1"


def _state(document_id: str):
    session = get_session()
    document, project = document_for(session, me(), document_id)
    return load_state(session, document, project)


def _labels(state):
    scheme, _version_id = state.scheme(get_session())
    return scheme, label_infos(scheme, g.ui_lang)


def _frame_names(scheme) -> dict[str, str]:
    return {frame.key: frame.name(g.ui_lang) for frame in scheme.frames.labels}


@bp.errorhandler(Conflict)
def _conflict(exc: Conflict):
    """A refused span decision answers with the paragraph as it is now, so the page shows the truth."""
    paragraph, document_id = g.get("adj_paragraph"), g.get("adj_document")
    message = exc.in_language(g.ui_lang)
    if not (is_htmx() and paragraph is not None and document_id):
        return problem_response(exc.status, message, exc.field, exc.extra)
    problem = json.dumps({"error": message, "field": exc.field, **exc.extra})  # ASCII: safe in a header
    response = _paragraph_response(_state(document_id), paragraph, 409)
    response.headers["X-Problem"] = problem
    return response


@bp.get("/projects/<project_id>/adjudication")
def queue(project_id: str):
    project, role = gold_project(project_id)
    order = request.args.get("order", "agreement")
    shown = build_queue(get_session(), project, order="document" if order == "document" else "agreement")
    return render_template("adjudication/queue.html", project=project, role=role, queue=shown, order=order,
                           settings=lifecycle.settings_of(project), is_lead=role in LEAD_ROLES)


@bp.post("/projects/<project_id>/adjudication/accept-agreed")
def accept_agreed_documents(project_id: str):
    """Bulk acceptance of the documents where everything agreed: a job, as 10,000 documents take
    minutes. The page follows it on the job's own page; JSON gets the report once it is done
    (at once when jobs run in the request), else 202 and where to follow it."""
    project, _role = gold_project(project_id)
    job, _new = request_auto_adjudication(get_session(), project, owner=me())
    if wants_json():
        if job.state == "done":
            return jsonify(job.result)
        return jsonify({"job": job.public_id, "state": job.state, "error": shown_words(job.error, g.ui_lang),
                        "url": url_for("jobs.show", job_id=job.public_id)}), 202 if job.state in ACTIVE_STATES else 409
    return redirect(url_for("jobs.show", job_id=job.public_id), code=303)


@bp.post("/projects/<project_id>/adjudication/settings")
def change_settings(project_id: str):
    project, role = gold_project(project_id)
    if role not in LEAD_ROLES:
        raise NotFound("no such page", "role")
    form = load_form(SETTINGS, request.form)
    lifecycle.change_settings(get_session(), me(), project,
                              min_agree={layer: form[layer] for layer in ("spans", "links", "stances", "frames")},
                              feedback=form["feedback"], blind=form["blind"])
    return redirect(url_for("adjudication.queue", project_id=project.public_id), code=303)


@bp.get("/projects/<project_id>/adjudication/causes")
def causes(project_id: str):
    project, _role = gold_project(project_id)
    report = cause_service.causes_report(get_session(), project)
    from ..services.gold.against_gold import against_gold

    figures = against_gold(get_session(), project)
    if wants_json():
        return jsonify({"by_label": report.by_label, "by_annotator": report.by_annotator,
                        "decisions": report.decisions, "needed_a_decision": report.needed_a_decision,
                        "seconds_by_document": report.seconds_by_document, "against_gold": figures})
    return render_template("adjudication/causes.html", project=project, report=report, against_gold=figures)


@bp.get("/adjudicate/<document_id>")
def document(document_id: str):
    session = get_session()
    state = start(session, me(), document_id)
    view = page_view.page(session, state, blind=_blind())
    scheme, labels = _labels(state)
    return render_template("adjudication/document.html", page=view, labels=labels, scheme=scheme,
                           frame_names=_frame_names(scheme),
                           js_words={**js_words(g.ui_lang), **adjudicate_js_words(g.ui_lang)}, blind=view.blind)


def _paragraph_response(state, index: int, status: int = 200) -> Response:
    _scheme, labels = _labels(state)
    units = page_view.paragraph_units(get_session(), state, index, blind=_blind())
    # The counter is not redrawn here: it needs the whole document's proposal, and a decision
    # answers with its paragraph only (the page asks for the counter afterwards, see below).
    html = render_template("adjudication/_paragraph.html", pu=units, labels=labels)
    return Response(html, status=status, mimetype="text/html")


def _counts(state) -> dict:
    from ..services.gold.state import proposal

    return proposal(get_session(), state).counts()


@bp.get("/adjudicate/<document_id>/counter")
def counter(document_id: str):
    """The units left: asked for by the page after each decision, off the decision's own path."""
    state = _state(document_id)
    counts = _counts(state)
    if wants_json():
        return jsonify(counts)
    return render_template("adjudication/_counter.html", counts=counts, oob=False)


@bp.get("/adjudicate/<document_id>/paragraphs/<int:index>")
def paragraph(document_id: str, index: int):
    return _paragraph_response(_state(document_id), index)


def _panel_response(state, kind: str, status: int = 200) -> Response:
    view = page_view.page(get_session(), state, blind=_blind())
    scheme, labels = _labels(state)
    html = render_template(f"adjudication/_{PANELS[kind]}.html", page=view, labels=labels,
                           frame_names=_frame_names(scheme)) + \
        render_template("adjudication/_counter.html", counts=view.counts, oob=True)
    return Response(html, status=status, mimetype="text/html")


@bp.post("/adjudicate/<document_id>/decisions")
def decision(document_id: str):
    session = get_session()
    user = my_id_card()  # the id and admin flag are all a decision needs: no user row is read
    state = writable_state(session, user, document_id)  # the role check, before the form is read
    form = load_form(DECISION, request.form)
    is_span = form["action"] == "add" or (form["unit"] or "").startswith("s:")
    if is_span and form["paragraph"] is not None:
        g.adj_paragraph, g.adj_document = form["paragraph"], document_id
    outcome = decide(session, user, document_id, Choice(
        form["action"], form["unit"], form["fingerprint"], paragraph=form["paragraph"], version=form["version"],
        label_version=form["label_version"], label=form["label"], start=form["start"], end=form["end"],
        text=form["text"], value=form["value"], intensity=form["intensity"], orphans=form["orphans"]), state=state)
    return _after(document_id, outcome, 201, state)


def _after(document_id: str, outcome, status: int, state=None):
    """``state``: the one the decision was taken with, still right for its paragraph (the sets did not
    change; gold's rows are read afresh)."""
    state = state or _state(document_id)
    if not is_htmx():
        return jsonify({"kind": outcome.kind, "method": outcome.method, "decision": outcome.decision_id,
                        "gold": outcome.gold_item_id, "counts": _counts(state)}), status
    if outcome.kind == "span":
        return _paragraph_response(state, outcome.paragraph, status)
    return _panel_response(state, outcome.kind, status)


@bp.post("/adjudicate/<document_id>/undo")
def undo(document_id: str):
    _state(document_id)
    form = load_form(UNDO, request.form)
    outcome = undo_last(get_session(), me(), document_id, orphans=form["orphans"])
    return _after(document_id, outcome, 200)


@bp.post("/adjudicate/<document_id>/accept-agreed")
def accept_agreed(document_id: str):
    _state(document_id)
    counts = lifecycle.accept_agreed(get_session(), me(), document_id)
    if wants_json() or not is_htmx():
        return jsonify(counts.__dict__)
    response = Response("", 204)
    response.headers["HX-Refresh"] = "true"
    return response


@bp.post("/adjudicate/<document_id>/status")
def status(document_id: str):
    _state(document_id)
    form = load_form(STATUS, request.form)
    if form["status"] == "adjudicated":
        lifecycle.mark_adjudicated(get_session(), me(), document_id)
    else:
        lifecycle.reopen(get_session(), me(), document_id)
    if wants_json():
        return jsonify({"status": form["status"]})
    return redirect(url_for("adjudication.document", document_id=document_id), code=303)


@bp.post("/adjudicate/<document_id>/causes")
def tag_cause(document_id: str):
    _state(document_id)
    form = load_form(CAUSE, request.form)
    keep = cause_service.KEEP
    row = cause_service.tag_cause(get_session(), me(), document_id, form["unit"], form.get("cause", keep),
                                  form.get("note", keep))
    if is_htmx():
        return Response("", 204)
    return jsonify({"unit": row.unit_key, "cause": row.cause, "note": row.note})
