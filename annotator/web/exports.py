"""Leads download a project's export: the same service, and so the same file, as `annotator export`."""
from __future__ import annotations

import tempfile

from flask import Blueprint, Response, request, send_file, stream_with_context

from ..db import get_session
from ..errors import NotFound, Phrase
from ..export.dataset import Selection
from ..services.interchange import export as export_service
from .access import LEAD_ROLES, me, project_with_role

bp = Blueprint("exports", __name__)


@bp.get("/projects/<project_id>/export.<fmt>")
def download(project_id: str, fmt: str):
    project, _role = project_with_role(project_id, LEAD_ROLES)
    if fmt not in export_service.SUFFIXES:
        raise NotFound(Phrase("no export format '{format}' (try {choices})", ", ", format=fmt,
                              choices=list(export_service.SUFFIXES)), "format")
    selection = Selection(tuple(request.args.getlist("document")), tuple(request.args.getlist("annotator")))
    exported_at = export_service.export_clock()
    if fmt == "jsonl":  # streamed: written as it is read, so the first bytes leave at once
        session = get_session()
        pieces = export_service.jsonl_stream(session, project, selection=selection,
                                             language=request.args.get("language", "en"), user=me())
        name = export_service.default_filename(project, fmt, exported_at)
        response = Response(stream_with_context(pieces), mimetype=export_service.MEDIA_TYPES[fmt],
                            headers={"Content-Disposition": f"attachment; filename={name}"})
        # However the download ends (read whole, cut short, never started), the session's
        # transaction and its server-side cursors end with it: PostgreSQL would keep them open.
        response.call_on_close(session.close)
        return response
    # A file on disk, not memory: a workbook of a large project runs to hundreds of megabytes.
    spool = tempfile.TemporaryFile()
    try:
        export_service.export_project(get_session(), project, fmt, spool, selection=selection,
                                      language=request.args.get("language", "en"), user=me(),
                                      exported_at=exported_at)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return send_file(spool, mimetype=export_service.MEDIA_TYPES[fmt], as_attachment=True,
                     download_name=export_service.default_filename(project, fmt, exported_at))
