"""Big imports: staged in short transactions on SQLite (saves go in between), swapped in all at
once; and more articles than PostgreSQL's 65,535 parameters allow in one IN list."""
from __future__ import annotations

import json
import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from annotator.errors import Conflict
from annotator.models import (Document, Event, ImportRun, Mention, Paragraph, StagedDocument, StagedMention,
                              StagedParagraph, utcnow)
from annotator.schemas.actors import ActorSpec, AliasSpec
from annotator.services.actors.registry import create_actor
from annotator.services.annotation.spans import create_span
from annotator.services.interchange.importing import import_files
from tests.factories import assign, make_document

STAGING = (ImportRun, StagedDocument, StagedParagraph, StagedMention)
ARABIC = "قالَ الكاتبُ إن سياسة المغرب الخارجية تتجه نحو إفريقيا، وإن الجزائر تراقب ذلك بقلق 🙂"


def _jsonl(count: int, paragraphs: int = 3, prefix: str = "a") -> tuple[str, bytes]:
    lines = [json.dumps({"id": f"{prefix}-{i}", "title": f"مقال {i}", "language": "ar",
                         "text": "\n\n".join(f"{ARABIC} ({i}.{p})" for p in range(paragraphs))}, ensure_ascii=False)
             for i in range(count)]
    return f"{prefix}.jsonl", ("\n".join(lines) + "\n").encode()


def _count(session, model, **where) -> int:
    query = select(func.count()).select_from(model)
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    return session.scalar(query)


def _stored(session, project) -> list[tuple]:
    """Everything an import wrote for the project, without ids and times."""
    session.expire_all()
    documents = session.execute(select(Document.external_id, Document.title, Document.content_hash,
                                       Document.language, Document.meta).where(Document.project_id == project.id)
                                .order_by(Document.id)).all()
    paragraphs = session.execute(select(Document.external_id, Paragraph.index, Paragraph.kind, Paragraph.text,
                                        Paragraph.language, Paragraph.direction)
                                 .join(Document, Document.id == Paragraph.document_id)
                                 .where(Document.project_id == project.id).order_by(Paragraph.id)).all()
    mentions = session.execute(select(Document.external_id, Paragraph.index, Mention.start, Mention.end, Mention.text,
                                      Mention.uncertain, Mention.source, Mention.set_id)
                               .join(Paragraph, Paragraph.id == Mention.paragraph_id)
                               .join(Document, Document.id == Mention.document_id)
                               .where(Document.project_id == project.id)
                               .order_by(Document.external_id, Paragraph.index, Mention.start)).all()
    events = session.execute(select(Event.entity_id, Event.after, Event.user_id).where(
        Event.project_id == project.id, Event.action == "document.import").order_by(Event.id)).all()
    titles = {d.external_id: d.title for d in documents}
    return [documents, paragraphs, mentions, [(titles[after["external_id"]] == after["title"], after["paragraphs"],
                                               user) for _, after, user in events]]


def test_a_staged_import_stores_exactly_what_a_direct_one_does(session, seeded):
    if session.get_bind().url.get_backend_name() != "sqlite":
        pytest.skip("PostgreSQL writes every import in one transaction: nobody waits for it there")
    create_actor(session, seeded.project, ActorSpec("Morocco", "state", (AliasSpec("المغرب"),)))
    file = _jsonl(40)
    direct = import_files(session, seeded.project, [file], user=seeded.lead)
    expected = _stored(session, seeded.project)
    session.execute(Document.__table__.delete())  # the same import again, into an empty project
    session.execute(Event.__table__.delete().where(Event.action == "document.import"))
    session.commit()
    staged = import_files(session, seeded.project, [file], user=seeded.lead, transaction_rows=30)
    assert _stored(session, seeded.project) == expected
    assert len(expected[2]) == 40 * 3  # a mention per body paragraph, none lost in the copy
    assert (staged.documents, staged.paragraphs, staged.skipped) == (direct.documents, direct.paragraphs, [])
    ids = session.scalars(select(Document.id).where(Document.project_id == seeded.project.id)
                          .order_by(Document.id)).all()
    assert staged.document_ids == ids
    assert [_count(session, model) for model in STAGING] == [0, 0, 0, 0]


def test_a_staged_import_is_still_all_or_nothing(session, seeded):
    if session.get_bind().url.get_backend_name() != "sqlite":
        pytest.skip("staging is for SQLite")
    import_files(session, seeded.project, [("x.jsonl", b'{"id": "a-7", "text": "Other text under this id."}\n')])
    before = (_count(session, Document), _count(session, Paragraph), _count(session, Event))
    with pytest.raises(Conflict) as refused:
        import_files(session, seeded.project, [_jsonl(40)], transaction_rows=30)
    assert "a-7" in refused.value.message and refused.value.field == "external_id"
    assert (_count(session, Document), _count(session, Paragraph), _count(session, Event)) == before
    assert [_count(session, model) for model in STAGING] == [0, 0, 0, 0]
    # Duplicates of what is there are skipped, as in a direct import.
    first = import_files(session, seeded.project, [_jsonl(10, prefix="b")], transaction_rows=30)
    again = import_files(session, seeded.project, [_jsonl(12, prefix="b")], transaction_rows=30)
    assert (first.documents, again.documents, len(again.skipped)) == (10, 2, 10)


