"""Stances toward actors: for each (document, actor), what the author (or a quoted holder) thinks
of the actor, with an optional intensity, paragraph and evidence spans; and a claim's target actor.

The table's unique key holds only where paragraph_id is set (NULLs never collide in SQL), so
one stance per (set, actor, paragraph, holder) is enforced here, for document level too.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.agreement.data import signed_stance
from ...domain.scheme import STANCE_VALUES, Scheme
from ...errors import Invalid, NotFound, Phrase
from ...models import (
    Actor, AnnotationSet, Document, Paragraph, Project, Span, Stance, StanceEvidence, User, utcnow,
)
from ..events import record_event
from .links import span_in_set
from ..actors.mention_edits import paragraph_of_set, usable_actor
from ..actors.mentions import MentionView, counted_by_actor, mentions_for_set
from ..team.projects import current_scheme
from .sets import check_version, note_change, writable_set
from ..tx import transaction

POLAR_VALUES = ("favor", "against")
POLARITIES = ("favor", "against")


@dataclass
class StanceRow:
    """One actor in the stance panel."""

    actor: Actor
    counted: int = 0  # mentions that count toward the actor in this set
    uncertain: int = 0  # mentions waiting for a verdict
    stance: Stance | None = None  # the author's stance, for the document or the panel's paragraph
    others: list[Stance] = field(default_factory=list)  # quoted holders' stances, same place
    evidence: list[Span] = field(default_factory=list)  # spans showing the author's stance

    @property
    def signed(self) -> int | None:
        """The stance on the −3…+3 scale that agreement uses."""
        return signed_stance(self.stance.value, self.stance.intensity) if self.stance else None


def _check_scheme(scheme: Scheme, value: str, intensity: int | None, paragraph: int | None) -> None:
    if not scheme.stance.enabled:
        raise Invalid("stance is switched off in this project's scheme", "stance")
    if value not in STANCE_VALUES:
        raise Invalid(Phrase("stance must be one of {choices}", ", ", choices=list(STANCE_VALUES)), "value")
    if intensity is not None:
        if not scheme.stance.intensity:
            raise Invalid("this project's scheme records no intensity", "intensity")
        if value not in POLAR_VALUES:
            raise Invalid("intensity applies only to favor or against", "intensity")
        if not 1 <= intensity <= 3:
            raise Invalid("intensity goes from 1 (weak) to 3 (strong)", "intensity")
    if paragraph is not None and scheme.stance.paragraph_level == "off":
        raise Invalid("this project's scheme records stance for the whole document only", "paragraph")


def set_stance(session: Session, user: User, set_public_id: str, *, actor_id: str, value: str,
               intensity: int | None = None, holder: str = "", paragraph: int | None = None,
               version: int | None = None, origin: str = "manual") -> Stance:
    """Record or change the stance for (actor, paragraph, holder): one row each, replaced in place.
    ``version`` (the API): the change is based on that version of the stance (409 if it moved on).
    ``origin``: "suggested" when a person accepts a recommender's stance; a stance changed by hand
    keeps the origin it was recorded with, as an edited span does."""
    holder = (holder or "").strip()
    with transaction(session):
        aset = writable_set(session, user, set_public_id)
        document = session.get(Document, aset.document_id)
        project = session.get(Project, document.project_id)
        _check_scheme(current_scheme(session, project), value, intensity, paragraph)
        actor = usable_actor(session, document.project_id, aset, actor_id)
        paragraph_id = paragraph_of_set(session, aset, paragraph).id if paragraph is not None else None
        stance = _find(session, aset, actor.id, paragraph_id, holder)
        check_version(stance, version, Phrase("this stance"))
        before = _snapshot(stance) if stance else None
        if stance is None:
            stance = Stance(set_id=aset.id, actor_id=actor.id, paragraph_id=paragraph_id, holder=holder,
                            value=value, intensity=intensity, origin=origin,
                            scheme_version_id=project.current_scheme_id)
            session.add(stance)
        else:
            stance.value, stance.intensity, stance.updated_at = value, intensity, utcnow()
            stance.scheme_version_id = project.current_scheme_id
            if origin != "manual":  # an accepted suggestion replacing the value is the suggestion's
                stance.origin = origin
        session.flush()
        note_change(session, aset, document)
        record_event(session, action="stance.create" if before is None else "stance.update", entity="stance",
                     entity_id=stance.public_id, user_id=user.id, project_id=document.project_id, set_id=aset.id,
                     before=before, after=_snapshot(stance, actor, paragraph))
    return stance


def delete_stance(session: Session, user: User, set_public_id: str, stance_public_id: str,
                  version: int | None = None) -> None:
    with transaction(session):
        aset = writable_set(session, user, set_public_id)
        stance = _stance_in_set(session, aset, stance_public_id)
        check_version(stance, version, Phrase("this stance"))
        before = _snapshot(stance)
        session.delete(stance)
        document = session.get(Document, aset.document_id)
        note_change(session, aset, document)
        record_event(session, action="stance.delete", entity="stance", entity_id=stance.public_id,
                     user_id=user.id, project_id=document.project_id, set_id=aset.id, before=before)


def set_evidence(session: Session, user: User, set_public_id: str, stance_public_id: str, span_id: str,
                 present: bool) -> None:
    """Add (present=True) or remove a span of the same set as evidence of a stance."""
    with transaction(session):
        aset = writable_set(session, user, set_public_id)
        stance = _stance_in_set(session, aset, stance_public_id)
        span = span_in_set(session, aset, span_id, "span")
        row = session.get(StanceEvidence, (stance.id, span.id))
        if present and row is None:
            session.add(StanceEvidence(stance_id=stance.id, span_id=span.id))
        elif not present and row is not None:
            session.delete(row)
        else:
            return
        document = session.get(Document, aset.document_id)
        note_change(session, aset, document)
        record_event(session, action="stance.evidence." + ("add" if present else "remove"), entity="stance",
                     entity_id=stance.public_id, user_id=user.id, project_id=document.project_id, set_id=aset.id,
                     after={"span": span.public_id, "present": present})


def set_claim_target(session: Session, user: User, set_public_id: str, span_id: str, *,
                     actor_id: str | None, polarity: str | None) -> Span:
    """Name the actor a claim targets, with a polarity; no actor clears both."""
    with transaction(session):
        aset = writable_set(session, user, set_public_id)
        document = session.get(Document, aset.document_id)
        span = span_in_set(session, aset, span_id, "span")
        if span.label not in claim_labels(current_scheme(session, session.get(Project, document.project_id))):
            raise Invalid("only a claim may name a target actor", "span")
        before = {"target_actor_id": span.target_actor_id, "target_polarity": span.target_polarity}
        if actor_id:
            if polarity not in POLARITIES:
                raise Invalid(Phrase("polarity must be {choices}", " or ", choices=list(POLARITIES)), "polarity")
            actor = usable_actor(session, document.project_id, aset, actor_id)
            span.target_actor_id, span.target_polarity = actor.id, polarity
        else:
            span.target_actor_id, span.target_polarity = None, None
        span.updated_at = utcnow()
        session.flush()
        note_change(session, aset, document)
        record_event(session, action="span.target", entity="span", entity_id=span.public_id, user_id=user.id,
                     project_id=document.project_id, set_id=aset.id, before=before,
                     after={"target_actor_id": span.target_actor_id, "target_polarity": span.target_polarity})
    return span


def claim_labels(scheme: Scheme) -> set[str]:
    """What may name a target actor: the labels that links point to (claims and major claims)."""
    return {rule.target for rule in scheme.link_rules}


def stance_rows(session: Session, aset: AnnotationSet, *, mentions: list[MentionView] | None = None,
                paragraph: Paragraph | None = None, extra_actor_ids: tuple[int, ...] = ()) -> list[StanceRow]:
    """The panel for the document (or one paragraph): the actors mentioned there, most mentions
    first (counted plus uncertain), then actors with a stance or added by the annotator; a fixed
    number of queries."""
    mentions = mentions_for_set(session, aset) if mentions is None else mentions
    if paragraph is not None:
        mentions = [m for m in mentions if m.paragraph_index == paragraph.index]
    counted = counted_by_actor(mentions)
    uncertain: dict[int, int] = defaultdict(int)
    for m in mentions:
        if m.state == "uncertain":
            uncertain[m.actor_id] += 1
    place = Stance.paragraph_id.is_(None) if paragraph is None else Stance.paragraph_id == paragraph.id
    stances = list(session.scalars(select(Stance).where(Stance.set_id == aset.id, place).order_by(Stance.holder)))
    wanted = ({m.actor_id for m in mentions if m.state != "rejected"} | {s.actor_id for s in stances}
              | set(extra_actor_ids))
    # A rejected proposal's stances stay stored but leave the panel (the mentions panel says why).
    actors = {a.id: a for a in session.scalars(select(Actor).where(Actor.id.in_(wanted),
                                                                   Actor.status != "rejected"))} if wanted else {}
    rows = {actor_id: StanceRow(actor, counted[actor_id], uncertain[actor_id]) for actor_id, actor in actors.items()}
    stances = [s for s in stances if s.actor_id in rows]
    evidence = _evidence_by_stance(session, [s.id for s in stances])
    for stance in stances:
        row = rows[stance.actor_id]
        if stance.holder == "":
            row.stance, row.evidence = stance, evidence.get(stance.id, [])
        else:
            row.others.append(stance)
    # Uncertain mentions rank too: an article's main target may be named by an ambiguous alias that
    # nobody has confirmed yet (1 counted + 22 uncertain must not come fourth).
    return sorted(rows.values(), key=lambda r: (-(r.counted + r.uncertain), -r.counted,
                                                r.actor.canonical_name.casefold()))


def _evidence_by_stance(session: Session, stance_ids: list[int]) -> dict[int, list[Span]]:
    if not stance_ids:
        return {}
    found: dict[int, list[Span]] = defaultdict(list)
    for stance_id, span in session.execute(
            select(StanceEvidence.stance_id, Span).join(Span, Span.id == StanceEvidence.span_id)
            .where(StanceEvidence.stance_id.in_(stance_ids)).order_by(Span.paragraph_id, Span.start)):
        found[stance_id].append(span)
    return found


def _find(session: Session, aset: AnnotationSet, actor_id: int, paragraph_id: int | None, holder: str) -> Stance | None:
    paragraph_match = Stance.paragraph_id.is_(None) if paragraph_id is None else Stance.paragraph_id == paragraph_id
    return session.scalar(select(Stance).where(Stance.set_id == aset.id, Stance.actor_id == actor_id,
                                               paragraph_match, Stance.holder == holder))


def _stance_in_set(session: Session, aset: AnnotationSet, stance_public_id: str) -> Stance:
    stance = session.scalar(select(Stance).where(Stance.public_id == stance_public_id, Stance.set_id == aset.id))
    if stance is None:
        raise NotFound("no stance with this id in this annotation set", "stance")
    return stance


def _snapshot(stance: Stance, actor: Actor | None = None, paragraph: int | None = None) -> dict:
    out = {"actor_id": stance.actor_id, "value": stance.value, "intensity": stance.intensity,
           "holder": stance.holder, "paragraph_id": stance.paragraph_id}
    if stance.origin not in (None, "manual"):  # so an undone deletion brings back an accepted suggestion
        out["origin"] = stance.origin
    if actor is not None:
        out.update(actor=actor.public_id, actor_name=actor.canonical_name, paragraph=paragraph)
    return out
