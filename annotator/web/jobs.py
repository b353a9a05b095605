"""Jobs people can see: their progress (polled by htmx), their result, and starting an export.

An annotator sees only their own jobs; a lead sees the jobs of the projects they lead. A job
someone may not see answers 404, like any record of another person.
"""
from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, request, send_file, url_for
from flask_babel import pgettext

from ..db import get_session
from ..errors import Conflict, NotFound, Phrase, Problem
from ..i18n import shown_words
from ..export.dataset import Selection
from ..services.jobs import requests as job_service
from ..services.jobs.export_job import request_export
from ..services.jobs.results import result_path
from ..services.jobs.settings import settings_of
from ..services.jobs.views import fill_note, job_view, job_views, worker_warning
from ..services.interchange.export import MEDIA_TYPES, SUFFIXES
from ..models import utcnow as now_utc
from .access import LEAD_ROLES, me, project_with_role
from .errors import is_htmx
from .locale import number

bp = Blueprint("jobs", __name__)


class Gone(Problem):
    status = 410


@bp.app_template_filter("job_note")
def job_note(note: str | None, done: int, total: int | None) -> str:
    """A job's progress note in the interface language, with its counts in the person's digits."""
    if not note:
        return ""
    return fill_note(shown_words(note, getattr(g, "ui_lang", "en")), number(done), number(total or 0))


@bp.app_template_filter("job_state")
def job_state(state: str) -> str:
    """A job's state (stored as its English key) in the interface language."""
    names = {"queued": pgettext("job state", "queued"), "running": pgettext("job state", "running"),
             "done": pgettext("job state", "done"), "failed": pgettext("job state", "failed"),
             "cancelled": pgettext("job state", "cancelled")}
    return names.get(state, state)


def render_job(job, status: int = 200):
    session = get_session()
    view = job_view(session, job)
    context = {"job": view, "job_warning": worker_warning(session, [view])}
    template = "jobs/_job.html" if is_htmx() else "jobs/job.html"
    return render_template(template, **context), status


@bp.get("/jobs")
def my_jobs():
    session = get_session()
    views = job_views(session, job_service.jobs_visible_to(session, me()))
    return render_template("jobs/list.html", jobs=views, project=None, warning=worker_warning(session, views))


@bp.get("/jobs/<job_id>")
def show(job_id: str):
    return render_job(job_service.job_for(get_session(), job_id, me()))


@bp.post("/jobs/<job_id>/cancel")
def cancel(job_id: str):
    session = get_session()
    job = job_service.cancel_job(session, job_service.job_for(session, job_id, me()))
    return render_job(job)


@bp.get("/jobs/<job_id>/result")
def result(job_id: str):
    session = get_session()
    job = job_service.job_for(session, job_id, me())
    if job.state != "done":
        raise Conflict(Phrase("the job is {state}: there is no result yet", state=job.state), "state")
    path = result_path(settings_of(session), job)
    if path is None:
        if job.expires_at is not None and job.expires_at <= now_utc():
            raise Gone("the result has expired and was deleted; start the job again", "result")
        raise NotFound("this job has no file to download", "result")
    suffix = path.suffix.lstrip(".")
    fmt = next((f for f, s in SUFFIXES.items() if s == suffix), None)
    return send_file(path, mimetype=MEDIA_TYPES.get(fmt, "application/octet-stream"), as_attachment=True,
                     download_name=job.result_name or path.name)


@bp.get("/projects/<project_id>/exports")
def exports_page(project_id: str):
    project, role = project_with_role(project_id, LEAD_ROLES)
    session = get_session()
    views = job_views(session, job_service.jobs_visible_to(session, me(), project))
    return render_template("jobs/exports.html", project=project, role=role, jobs=views,
                           warning=worker_warning(session, views), formats=tuple(SUFFIXES))


@bp.post("/projects/<project_id>/exports")
def start_export(project_id: str):
    project, _role = project_with_role(project_id, LEAD_ROLES)
    selection = Selection(tuple(request.form.getlist("document")), tuple(request.form.getlist("annotator")))
    job, _new = request_export(get_session(), project, me(), request.form.get("format", "xlsx"),
                               selection=selection, language=request.form.get("language") or "en")
    if is_htmx():
        return render_job(job, 202)
    return redirect(url_for("jobs.show", job_id=job.public_id), 303)
