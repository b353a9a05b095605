"""The actor registry page for leads: actors and aliases, CSV import, and annotators' proposals.

Every change answers with the registry section (the swap target, #registry) for htmx, or
redirects back to the page; a refused change answers 4xx with the field at fault.
"""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext, ngettext
from marshmallow import ValidationError

from ..db import get_session
from ..errors import Invalid, Phrase
from ..schemas.actors import MAX_CSV_BYTES, AcceptForm, ActorRowSchema, MergeForm, RejectForm
from ..schemas.common import first_error
from ..schemas.layers import load
from ..services.actors import proposals as actor_proposals
from ..services.actors import registry as actors
from .access import LEAD_ROLES, me, project_with_role
from .errors import is_htmx

bp = Blueprint("actors", __name__)


def _registry(project, role, *, message: str | None = None, status: int = 200):
    if not is_htmx():
        return redirect(url_for("actors.registry_page", project_id=project.public_id), code=303)
    session = get_session()
    return render_template("actors/_registry.html", project=project, role=role, message=message,
                           entries=actors.registry(session, project),
                           proposals=actor_proposals.pending_proposals(session, project)), status


def _spec(form) -> actors.ActorSpec:
    try:
        return ActorRowSchema().load(form)
    except ValidationError as exc:
        field, message = first_error(exc)
        raise Invalid(Phrase("{field}: {problem}", field=field, problem=message), field) from exc


@bp.get("/projects/<project_id>/actors")
def registry_page(project_id: str):
    project, role = project_with_role(project_id, LEAD_ROLES)
    session = get_session()
    return render_template("actors/registry.html", project=project, role=role, message=None,
                           entries=actors.registry(session, project),
                           proposals=actor_proposals.pending_proposals(session, project))


@bp.post("/projects/<project_id>/actors")
def create_actor(project_id: str):
    project, role = project_with_role(project_id, LEAD_ROLES)
    actor = actors.create_actor(get_session(), project, _spec(request.form), user=me())
    return _registry(project, role, message=gettext("Added %(name)s.", name=actor.canonical_name), status=201)


@bp.get("/projects/<project_id>/actors/<actor_id>/edit")
def edit_actor(project_id: str, actor_id: str):
    project, _role = project_with_role(project_id, LEAD_ROLES)
    actor = actors.actor_of_project(get_session(), project, actor_id)
    return render_template("actors/_edit_row.html", project=project, actor=actor)


@bp.post("/projects/<project_id>/actors/<actor_id>")
def update_actor(project_id: str, actor_id: str):
    project, role = project_with_role(project_id, LEAD_ROLES)
    actor = actors.update_actor(get_session(), project, actor_id, _spec(request.form), user=me())
    return _registry(project, role, message=gettext("Saved %(name)s; mentions found again.",
                                                                 name=actor.canonical_name))


@bp.post("/projects/<project_id>/actors/<actor_id>/aliases/settle")
def settle_alias(project_id: str, actor_id: str):
    """Every uncertain mention of one alias, in the whole project, confirmed or rejected at once."""
    project, role = project_with_role(project_id, LEAD_ROLES)
    verdict = request.form.get("verdict")
    if verdict not in ("confirm", "reject"):
        raise Invalid("choose confirm or reject", "verdict")
    alias = request.form.get("alias", "")
    actor, found = actors.settle_alias(get_session(), project, actor_id, alias, verdict == "confirm", user=me())
    if verdict == "confirm":
        said = ngettext("%(name)s: %(num)d mention of «%(alias)s» now counts in every set.",
                        "%(name)s: %(num)d mentions of «%(alias)s» now count in every set.", found,
                        name=actor.canonical_name, alias=alias)
    else:
        said = ngettext("%(name)s: %(num)d mention of «%(alias)s» is gone, with the alias.",
                        "%(name)s: %(num)d mentions of «%(alias)s» are gone, with the alias.", found,
                        name=actor.canonical_name, alias=alias)
    return _registry(project, role, message=said)


@bp.delete("/projects/<project_id>/actors/<actor_id>")
def delete_actor(project_id: str, actor_id: str):
    project, role = project_with_role(project_id, LEAD_ROLES)
    actors.delete_actor(get_session(), project, actor_id, user=me())
    return _registry(project, role, message=gettext("Actor deleted."))


@bp.post("/projects/<project_id>/actors/import")
def import_actors(project_id: str):
    project, role = project_with_role(project_id, LEAD_ROLES)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise Invalid("choose a CSV file to import", "file")
    data = upload.read(MAX_CSV_BYTES + 1)
    if len(data) > MAX_CSV_BYTES:
        raise Invalid(Phrase("the file is larger than {size} MB", size=MAX_CSV_BYTES // 1_000_000), "file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Invalid("the file is not UTF-8: save it as CSV UTF-8", "file") from exc
    outcome = actors.import_actors_csv(get_session(), project, text, user=me())
    return _registry(project, role, message=gettext(
        "Imported: %(created)s new actors, %(updated)s updated; mentions: %(added)s found, %(removed)s gone.",
        created=outcome.created, updated=outcome.updated, added=outcome.mentions.added,
        removed=outcome.mentions.removed))


@bp.post("/projects/<project_id>/actors/<actor_id>/accept")
def accept_proposal(project_id: str, actor_id: str):
    project, role = project_with_role(project_id, LEAD_ROLES)
    form = load(AcceptForm(), request.form)
    actor = actor_proposals.accept_proposal(get_session(), project, actor_id, name=form["name"], kind=form["kind"],
                                            user=me())
    return _registry(project, role, message=gettext("%(name)s joined the registry.", name=actor.canonical_name))


@bp.post("/projects/<project_id>/actors/<actor_id>/merge")
def merge_proposal(project_id: str, actor_id: str):
    project, role = project_with_role(project_id, LEAD_ROLES)
    form = load(MergeForm(), request.form)
    target = actor_proposals.merge_proposal(get_session(), project, actor_id, into=form["into"],
                                            add_alias=form["add_alias"], user=me())
    return _registry(project, role, message=gettext("Merged into %(name)s.", name=target.canonical_name))


@bp.post("/projects/<project_id>/actors/<actor_id>/reject")
def reject_proposal(project_id: str, actor_id: str):
    """Not an actor for this project: the proposer reads the reason in their own set."""
    project, role = project_with_role(project_id, LEAD_ROLES)
    form = load(RejectForm(), request.form)
    actor = actor_proposals.reject_proposal(get_session(), project, actor_id, reason=form["reason"], user=me())
    return _registry(project, role, message=gettext("Rejected %(name)s; the proposer sees why.",
                                                                 name=actor_proposals.display_name(actor)))
