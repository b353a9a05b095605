"""Article import: parse every file first, then store everything in one transaction.

All-or-nothing per run: a bad file, or an external id that already names different content,
aborts the run before anything is written. The same content twice is reported and skipped.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ...domain.text import stable_external_id
from ...errors import Conflict, Invalid
from ...importing.errors import ImportFileError
from ...importing.model import ParsedArticle
from ...importing.parsers import parse_file
from ...models import Document, Event, Paragraph, Project, User, new_public_id
from ..events import event_row
from ..actors.mentions import find_mentions_for_documents
from ..tx import transaction


@dataclass
class ImportSummary:
    files: int = 0
    documents: int = 0
    paragraphs: int = 0
    skipped: list[dict] = field(default_factory=list)
    document_ids: list[int] = field(default_factory=list)
    new_documents: list[tuple[str, str]] = field(default_factory=list)  # (public id, title), for links

    def to_dict(self) -> dict:
        return {"files": self.files, "documents": self.documents, "paragraphs": self.paragraphs,
                "skipped": self.skipped}


def parse_all(files: list[tuple[str, bytes]], *, encoding: str | None, max_bytes: int) -> list[ParsedArticle]:
    """Parse every file before touching the database, so a bad file leaves nothing behind."""
    articles: list[ParsedArticle] = []
    for name, data in files:
        try:
            articles.extend(parse_file(name, data, encoding=encoding, max_bytes=max_bytes))
        except ImportFileError as exc:
            raise Invalid(str(exc), "file", filename=exc.filename, reason=exc.reason) from exc
        except LookupError as exc:  # an unknown --encoding name
            raise Invalid(f"{name}: unknown encoding '{encoding}'", "encoding") from exc
    return articles


def import_files(session: Session, project: Project, files: list[tuple[str, bytes]], *,
                 encoding: str | None = None, max_bytes: int = 5_000_000,
                 user: User | None = None) -> ImportSummary:
    articles = parse_all(files, encoding=encoding, max_bytes=max_bytes)
    summary = ImportSummary(files=len(files))
    with transaction(session):
        existing = _existing(session, project, articles)
        seen_hashes: dict[str, str] = {}
        seen_ids: dict[str, str] = {}
        new_documents: list[tuple[Document, ParsedArticle]] = []
        for article in articles:
            external_id = article.external_id or stable_external_id(article.content_hash)
            known = existing["by_id"].get(external_id)
            if known is not None and known != article.content_hash:
                raise Conflict(f"{article.source_name}: external id '{external_id}' already names a document "
                               "with different content in this project (replacing documents is not supported)",
                               "external_id")
            if seen_ids.get(external_id, article.content_hash) != article.content_hash:
                raise Conflict(f"{article.source_name}: external id '{external_id}' is used twice in this "
                               "import for different content", "external_id")
            duplicate_of = existing["by_hash"].get(article.content_hash) or seen_hashes.get(article.content_hash)
            if duplicate_of is not None:
                summary.skipped.append({"file": article.source_name, "title": article.title,
                                        "reason": f"same content as document '{duplicate_of}'"})
                continue
            seen_hashes[article.content_hash] = external_id
            seen_ids[external_id] = article.content_hash
            new_documents.append((_document_row(project, article, external_id), article))
        # Bulk inserts: an import of 1,000 articles is one statement per table, not 10,000 ORM flushes.
        ids = session.scalars(insert(Document).returning(Document.id, sort_by_parameter_order=True),
                              [row for row, _ in new_documents]).all() if new_documents else []
        rows = [
            {"document_id": document_id, "index": i, "kind": p.kind, "text": p.text,
             "language": p.language, "direction": p.direction}
            for document_id, (_, article) in zip(ids, new_documents) for i, p in enumerate(article.paragraphs)
        ]
        if rows:
            session.execute(insert(Paragraph), rows)
        events = [
            event_row(action="document.import", entity="document", entity_id=row["public_id"],
                      user_id=user.id if user else None, project_id=project.id,
                      after={"external_id": row["external_id"], "title": row["title"], "file": article.source_name,
                             "paragraphs": len(article.paragraphs)})
            for row, article in new_documents
        ]
        if events:
            session.execute(insert(Event), events)
        summary.documents = len(new_documents)
        summary.paragraphs = len(rows)
        summary.document_ids = list(ids)
        summary.new_documents = [(row["public_id"], row["title"] or row["external_id"]) for row, _ in new_documents]
        find_mentions_for_documents(session, project, summary.document_ids)
    return summary


def _existing(session: Session, project: Project, articles: list[ParsedArticle]) -> dict:
    ids = {a.external_id or stable_external_id(a.content_hash) for a in articles}
    hashes = {a.content_hash for a in articles}
    rows = session.execute(
        select(Document.external_id, Document.content_hash).where(
            Document.project_id == project.id,
            Document.external_id.in_(ids) | Document.content_hash.in_(hashes)))
    by_id, by_hash = {}, {}
    for external_id, content_hash in rows:
        by_id[external_id] = content_hash
        by_hash[content_hash] = external_id
    return {"by_id": by_id, "by_hash": by_hash}


def _document_row(project: Project, article: ParsedArticle, external_id: str) -> dict:
    return {
        "public_id": new_public_id(), "project_id": project.id, "external_id": external_id,
        "title": article.title, "author": article.author, "source_url": article.source_url,
        "published_date": article.published, "language": article.language, "direction": article.direction,
        "content_hash": article.content_hash, "meta": {**article.metadata, "source_file": article.source_name},
    }
