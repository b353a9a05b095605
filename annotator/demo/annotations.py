"""Annotations for the demo's annotated articles, made the way three real annotators would differ.

A reference reading is derived from each article's text (each body paragraph's opening sentence
is a claim, the article's first sentence the thesis, sentences carrying figures evidence); each
annotator then follows it with a seeded share of the usual disagreements: a span left out, a
boundary a word shorter, a neighbouring label, a stance one step off. Everything goes through
the same services the page uses, so the demo's data obeys every rule the app enforces.
"""
from __future__ import annotations

import random
import re
from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.offsets import codepoint_to_utf16
from ..errors import Problem
from ..models import Actor, AnnotationSet, Document, Mention, Paragraph, Project, User
from ..services.annotation import frames as frame_service
from ..services.annotation import links as link_service
from ..services.annotation import spans as span_service
from ..services.annotation import stances as stance_service
from ..services.annotation.finishing import finish_set
from ..services.team.projects import current_scheme

SENTENCE = re.compile(r"[^.!?؟؛]+[.!?؟؛]?")
DIGIT = re.compile(r"[0-9٠-٩]")
STANCES = ("favor", "against", "neutral")
FRAMES = {"sahel-ar.md": ("security_and_defense", "external_regulation_and_reputation"),
          "gulf-ar.md": ("security_and_defense", "economic")}


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in SENTENCE.finditer(text):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ".!?؟؛"):
            end -= 1
        if end - start > 12:
            spans.append((start, end))
    return spans


def reference_spans(paragraphs: list[Paragraph]) -> list[tuple[int, int, int, str]]:
    """(paragraph index, start, end, label) of the reference reading."""
    out = []
    body = [p for p in paragraphs if p.kind == "body" and len(p.text) > 120]
    for n, paragraph in enumerate(body):
        sentences = _sentences(paragraph.text)
        if not sentences:
            continue
        out.append((paragraph.index, *sentences[0], "major_claim" if n == 0 else "claim"))
        out.extend((paragraph.index, s, e, "evidence") for s, e in sentences[1:] if DIGIT.search(paragraph.text[s:e]))
    return out


def _vary(rng: random.Random, text: str, start: int, end: int, label: str) -> tuple[int, int, str] | None:
    if rng.random() < 0.12:
        return None
    if rng.random() < 0.25:
        cut = text.find(" ", start + 1, end)
        if 0 < cut < end - 8:
            start = cut + 1
    if rng.random() < 0.08:
        label = {"claim": "major_claim", "major_claim": "claim", "evidence": "claim"}[label]
    return start, end, label


def _save_span(session: Session, user: User, aset: AnnotationSet, paragraph: Paragraph, start: int, end: int,
               label: str) -> str | None:
    text = paragraph.text
    try:
        outcome = span_service.create_span(
            session, user, aset.public_id, paragraph_index=paragraph.index,
            utf16_start=codepoint_to_utf16(text, start), utf16_end=codepoint_to_utf16(text, end),
            quoted_text=text[start:end], label=label)
    except Problem:
        return None  # a varied boundary the rules refuse is simply a span this annotator skipped
    return outcome.public_id


def _actors_needing_stance(session: Session, document: Document, minimum: int) -> list[Actor]:
    """The actors the scheme asks a stance for (at least `minimum` sure mentions), most mentioned first."""
    counts = Counter(session.scalars(select(Mention.actor_id).where(
        Mention.document_id == document.id, Mention.set_id.is_(None), Mention.uncertain.is_(False))))
    ids = [actor_id for actor_id, n in counts.most_common() if n >= minimum]
    actors = {a.id: a for a in session.scalars(select(Actor).where(Actor.id.in_(ids)))}
    return [actors[i] for i in ids]


def annotate_demo(session: Session, project: Project, documents: list[Document], annotators: list[User]) -> None:
    rng = random.Random(2026)
    scheme = current_scheme(session, project)
    for document in documents:
        paragraphs = session.scalars(select(Paragraph).where(Paragraph.document_id == document.id)
                                     .order_by(Paragraph.index)).all()
        by_index = {p.index: p for p in paragraphs}
        reference = reference_spans(paragraphs)
        actors = _actors_needing_stance(session, document, max(1, scheme.stance.required_min_mentions))
        reference_stance = {a.id: (rng.choice(STANCES), rng.randint(1, 3)) for a in actors}
        primary, secondary = FRAMES.get(document.meta.get("source_file"), ("political", "economic"))
        for user in annotators:
            aset = session.scalar(select(AnnotationSet).where(
                AnnotationSet.document_id == document.id, AnnotationSet.user_id == user.id))
            last_claim = None
            for index, start, end, label in reference:
                varied = _vary(rng, by_index[index].text, start, end, label)
                if varied is None:
                    continue
                span_id = _save_span(session, user, aset, by_index[index], *varied)
                if span_id is None:
                    continue
                if varied[2] in ("claim", "major_claim"):
                    last_claim = span_id
                elif last_claim is not None:
                    kind = "supports" if rng.random() < 0.85 else "attacks"
                    link_service.create_link(session, user, aset.public_id, source_id=span_id,
                                             target_id=last_claim, link_type=kind)
            for actor in actors:
                value, intensity = reference_stance[actor.id]
                if rng.random() < 0.2:
                    value = rng.choice(STANCES)
                if rng.random() < 0.3:
                    intensity = max(1, min(3, intensity + rng.choice((-1, 1))))
                stance_service.set_stance(session, user, aset.public_id, actor_id=actor.public_id, value=value,
                                          intensity=None if value == "neutral" else intensity)
            chosen = primary if rng.random() < 0.8 else secondary
            frame_service.choose_frame(session, user, aset.public_id, frame=chosen, role="primary")
            other = secondary if chosen == primary else primary
            frame_service.choose_frame(session, user, aset.public_id, frame=other, role="secondary")
            finish_set(session, user, aset.public_id, "done")
