"""Trained recommenders and what annotators decided about their suggestions.

``recommender_models``: one row per project, the pickled trained recommenders (the domain's
``TrainedRecommenders``) with the held-out figures beside it, so the lead page reads figures
without unpickling, and what the training job computed beside them (each open document's
uncertainty, the recommenders' agreement with the annotators on the held-out documents).  ``suggestion_decisions``: per set, each suggestion accepted (with the span
it became) or rejected (never suggested again in that set); recommender and score are kept.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, public_id_column, utcnow

DECISIONS = ("accepted", "rejected")
SUGGESTION_KINDS = ("span", "label", "frame", "stance")


class RecommenderModel(Base):
    __tablename__ = "recommender_models"
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), unique=True)
    model: Mapped[bytes] = mapped_column(LargeBinary)
    figures: Mapped[dict] = mapped_column(default=dict)  # recommender -> Figures.to_dict()
    trained_on: Mapped[int] = mapped_column(default=0)  # done sets counted when it trained
    trained_at: Mapped[datetime] = mapped_column(default=utcnow)
    # document public id -> the recommenders' uncertainty (0 sure .. 1 torn), for documents with no
    # done set when it trained: active ordering reads it without running a model in a request.
    uncertainty: Mapped[dict | None] = mapped_column(nullable=True)
    agreement: Mapped[dict | None] = mapped_column(nullable=True)  # the held-out model agreement


class SuggestionDecision(Base):
    __tablename__ = "suggestion_decisions"
    __table_args__ = (Index("uq_suggestion_decisions_set_key", "set_id", "key", unique=True),)
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    set_id: Mapped[int] = mapped_column(ForeignKey("annotation_sets.id", ondelete="CASCADE"))
    span_id: Mapped[int | None] = mapped_column(ForeignKey("spans.id", ondelete="SET NULL"), nullable=True, index=True)
    key: Mapped[str] = mapped_column(String(300))  # what was suggested: kind, paragraph, layer, label, offsets
    kind: Mapped[str] = mapped_column(String(8))
    label: Mapped[str] = mapped_column(String(64))
    recommender: Mapped[str] = mapped_column(String(64))
    score: Mapped[float] = mapped_column(Float)
    decision: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
