"""Projects, their members and scheme versions, documents (paged), imports and assignment."""
from __future__ import annotations

import base64
import binascii
import json
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from ..db import get_session
from ..errors import Forbidden, Invalid, NotFound, Phrase
from ..models import Document, Membership, SchemeVersion, User
from ..services.interchange.importing import import_files
from ..services.team import assignment, projects as project_service
from ..services.team.document_pages import document_page, document_with_paragraphs
from ..services.team.users import find_user
from ..web.access import LEAD_ROLES, me, project_with_role
from . import schemas_in as i
from . import schemas_out as o
from .endpoints import operation

DEFAULT_SCHEME = Path(__file__).resolve().parents[2] / "guidelines" / "scheme.yaml"


def _project_out(project, role):
    return {"public_id": project.public_id, "name": project.name, "time_zone": project.time_zone, "role": role,
            "created_at": project.created_at}


@operation("/projects", "GET", summary="The projects you are a member of", tag="projects",
           response=o.ProjectOut(many=True))
def list_projects():
    return [_project_out(p, role) for p, role in project_service.projects_for(get_session(), me())]


@operation("/projects", "POST", summary="Create a project (site administrators)", tag="projects",
           body=i.ProjectCreateIn(), response=o.ProjectOut(), status=201, errors=(403, 409, 422))
def create_project(body):
    if not me().is_admin:
        raise Forbidden("only a site administrator creates projects", "role")
    text = body["scheme"] or DEFAULT_SCHEME.read_text(encoding="utf-8")
    project = project_service.create_project(get_session(), body["name"], text, time_zone=body["time_zone"])
    return _project_out(project, "admin")


@operation("/projects/<project_id>", "GET", summary="One project", tag="projects", response=o.ProjectOut())
def get_project(project_id):
    project, role = project_with_role(project_id)
    return _project_out(project, role)


@operation("/projects/<project_id>/members", "GET", summary="The project's members and their roles",
           tag="projects", response=o.MemberOut(many=True))
def list_members(project_id):
    project, _ = project_with_role(project_id, LEAD_ROLES)
    rows = get_session().execute(select(User.username, User.display_name, Membership.role)
                                 .join(Membership, Membership.user_id == User.id)
                                 .where(Membership.project_id == project.id).order_by(User.username))
    return [{"username": u, "display_name": d, "role": r} for u, d, r in rows]


@operation("/projects/<project_id>/members", "PUT", summary="Give a user a role in the project",
           tag="projects", body=i.MemberIn(), response=o.MemberOut(), errors=(404, 422))
def set_member(project_id, body):
    project, _ = project_with_role(project_id, LEAD_ROLES)
    session = get_session()
    user = find_user(session, body["username"])
    if user is None:
        raise NotFound(Phrase("no user named '{name}'", name=body["username"]), "username")
    membership = project_service.add_member(session, project, user, body["role"], by=me())
    return {"username": user.username, "display_name": user.display_name, "role": membership.role}


@operation("/projects/<project_id>/schemes", "GET", summary="The project's scheme versions", tag="projects",
           response=o.SchemeVersionOut(many=True))
def list_schemes(project_id):
    project, _ = project_with_role(project_id)
    versions = get_session().scalars(select(SchemeVersion).where(SchemeVersion.project_id == project.id)
                                     .order_by(SchemeVersion.version))
    return [{"version": v.version, "content_hash": v.content_hash, "current": v.id == project.current_scheme_id,
             "created_at": v.created_at, "content": v.content} for v in versions]


@operation("/projects/<project_id>/documents", "GET", summary="The project's documents, a page at a time",
           tag="documents", query=i.DocumentQuery(), response=o.DocumentPageOut())
def list_documents(project_id, query):
    project, _ = project_with_role(project_id, LEAD_ROLES)
    page = document_page(get_session(), project, limit=query["limit"], cursor=query["cursor"],
                         language=query["language"], title_words=query["q"])
    return {"items": page.items, "next_cursor": page.next_cursor}


@operation("/projects/<project_id>/documents/<document_id>", "GET", summary="A document with its paragraphs",
           tag="documents", response=o.DocumentDetailOut())
def get_document(project_id, document_id):
    project, role = project_with_role(project_id)
    session = get_session()
    document = document_with_paragraphs(session, project, document_id)
    if role not in LEAD_ROLES and not _assigned(session, document):
        raise NotFound("no such document in this project", "document")
    return document


def _assigned(session, document) -> bool:
    from ..services.annotation.sets import user_set

    aset = user_set(session, document, me(), create=False)
    return aset is not None and aset.assigned


def _files(body) -> list[tuple[str, bytes]]:
    if body["articles"]:
        lines = [json.dumps({k: v for k, v in a.items() if v is not None}, ensure_ascii=False)
                 for a in body["articles"]]
        return [("articles.jsonl", ("\n".join(lines) + "\n").encode("utf-8"))]
    files = []
    for n, f in enumerate(body["files"]):
        try:
            files.append((f["name"], base64.b64decode(f["content_base64"], validate=True)))
        except (binascii.Error, ValueError):
            field = f"files.{n}.content_base64"
            raise Invalid(Phrase("{field}: not valid base64", field=field), field) from None
    return files


@operation("/projects/<project_id>/documents", "POST", summary="Import articles, all or nothing",
           tag="documents", body=i.ImportIn(), response=o.ImportOut(), status=201, errors=(409, 422))
def import_documents(project_id, body):
    """Articles as JSON records (the .jsonl import's fields) or files in any import format,
    base64-encoded. One bad record or file imports nothing and is named in the problem."""
    project, _ = project_with_role(project_id, LEAD_ROLES)
    session = get_session()
    summary = import_files(session, project, _files(body), encoding=body["encoding"],
                           max_bytes=current_app.config["IMPORT_MAX_BYTES"], user=me())
    ids = session.scalars(select(Document.public_id).where(Document.id.in_(summary.document_ids))
                          .order_by(Document.id)).all() if summary.document_ids else []
    return {**summary.to_dict(), "document_ids": list(ids)}


@operation("/projects/<project_id>/assignments", "POST", summary="Assign documents: by hand or k per document",
           tag="assignments", body=i.AssignIn(), response=o.AssignmentOut(), status=201, errors=(404, 422))
def assign(project_id, body):
    project, _ = project_with_role(project_id, LEAD_ROLES)
    session = get_session()
    if body["per_document"] is not None:
        outcome = assignment.assign_automatically(session, project, per_document=body["per_document"],
                                                  sample=body["sample"], seed=body["seed"] or 0, by=me())
    else:
        user = assignment.member_by_username(session, project, body["user"])
        documents = None
        if body["documents"] is not None:
            documents = [assignment.document_in_project(session, project, d) for d in body["documents"]]
        outcome = assignment.assign_to_user(session, project, user, documents, by=me())
    return outcome
