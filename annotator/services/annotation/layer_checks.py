"""What the stance and frame layers require before a set may be marked done, in words.

Plugged into finishing.check_ready_for_done. Each check follows a scheme flag: a primary frame
(frames.require_primary), a frame for every paragraph (frames.paragraph_level = required), a
stance toward every actor with at least N counted mentions (stance.required_min_mentions = N),
and a paragraph-level stance for every actor counted in a paragraph (stance.paragraph_level =
required). Uncertain mentions that nobody confirmed count toward nothing, so they never demand
a stance.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.scheme import Scheme
from ...errors import Phrase
from ...models import Actor, AnnotationSet, Paragraph, Stance
from ..actors.mentions import display_name
from .frames import frames_of_set
from ..actors.mentions import mentions_for_set

FRAMED_KINDS = ("body", "quote")  # titles and headings need no frame of their own
SHOWN = 5  # names listed before "and N more"


def layer_problems(session: Session, aset: AnnotationSet, scheme: Scheme) -> list[Phrase]:
    problems: list[Phrase] = []
    if scheme.frames.enabled:
        problems.extend(_frame_problems(session, aset, scheme))
    stance = scheme.stance
    if stance.enabled and (stance.required_min_mentions > 0 or stance.paragraph_level == "required"):
        problems.extend(_stance_problems(session, aset, scheme))
    return problems


def _frame_problems(session: Session, aset: AnnotationSet, scheme: Scheme) -> list[str]:
    chosen = frames_of_set(session, aset)
    problems = []
    if scheme.frames.require_primary and "primary" not in chosen.get(None, {}).values():
        problems.append(Phrase("choose a primary frame for the document"))
    if scheme.frames.paragraph_level == "required":
        paragraphs = session.execute(select(Paragraph.id, Paragraph.index).where(
            Paragraph.document_id == aset.document_id, Paragraph.kind.in_(FRAMED_KINDS)).order_by(Paragraph.index))
        missing = [index + 1 for paragraph_id, index in paragraphs if not chosen.get(paragraph_id)]
        if missing:
            problems.append(Phrase("choose a frame for paragraph {numbers}", numbers=_listed([str(n) for n in missing])))
    return problems


def _stance_problems(session: Session, aset: AnnotationSet, scheme: Scheme) -> list[str]:
    mentions = [m for m in mentions_for_set(session, aset) if m.counted]
    stances = list(session.execute(select(Stance.actor_id, Stance.paragraph_id).where(
        Stance.set_id == aset.id, Stance.holder == "")))
    names = {a.id: display_name(a) for a in session.scalars(
        select(Actor).where(Actor.id.in_({m.actor_id for m in mentions})))} if mentions else {}
    problems = []
    minimum = scheme.stance.required_min_mentions
    if minimum > 0:
        counts = Counter(m.actor_id for m in mentions)
        taken = {actor_id for actor_id, paragraph_id in stances if paragraph_id is None}
        missing = sorted((names[a] for a, n in counts.items() if n >= minimum and a not in taken), key=str.casefold)
        if missing:
            problems.append(Phrase("record a stance toward {actors} (mentioned {minimum} times or more)",
                                   actors=_listed(missing), minimum=minimum))
    if scheme.stance.paragraph_level == "required":
        id_of = dict(session.execute(select(Paragraph.index, Paragraph.id).where(
            Paragraph.document_id == aset.document_id)).all())
        taken_in = defaultdict(set)
        for actor_id, paragraph_id in stances:
            taken_in[paragraph_id].add(actor_id)
        missing_pairs = sorted({(m.paragraph_index, names[m.actor_id]) for m in mentions
                                if m.actor_id not in taken_in[id_of[m.paragraph_index]]})
        if missing_pairs:
            pairs = [Phrase("{name} (paragraph {number})", name=name, number=i + 1) for i, name in missing_pairs]
            problems.append(Phrase("record a paragraph stance for {pairs}", pairs=_listed(pairs)))
    return problems


def _listed(items: list) -> Phrase:
    if len(items) <= SHOWN:
        return Phrase("{items}", ", ", items=items)
    return Phrase("{items} and {more} more", ", ", items=items[:SHOWN], more=len(items) - SHOWN)
