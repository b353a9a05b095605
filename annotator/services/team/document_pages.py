"""A project's documents a page at a time, with an opaque cursor that stays right under inserts.

The cursor is the last id seen, encoded: ordering by id never skips or repeats a document when
others are imported meanwhile, and a page costs one indexed range query however deep it is."""
from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ...errors import Invalid, NotFound
from ...models import Document, Project


@dataclass(frozen=True)
class DocumentPage:
    items: list[Document]
    next_cursor: str | None


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"d{last_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if not raw.startswith("d"):
            raise ValueError
        return int(raw[1:])
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise Invalid("cursor: not a cursor this API gave out", "cursor") from None


def document_page(session: Session, project: Project, *, limit: int, cursor: str | None = None,
                  language: str | None = None, title_words: str | None = None) -> DocumentPage:
    query = select(Document).where(Document.project_id == project.id)
    if cursor:
        query = query.where(Document.id > decode_cursor(cursor))
    if language:
        query = query.where(Document.language == language)
    if title_words:
        query = query.where(Document.title.contains(title_words))
    rows = list(session.scalars(query.order_by(Document.id).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return DocumentPage(rows, encode_cursor(rows[-1].id) if more and rows else None)


def document_with_paragraphs(session: Session, project: Project, public_id: str) -> Document:
    document = session.scalar(select(Document).options(selectinload(Document.paragraphs))
                              .where(Document.public_id == public_id, Document.project_id == project.id))
    if document is None:
        raise NotFound("no such document in this project", "document")
    return document
