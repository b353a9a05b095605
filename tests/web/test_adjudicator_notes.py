"""Annotators' notes for the adjudicator: written from the annotation page (the document's) or on
one of their own spans or stances, shown beside the unit on the adjudication page, carried by the
interchange file; never on someone else's set."""
from __future__ import annotations

import io
import json
from datetime import datetime

import pytest
from sqlalchemy import func, select

from annotator.models import AdjudicatorNote, Stance
from annotator.services.interchange.annotations_import import import_interchange
from annotator.services.interchange.export import export_project
from annotator.services.team import projects
from tests.conftest import DEFAULT_SCHEME
from tests.export.helpers import rows_as_dicts, workbook
from tests.gold_factories import gold_scenario


@pytest.fixture
def scenario(session, seeded):
    return gold_scenario(session, seeded)


def _note(client, auth, aset, **form):
    return client.post(f"/annotate/{aset.public_id}/notes", data=form,
                       headers={"X-CSRFToken": auth.csrf_token(), "HX-Request": "true"})


def test_notes_reach_the_adjudication_page_and_the_export(client, auth, session, seeded, scenario):
    auth.login("ann2")
    theirs = scenario.sets["ann2"]
    page = client.get(f"/annotate/{theirs.public_id}").get_data(as_text=True)
    assert 'id="notes"' in page and "Notes for the adjudicator" in page
    answer = _note(client, auth, theirs, text="  هل هذا تهكم؟  ")
    assert answer.status_code == 200 and "هل هذا تهكم؟</textarea>" in answer.get_data(as_text=True)
    evidence = scenario.spans[("ann2", "evidence")]
    assert _note(client, auth, theirs, target="span", target_id=evidence.public_id,
                 text="unsure: is this sarcasm?").status_code == 200
    stance = session.scalar(select(Stance).where(Stance.set_id == theirs.id))
    assert _note(client, auth, theirs, target="stance", target_id=stance.public_id, text="weak").status_code == 200
    # Saving again replaces, an empty text removes.
    assert _note(client, auth, theirs, target="stance", target_id=stance.public_id, text="very weak").status_code == 200
    assert session.scalar(select(func.count(AdjudicatorNote.id))) == 3

    auth.login("judge")
    body = client.get(f"/adjudicate/{scenario.document.public_id}").get_data(as_text=True)
    assert "ann2: unsure: is this sarcasm?" in body and "ann2: very weak" in body
    assert "<bdi>ann2</bdi>: <q dir=\"auto\">هل هذا تهكم؟</q>" in body
    blind = client.get(f"/adjudicate/{scenario.document.public_id}?blind=1").get_data(as_text=True)
    assert "B: unsure: is this sarcasm?" in blind and "ann2" not in blind

    out = io.BytesIO()
    export_project(session, seeded.project, "jsonl", out, exported_at=datetime(2026, 12, 1), with_agreement=False)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    notes = [r for r in records if r["type"] == "note"]
    by_id = {r["id"]: r for r in records if "id" in r}
    assert sorted((n["target"], n["text"]) for n in notes) == [
        ("document", "هل هذا تهكم؟"), ("span", "unsure: is this sarcasm?"), ("stance", "very weak")]
    span_note = next(n for n in notes if n["target"] == "span")
    assert by_id[span_note["item"]]["type"] == "span" and by_id[span_note["item"]]["label"] == "evidence"
    copy = projects.create_project(session, "Copy", DEFAULT_SCHEME, time_zone="Africa/Casablanca")
    summary = import_interchange(session, copy, out.getvalue().splitlines(), user=seeded.lead)
    assert summary.created["notes"] == 3
    again = io.BytesIO()
    export_project(session, copy, "jsonl", again, exported_at=datetime(2026, 12, 1), with_agreement=False)
    assert again.getvalue() == out.getvalue()

    book = io.BytesIO()
    export_project(session, seeded.project, "xlsx", book, exported_at=datetime(2026, 12, 1), with_agreement=False)
    sheet = rows_as_dicts(workbook(book.getvalue())["Notes"])
    assert [(r["Annotator"], r["On"], r["Span text"], r["Note"]) for r in sheet] == [
        ("ann2", "document", None, "هل هذا تهكم؟"), ("ann2", "span", evidence.text, "unsure: is this sarcasm?"),
        ("ann2", "stance", None, "very weak")]

    auth.login("ann2")
    assert _note(client, auth, theirs, text="").status_code == 200
    assert session.scalar(select(func.count(AdjudicatorNote.id)).where(AdjudicatorNote.set_id == theirs.id)) == 2


def test_a_note_on_someone_elses_set_or_span_is_refused(client, auth, session, scenario):
    auth.login("ann1")
    assert _note(client, auth, scenario.sets["ann2"], text="hello").status_code == 404
    others = scenario.spans[("ann2", "claim")]
    refused = _note(client, auth, scenario.sets["ann1"], target="span", target_id=others.public_id, text="x")
    assert refused.status_code == 404 and "target_id" in refused.get_data(as_text=True)
    missing = _note(client, auth, scenario.sets["ann1"], target="span", text="x")
    assert missing.status_code == 422 and "target_id" in missing.get_data(as_text=True)
    assert session.scalar(select(func.count(AdjudicatorNote.id))) == 0
