"""Actor mentions: found by alias in a project's documents (annotator.domain.actor_matching),
refreshed when the registry changes, and read per set. What an annotator changes (marks by hand,
verdicts) is in mention_edits.

Alias mentions belong to the document, shared by every set; manual mentions and verdicts
(MentionConfirmation) belong to one set, so other annotators never see them. A mention counts
toward an actor when it is certain, or when the set's annotator confirmed it; an annotator may
also reject a certain one (a false match), which then counts toward nothing in their set.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session, aliased

from ...domain.actor_matching import Alias, AliasMatcher
from ...models import Actor, ActorAlias, AnnotationSet, Document, Mention, MentionConfirmation, Paragraph, Project

CHUNK = 500  # ids per IN (...) list: far below every database's parameter limit
# A proposal's stored name ends with its set's short id (see actor_proposals): shown without it.
_SET_TAG = re.compile(r" \[[0-9a-f]{8}\]$")


def display_name(actor: Actor) -> str:
    return _SET_TAG.sub("", actor.canonical_name) if actor.status != "active" else actor.canonical_name


def names_in_language(session: Session, project_id: int, language: str) -> dict[int, str]:
    """Actor id -> its first alias written in this language (aliases know only "ar" today, Arabic
    script; Latin aliases serve several languages), for showing actors in the interface language."""
    names: dict[int, str] = {}
    for actor_id, text in session.execute(
            select(ActorAlias.actor_id, ActorAlias.text).join(Actor, Actor.id == ActorAlias.actor_id)
            .where(Actor.project_id == project_id, ActorAlias.language == language)
            .order_by(ActorAlias.ambiguous, ActorAlias.allow_adjective, ActorAlias.id)):
        names.setdefault(actor_id, text)
    return names


@dataclass(frozen=True)
class MentionView:
    public_id: str
    paragraph_index: int
    start: int
    end: int
    text: str
    actor_id: int
    actor_public_id: str
    actor_name: str
    source: str  # alias | manual
    uncertain: bool
    verdict: bool | None  # this set's confirmation: True, False (rejected) or None
    alias_id: int | None = None  # the alias that found it (None: marked by hand)

    @property
    def counted(self) -> bool:
        return self.verdict is True or (self.verdict is None and not self.uncertain)

    @property
    def state(self) -> str:
        """What the page shows: counted, uncertain (waiting for a verdict) or rejected."""
        if self.verdict is False:
            return "rejected"
        return "counted" if self.counted else "uncertain"


@dataclass(frozen=True)
class RefreshSummary:
    added: int
    removed: int
    kept: int


def project_matcher(session: Session, project: Project) -> tuple[AliasMatcher | None, dict[str, int], dict[str, int]]:
    """A matcher over the project's active actors (None when they have no alias); with maps from
    the matcher's ids back to rows."""
    rows = session.execute(
        select(ActorAlias.id, ActorAlias.actor_id, ActorAlias.text, ActorAlias.ambiguous, ActorAlias.allow_adjective)
        .join(Actor, Actor.id == ActorAlias.actor_id)
        .where(Actor.project_id == project.id, Actor.status == "active"))
    aliases = [Alias(alias_id=str(alias_id), actor_id=str(actor_id), text=text, ambiguous=ambiguous,
                     allow_adjective=allow_adjective)
               for alias_id, actor_id, text, ambiguous, allow_adjective in rows]
    alias_ids = {a.alias_id: int(a.alias_id) for a in aliases}
    actor_ids = {a.actor_id: int(a.actor_id) for a in aliases}
    # No aliases, no matcher: building one costs a new process its folding tables (~0.1 s).
    return (AliasMatcher(aliases) if aliases else None), alias_ids, actor_ids


def _matches(session: Session, project: Project, document_ids: list[int] | None) -> list[dict]:
    matcher, alias_ids, actor_ids = project_matcher(session, project)
    if not alias_ids:
        return []
    query = select(Paragraph.id, Paragraph.document_id, Paragraph.text)
    if document_ids is None:
        query = query.join(Document, Document.id == Paragraph.document_id).where(Document.project_id == project.id)
    else:
        query = query.where(Paragraph.document_id.in_(document_ids))
    rows = []
    for paragraph_id, document_id, text in session.execute(query):
        for found in matcher.find(text):
            rows.append({"document_id": document_id, "paragraph_id": paragraph_id,
                         "actor_id": actor_ids[found.actor_id], "alias_id": alias_ids[found.alias_id],
                         "start": found.start, "end": found.end, "text": found.text, "source": "alias",
                         "uncertain": found.uncertain})
    return rows


