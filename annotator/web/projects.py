"""Lead pages for bringing articles into a project: the upload form."""
from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, url_for

from ..db import get_session
from ..errors import Invalid
from ..services.interchange.importing import import_files
from .access import LEAD_ROLES, me, project_with_role
from .errors import is_htmx
from ..schemas.formats import AnnotationsUpload
from .forms import parse

bp = Blueprint("projects", __name__)


@bp.get("/projects/<project_id>/import")
def import_form(project_id: str):
    project, role = project_with_role(project_id, LEAD_ROLES)
    return render_template("projects/import.html", project=project, role=role, summary=None, error=None)


@bp.post("/projects/<project_id>/import")
def import_upload(project_id: str):
    project, role = project_with_role(project_id, LEAD_ROLES)
    uploads = [f for f in request.files.getlist("files") if f and f.filename]
    if not uploads:
        raise Invalid("choose at least one file to import", "files")
    encoding = (request.form.get("encoding") or "").strip() or None
    files = [(f.filename, f.read()) for f in uploads]
    if sum(len(data) for _, data in files) > current_app.config["IMPORT_BACKGROUND_BYTES"]:
        return _import_in_background(project, role, files, encoding)

    summary = import_files(get_session(), project, files,
                           encoding=encoding, max_bytes=current_app.config["IMPORT_MAX_BYTES"], user=me())
    template = "projects/_import_result.html" if is_htmx() else "projects/import.html"
    return render_template(template, project=project, role=role, summary=summary, error=None)


def _import_in_background(project, role, files, encoding):
    """A large upload is imported by a job; the page shows its progress instead of waiting."""
    from ..services.jobs.import_job import request_import
    from .jobs import render_job

    job, _new = request_import(get_session(), project, me(), files, encoding=encoding)
    if is_htmx():
        return render_job(job, 202)
    return redirect(url_for("jobs.show", job_id=job.public_id), 303)


@bp.post("/projects/<project_id>/import-annotations")
def import_annotations_upload(project_id: str):
    """Annotations from our JSONL or another tool's format, all or nothing (docs/formats.md)."""
    from ..services.interchange.annotations_import import import_interchange
    from ..services.interchange.formats import import_format

    project, role = project_with_role(project_id, LEAD_ROLES)
    form = parse(AnnotationsUpload(), {k: v for k, v in request.form.items() if v != ""})
    uploads = [f for f in request.files.getlist("files") if f and f.filename]
    if not uploads:
        raise Invalid("choose a file to import", "files")
    if sum(f.content_length or 0 for f in uploads) > current_app.config["IMPORT_MAX_BYTES"]:
        raise Invalid("the upload is larger than the import limit", "files")
    label_map = request.files.get("label_map")
    label_map_bytes = label_map.read() if label_map and label_map.filename else None
    files = [(f.filename, f.read()) for f in uploads]
    if form["format"] == "jsonl":
        if len(files) != 1:
            raise Invalid("choose one interchange file (.jsonl)", "files")
        summary = import_interchange(get_session(), project, files[0][1].splitlines(),
                                     create_users=form["create_users"], user=me())
    else:
        summary = import_format(get_session(), project, form["format"], files, label_map=label_map_bytes,
                                annotator=form["annotator"], create_users=form["create_users"], user=me())
    template = "projects/_annotations_result.html" if is_htmx() else "projects/import.html"
    return render_template(template, project=project, role=role, summary=None, annotations=summary, error=None)
