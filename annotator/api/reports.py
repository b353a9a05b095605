"""Agreement, exports and the import of annotations (people's or a model's pre-annotations).

An export is started, polled and downloaded: the file is written under the export folder, named
by an id only its owner can use, with a small record beside it saying whose it is."""
from __future__ import annotations

import json
import uuid
from pathlib import Path

from flask import current_app, send_file

from ..db import get_session
from ..errors import NotFound
from ..export.dataset import Selection
from ..services.agreement.reports import agreement_state
from ..services.interchange import export as export_service
from ..services.interchange.annotations_import import import_interchange
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


def _export_dir() -> Path:
    folder = Path(current_app.config["EXPORT_DIR"]) / "api"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _record(export_id: str) -> dict:
    try:
        uuid.UUID(export_id)
        record = json.loads((_export_dir() / f"{export_id}.json").read_text(encoding="utf-8"))
    except (ValueError, OSError):
        raise NotFound("no such export", "export") from None
    if record["user"] != me().public_id:
        raise NotFound("no such export", "export")
    return record


def _export_out(record: dict) -> dict:
    return {"id": record["id"], "format": record["format"], "state": record["state"], "rows": record["rows"],
            "download": f"/api/v1/exports/{record['id']}/file" if record["state"] == "done" else None}


@operation("/projects/<project_id>/exports", "POST", summary="Start an export (xlsx, csv or jsonl)",
           tag="exports", body=i.ExportIn(), response=o.ExportOut(), status=201, errors=(422,))
def start_export(project_id, body):
    project, _ = project_with_role(project_id, LEAD_ROLES)
    export_id = str(uuid.uuid4())
    folder = _export_dir()
    partial = folder / f"{export_id}.part"
    selection = Selection(tuple(body["documents"]), tuple(body["annotators"]))
    try:
        with partial.open("wb") as out:
            result = export_service.export_project(get_session(), project, body["format"], out,
                                                   selection=selection, user=me())
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.rename(folder / f"{export_id}.{export_service.SUFFIXES[body['format']]}")
    record = {"id": export_id, "user": me().public_id, "project": project.public_id, "format": body["format"],
              "state": "done", "rows": dict(result.counts),
              "filename": export_service.default_filename(project, body["format"], result.exported_at)}
    (folder / f"{export_id}.json").write_text(json.dumps(record), encoding="utf-8")
    return _export_out(record)


@operation("/exports/<export_id>", "GET", summary="An export's state", tag="exports", response=o.ExportOut())
def get_export(export_id):
    return _export_out(_record(export_id))


@operation("/exports/<export_id>/file", "GET", summary="Download a finished export", tag="exports",
           content_type=",".join(export_service.MEDIA_TYPES.values()))
def download_export(export_id):
    record = _record(export_id)
    path = _export_dir() / f"{export_id}.{export_service.SUFFIXES[record['format']]}"
    return send_file(path, mimetype=export_service.MEDIA_TYPES[record["format"]], as_attachment=True,
                     download_name=record["filename"])


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
