"""The append-only event log: written in the same transaction as every change."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_project_at", "project_id", "at"),
        Index("ix_events_user_at", "user_id", "at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)  # UTC
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), nullable=True)
    set_id: Mapped[int | None] = mapped_column(nullable=True, index=True)
    action: Mapped[str] = mapped_column(String(64))  # e.g. "span.create"
    entity: Mapped[str] = mapped_column(String(32))  # e.g. "span"
    entity_id: Mapped[str] = mapped_column(String(64))  # the record's public id
    before: Mapped[dict | None] = mapped_column(nullable=True)
    after: Mapped[dict | None] = mapped_column(nullable=True)
    # History: an undo or redo is itself a change, logged like any other, and says which change
    # it takes back or makes again (services.history); None for a change a person made directly.
    history: Mapped[str | None] = mapped_column(String(8), nullable=True)  # "undo" or "redo"
    reverts_id: Mapped[int | None] = mapped_column(nullable=True)  # the change undone or redone


class SignIn(Base):
    """A sign-in attempt: its own table, apart from the changes in ``events`` (a sign-in changes
    no annotation); the audit shows both."""

    __tablename__ = "sign_ins"
    __table_args__ = (Index("ix_sign_ins_user_at", "user_id", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)  # UTC
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    username: Mapped[str] = mapped_column(String(80))  # as typed (cut to fit): the name tried
    outcome: Mapped[str] = mapped_column(String(24))  # "sign_in", "sign_in_failed", "sign_in_throttled"
    address: Mapped[str | None] = mapped_column(String(64), nullable=True)


class AgreementCache(Base):
    """Agreement results keyed on what they were computed from, so a change invalidates them."""

    __tablename__ = "agreement_cache"
    # One row per (project, key): two workers can never both insert a lease or a result.
    __table_args__ = (UniqueConstraint("project_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))  # e.g. "report"
    fingerprint: Mapped[str] = mapped_column(String(64))  # hash of document revisions and set statuses
    result: Mapped[dict]
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)
