"""`annotator import` through the CLI runner."""
from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select

from annotator.models import Document

FIXTURES = Path(__file__).resolve().parents[1] / "importing" / "fixtures"


def test_import_prints_a_json_summary(runner, session, seeded):
    result = runner.invoke(args=["import", "--project", "Demo", "--json",
                                 str(FIXTURES / "arabic_blog.html"), str(FIXTURES / "english_blog.html")])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["documents"] == 2 and summary["skipped"] == []
    assert session.scalar(select(func.count()).select_from(Document)) == 2


def test_import_twice_reports_the_skip_in_words(runner, seeded):
    args = ["import", "--project", "Demo", str(FIXTURES / "arabic_opinion.txt")]
    assert runner.invoke(args=args).exit_code == 0
    result = runner.invoke(args=args)
    assert result.exit_code == 0
    assert "skipped 1" in result.output and "same content" in result.output


def test_a_bad_file_exits_non_zero_naming_it_and_saves_nothing(runner, session, seeded, tmp_path):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\xff\xfe\xfa not utf-8 \xc3")
    result = runner.invoke(args=["import", "--project", "Demo", str(FIXTURES / "arabic_opinion.txt"), str(bad)])
    assert result.exit_code == 2
    assert "broken.txt" in result.output
    assert session.scalar(select(func.count()).select_from(Document)) == 0


def test_unknown_project_exits_with_not_found(runner, seeded):
    result = runner.invoke(args=["import", "--project", "Nope", str(FIXTURES / "arabic_opinion.txt")])
    assert result.exit_code == 3 and "Nope" in result.output


def test_cp1256_file_with_encoding_option(runner, session, seeded, tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes("مقال عن المغرب\n\nقال الكاتب إن الحوار ضروري.".encode("cp1256"))
    result = runner.invoke(args=["import", "--project", "Demo", "--encoding", "cp1256", str(path)])
    assert result.exit_code == 0, result.output
    assert session.scalar(select(Document.title)) == "مقال عن المغرب"
