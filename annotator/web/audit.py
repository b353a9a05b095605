"""The lead's project audit page: who changed what and when, filtered by user, document and kind,
a page at a time (newest first). Annotators get 403, non-members 404. The filter form and the
paging links swap the rows (``_audit_rows.html``) for htmx, and push the URL so Back works."""
from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, g, render_template, request

from ..db import get_session
from ..schemas.history import AuditQuery
from ..services.history import audit as audit_service
from .access import LEAD_ROLES, project_with_role
from .audit_text import event_name, kind_name
from .errors import is_htmx
from .forms import parse

bp = Blueprint("audit", __name__)


@bp.app_template_filter("project_time")
def _project_time(at: datetime, time_zone: str) -> str:
    """A stored UTC time as the project's clock shows it."""
    return at.replace(tzinfo=UTC).astimezone(ZoneInfo(time_zone)).strftime("%Y-%m-%d %H:%M:%S")


@bp.app_template_filter("event_name")
def _event_name(action: str) -> str:
    return event_name(action, getattr(g, "ui_lang", "en"))


@bp.app_template_filter("kind_name")
def _kind_name(kind: str) -> str:
    return kind_name(kind, getattr(g, "ui_lang", "en"))


@bp.get("/projects/<project_id>/audit")
def project_audit(project_id: str):
    project, role = project_with_role(project_id, LEAD_ROLES)
    query = parse(AuditQuery(), request.args)
    before = audit_service.Cursor.decode(query["before"]) if query["before"] else None
    wanted = audit_service.AuditFilter(user=query["user"], document=query["document"], kind=query["kind"],
                                       before=before)
    session = get_session()
    rows, older = audit_service.audit_page(session, project, wanted)
    filters = {k: v for k, v in (("user", wanted.user), ("document", wanted.document), ("kind", wanted.kind)) if v}
    context = {"project": project, "role": role, "rows": rows, "older": older.encode() if older else None,
               "filters": filters,
               "kinds": audit_service.KINDS, "users": audit_service.audit_users(session, project)}
    template = "audit/_rows.html" if is_htmx() else "audit/audit.html"
    return render_template(template, **context)
