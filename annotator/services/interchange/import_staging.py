"""A big import on SQLite, without holding the database for its whole length.

SQLite lets one transaction write at a time, so a 100 MB import written in one transaction
made every save wait for seconds and fail with "database is locked". Here the rows go into
staging tables (models.imports, invisible to every page and query) in transactions of about
TRANSACTION_ROWS rows, each taking the writers' turn like a save, so saves go in between; then
one transaction checks that nothing clashes now and copies everything in with INSERT ...
SELECT, in C, far faster than the Python that prepared it. All or nothing still: until that
transaction commits, the project has none of it. Staged rows are then deleted in short
transactions too; a run left behind by a killed process is deleted by a later import.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from sqlalchemy import DateTime, Integer, String, delete, insert, literal, null, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ...errors import Conflict, Phrase
from ...importing.model import ParsedArticle
from ...models import (Document, Event, ImportRun, Mention, Paragraph, Project, StagedDocument, StagedMention,
                       StagedParagraph, User, utcnow)
from ..annotation.write_turn import write_turn
from ..tx import transaction
from .importing import (FOUND_FIELDS, ImportSummary, NewDocument, import_event_after, paragraph_rows, plan,
                        quick_public_ids)

ABANDONED_AFTER = timedelta(days=1)
STAGED = (StagedMention.__table__, StagedParagraph.__table__, StagedDocument.__table__)


def import_staged(session: Session, project: Project, articles: list[ParsedArticle], mentions: list[list[tuple]],
                  summary: ImportSummary, *, user: User | None, transaction_rows: int) -> ImportSummary:
    _drop_abandoned_runs(session, transaction_rows)
    with transaction(session):  # reads only: no write lock; the swap checks again
        new = plan(session, project, articles, mentions, summary)
    if not new:
        return summary
    with write_turn(session) as turn, transaction(session):
        turn.take()
        run = ImportRun(project_id=project.id, user_id=user.id if user else None)
        session.add(run)
    try:
        for batch in _batches(new, transaction_rows):
            with write_turn(session) as turn, transaction(session):
                turn.take()
                _stage(session, run.id, batch)
        with write_turn(session) as turn, transaction(session):
            turn.take()
            _refuse_clashes(session, project, run.id)
            try:
                summary.document_ids = _swap(session, project, run.id, user)
            except IntegrityError as exc:  # an actor or alias deleted meanwhile, say
                raise Conflict(Phrase("the project changed during the import ({cause}); import again", cause=str(exc.orig)),
                               "file") from exc
    finally:
        _drop_run(session, run.id, transaction_rows)
    return summary


def _batches(new: list[NewDocument], rows: int) -> Iterator[list[tuple[int, NewDocument]]]:
    batch, size = [], 0
    for seq, document in enumerate(new):
        if batch and size + document.rows > rows:
            yield batch
            batch, size = [], 0
        batch.append((seq, document))
        size += document.rows
    if batch:
        yield batch


def _stage(session: Session, run_id: int, batch: list[tuple[int, NewDocument]]) -> None:
    session.execute(insert(StagedDocument.__table__), [
        {"run_id": run_id, "seq": seq, "event_after": import_event_after(d),
         **{k: v for k, v in d.row.items() if k != "project_id"}} for seq, d in batch])
    session.execute(insert(StagedParagraph.__table__), [
        {"run_id": run_id, "doc_seq": seq, **row} for seq, d in batch for row in paragraph_rows(d.article)])
    public_ids = iter(quick_public_ids(sum(len(d.mentions) for _, d in batch)))
    staged_mentions = [{"run_id": run_id, "doc_seq": seq, "public_id": next(public_ids), **dict(zip(FOUND_FIELDS, m))}
                       for seq, d in batch for m in d.mentions]
    if staged_mentions:
        session.execute(insert(StagedMention.__table__), staged_mentions)


def _refuse_clashes(session: Session, project: Project, run_id: int) -> None:
    """Another import may have added the same external id or content since the plan was made."""
    staged = StagedDocument.__table__
    for column in ("external_id", "content_hash"):
        clash = session.execute(
            select(staged.c.external_id).join(Document.__table__, (Document.project_id == project.id)
                                              & (getattr(Document, column) == staged.c[column]))
            .where(staged.c.run_id == run_id).limit(1)).scalar()
        if clash is not None:
            raise Conflict(Phrase("document '{document}' was added to this project by someone else during this "
                                  "import (same {column}); nothing was imported: import again", document=clash,
                                  column=column.replace("_", " ")), "external_id")


def _swap(session: Session, project: Project, run_id: int, user: User | None) -> list[int]:
    """Copy the run into the real tables; returns the new documents' ids in import order."""
    now = utcnow()
    sd, sp, sm = (t.__table__ for t in (StagedDocument, StagedParagraph, StagedMention))
    d, p = Document.__table__, Paragraph.__table__
    copied = ("public_id", "external_id", "title", "author", "source_url", "published_date", "language",
              "direction", "content_hash", "metadata")
    session.execute(insert(d).from_select(
        [d.c[name] for name in copied] + [d.c.project_id, d.c.revision, d.c.imported_at],
        select(*(sd.c[name] for name in copied), literal(project.id, Integer), literal(0, Integer), literal(now, DateTime))
        .where(sd.c.run_id == run_id).order_by(sd.c.seq)))
    staged_with_id = (select(sd.c.seq, d.c.id.label("document_id")).join(d, d.c.public_id == sd.c.public_id)
                      .where(sd.c.run_id == run_id).subquery())
    session.execute(insert(p).from_select(
        [p.c.document_id, p.c.index, p.c.kind, p.c.text, p.c.language, p.c.direction],
        select(staged_with_id.c.document_id, sp.c.index, sp.c.kind, sp.c.text, sp.c.language, sp.c.direction)
        .join(staged_with_id, staged_with_id.c.seq == sp.c.doc_seq).where(sp.c.run_id == run_id)
        .order_by(sp.c.doc_seq, sp.c.index)))
    m = Mention.__table__
    session.execute(insert(m).from_select(
        [m.c.public_id, m.c.document_id, m.c.paragraph_id, m.c.actor_id, m.c.alias_id, m.c.set_id, m.c.start,
         m.c.end, m.c.text, m.c.source, m.c.uncertain, m.c.created_at],
        select(sm.c.public_id, staged_with_id.c.document_id, p.c.id, sm.c.actor_id, sm.c.alias_id, null(),
               sm.c.start, sm.c.end, sm.c.text, literal("alias", String), sm.c.uncertain, literal(now, DateTime))
        .join(staged_with_id, staged_with_id.c.seq == sm.c.doc_seq)
        .join(p, (p.c.document_id == staged_with_id.c.document_id) & (p.c.index == sm.c.paragraph_index))
        .where(sm.c.run_id == run_id)))
    e = Event.__table__
    session.execute(insert(e).from_select(
        [e.c.at, e.c.user_id, e.c.project_id, e.c.set_id, e.c.action, e.c.entity, e.c.entity_id, e.c.before,
         e.c.after],
        select(literal(now, DateTime), literal(user.id, Integer) if user else null(), literal(project.id, Integer),
               null(), literal("document.import", String), literal("document", String), sd.c.public_id, null(),
               sd.c.event_after)
        .where(sd.c.run_id == run_id).order_by(sd.c.seq)))
    return list(session.scalars(select(staged_with_id.c.document_id).order_by(staged_with_id.c.seq)))


def _drop_run(session: Session, run_id: int, rows: int) -> None:
    """Delete a run's staged rows a bounded number at a time, each batch its own short transaction."""
    session.rollback()  # whatever failed above is over
    for table in STAGED:
        while True:
            with write_turn(session) as turn, transaction(session):
                turn.take()
                batch = select(table.c.id).where(table.c.run_id == run_id).limit(rows).scalar_subquery()
                if session.execute(delete(table).where(table.c.id.in_(batch))).rowcount == 0:
                    break
    with write_turn(session) as turn, transaction(session):
        turn.take()
        session.execute(delete(ImportRun.__table__).where(ImportRun.__table__.c.id == run_id))


def _drop_abandoned_runs(session: Session, rows: int) -> None:
    old = list(session.scalars(select(ImportRun.id).where(ImportRun.started_at < utcnow() - ABANDONED_AFTER)))
    session.commit()
    for run_id in old:
        _drop_run(session, run_id, rows)