def refresh_project_mentions(session: Session, project: Project) -> RefreshSummary:
    """Match the registry again over every document of the project, inside the caller's transaction.

    Old and new alias mentions are compared by (paragraph, start, end, actor): a mention found
    again keeps its row, and with it every annotator's confirmation; only mentions that are
    gone are deleted, only new ones inserted. Documents whose mentions changed get a new revision.
    """
    old = {(p, s, e, a): (mention_id, document_id, alias_id, uncertain, text)
           for mention_id, document_id, p, s, e, a, alias_id, uncertain, text in session.execute(
               select(Mention.id, Mention.document_id, Mention.paragraph_id, Mention.start, Mention.end,
                      Mention.actor_id, Mention.alias_id, Mention.uncertain, Mention.text)
               .join(Document, Document.id == Mention.document_id)
               .where(Document.project_id == project.id, Mention.source == "alias"))}
    new = {(r["paragraph_id"], r["start"], r["end"], r["actor_id"]): r for r in _matches(session, project, None)}
    gone = [old[key] for key in old.keys() - new.keys()]
    added = [new[key] for key in new.keys() - old.keys()]
    changed_keys = [key for key, row in new.items() if key in old
                    and old[key][2:] != (row["alias_id"], row["uncertain"], row["text"])]
    changed = [{"id": old[key][0], "alias_id": new[key]["alias_id"], "uncertain": new[key]["uncertain"],
                "text": new[key]["text"]} for key in changed_keys]
    gone_ids = [g[0] for g in gone]
    for i in range(0, len(gone_ids), CHUNK):
        session.execute(delete(Mention).where(Mention.id.in_(gone_ids[i:i + CHUNK])))
    if added:
        session.execute(insert(Mention), added)
    if changed:
        session.execute(update(Mention), changed)  # ORM bulk update by primary key
    touched = sorted({g[1] for g in gone} | {r["document_id"] for r in added} | {old[k][1] for k in changed_keys})
    for i in range(0, len(touched), CHUNK):
        session.execute(update(Document).where(Document.id.in_(touched[i:i + CHUNK]))
                        .values(revision=Document.revision + 1).execution_options(synchronize_session=False))
    absorb_manual_duplicates(session, project)
    return RefreshSummary(added=len(added), removed=len(gone), kept=len(old) - len(gone))


def absorb_manual_duplicates(session: Session, project: Project) -> int:
    """A mention marked by hand that overlaps one an alias (new, or moved by a merge) now finds for
    the same actor becomes that set's confirmation of the found mention: one mention, the verdict
    kept. (A found mention covers the whole token, prefixes included, so it may be a little wider
    than the hand-marked one.) A second manual mark of the same actor over the same text is dropped."""
    manual, found = aliased(Mention), aliased(Mention)
    pairs = list(session.execute(
        select(manual.id, manual.set_id, found.id, found.source)
        .join(found, (found.paragraph_id == manual.paragraph_id) & (found.start < manual.end)
              & (manual.start < found.end) & (found.actor_id == manual.actor_id)
              & ((found.source == "alias") | ((found.set_id == manual.set_id) & (found.id < manual.id))))
        .join(Document, Document.id == manual.document_id)
        .where(Document.project_id == project.id, manual.source == "manual")))
    if not pairs:
        return 0
    verdicts = {(c.set_id, c.mention_id): c for c in session.scalars(select(MentionConfirmation).where(
        MentionConfirmation.mention_id.in_({found_id for _, _, found_id, _ in pairs})))}
    absorbed: set[int] = set()
    for manual_id, set_id, found_id, source in pairs:
        absorbed.add(manual_id)
        if source == "alias":
            verdict = verdicts.get((set_id, found_id))
            if verdict is None:
                verdicts[(set_id, found_id)] = verdict = MentionConfirmation(set_id=set_id, mention_id=found_id)
                session.add(verdict)
            verdict.confirmed = True
    session.flush()
    ids = sorted(absorbed)
    for i in range(0, len(ids), CHUNK):
        session.execute(delete(Mention).where(Mention.id.in_(ids[i:i + CHUNK])))
    return len(absorbed)


def mentions_for_set(session: Session, aset: AnnotationSet) -> list[MentionView]:
    """The document's alias mentions and this set's own manual ones, with this set's verdicts,
    in reading order; one query."""
    rows = session.execute(
        select(Mention, Paragraph.index, Actor, MentionConfirmation.confirmed)
        .join(Paragraph, Paragraph.id == Mention.paragraph_id)
        .join(Actor, Actor.id == Mention.actor_id)
        .outerjoin(MentionConfirmation, (MentionConfirmation.mention_id == Mention.id)
                   & (MentionConfirmation.set_id == aset.id))
        .where(Mention.document_id == aset.document_id,
               (Mention.set_id.is_(None)) | (Mention.set_id == aset.id),
               Actor.status.in_(("active", "proposed")))
        .order_by(Paragraph.index, Mention.start, Mention.end, Mention.id))
    return [MentionView(m.public_id, index, m.start, m.end, m.text, m.actor_id, actor.public_id, display_name(actor),
                        m.source, m.uncertain, verdict, m.alias_id)
            for m, index, actor, verdict in rows]


def counted_by_actor(views: list[MentionView]) -> Counter:
    return Counter(v.actor_id for v in views if v.counted)
