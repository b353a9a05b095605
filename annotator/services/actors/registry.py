"""The actor registry of a project: canonical names, kinds, aliases; managed by leads.

Every change to the registry matches the aliases again over all the project's documents in the
same transaction (mentions.refresh_project_mentions), keeping annotators' verdicts on mentions
that are still found.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ...errors import Conflict, Invalid, NotFound, Phrase, Plural
from ...models import Actor, ActorAlias, Mention, Project, Span, Stance, User
from ...schemas.actors import ActorCsvError, ActorSpec, AliasSpec, parse_actor_csv
from ..events import record_event
from .mentions import RefreshSummary, refresh_project_mentions
from ..tx import transaction


@dataclass(frozen=True)
class RegistryEntry:
    actor: Actor
    mentions: int  # alias mentions across the project's documents


@dataclass(frozen=True)
class ImportOutcome:
    created: int
    updated: int
    mentions: RefreshSummary


def alias_language(text: str) -> str | None:
    """'ar' for an alias in Arabic script; None otherwise (a Latin name serves several languages)."""
    return "ar" if any("\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff" for ch in text) else None


def registry(session: Session, project: Project) -> list[RegistryEntry]:
    """Active actors with their aliases and how often they are found; three queries."""
    actors = list(session.scalars(
        select(Actor).options(selectinload(Actor.aliases))
        .where(Actor.project_id == project.id, Actor.status == "active").order_by(Actor.canonical_name)))
    counts = dict(session.execute(
        select(Mention.actor_id, func.count(Mention.id)).join(Actor, Actor.id == Mention.actor_id)
        .where(Actor.project_id == project.id, Mention.source == "alias").group_by(Mention.actor_id)).all())
    return [RegistryEntry(a, counts.get(a.id, 0)) for a in actors]


def active_actors(session: Session, project: Project) -> list[Actor]:
    return list(session.scalars(select(Actor).where(Actor.project_id == project.id, Actor.status == "active")
                                .order_by(Actor.canonical_name)))


def actor_of_project(session: Session, project: Project, actor_public_id: str, *, status: str = "active",
                     field: str = "actor") -> Actor:
    actor = session.scalar(select(Actor).where(Actor.public_id == actor_public_id, Actor.project_id == project.id,
                                               Actor.status == status))
    if actor is None:
        raise NotFound("no such actor in this project's registry", field)
    return actor


def create_actor(session: Session, project: Project, spec: ActorSpec, *, user: User | None = None) -> Actor:
    with transaction(session):
        check_name_free(session, project, spec.canonical_name)
        actor = Actor(project_id=project.id, canonical_name=spec.canonical_name, kind=spec.kind, status="active")
        session.add(actor)
        session.flush()
        _replace_aliases(session, actor, spec)
        summary = refresh_project_mentions(session, project)
        record_event(session, action="actor.create", entity="actor", entity_id=actor.public_id,
                     user_id=user.id if user else None, project_id=project.id,
                     after={**_snapshot(actor, spec), "mentions_added": summary.added})
    return actor


def update_actor(session: Session, project: Project, actor_public_id: str, spec: ActorSpec, *,
                 user: User | None = None) -> Actor:
    with transaction(session):
        actor = actor_of_project(session, project, actor_public_id)
        if spec.canonical_name != actor.canonical_name:
            check_name_free(session, project, spec.canonical_name, except_id=actor.id)
        before = _snapshot(actor)
        actor.canonical_name, actor.kind = spec.canonical_name, spec.kind
        _replace_aliases(session, actor, spec)
        summary = refresh_project_mentions(session, project)
        record_event(session, action="actor.update", entity="actor", entity_id=actor.public_id,
                     user_id=user.id if user else None, project_id=project.id, before=before,
                     after={**_snapshot(actor, spec), "mentions_added": summary.added,
                            "mentions_removed": summary.removed})
    return actor


def settle_alias(session: Session, project: Project, actor_public_id: str, alias_text: str, confirm: bool, *,
                 user: User | None = None) -> tuple[Actor, int]:
    """A lead decides an ambiguous alias for the whole project at once: confirmed, its mentions
    count in every set (where an annotator rejected one, that verdict stays); rejected, the alias
    leaves the actor and its mentions go. Returns the actor and how many mentions the alias had."""
    actor = actor_of_project(session, project, actor_public_id)
    alias = next((a for a in actor.aliases if a.text == alias_text), None)
    if alias is None or not alias.ambiguous:
        raise Invalid("this actor has no such uncertain alias", "alias")
    found = session.scalar(select(func.count(Mention.id)).where(Mention.alias_id == alias.id)) or 0
    kept = tuple(AliasSpec(a.text, ambiguous=a.ambiguous and a.id != alias.id, allow_adjective=a.allow_adjective)
                 for a in actor.aliases if confirm or a.id != alias.id)
    if not kept:
        raise Invalid("this is the actor's only alias: delete the actor instead", "alias")
    return update_actor(session, project, actor_public_id, ActorSpec(actor.canonical_name, actor.kind, kept),
                        user=user), found


def delete_actor(session: Session, project: Project, actor_public_id: str, *, user: User | None = None) -> None:
    """Only an actor no annotation refers to: deleting one with stances would throw work away."""
    with transaction(session):
        actor = actor_of_project(session, project, actor_public_id)
        stances = session.scalar(select(func.count(Stance.id)).where(Stance.actor_id == actor.id)) or 0
        targets = session.scalar(select(func.count(Span.id)).where(Span.target_actor_id == actor.id)) or 0
        if stances or targets:
            raise Conflict(Phrase("{stances} and {claims} refer to {actor}: it cannot be deleted (edit its aliases "
                                  "instead)", actor=actor.canonical_name,
                                  stances=Plural("{count} stances", "{count} stances", stances),
                                  claims=Plural("{count} claims", "{count} claims", targets)), "actor")
        before = _snapshot(actor)
        session.delete(actor)
        session.flush()
        refresh_project_mentions(session, project)
        record_event(session, action="actor.delete", entity="actor", entity_id=actor.public_id,
                     user_id=user.id if user else None, project_id=project.id, before=before)


def import_actors_csv(session: Session, project: Project, text: str, *, user: User | None = None) -> ImportOutcome:
    """All or nothing: every row is validated before anything is written. An actor already in the
    registry (same canonical name) gets the row's kind and any aliases it lacks."""
    try:
        specs = parse_actor_csv(text)
    except ActorCsvError as exc:
        raise Invalid(exc.message, exc.field, row=exc.row) from exc
    with transaction(session):
        existing = {a.canonical_name.casefold(): a for a in session.scalars(
            select(Actor).options(selectinload(Actor.aliases))
            .where(Actor.project_id == project.id, Actor.status == "active"))}
        created = updated = 0
        for spec in specs:
            actor = existing.get(spec.canonical_name.casefold())
            if actor is None:
                check_name_free(session, project, spec.canonical_name)
                actor = Actor(project_id=project.id, canonical_name=spec.canonical_name, kind=spec.kind,
                              status="active", aliases=[])
                session.add(actor)
                created += 1
            else:
                updated += 1
                actor.kind = spec.kind
            known = {alias.text: alias for alias in actor.aliases}
            for alias in spec.aliases:
                row = known.get(alias.text)
                if row is None:
                    actor.aliases.append(ActorAlias(text=alias.text, language=alias_language(alias.text),
                                                    ambiguous=alias.ambiguous, allow_adjective=alias.allow_adjective))
                else:
                    row.ambiguous, row.allow_adjective = alias.ambiguous, alias.allow_adjective
        session.flush()
        summary = refresh_project_mentions(session, project)
        record_event(session, action="actor.import", entity="project", entity_id=project.public_id,
                     user_id=user.id if user else None, project_id=project.id,
                     after={"created": created, "updated": updated, "mentions_added": summary.added,
                            "mentions_removed": summary.removed})
    return ImportOutcome(created, updated, summary)


