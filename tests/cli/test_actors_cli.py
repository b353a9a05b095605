"""`annotator actors import` through the CLI runner."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from annotator.models import Actor, ActorAlias, Mention
from tests.factories import make_document

DEMO = Path(__file__).resolve().parents[2] / "annotator" / "demo" / "actors.csv"


def test_the_demo_registry_imports(runner, session, seeded):
    make_document(session, seeded.project, (("body", "قالت موسكو إن الكرملين لن يتراجع في مالي."),), language="ar")
    result = runner.invoke(args=["actors", "import", "--project", "Demo", str(DEMO)])
    assert result.exit_code == 0, result.output
    assert "imported 24 new actors" in result.output and "3 found" in result.output
    assert session.scalar(select(func.count()).select_from(Actor)) == 24
    again = runner.invoke(args=["actors", "import", "--project", "Demo", str(DEMO)])
    assert again.exit_code == 0 and "updated 24" in again.output and "0 found, 0 gone, 3 kept" in again.output
    assert session.scalar(select(func.count()).select_from(Mention)) == 3


def test_a_bad_row_names_row_and_field_and_saves_nothing(runner, session, seeded, tmp_path):
    bad = tmp_path / "actors.csv"
    bad.write_text("canonical_name,kind,aliases,ambiguous_aliases,adjective_aliases\n"
                   "France,state,فرنسا|باريس,,\nMali,state,مالي,مالى,\n", encoding="utf-8")
    result = runner.invoke(args=["actors", "import", "--project", "Demo", str(bad)])
    assert result.exit_code == 2
    assert "row 3" in result.output and "ambiguous_aliases" in result.output
    assert session.scalar(select(func.count()).select_from(ActorAlias)) == 0


def test_unknown_project_and_bad_encoding(runner, seeded, tmp_path):
    assert runner.invoke(args=["actors", "import", "--project", "Nope", str(DEMO)]).exit_code == 3
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("canonical_name,kind,aliases\nCôte d'Ivoire,state,Côte d'Ivoire\n".encode("latin-1"))
    result = runner.invoke(args=["actors", "import", "--project", "Demo", str(latin1)])
    assert result.exit_code == 2 and "UTF-8" in result.output
