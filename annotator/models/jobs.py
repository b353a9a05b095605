"""Background jobs a person can see, and the workers that run them.

The queue (Huey) only carries "run job N"; what a job is, who asked for it, how far it got and
what came of it live here, in the application's database, so every web server sees the same.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, public_id_column, utcnow

JOB_STATES = ("queued", "running", "done", "failed", "cancelled")
ACTIVE_STATES = ("queued", "running")
JOB_KINDS = ("agreement", "export", "import", "gamma", "adjudicate", "recommenders")


class Job(Base):
    __tablename__ = "jobs"
    __table_args__ = (
        Index("ix_jobs_project_created", "project_id", "created_at"),
        Index("ix_jobs_owner_created", "owner_id", "created_at"),
        Index("ix_jobs_state_heartbeat", "state", "heartbeat_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    kind: Mapped[str] = mapped_column(String(32))
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), nullable=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)  # None: the CLI
    state: Mapped[str] = mapped_column(String(16), default="queued")
    # Set while the job is queued or running, cleared when it ends: the unique index is what makes
    # a second request for the same work (on any server) find the first instead of starting again.
    active_key: Mapped[str | None] = mapped_column(String(200), unique=True, nullable=True)
    params: Mapped[dict] = mapped_column(default=dict)
    progress_done: Mapped[int] = mapped_column(default=0)
    progress_total: Mapped[int | None] = mapped_column(nullable=True)
    progress_note: Mapped[str | None] = mapped_column(String(200), nullable=True)
    result: Mapped[dict | None] = mapped_column(nullable=True)
    # Relative to the results folder; set only when the whole file is there.
    result_file: Mapped[str | None] = mapped_column(String(500), nullable=True)
    result_name: Mapped[str | None] = mapped_column(String(255), nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    attempts: Mapped[int] = mapped_column(default=0)
    max_attempts: Mapped[int] = mapped_column(default=2)
    worker: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    enqueued_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(nullable=True)
    heartbeat_at: Mapped[datetime | None] = mapped_column(nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(nullable=True)
    expires_at: Mapped[datetime | None] = mapped_column(nullable=True)


class JobWorker(Base):
    """A running `annotator worker`, seen every few seconds: how the pages know one is there."""

    __tablename__ = "job_workers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)  # host:pid
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)
