"""The import service on a real database: all-or-nothing, duplicates, external ids, events."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from annotator.errors import Conflict, Invalid
from annotator.models import Document, Event, Paragraph
from annotator.services.interchange.importing import import_files

FIXTURES = Path(__file__).resolve().parents[1] / "importing" / "fixtures"


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def _file(name: str) -> tuple[str, bytes]:
    return name, (FIXTURES / name).read_bytes()


def test_import_stores_documents_paragraphs_and_events(session, seeded):
    summary = import_files(session, seeded.project, [_file("arabic_blog.html"), _file("articles.jsonl")])
    assert summary.documents >= 2 and not summary.skipped
    docs = session.scalars(select(Document).order_by(Document.id)).all()
    assert len(docs) == summary.documents
    blog = docs[0]
    assert blog.direction == "rtl" and blog.language == "ar"
    paragraphs = session.scalars(select(Paragraph).where(Paragraph.document_id == blog.id)
                                 .order_by(Paragraph.index)).all()
    assert paragraphs[0].kind == "title" and paragraphs[0].text == blog.title
    assert _count(session, Paragraph) == summary.paragraphs
    actions = session.scalars(select(Event.action)).all()
    assert actions.count("document.import") == summary.documents


def test_same_content_twice_is_reported_and_skipped(session, seeded):
    import_files(session, seeded.project, [_file("arabic_opinion.txt")])
    summary = import_files(session, seeded.project, [_file("arabic_opinion.txt")])
    assert summary.documents == 0
    assert len(summary.skipped) == 1 and "same content" in summary.skipped[0]["reason"]
    assert _count(session, Document) == 1


def test_generated_external_id_is_stable(session, seeded):
    import_files(session, seeded.project, [_file("arabic_opinion.txt")])
    first = session.scalar(select(Document.external_id))
    assert first.startswith("doc-")


def test_same_external_id_with_other_content_is_refused_and_nothing_saved(session, seeded):
    import_files(session, seeded.project, [("a.jsonl", b'{"id": "x1", "text": "First article text."}\n')])
    before = (_count(session, Document), _count(session, Paragraph), _count(session, Event))
    with pytest.raises(Conflict) as caught:
        import_files(session, seeded.project, [
            ("ok.txt", "Another fine article.\n\nWith a body.".encode()),
            ("b.jsonl", b'{"id": "x1", "text": "Different text under the same id."}\n')])
    assert "x1" in caught.value.message and caught.value.field == "external_id"
    assert (_count(session, Document), _count(session, Paragraph), _count(session, Event)) == before


@pytest.mark.parametrize("name, data, reason", [
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
    ("empty.txt", b"   \n\n", "empty"),
    ("bad.txt", "مرحبا".encode("cp1256"), "UTF-8"),
    ("report.pdf", b"%PDF-1.4", "unknown format"),
])
def test_a_bad_file_aborts_the_whole_run(session, seeded, name, data, reason):
    with pytest.raises(Invalid) as caught:
        import_files(session, seeded.project, [_file("arabic_opinion.txt"), (name, data)])
    assert name in caught.value.message and reason.lower() in caught.value.message.lower()
    assert _count(session, Document) == 0 and _count(session, Paragraph) == 0


def test_over_the_size_limit_is_refused(session, seeded):
    with pytest.raises(Invalid) as caught:
        import_files(session, seeded.project, [_file("arabic_opinion.txt")], max_bytes=10)
    assert "too large" in caught.value.message
    assert _count(session, Document) == 0


def test_cp1256_with_the_encoding_given(session, seeded):
    text = "السياسة الخارجية\n\nقالت الحكومة إن المفاوضات مستمرة."
    summary = import_files(session, seeded.project, [("win.txt", text.encode("cp1256"))], encoding="cp1256")
    assert summary.documents == 1
    assert session.scalar(select(Document.title)) == "السياسة الخارجية"


def test_unknown_encoding_names_the_option(session, seeded):
    with pytest.raises(Invalid) as caught:
        import_files(session, seeded.project, [("a.txt", b"hello world.")], encoding="no-such-codec")
    assert caught.value.field in ("encoding", "file")


def test_an_author_longer_than_the_column_in_page_metadata_is_shortened_and_kept_whole(session, seeded):
    # Issue 19: on PostgreSQL a 301-character author was a 500. A page's metadata is not the
    # user's typing, so the import goes on: the column gets 300 characters, the metadata all of it.
    from annotator.models import Document

    long_author = "كاتب " * 120
    page = (f'<html><head><meta name="author" content="{long_author.strip()}"><title>عنوان المقال</title></head>'
            '<body><article><h1>عنوان المقال</h1><p>' + "هذه فقرة من المقال تتحدث عن السياسة الخارجية. " * 8
            + '</p><p>' + "وهذه فقرة ثانية عن الساحل والعلاقات بين الدول. " * 8 + '</p></article></body></html>')
    summary = import_files(session, seeded.project, [("long-author.html", page.encode("utf-8"))])
    assert summary.documents == 1
    document = session.get(Document, summary.document_ids[0])
    assert len(document.author) == 300 and document.author.endswith("…")
    assert document.meta["author_full"] == long_author.strip()
