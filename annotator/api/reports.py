"""Agreement, exports and the import of annotations (people's or a model's pre-annotations).

An export is started, polled and downloaded: it is a background job (services.jobs), run by a
worker, so no request waits for it; only the one who started it sees it here. The same export
asked again while it runs answers with the job under way."""
from __future__ import annotations

from flask import current_app, send_file
from sqlalchemy import select

from ..db import get_session
from ..errors import NotFound
from ..export.dataset import Selection
from ..services.agreement.reports import agreement_state
from ..services.interchange import export as export_service
from ..services.interchange.annotations_import import import_interchange
from ..models import ACTIVE_STATES, Job
from ..services.jobs.export_job import request_export
from ..services.jobs.results import result_path
from ..services.jobs.settings import settings_of
from ..web.access import LEAD_ROLES, me, project_with_role
from . import schemas_in as i
from . import schemas_out as o
from .endpoints import operation

RETRY_SECONDS = 5


@operation("/projects/<project_id>/agreement", "GET", summary="The agreement report and its cache state",
           tag="agreement", query=i.AgreementQuery(), response=o.AgreementOut())
def agreement(project_id, query):
    """While a fresh report is being computed the last one is returned with state "stale" (or
    none, "computing") and a Retry-After header."""
    project, _ = project_with_role(project_id, LEAD_ROLES)
    state = agreement_state(get_session(), project, background=current_app.config["AGREEMENT_BACKGROUND"],
                            session_factory=current_app.extensions["annotator.sessionmaker"],
                            include_leads=query["include_leads"], view=False)
    if state.fresh:
        return {"state": "current", "computed_at": state.computed_at, "report": state.result}
    body = {"state": "stale" if state.result else "computing", "computed_at": state.computed_at,
            "report": state.result}
    return body, {"Retry-After": str(RETRY_SECONDS)}


def _job(export_id: str) -> Job:
    job = get_session().scalar(select(Job).where(Job.public_id == export_id, Job.kind == "export"))
    if job is None or job.owner_id != me().id:
        raise NotFound("no such export", "export")
    return job


def _export_out(job: Job) -> dict:
    return {"id": job.public_id, "format": job.params["format"], "state": job.state,
            "rows": dict((job.result or {}).get("rows", {})),
            "download": f"/api/v1/exports/{job.public_id}/file" if job.state == "done" else None}


@operation("/projects/<project_id>/exports", "POST", summary="Start an export (xlsx, csv or jsonl)",
           tag="exports", body=i.ExportIn(), response=o.ExportOut(), status=201, errors=(422,))
def start_export(project_id, body):
    """The export is queued: poll its state (queued, running, done, failed, cancelled) until done."""
    project, _ = project_with_role(project_id, LEAD_ROLES)
    selection = Selection(tuple(body["documents"]), tuple(body["annotators"]))
    job, _new = request_export(get_session(), project, me(), body["format"], selection=selection)
    return _export_out(job)


@operation("/exports/<export_id>", "GET", summary="An export's state", tag="exports", response=o.ExportOut())
def get_export(export_id):
    """While it is queued or running the answer carries Retry-After."""
    job = _job(export_id)
    return _export_out(job), ({"Retry-After": str(RETRY_SECONDS)} if job.state in ACTIVE_STATES else {})


@operation("/exports/<export_id>/file", "GET", summary="Download a finished export", tag="exports",
           content_type=",".join(export_service.MEDIA_TYPES.values()))
def download_export(export_id):
    job = _job(export_id)
    path = result_path(settings_of(get_session()), job) if job.state == "done" else None
    if path is None:
        raise NotFound("this export has no file (not finished, failed or expired)", "export")
    return send_file(path, mimetype=export_service.MEDIA_TYPES[job.params["format"]], as_attachment=True,
                     download_name=job.result_name)


@operation("/projects/<project_id>/annotations", "POST", summary="Import annotations (JSONL), all or nothing",
           tag="exports", body=i.AnnotationImportIn(), response=o.AnnotationImportOut(), status=201,
           errors=(409, 422))
def import_annotations(project_id, body):
    """The JSONL interchange format of docs/formats.md; with ``model`` the sets are a model's
    pre-annotations, kept apart from people's work."""
    project, _ = project_with_role(project_id, LEAD_ROLES)
    lines = [line.encode("utf-8") for line in body["jsonl"].splitlines(keepends=True)]
    summary = import_interchange(get_session(), project, lines, create_users=body["create_users"],
                                 model_name=body["model"], user=me())
    return {"created": dict(summary.created), "notes": list(summary.notes)}
