"""New actors proposed by annotators from a selection in the text, and the lead's decision.

A proposal is an Actor with status "proposed" that belongs to the proposer's set (blindness:
other annotators never see it, leads do), with a manual mention at the selection. Its stored
name carries the set's short id, because two annotators may propose the same name and the
registry's names are unique; mentions.display_name hides it. The lead accepts it (it joins the registry
and its selected text becomes an alias) or merges it into an existing actor (mentions, stances
and claim targets move there) or rejects it with a reason: the proposal stays in the proposer's set,
shown there with the reason, and its mentions and stances no longer count anywhere.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...errors import Conflict, Phrase
from ...models import Actor, ActorAlias, AnnotationSet, Document, Mention, Project, Span, Stance, User
from .registry import check_name_free, actor_of_project, alias_language
from ..events import record_event
from .mention_edits import create_manual_mention, resolve_range, paragraph_of_set
from .mentions import display_name, refresh_project_mentions
from ..annotation.sets import note_change, writable_set
from ..tx import transaction

@dataclass(frozen=True)
class ProposalView:
    actor: Actor
    name: str
    texts: tuple[str, ...]  # what the annotator selected
    username: str
    document_title: str


def propose_actor(session: Session, user: User, set_public_id: str, *, name: str, kind: str,
                  paragraph: int, start: int, end: int) -> Actor:
    with transaction(session):
        aset = writable_set(session, user, set_public_id)
        document = session.get(Document, aset.document_id)
        project = session.get(Project, document.project_id)
        para = paragraph_of_set(session, aset, paragraph)
        start, end, text = resolve_range(para, start, end)  # UTF-16 offsets from the browser
        check_name_free(session, project, name)  # an actor of the registry: mark a mention of it instead
        proposed_name = f"{name} [{set_tag(aset.public_id)}]"
        if session.scalar(select(Actor.id).where(Actor.project_id == project.id,
                                                 Actor.canonical_name == proposed_name)) is not None:
            raise Conflict(Phrase("you already proposed '{name}' in this document: mark this as a mention of it",
                                  name=name),
                           "name")
        actor = Actor(project_id=project.id, canonical_name=proposed_name, kind=kind,
                      status="proposed", proposed_in_set_id=aset.id)
        session.add(actor)
        session.flush()
        create_manual_mention(session, aset, actor, para, start, end, text)
        note_change(session, aset, document)
        record_event(session, action="actor.propose", entity="actor", entity_id=actor.public_id, user_id=user.id,
                     project_id=project.id, set_id=aset.id,
                     after={"name": name, "kind": kind, "paragraph": paragraph, "start": start, "end": end,
                            "text": text})
    return actor


def pending_proposals(session: Session, project: Project) -> list[ProposalView]:
    """Every proposal waiting for a lead, with what was selected and by whom; two queries."""
    rows = list(session.execute(
        select(Actor, User.username, Document.title)
        .join(AnnotationSet, AnnotationSet.id == Actor.proposed_in_set_id)
        .join(User, User.id == AnnotationSet.user_id, isouter=True)
        .join(Document, Document.id == AnnotationSet.document_id)
        .where(Actor.project_id == project.id, Actor.status == "proposed").order_by(Actor.created_at)))
    texts = _texts_by_actor(session, [a.id for a, _, _ in rows])
    return [ProposalView(a, display_name(a), texts.get(a.id, ()), username or "", title)
            for a, username, title in rows]


def _texts_by_actor(session: Session, actor_ids: list[int]) -> dict[int, tuple[str, ...]]:
    """What was selected for each proposal, each text once, in the order marked; one query."""
    texts: dict[int, list[str]] = {}
    if actor_ids:
        for actor_id, text in session.execute(select(Mention.actor_id, Mention.text).where(
                Mention.actor_id.in_(actor_ids)).order_by(Mention.id)):
            texts.setdefault(actor_id, []).append(text)
    return {actor_id: tuple(dict.fromkeys(found)) for actor_id, found in texts.items()}


def accept_proposal(session: Session, project: Project, actor_public_id: str, *, name: str | None = None,
                    kind: str | None = None, user: User | None = None) -> Actor:
    with transaction(session):
        actor = actor_of_project(session, project, actor_public_id, status="proposed")
        final = (name or "").strip() or display_name(actor)
        check_name_free(session, project, final, except_id=actor.id)
        before = {"name": display_name(actor), "kind": actor.kind}
        actor.canonical_name, actor.kind = final, kind or actor.kind
        actor.status, actor.proposed_in_set_id = "active", None
        _add_aliases(session, actor, _selected_texts(session, actor))
        refresh_project_mentions(session, project)
        record_event(session, action="actor.accept", entity="actor", entity_id=actor.public_id,
                     user_id=user.id if user else None, project_id=project.id, before=before,
                     after={"name": final, "kind": actor.kind})
    return actor


def merge_proposal(session: Session, project: Project, actor_public_id: str, *, into: str,
                   add_alias: bool = False, user: User | None = None) -> Actor:
    """Move everything that names the proposal to an existing actor; stances already taken toward
    that actor win over the proposal's."""
    with transaction(session):
        proposal = actor_of_project(session, project, actor_public_id, status="proposed")
        target = actor_of_project(session, project, into, field="into")  # an active actor: never a proposal
        texts = _selected_texts(session, proposal)
        for mention in session.scalars(select(Mention).where(Mention.actor_id == proposal.id)):
            mention.actor_id = target.id
        for stance in session.scalars(select(Stance).where(Stance.actor_id == proposal.id)):
            taken = session.scalar(select(Stance.id).where(
                Stance.set_id == stance.set_id, Stance.actor_id == target.id, Stance.holder == stance.holder,
                Stance.paragraph_id.is_(None) if stance.paragraph_id is None
                else Stance.paragraph_id == stance.paragraph_id))
            if taken is None:
                stance.actor_id = target.id
            else:
                session.delete(stance)
        for span in session.scalars(select(Span).where(Span.target_actor_id == proposal.id)):
            span.target_actor_id = target.id
        proposal.status, proposal.merged_into_id = "merged", target.id
        if add_alias:
            _add_aliases(session, target, texts)
        session.flush()
        refresh_project_mentions(session, project)
        record_event(session, action="actor.merge", entity="actor", entity_id=proposal.public_id,
                     user_id=user.id if user else None, project_id=project.id,
                     before={"name": display_name(proposal)},
                     after={"into": target.public_id, "into_name": target.canonical_name, "aliases_added": add_alias})
    return target


