"""Articles as imported: a document and its paragraphs, whose text never changes once annotated."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, public_id_column, utcnow

PARAGRAPH_KINDS = ("title", "heading", "body", "quote")


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (
        UniqueConstraint("project_id", "external_id"),
        Index("ix_documents_project_hash", "project_id", "content_hash"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    external_id: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str | None] = mapped_column(String(300), nullable=True)
    source_url: Mapped[str | None] = mapped_column(Text, nullable=True)
    published_date: Mapped[date | None] = mapped_column(nullable=True)
    language: Mapped[str] = mapped_column(String(16), default="und")
    direction: Mapped[str] = mapped_column(String(3), default="ltr")
    content_hash: Mapped[str] = mapped_column(String(64))
    meta: Mapped[dict] = mapped_column("metadata", default=dict)
    # Bumped by every annotation change in any set of the document: caches key on it.
    revision: Mapped[int] = mapped_column(default=0)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)

    paragraphs: Mapped[list[Paragraph]] = relationship(
        back_populates="document", order_by="Paragraph.index", cascade="all, delete-orphan"
    )


class Paragraph(Base):
    __tablename__ = "paragraphs"
    __table_args__ = (UniqueConstraint("document_id", "index"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    index: Mapped[int]
    kind: Mapped[str] = mapped_column(String(16), default="body")
    text: Mapped[str] = mapped_column(Text)
    # Set only where the paragraph's script differs from the document's.
    language: Mapped[str | None] = mapped_column(String(16), nullable=True)
    direction: Mapped[str | None] = mapped_column(String(3), nullable=True)

    document: Mapped[Document] = relationship(back_populates="paragraphs")

    @property
    def effective_direction(self) -> str:
        return self.direction or self.document.direction