def check_name_free(session: Session, project: Project, name: str, *, except_id: int | None = None) -> None:
    clash = session.scalar(select(Actor).where(Actor.project_id == project.id,
                                               func.lower(Actor.canonical_name) == name.lower()))
    if clash is not None and clash.id != except_id:
        raise Conflict(Phrase("the registry already has an actor named '{name}'", name=clash.canonical_name),
                       "canonical_name")


def _replace_aliases(session: Session, actor: Actor, spec: ActorSpec) -> None:
    """Aliases become exactly the spec's; rows whose text stays are kept (mentions point at them)."""
    wanted = {a.text: a for a in spec.aliases}
    for row in list(actor.aliases):
        if row.text not in wanted:
            actor.aliases.remove(row)
    session.flush()  # the removals first, so a re-added text never meets its old row's unique key
    rows = {row.text: row for row in actor.aliases}
    for text, alias in wanted.items():
        row = rows.get(text)
        if row is None:
            actor.aliases.append(ActorAlias(text=text, language=alias_language(text), ambiguous=alias.ambiguous,
                                            allow_adjective=alias.allow_adjective))
        else:
            row.ambiguous, row.allow_adjective = alias.ambiguous, alias.allow_adjective
    session.flush()


def _snapshot(actor: Actor, spec: ActorSpec | None = None) -> dict:
    aliases = spec.aliases if spec else actor.aliases
    return {"canonical_name": actor.canonical_name, "kind": actor.kind,
            "aliases": [{"text": a.text, "ambiguous": a.ambiguous, "adjective": a.allow_adjective} for a in aliases]}

