"""What an annotator changes about mentions, always in their own set: a mention of a registry
actor marked by hand where no alias matches, and verdicts (confirm or reject) on found ones."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.offsets import OffsetError, Utf16Map, snap_to_graphemes
from ...errors import Conflict, Invalid, NotFound, Phrase
from ...models import Actor, AnnotationSet, Document, Mention, MentionConfirmation, Paragraph, User
from ..events import record_event
from ..annotation.sets import note_change, writable_set
from ..tx import transaction


def usable_actor(session: Session, project_id: int, aset: AnnotationSet, actor_public_id: str | None,
                 field: str = "actor") -> Actor:
    """An actor this set may refer to: an active one of the project, or a proposal of this set."""
    actor = session.scalar(select(Actor).where(Actor.public_id == (actor_public_id or ""),
                                               Actor.project_id == project_id))
    usable = actor is not None and (actor.status == "active"
                                    or (actor.status == "proposed" and actor.proposed_in_set_id == aset.id))
    if not usable:
        raise NotFound("no such actor in this project's registry", field)
    return actor


def paragraph_of_set(session: Session, aset: AnnotationSet, index: int | None, field: str = "paragraph") -> Paragraph:
    paragraph = session.scalar(select(Paragraph).where(Paragraph.document_id == aset.document_id,
                                                       Paragraph.index == index))
    if paragraph is None:
        raise NotFound("no paragraph with this number in the document", field)
    return paragraph


def resolve_range(paragraph: Paragraph, utf16_start: int, utf16_end: int) -> tuple[int, int, str]:
    """A browser selection (UTF-16 offsets) as stored code points, widened to whole graphemes (a
    diacritic is never cut off its letter); refused if empty, outside the paragraph or only spaces."""
    try:
        units = Utf16Map(paragraph.text)
        start, end = units.to_codepoint(utf16_start), units.to_codepoint(utf16_end)
        if end <= start:
            raise OffsetError(Phrase("end {end} is not after start {start}", end=utf16_end, start=utf16_start))
        start, end = snap_to_graphemes(paragraph.text, start, end)
    except OffsetError as exc:
        raise Invalid(exc.args[0] if isinstance(exc.args[0], Phrase) else str(exc), "start") from exc
    text = paragraph.text[start:end]
    if not text.strip():
        raise Invalid("a mention cannot be only spaces", "start")
    return start, end, text


def add_manual_mention(session: Session, user: User, set_public_id: str, *, actor_id: str,
                       paragraph: int, start: int, end: int) -> Mention:
    """start and end are UTF-16 offsets, as the browser counts them."""
    with transaction(session):
        aset = writable_set(session, user, set_public_id)
        document = session.get(Document, aset.document_id)
        actor = usable_actor(session, document.project_id, aset, actor_id)
        para = paragraph_of_set(session, aset, paragraph)
        start, end, text = resolve_range(para, start, end)
        mention = create_manual_mention(session, aset, actor, para, start, end, text)
        note_change(session, aset, document)
        record_event(session, action="mention.create", entity="mention", entity_id=mention.public_id,
                     user_id=user.id, project_id=document.project_id, set_id=aset.id,
                     after={"actor": actor.public_id, "paragraph": paragraph, "start": start, "end": end, "text": text})
    return mention


def create_manual_mention(session: Session, aset: AnnotationSet, actor: Actor, para: Paragraph, start: int,
                          end: int, text: str) -> Mention:
    """Shared by manual marking and actor proposals; refuses a mention already there."""
    clash = session.scalar(select(Mention.id).where(
        Mention.paragraph_id == para.id, Mention.start == start, Mention.end == end, Mention.actor_id == actor.id,
        (Mention.set_id.is_(None)) | (Mention.set_id == aset.id)))
    if clash is not None:
        raise Conflict("this text is already a mention of this actor", "start")
    mention = Mention(document_id=aset.document_id, paragraph_id=para.id, actor_id=actor.id, set_id=aset.id,
                      start=start, end=end, text=text, source="manual", uncertain=False)
    session.add(mention)
    session.flush()
    return mention


def delete_manual_mention(session: Session, user: User, set_public_id: str, mention_public_id: str) -> None:
    with transaction(session):
        aset = writable_set(session, user, set_public_id)
        mention = session.scalar(select(Mention).where(Mention.public_id == mention_public_id,
                                                       Mention.set_id == aset.id))
        if mention is None:
            raise NotFound("no mention marked by hand with this id in this set (found mentions are "
                           "rejected, not deleted)", "mention")
        before = {"actor_id": mention.actor_id, "start": mention.start, "end": mention.end, "text": mention.text}
        session.delete(mention)
        document = session.get(Document, aset.document_id)
        note_change(session, aset, document)
        record_event(session, action="mention.delete", entity="mention", entity_id=mention.public_id,
                     user_id=user.id, project_id=document.project_id, set_id=aset.id, before=before)


def set_verdict(session: Session, user: User, set_public_id: str, mention_public_id: str,
                verdict: bool | None) -> MentionConfirmation | None:
    """Confirm (True) or reject (False) a mention in the annotator's own set; None withdraws the verdict."""
    with transaction(session):
        aset = writable_set(session, user, set_public_id)
        mention = session.scalar(select(Mention).where(
            Mention.public_id == mention_public_id, Mention.document_id == aset.document_id,
            (Mention.set_id.is_(None)) | (Mention.set_id == aset.id)))
        if mention is None:
            raise NotFound("no such mention in this document", "mention")
        row = session.get(MentionConfirmation, (aset.id, mention.id))
        before = {"confirmed": row.confirmed} if row else None
        if verdict is None:
            if row is not None:
                session.delete(row)
            row = None
        elif row is None:
            row = MentionConfirmation(set_id=aset.id, mention_id=mention.id, confirmed=verdict)
            session.add(row)
        else:
            row.confirmed = verdict
        document = session.get(Document, aset.document_id)
        note_change(session, aset, document)
        record_event(session, action="mention.verdict", entity="mention", entity_id=mention.public_id,
                     user_id=user.id, project_id=document.project_id, set_id=aset.id, before=before,
                     after={"confirmed": verdict})
    return row


