"""An annotator's note on one of their own spans or stances, written from the annotation page: saved,
replaced, cleared, refused when too long or without CSRF, shown on the page afterwards (escaped) and
to the adjudicator (and side by side to the lead), never to another annotator, and refused on someone else's set (404)."""
from __future__ import annotations

import html
import json
import re

import pytest
from sqlalchemy import func, select

from annotator.models import AdjudicatorNote, Stance
from annotator.schemas.interchange import NOTE_MAX
from tests.gold_factories import gold_scenario


@pytest.fixture
def scenario(session, seeded):
    return gold_scenario(session, seeded)


def _note(client, auth, aset, csrf: bool = True, **form):
    headers = {"HX-Request": "true"}
    if csrf:
        headers["X-CSRFToken"] = auth.csrf_token()
    return client.post(f"/annotate/{aset.public_id}/notes", data=form, headers=headers)


def _target(session, scenario, kind: str, owner: str = "ann1") -> str:
    if kind == "span":
        return scenario.spans[(owner, "evidence")].public_id
    return session.scalar(select(Stance.public_id).where(Stance.set_id == scenario.sets[owner].id))


def _notes_on_page(body: str) -> dict[str, str]:
    """The notes the page hands to annotate_notes.js (data-notes on the notes panel)."""
    found = re.search(r"data-notes='([^']*)'", body)
    assert found, "the notes panel carries no data-notes"
    return json.loads(html.unescape(found.group(1)))


def _texts(session, aset) -> list[str]:
    return list(session.scalars(select(AdjudicatorNote.text).where(AdjudicatorNote.set_id == aset.id)))


@pytest.mark.parametrize("kind", ["span", "stance"])
def test_save_replace_refuse_and_clear_a_note(client, auth, session, scenario, kind):
    mine = scenario.sets["ann1"]
    target = _target(session, scenario, kind)
    auth.login("ann1")
    page = client.get(f"/annotate/{mine.public_id}").get_data(as_text=True)
    assert 'data-action="note"' in page and 'id="note-editor"' in page and f'maxlength="{NOTE_MAX}"' in page
    assert "annotate_notes.js" in page and _notes_on_page(page) == {}

    written = '<script>alert("x")</script> هل هذا تهكم؟'
    saved = _note(client, auth, mine, target=kind, target_id=target, text=f"  {written}\n")
    assert saved.status_code == 200
    assert "<script>alert" not in saved.get_data(as_text=True)  # escaped, in the list and in data-notes
    assert _notes_on_page(saved.get_data(as_text=True)) == {f"{kind}:{target}": written}
    assert _texts(session, mine) == [written]

    # Shown on the page afterwards, escaped.
    page = client.get(f"/annotate/{mine.public_id}").get_data(as_text=True)
    assert _notes_on_page(page) == {f"{kind}:{target}": written} and "<script>alert" not in page

    # Saving again replaces; exactly the limit is taken, one more is refused naming the field.
    assert _note(client, auth, mine, target=kind, target_id=target, text="x" * NOTE_MAX).status_code == 200
    too_long = _note(client, auth, mine, target=kind, target_id=target, text="y" * (NOTE_MAX + 1))
    assert too_long.status_code == 422 and 'data-field="text"' in too_long.get_data(as_text=True)
    assert _texts(session, mine) == ["x" * NOTE_MAX]
    without_csrf = _note(client, auth, mine, csrf=False, target=kind, target_id=target, text="no token")
    assert without_csrf.status_code == 400 and 'data-field="csrf_token"' in without_csrf.get_data(as_text=True)
    assert _texts(session, mine) == ["x" * NOTE_MAX]

    # An empty note removes it.
    cleared = _note(client, auth, mine, target=kind, target_id=target, text="   ")
    assert cleared.status_code == 200 and _notes_on_page(cleared.get_data(as_text=True)) == {}
    assert session.scalar(select(func.count(AdjudicatorNote.id))) == 0


@pytest.mark.parametrize("kind", ["span", "stance"])
def test_another_annotator_gets_404_and_never_sees_the_note(client, auth, session, seeded, scenario, kind):
    mine, theirs = scenario.sets["ann1"], scenario.sets["ann2"]
    target = _target(session, scenario, kind)
    auth.login("ann1")
    assert _note(client, auth, mine, target=kind, target_id=target, text="doubt: sarcasm or not").status_code == 200

    auth.login("ann2")
    # On ann1's set: 404, whatever the form says; on their own set naming ann1's span or stance: 404 too.
    assert _note(client, auth, mine, target=kind, target_id=target, text="mine now").status_code == 404
    assert _note(client, auth, mine, target=kind, target_id=target, text="z" * (NOTE_MAX + 1)).status_code == 404
    refused = _note(client, auth, theirs, target=kind, target_id=target, text="mine now")
    assert refused.status_code == 404 and 'data-field="target_id"' in refused.get_data(as_text=True)
    assert client.get(f"/annotate/{mine.public_id}").status_code == 404
    page = client.get(f"/annotate/{theirs.public_id}").get_data(as_text=True)
    assert "doubt: sarcasm or not" not in page and _notes_on_page(page) == {}
    assert _texts(session, mine) == ["doubt: sarcasm or not"] and _texts(session, theirs) == []

    # The adjudicator sees it beside the unit, with who wrote it.
    auth.login("judge")
    body = client.get(f"/adjudicate/{scenario.document.public_id}").get_data(as_text=True)
    assert "ann1: doubt: sarcasm or not" in body

    # The lead sees it side by side, in ann1's column, with what it is on.
    auth.login("lead")
    side = client.get(f"/projects/{seeded.project.public_id}/agreement/documents/"
                      f"{scenario.document.public_id}").get_data(as_text=True)
    notes_row = side[side.index("Notes for the adjudicator"):]
    on = "On a span</span> <bdi>evidence «" if kind == "span" else "On a stance</span> <bdi>Mali</bdi>"
    assert on in notes_row and '<q dir="auto">doubt: sarcasm or not</q>' in notes_row
