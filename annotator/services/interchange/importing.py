"""Article import: parse every file, find the actors' mentions, then store; all or nothing.

All-or-nothing per run: a bad file, or an external id that already names different content,
aborts the run before anything is written. The same content twice is reported and skipped.

The slow parts (parsing, language detection, mention finding) run before any write. What is
left is bulk inserts, in one transaction that takes the writers' turn like a save
(services.annotation.write_turn). An import too big for one short transaction on SQLite,
where one writer at a time holds the whole database, is staged in short transactions that
let saves in between and then swapped in by one transaction of INSERT ... SELECT
(import_staging). PostgreSQL takes it in one transaction: nobody waits for it there.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.collector import cyclic_gc_paused
from ...domain.text import stable_external_id
from ...errors import Conflict, Invalid, Phrase
from ...importing.errors import ImportFileError
from ...importing.model import ParsedArticle
from ...importing.parsers import parse_file
from ...models import Document, Event, Mention, Paragraph, Project, User, new_public_id, utcnow
from ...models.base import UUID_VARIANT_DIGIT
from ..actors.mentions import project_matcher
from ..annotation.write_turn import write_turn, writers_take_turns
from ..tx import transaction
from .bulk_insert import bulk_insert, reserve_ids

# Rows (documents, paragraphs, mentions, events) one transaction writes: ~0.2 s of SQLite work,
# about what a save may wait behind it; 1,000 articles with their mentions fit.
TRANSACTION_ROWS = 50_000
# Values per IN (...) list: PostgreSQL takes at most 65,535 parameters in one statement.
IN_CHUNK = 5_000


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


@dataclass
class NewDocument:
    row: dict  # the documents row, public id included
    article: ParsedArticle
    mentions: list[tuple]  # FOUND_FIELDS

    @property
    def rows(self) -> int:
        return 2 + len(self.article.paragraphs) + len(self.mentions)  # with its event


def parse_all(files: list[tuple[str, bytes]], *, encoding: str | None, max_bytes: int) -> list[ParsedArticle]:
    """Parse every file before touching the database, so a bad file leaves nothing behind."""
    articles: list[ParsedArticle] = []
    for name, data in files:
        try:
            articles.extend(parse_file(name, data, encoding=encoding, max_bytes=max_bytes))
        except ImportFileError as exc:
            raise Invalid(exc.message, "file", filename=exc.filename, reason=exc.reason) from exc
        except LookupError as exc:  # an unknown --encoding name
            raise Invalid(Phrase("{file}: unknown encoding '{encoding}'", file=name, encoding=encoding), "encoding") from exc
    return articles


def import_files(session: Session, project: Project, files: list[tuple[str, bytes]], *,
                 encoding: str | None = None, max_bytes: int = 5_000_000, user: User | None = None,
                 transaction_rows: int = TRANSACTION_ROWS) -> ImportSummary:
    # Articles, paragraphs and mention rows make no reference cycles: the collections their
    # hundred thousand objects set off (one of them a full one, walking every module and mapper
    # of the process too) were a tenth of a 1,000-article import's CPU.
    with cyclic_gc_paused():
        return _import_files(session, project, files, encoding=encoding, max_bytes=max_bytes, user=user,
                             transaction_rows=transaction_rows)


def _import_files(session: Session, project: Project, files: list[tuple[str, bytes]], *, encoding: str | None,
                  max_bytes: int, user: User | None, transaction_rows: int) -> ImportSummary:
    articles = parse_all(files, encoding=encoding, max_bytes=max_bytes)
    mentions = find_mentions(session, project, articles)
    summary = ImportSummary(files=len(files))
    rows = sum(2 + len(a.paragraphs) for a in articles) + sum(map(len, mentions))
    if rows > transaction_rows and writers_take_turns(session):
        from .import_staging import import_staged

        return import_staged(session, project, articles, mentions, summary, user=user,
                             transaction_rows=transaction_rows)
    with write_turn(session) as turn, transaction(session):
        turn.take()  # before reading what exists, so that no other import slips in between
        new = plan(session, project, articles, mentions, summary)
        summary.document_ids = write_documents(session, project, new, user)
    return summary


# What find_mentions gives per mention, in this order: the paragraph's index stands for its id,
# not known yet; the public id is handed out when the row is written.
FOUND_FIELDS = ("paragraph_index", "actor_id", "alias_id", "start", "end", "text", "uncertain")


def find_mentions(session: Session, project: Project, articles: list[ParsedArticle]) -> list[list[tuple]]:
    """Per article, its alias mentions as FOUND_FIELDS tuples (tuples, not dicts: an import of
    1,000 articles finds 20,000 of them)."""
    matcher, alias_ids, actor_ids = project_matcher(session, project)
    if matcher is None:
        return [[] for _ in articles]
    find = matcher.find
    return [[(index, actor_ids[actor], alias_ids[alias], start, end, text, uncertain)
             for index, paragraph in enumerate(article.paragraphs)
             for actor, alias, start, end, text, uncertain in find(paragraph.text)]
            for article in articles]


def quick_public_id() -> str:
    """A random (version 4) UUID string, as str(uuid.uuid4()) writes it, in a tenth of the time: an
    import of 1,000 articles may find 20,000 mentions (models.new_public_id's are time-ordered). The version and variant digits are
    written over random ones, as uuid4 sets those bits."""
    return _uuid4_text(os.urandom(16).hex(), 0)


def _uuid4_text(h: str, k: int) -> str:
    """The UUID written with the 32 random hex digits of ``h`` from ``k``."""
    return (f"{h[k:k + 8]}-{h[k + 8:k + 12]}-4{h[k + 13:k + 16]}-"
            f"{UUID_VARIANT_DIGIT[h[k + 16]]}{h[k + 17:k + 20]}-{h[k + 20:k + 32]}")


def quick_public_ids(count: int) -> list[str]:
    """``count`` of quick_public_id's UUIDs, sorted: SQLite then inserts them into the mentions'
    unique index in its order, page after page, rather than at random places all over it, which
    halved the time of the mentions' INSERT. As random as before, only handed out in order."""
    h = os.urandom(16 * count).hex()
    return sorted([_uuid4_text(h, k) for k in range(0, 32 * count, 32)])


def plan(session: Session, project: Project, articles: list[ParsedArticle], mentions: list[list[tuple]],
         summary: ImportSummary) -> list[NewDocument]:
    """The documents to add, in order; duplicates of what exists are noted as skipped; a reused
    external id with other content raises Conflict."""
    existing_by_id, existing_by_hash = existing_documents(session, project, articles)
    seen_hashes: dict[str, str] = {}
    seen_ids: dict[str, str] = {}
    new: list[NewDocument] = []
    for article, found in zip(articles, mentions):
        external_id = article.external_id or stable_external_id(article.content_hash)
        known = existing_by_id.get(external_id)
        if known is not None and known != article.content_hash:
            raise Conflict(Phrase("{file}: external id '{external_id}' already names a document with different "
                                  "content in this project (replacing documents is not supported)",
                                  file=article.source_name, external_id=external_id), "external_id")
        if seen_ids.get(external_id, article.content_hash) != article.content_hash:
            raise Conflict(Phrase("{file}: external id '{external_id}' is used twice in this import for different "
                                  "content", file=article.source_name, external_id=external_id), "external_id")
        duplicate_of = existing_by_hash.get(article.content_hash) or seen_hashes.get(article.content_hash)
        if duplicate_of is not None:
            summary.skipped.append({"file": article.source_name, "title": article.title,
                                    "reason": Phrase("same content as document '{document}'", document=duplicate_of)})
            continue
        seen_hashes[article.content_hash] = external_id
        seen_ids[external_id] = article.content_hash
        new.append(NewDocument(document_row(project, article, external_id), article, found))
    summary.documents = len(new)
    summary.paragraphs = sum(len(d.article.paragraphs) for d in new)
    summary.new_documents = [(d.row["public_id"], d.row["title"] or d.row["external_id"]) for d in new]
    return new


def existing_documents(session: Session, project: Project,
                       articles: list[ParsedArticle]) -> tuple[dict[str, str], dict[str, str]]:
    """(external id -> content hash, content hash -> external id) of the project's documents
    that share an id or a hash with ``articles``."""
    by_id, by_hash = {}, {}
    wanted = [(Document.external_id, sorted({a.external_id or stable_external_id(a.content_hash) for a in articles})),
              (Document.content_hash, sorted({a.content_hash for a in articles}))]
    for column, values in wanted:
        for i in range(0, len(values), IN_CHUNK):
            rows = session.execute(select(Document.external_id, Document.content_hash).where(
                Document.project_id == project.id, column.in_(values[i:i + IN_CHUNK])))
            for external_id, content_hash in rows:
                by_id[external_id] = content_hash
                by_hash[content_hash] = external_id
    return by_id, by_hash


def document_row(project: Project, article: ParsedArticle, external_id: str) -> dict:
    return {
        "public_id": new_public_id(), "project_id": project.id, "external_id": external_id,
        "title": article.title, "author": article.author, "source_url": article.source_url,
        "published_date": article.published, "language": article.language, "direction": article.direction,
        "content_hash": article.content_hash, "metadata": {**article.metadata, "source_file": article.source_name},
    }


def paragraph_rows(article: ParsedArticle) -> list[dict]:
    return [{"index": i, "kind": p.kind, "text": p.text, "language": p.language, "direction": p.direction}
            for i, p in enumerate(article.paragraphs)]


def import_event_after(document: NewDocument) -> dict:
    return {"external_id": document.row["external_id"], "title": document.row["title"],
            "file": document.article.source_name, "paragraphs": len(document.article.paragraphs)}


DOCUMENT_COLUMNS = ("public_id", "project_id", "external_id", "title", "author", "source_url", "published_date",
                    "language", "direction", "content_hash", "metadata")
PARAGRAPH_COLUMNS = ("document_id", "index", "kind", "text", "language", "direction")
MENTION_COLUMNS = ("public_id", "document_id", "paragraph_id", "actor_id", "alias_id", "set_id", "start", "end",
                   "text", "source", "uncertain", "created_at")
EVENT_COLUMNS = ("at", "user_id", "project_id", "set_id", "action", "entity", "entity_id", "before", "after")


def write_documents(session: Session, project: Project, new: list[NewDocument], user: User | None) -> list[int]:
    """Bulk inserts (one statement per table, not an ORM flush per row), inside the caller's
    transaction, with every id reserved beforehand: the mentions know their paragraphs' ids
    without reading them back. Returns the new documents' ids, in order."""
    if not new:
        return []
    now = utcnow()
    ids = reserve_ids(session, Document.__table__, len(new))
    bulk_insert(session, Document.__table__, ("id", *DOCUMENT_COLUMNS, "revision", "imported_at"),
                [(i, *(d.row[name] for name in DOCUMENT_COLUMNS), 0, now) for i, d in zip(ids, new)])
    paragraph_ids = iter(reserve_ids(session, Paragraph.__table__, sum(len(d.article.paragraphs) for d in new)))
    public_ids = iter(quick_public_ids(sum(len(d.mentions) for d in new)))  # sorted: in the rows' order
    paragraphs, mentions = [], []
    for i, d in zip(ids, new):
        first = len(paragraphs)
        paragraphs += [(next(paragraph_ids), i, n, p.kind, p.text, p.language, p.direction)
                       for n, p in enumerate(d.article.paragraphs)]
        mentions += [(next(public_ids), i, paragraphs[first + index][0], actor, alias, None, start, end, text,
                      "alias", uncertain, now) for index, actor, alias, start, end, text, uncertain in d.mentions]
    bulk_insert(session, Paragraph.__table__, ("id", *PARAGRAPH_COLUMNS), paragraphs)
    bulk_insert(session, Mention.__table__, MENTION_COLUMNS, mentions)
    user_id = user.id if user else None
    bulk_insert(session, Event.__table__, EVENT_COLUMNS, [
        (now, user_id, project.id, None, "document.import", "document", d.row["public_id"], None,
         import_event_after(d)) for d in new])
    return ids
