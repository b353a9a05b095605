"""Suggestions for one annotator's set: the trained models that pass the threshold, minus what
the set already decided, shown only to annotators the lead has not switched off.

Unpickled models are kept per (project, trained_at) in this process, so a request costs the
suggestion itself, not the load (bench/bench_recommenders.py --paths).
"""
from __future__ import annotations

import pickle
from collections import OrderedDict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.offsets import codepoint_to_utf16
from ...domain.recommenders import TrainedRecommenders
from ...models import AnnotationSet, Document, Project, RecommenderModel, SuggestionDecision, User
from .done_sets import document_paragraphs, mentions_by_actor
from .settings import suggestion_settings, suggestions_on_for

_CACHE: dict[int, tuple[object, TrainedRecommenders]] = {}
# What the models suggested on a document, per (training, document, its texts and mentions, the
# recommenders on): the panel is asked again after every accept and reject, and the models'
# answer has not changed; the decided ones are filtered out after. Bounded, oldest out first.
_SUGGESTED: OrderedDict[tuple, list] = OrderedDict()
SUGGESTED_KEPT = 256


@dataclass(frozen=True)
class SuggestionView:
    key: str  # what the decision rows remember
    kind: str  # span | label | frame | stance
    recommender: str
    label: str  # span label, technique, frame, or stance value
    score: float
    paragraph: int | None = None
    start: int | None = None  # code points
    end: int | None = None
    utf16_start: int | None = None
    utf16_end: int | None = None
    text: str = ""
    actor: str | None = None  # actor public id (stance)


def trained_for(session: Session, project: Project) -> TrainedRecommenders | None:
    # Only the training time is read on every request: the models' bytes (megabytes after a few
    # thousand done sets) only when this process has not unpickled that training yet.
    in_project = RecommenderModel.project_id == project.id
    trained_at = session.scalar(select(RecommenderModel.trained_at).where(in_project))
    if trained_at is None:
        return None
    cached = _CACHE.get(project.id)
    if cached is None or cached[0] != trained_at:
        cached = (trained_at, pickle.loads(session.scalar(select(RecommenderModel.model).where(in_project))))
        _CACHE[project.id] = cached
    return cached[1]


def span_key(paragraph: int, layer: str, label: str, start: int, end: int) -> str:
    return f"span:{paragraph}:{layer}:{label}:{start}:{end}"


def model_suggestions(trained: TrainedRecommenders, recommenders: set[str], texts: list[str],
                      mentions: dict[str, tuple[int, ...]]) -> list[SuggestionView]:
    got = trained.suggest(texts, mentions, only=recommenders)
    out = [SuggestionView(span_key(s.paragraph, s.layer, s.label, s.start, s.end), "span", s.recommender, s.label,
                          s.score, s.paragraph, s.start, s.end, codepoint_to_utf16(texts[s.paragraph], s.start),
                          codepoint_to_utf16(texts[s.paragraph], s.end), s.text) for s in got.spans]
    out += [SuggestionView(f"label:{s.paragraph}:{s.label}", "label", s.recommender, s.label, s.score, s.paragraph)
            for s in got.labels]
    out += [SuggestionView(f"frame:{'primary' if s.primary else 'secondary'}:{s.label}", "frame", s.recommender, s.label, s.score) for s in got.frames]
    out += [SuggestionView(f"stance:{s.actor}:{s.value}", "stance", s.recommender, s.value, s.score, actor=s.actor)
            for s in got.stances]
    return out


def _remembered_suggestions(project: Project, trained: TrainedRecommenders, active: set[str], document_id: int,
                            texts: list[str], mentions: dict[str, tuple[int, ...]]) -> list[SuggestionView]:
    key = (project.id, _CACHE[project.id][0], document_id, frozenset(active), tuple(texts),
           tuple(sorted(mentions.items())))
    views = _SUGGESTED.get(key)
    if views is None:
        views = _SUGGESTED[key] = model_suggestions(trained, active, texts, mentions)
        while len(_SUGGESTED) > SUGGESTED_KEPT:
            _SUGGESTED.popitem(last=False)
    else:
        _SUGGESTED.move_to_end(key)
    return list(views)


def suggestions_for_set(session: Session, user: User, aset: AnnotationSet) -> list[SuggestionView]:
    """The set's open suggestions, in reading order (paragraph, offset); [] when switched off."""
    document = session.get(Document, aset.document_id)
    project = session.get(Project, document.project_id)
    if aset.user_id != user.id or not suggestions_on_for(project, user.username):
        return []
    views: list[SuggestionView] = []
    trained = trained_for(session, project)
    texts = [p.text for p in document_paragraphs(session, [document.id])[document.id]]
    if trained is not None:
        active = trained.active(suggestion_settings(project)["threshold"])
        if active:
            mentions = {a: tuple(sorted(ps)) for a, ps in mentions_by_actor(session, [document.id])[document.id].items()}
            views = _remembered_suggestions(project, trained, active, document.id, texts, mentions)
    from .external import external_suggestions
    views += external_suggestions(session, project, document, texts)
    decided = set(session.scalars(select(SuggestionDecision.key).where(SuggestionDecision.set_id == aset.id)))
    views = [v for v in views if v.key not in decided]
    return sorted(views, key=lambda v: (v.paragraph if v.paragraph is not None else -1, v.start or 0, -v.score))
