"""Staging for big imports on SQLite: an import's rows wait here, invisible, until one short
transaction copies them into the real tables (services.interchange.import_staging).

Copies of the documents/paragraphs/mentions columns, keyed by the run and each document's
place in it (``seq``); real ids do not exist until the swap."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class ImportRun(Base):
    __tablename__ = "import_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    # A run left behind by a killed process is removed by a later import, after a day.
    started_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class StagedDocument(Base):
    __tablename__ = "import_staged_documents"
    __table_args__ = (Index("ix_import_staged_documents_run_seq", "run_id", "seq", unique=True),)
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("import_runs.id", ondelete="CASCADE"))
    seq: Mapped[int]
    public_id: Mapped[str] = mapped_column(String(36))
    external_id: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(300), nullable=True)
    source_url: Mapped[str | None] = mapped_column(Text, nullable=True)
    published_date: Mapped[date | None] = mapped_column(nullable=True)
    language: Mapped[str] = mapped_column(String(16))
    direction: Mapped[str] = mapped_column(String(3))
    content_hash: Mapped[str] = mapped_column(String(64))
    meta: Mapped[dict] = mapped_column("metadata")
    event_after: Mapped[dict]  # the document.import event's "after"


class StagedParagraph(Base):
    __tablename__ = "import_staged_paragraphs"
    __table_args__ = (Index("ix_import_staged_paragraphs_run_seq", "run_id", "doc_seq"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("import_runs.id", ondelete="CASCADE"))
    doc_seq: Mapped[int]
    index: Mapped[int]
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16), nullable=True)
    direction: Mapped[str | None] = mapped_column(String(3), nullable=True)


class StagedMention(Base):
    __tablename__ = "import_staged_mentions"
    __table_args__ = (Index("ix_import_staged_mentions_run_seq", "run_id", "doc_seq"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("import_runs.id", ondelete="CASCADE"))
    doc_seq: Mapped[int]
    paragraph_index: Mapped[int]
    public_id: Mapped[str] = mapped_column(String(36))
    actor_id: Mapped[int]
    alias_id: Mapped[int | None] = mapped_column(nullable=True)
    start: Mapped[int]
    end: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    uncertain: Mapped[bool] = mapped_column(Boolean)
