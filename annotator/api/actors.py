"""The actor registry: actors with their aliases (a lead changes it; every member reads it)."""
from __future__ import annotations

from ..db import get_session
from ..schemas.actors import ActorSpec, AliasSpec
from ..services.actors import registry
from ..web.access import LEAD_ROLES, me, project_with_role
from . import schemas_in as i
from . import schemas_out as o
from .endpoints import operation


def _actor_out(actor) -> dict:
    return {"id": actor.public_id, "name": actor.canonical_name, "kind": actor.kind, "status": actor.status,
            "aliases": [{"text": a.text, "language": a.language} for a in actor.aliases]}


def _spec(body) -> ActorSpec:
    return ActorSpec(body["canonical_name"].strip(), body["kind"],
                     tuple(AliasSpec(a["text"].strip(), a["ambiguous"], a["allow_adjective"]) for a in body["aliases"]))


@operation("/projects/<project_id>/actors", "GET", summary="The actor registry", tag="actors",
           response=o.ActorOut(many=True))
def list_actors(project_id):
    project, _ = project_with_role(project_id)
    return [_actor_out(entry.actor) for entry in registry.registry(get_session(), project)]


@operation("/projects/<project_id>/actors", "POST", summary="Add an actor with its aliases", tag="actors",
           body=i.ActorIn(), response=o.ActorOut(), status=201, errors=(409, 422))
def create_actor(project_id, body):
    project, _ = project_with_role(project_id, LEAD_ROLES)
    return _actor_out(registry.create_actor(get_session(), project, _spec(body), user=me()))


@operation("/projects/<project_id>/actors/<actor_id>", "PUT", summary="Replace an actor's name, kind and aliases",
           tag="actors", body=i.ActorIn(), response=o.ActorOut(), errors=(404, 409, 422))
def update_actor(project_id, actor_id, body):
    project, _ = project_with_role(project_id, LEAD_ROLES)
    return _actor_out(registry.update_actor(get_session(), project, actor_id, _spec(body), user=me()))


@operation("/projects/<project_id>/actors/<actor_id>", "DELETE", summary="Delete an actor no stance uses",
           tag="actors", status=204, errors=(404, 409))
def delete_actor(project_id, actor_id):
    project, _ = project_with_role(project_id, LEAD_ROLES)
    registry.delete_actor(get_session(), project, actor_id, user=me())