def set_verdict_for_alias(session: Session, user: User, set_public_id: str, mention_public_id: str,
                          verdict: bool) -> int:
    """Confirm or reject, in one action, every mention in this document found by the same alias of
    the same actor as this one and still waiting for a verdict in this set (verdicts already given
    stay). Returns how many were decided."""
    with transaction(session):
        aset = writable_set(session, user, set_public_id)
        mention = session.scalar(select(Mention).where(
            Mention.public_id == mention_public_id, Mention.document_id == aset.document_id,
            Mention.source == "alias", Mention.set_id.is_(None)))
        if mention is None:
            raise NotFound("no mention found by an alias with this id in this document", "mention")
        judged = select(MentionConfirmation.mention_id).where(MentionConfirmation.set_id == aset.id)
        waiting = list(session.scalars(select(Mention).where(
            Mention.document_id == aset.document_id, Mention.source == "alias", Mention.set_id.is_(None),
            Mention.actor_id == mention.actor_id, Mention.alias_id == mention.alias_id, Mention.uncertain,
            Mention.id.not_in(judged))))
        session.add_all(MentionConfirmation(set_id=aset.id, mention_id=m.id, confirmed=verdict) for m in waiting)
        document = session.get(Document, aset.document_id)
        note_change(session, aset, document)
        record_event(session, action="mention.verdict_all", entity="mention", entity_id=mention.public_id,
                     user_id=user.id, project_id=document.project_id, set_id=aset.id,
                     after={"confirmed": verdict, "alias": mention.text, "mentions": [m.public_id for m in waiting]})
    return len(waiting)