def test_a_run_left_behind_by_a_killed_import_is_cleared_by_a_later_one(session, seeded):
    if session.get_bind().url.get_backend_name() != "sqlite":
        pytest.skip("staging is for SQLite")
    with session.begin():
        old = ImportRun(project_id=seeded.project.id, started_at=utcnow() - timedelta(days=2))
        recent = ImportRun(project_id=seeded.project.id)  # may be an import still running: kept
        session.add_all([old, recent])
        session.flush()
        for run in (old, recent):
            session.add(StagedParagraph(run_id=run.id, doc_seq=0, index=0, kind="body", text="x"))
    import_files(session, seeded.project, [_jsonl(20)], transaction_rows=30)
    assert session.scalars(select(ImportRun.id)).all() == [recent.id]
    assert _count(session, StagedParagraph) == 1


def test_saves_go_on_while_a_big_import_is_written(app, session, seeded):
    """Four annotators save spans in a loop while 1,500 articles are imported: no save fails, and
    saves commit while the import is being written (between its first staged rows and the swap)."""
    if session.get_bind().url.get_backend_name() != "sqlite":
        pytest.skip("on PostgreSQL an import never held other writers")
    words = [f"كلمة{i}" for i in range(400)]
    document = make_document(session, seeded.project, [("body", " ".join(words))], "ar")
    aset = assign(session, document, seeded.ann1)
    maker = app.extensions["annotator.sessionmaker"]
    importing = threading.Event()
    failures: list[str] = []
    saved: list[float] = []
    seen = {"staged": None, "swapped": None, "partial": False}

    def save(worker: int) -> None:
        own = maker()
        text = " ".join(words)
        k = worker
        while importing.is_set() and k < len(words):
            start = text.index(words[k] + " ") if k < len(words) - 1 else text.rindex(words[k])
            try:
                create_span(own, seeded.ann1, aset.public_id, paragraph_index=0, utf16_start=start,
                            utf16_end=start + len(words[k]), quoted_text=words[k], label="claim")
                saved.append(time.monotonic())
            except Exception as exc:  # noqa: BLE001 - the test counts what went wrong
                failures.append(f"{type(exc).__name__}: {exc}")
            k += 4
        own.close()

    def watch() -> None:
        own = maker()
        while importing.is_set():
            staged = own.scalar(select(func.count()).select_from(StagedDocument))
            documents = own.scalar(select(func.count()).select_from(Document)) - 1
            own.rollback()
            now = time.monotonic()
            if staged and seen["staged"] is None:
                seen["staged"] = now
            if documents and seen["swapped"] is None:
                seen["swapped"] = now
            seen["partial"] |= documents not in (0, 1500)
            time.sleep(0.005)
        own.close()

    file = _jsonl(1500, paragraphs=6)
    importing.set()
    threads = [threading.Thread(target=save, args=(w,)) for w in range(4)] + [threading.Thread(target=watch)]
    for thread in threads:
        thread.start()
    try:
        summary = import_files(session, seeded.project, [file], transaction_rows=2_000)
    finally:
        time.sleep(0.2)
        importing.clear()
        for thread in threads:
            thread.join()
    assert summary.documents == 1500 and failures == []
    assert seen["staged"] is not None and seen["swapped"] is not None and not seen["partial"]
    during = [t for t in saved if seen["staged"] < t < seen["swapped"]]
    assert len(during) >= 3, (len(saved), seen)


def test_more_articles_than_one_statement_takes_parameters_for(session, seeded):
    """100,000 small articles: over PostgreSQL's 65,535 parameters, so every IN list is chunked."""
    if session.get_bind().url.get_backend_name() != "postgresql":
        pytest.skip("the parameter limit is PostgreSQL's (SQLite runs the staged tests above)")
    lines = "".join(f'{{"id": "n{i}", "title": "Note {i}", "text": "Short note number {i}."}}\n'
                    for i in range(100_000))
    files = [("notes.jsonl", lines.encode())]
    summary = import_files(session, seeded.project, files, max_bytes=50_000_000)
    assert summary.documents == 100_000 and len(summary.document_ids) == 100_000
    assert _count(session, Document, project_id=seeded.project.id) == 100_000
    assert _count(session, Paragraph) == 200_000
    assert _count(session, Event, action="document.import") == 100_000


def test_quick_public_ids_are_random_version_4_uuids():
    import uuid

    from annotator.services.interchange.importing import quick_public_id

    ids = [quick_public_id() for _ in range(2000)]
    assert len(set(ids)) == 2000
    for value in ids:
        parsed = uuid.UUID(value)
        assert str(parsed) == value and parsed.version == 4 and parsed.variant == uuid.RFC_4122