@dataclass(frozen=True)
class RejectedProposal:
    """What the proposer reads in their set: the name they proposed, what they selected, and why not."""
    public_id: str
    name: str
    texts: tuple[str, ...]
    reason: str


def reject_proposal(session: Session, project: Project, actor_public_id: str, *, reason: str,
                    user: User | None = None) -> Actor:
    """The proposal stays in its set (blindness unchanged), marked rejected with the lead's reason;
    nothing is deleted, so the annotator's marks are there to re-mark as an existing actor."""
    with transaction(session):
        actor = actor_of_project(session, project, actor_public_id, status="proposed")
        actor.status, actor.rejection_reason = "rejected", reason
        aset = session.get(AnnotationSet, actor.proposed_in_set_id)
        document = session.get(Document, aset.document_id)
        # Its mentions and stances stop counting: caches keyed on the revision (agreement) refresh.
        # The set itself is not touched: the annotator did nothing.
        document.revision = (document.revision or 0) + 1
        record_event(session, action="actor.reject", entity="actor", entity_id=actor.public_id,
                     user_id=user.id if user else None, project_id=project.id, set_id=aset.id,
                     before={"name": display_name(actor)}, after={"reason": reason})
    return actor


def rejected_in_set(session: Session, aset: AnnotationSet) -> list[RejectedProposal]:
    """The set's own rejected proposals, oldest first; two queries (one when there are none)."""
    actors = list(session.scalars(select(Actor).where(Actor.proposed_in_set_id == aset.id, Actor.status == "rejected")
                                  .order_by(Actor.created_at, Actor.id)))
    texts = _texts_by_actor(session, [a.id for a in actors])
    return [RejectedProposal(a.public_id, display_name(a), texts.get(a.id, ()), a.rejection_reason or "")
            for a in actors]


def _selected_texts(session: Session, actor: Actor) -> list[str]:
    return list(dict.fromkeys(session.scalars(select(Mention.text).where(Mention.actor_id == actor.id)
                                              .order_by(Mention.id))))


def _add_aliases(session: Session, actor: Actor, texts: list[str]) -> None:
    known = {a.text for a in actor.aliases}
    for text in texts:
        if text.strip() and text not in known:
            actor.aliases.append(ActorAlias(text=text, language=alias_language(text)))
            known.add(text)
    session.flush()


def set_tag(set_public_id: str) -> str:
    """Eight hex digits naming the set in a proposed actor's name. A version 7 id begins with its
    time, shared by sets made in the same minute, so its random end is taken; an older random
    (version 4) id keeps the beginning it was tagged with, so earlier proposals still match."""
    return set_public_id[:8] if set_public_id[14:15] == "4" else set_public_id[-8:]
