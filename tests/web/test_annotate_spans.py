"""Span create, change and delete through HTTP, as the annotation page sends them."""
from __future__ import annotations

import json
import unicodedata

import pytest
from sqlalchemy import select

from annotator.models import AnnotationSet, Document, Event, Span
from tests.factories import add_frame
from tests.web.annotate_support import ARABIC_ARTICLE, Annotator, arabic_set, counts, utf16


@pytest.fixture
def ann1(client, auth, seeded):
    return Annotator(client, auth, "ann1")


@pytest.fixture
def doc_set(session, seeded):
    return arabic_set(session, seeded)[1]


def only_span(session) -> Span:
    session.rollback()
    session.expire_all()
    (span,) = session.scalars(select(Span)).all()
    return span


def test_a_selection_becomes_a_span_at_exact_code_points(session, ann1, doc_set):
    response = ann1.tag(doc_set, 1, "الرَّئِيسُ")
    assert response.status_code == 201
    span = only_span(session)
    text = ARABIC_ARTICLE[1][1]
    assert (span.start, span.end, span.text, span.label, span.layer) == (
        text.index("الرَّئِيسُ"), text.index("الرَّئِيسُ") + len("الرَّئِيسُ"), "الرَّئِيسُ", "claim", "argument")
    html = response.get_data(as_text=True)
    assert 'id="p-1"' in html and f'data-span-id="{span.public_id}"' in html
    assert f'data-label="claim" data-layer="argument" data-version="1"' in html
    assert ">الرَّئِيسُ</mark>" in html
    assert response.headers["X-Span-Id"] == span.public_id
    event = session.scalar(select(Event).where(Event.action == "span.create"))
    assert event.entity_id == span.public_id and event.after["text"] == "الرَّئِيسُ" and event.before is None
    aset = session.get(AnnotationSet, doc_set.id)
    assert aset.status == "in_progress" and session.get(Document, aset.document_id).revision >= 1


def test_offsets_after_emoji_and_flag_are_converted_from_utf16(session, ann1, doc_set):
    assert ann1.tag(doc_set, 2, "بالمواطنين", "evidence").status_code == 201
    assert ann1.tag(doc_set, 2, "أكثر مما", "claim").status_code == 201
    session.rollback()
    session.expire_all()
    text = ARABIC_ARTICLE[2][1]
    got = {s.text: (s.start, s.end) for s in session.scalars(select(Span))}
    assert got == {"بالمواطنين": (text.index("بالمواطنين"), text.index("بالمواطنين") + 10),
                   "أكثر مما": (text.index("أكثر مما"), text.index("أكثر مما") + 8)}


def test_the_flag_itself_is_one_grapheme(session, ann1, doc_set):
    assert ann1.tag(doc_set, 2, "🇲🇦", "evidence", snap="graphemes").status_code == 201
    assert only_span(session).text == "🇲🇦"


def test_a_partial_word_snaps_to_the_whole_word(session, ann1, doc_set):
    response = ann1.tag(doc_set, 0, "ـــص")  # inside the tatweel-stretched مـــصر
    assert response.status_code == 201, response.get_data(as_text=True)
    assert only_span(session).text == "مـــصر"


def test_mixed_direction_text(session, ann1, doc_set):
    assert ann1.tag(doc_set, 4, "NATO إن 2024").status_code == 201
    assert only_span(session).text == "NATO إن 2024"


def test_json_clients_get_the_paragraph_as_data(client, ann1, doc_set):
    response = ann1.tag(doc_set, 1, "الاتفاق", headers={"HX-Request": "false", "Accept": "application/json"})
    assert response.status_code == 201
    body = response.get_json()
    assert body["span_id"] and body["paragraph"]["index"] == 1 and body["paragraph"]["spans"][0]["label"] == "claim"


def test_overlapping_spans_of_different_labels_are_both_drawn(session, ann1, doc_set):
    assert ann1.tag(doc_set, 1, "الرَّئِيسُ إن الاتفاق", "claim").status_code == 201
    response = ann1.tag(doc_set, 1, "الاتفاق سيصمد", "evidence")
    assert response.status_code == 201
    html = response.get_data(as_text=True)
    assert html.count('data-label="claim"') == 2 and html.count('data-label="evidence"') == 2
    assert 'data-label="evidence" data-track="1" data-layer="argument"' in html


def test_change_the_label_then_an_attribute(session, ann1, doc_set):
    ann1.tag(doc_set, 1, "الاتفاق")
    span = only_span(session)
    response = ann1.change(span.public_id, 1, label="evidence")
    assert response.status_code == 200 and 'data-label="evidence"' in response.get_data(as_text=True)
    response = ann1.change(span.public_id, 2, attribute="evidence_type", value="statistic")
    assert response.status_code == 200
    html = response.get_data(as_text=True)  # the attribute rides on the span's first fragment
    assert """data-version="3" data-attrs='{"evidence_type": "statistic"}' title="Evidence · statistic">""" in html
    span = only_span(session)
    assert (span.label, span.attributes, span.version) == ("evidence", {"evidence_type": "statistic"}, 3)
    events = session.scalars(select(Event).where(Event.action == "span.change").order_by(Event.id)).all()
    assert [e.before["label"] for e in events] == ["claim", "evidence"]
    assert events[-1].after["attributes"] == {"evidence_type": "statistic"}
    # Back to claim: claim has no evidence_type, so the attribute goes (and the event says so).
    assert ann1.change(span.public_id, 3, label="claim").status_code == 200
    assert only_span(session).attributes == {}


def test_delete_a_span(session, ann1, doc_set):
    ann1.tag(doc_set, 1, "الاتفاق")
    span = only_span(session)
    response = ann1.delete(span.public_id, 1)
    assert response.status_code == 200 and "<mark" not in response.get_data(as_text=True)
    session.rollback()
    session.expire_all()
    assert session.scalars(select(Span)).all() == []
    event = session.scalar(select(Event).where(Event.action == "span.delete"))
    assert event.before["text"] == "الاتفاق" and event.after is None


BAD_CREATES = [
    ("offsets out of range", {"end": 9999}, "end"),
    ("end before start", {"start": 10, "end": 4}, None),
    ("quoted text mismatch", {"text": "الرئيس"}, "text"),
    ("unknown label", {"label": "opinion"}, "label"),
    ("a frame is not a span label", {"label": "economic"}, "label"),
    ("start not a number", {"start": "three"}, "start"),
    ("no label", {"label": None}, "label"),
    ("across paragraphs", {"end_paragraph": 2}, "end_paragraph"),
    ("no such paragraph", {"paragraph": 40, "end_paragraph": 40}, "paragraph"),
    ("bad snap mode", {"snap": "sentences"}, "snap"),
]


@pytest.mark.parametrize("case, override, field", BAD_CREATES, ids=[c[0] for c in BAD_CREATES])
def test_bad_input_is_refused_naming_the_problem_and_nothing_is_saved(session, ann1, doc_set, case, override, field):
    before = counts(session)
    response = ann1.tag(doc_set, 1, "الرَّئِيسُ", override=override,
                        headers={"HX-Request": "false", "Accept": "application/json"})
    assert 400 <= response.status_code < 500, case
    body = response.get_json()
    if field:
        assert body["field"] == field, body
    assert body["error"]
    assert counts(session) == before


def test_an_offset_inside_a_character_is_refused(session, ann1, doc_set):
    text = ARABIC_ARTICLE[2][1]
    emoji = utf16(text[:text.index("😀")])
    before = counts(session)
    response = ann1.tag(doc_set, 2, "", snap="graphemes", override={"start": emoji + 1, "end": emoji + 4,
                                                                      "text": "x"},
                        headers={"Accept": "application/json", "HX-Request": "false"})
    assert response.status_code == 422
    assert response.get_json()["field"] == "start" and "UTF-16 halves" in response.get_json()["error"]
    assert counts(session) == before


def test_a_boundary_between_a_letter_and_its_diacritics_never_splits_them(session, ann1, doc_set):
    text = ARABIC_ARTICLE[1][1]
    word = text.index("الرَّئِيسُ")
    assert unicodedata.category(text[cut_after := word + 3])[0] == "M"
    cut = cut_after  # after the ر, before its diacritics: the selection is widened to keep them together
    response = ann1.tag(doc_set, 1, "", snap="graphemes", override={
        "start": cut, "end": word + len("الرَّئِيسُ") - 1, "text": text[cut:word + len("الرَّئِيسُ") - 1]})
    assert response.status_code == 201, response.get_data(as_text=True)
    span = only_span(session)
    assert (span.start, span.end) == (word + 2, word + len("الرَّئِيسُ"))
    assert span.text == text[word + 2:word + len("الرَّئِيسُ")]


def test_the_same_label_twice_over_overlapping_text_is_refused(session, ann1, doc_set):
    assert ann1.tag(doc_set, 1, "الرَّئِيسُ إن").status_code == 201
    before = counts(session)
    again = ann1.tag(doc_set, 1, "الرَّئِيسُ إن")  # a double keypress
    overlapping = ann1.tag(doc_set, 1, "إن الاتفاق")
    assert again.status_code == overlapping.status_code == 409
    problem = json.loads(again.headers["X-Problem"])
    assert problem["field"] == "label" and "already has a Claim span" in problem["error"]
    assert counts(session) == before


def test_a_change_based_on_an_old_version_gets_409_with_the_fresh_paragraph(client, session, ann1, doc_set):
    ann1.tag(doc_set, 1, "الاتفاق")
    span = only_span(session)
    assert ann1.change(span.public_id, 1, label="evidence").status_code == 200  # the other tab
    before = counts(session)
    stale = ann1.change(span.public_id, 1, label="major_claim")  # this tab still had version 1
    assert stale.status_code == 409
    assert 'id="p-1"' in stale.get_data(as_text=True) and 'data-label="evidence"' in stale.get_data(as_text=True)
    assert json.loads(stale.headers["X-Problem"])["field"] == "version"
    as_json = client.delete(f"/annotate/spans/{span.public_id}?version=1",
                            headers={"X-CSRFToken": ann1.token, "Accept": "application/json"})
    assert as_json.status_code == 409 and as_json.get_json()["paragraph"]["spans"][0]["label"] == "evidence"
    assert counts(session) == before


def test_a_span_deleted_in_another_tab_answers_409_not_404(session, ann1, doc_set):
    ann1.tag(doc_set, 1, "الاتفاق")
    span = only_span(session)
    assert ann1.delete(span.public_id, 1).status_code == 200
    response = ann1.change(span.public_id, 1, label="evidence")
    assert response.status_code == 409 and "deleted" in response.headers["X-Problem"]


@pytest.mark.parametrize("fields, field", [
    ({"attribute": "evidence_type", "value": "rumour"}, "value"),
    ({"attribute": "colour", "value": "red"}, "attribute"),
    ({"label": "nope"}, "label"),
    ({}, "label"),
    ({"attribute": "evidence_type"}, "value"),
])
def test_bad_changes_are_refused(session, ann1, doc_set, fields, field):
    ann1.tag(doc_set, 1, "الاتفاق", "evidence")
    span = only_span(session)
    before = counts(session)
    response = ann1.change(span.public_id, 1, **fields)
    assert response.status_code == 422
    assert f'data-field="{field}"' in response.get_data(as_text=True)
    assert counts(session) == before and only_span(session).version == 1


def test_a_done_set_refuses_changes_until_reopened(session, ann1, doc_set):
    ann1.tag(doc_set, 1, "الاتفاق")
    span = only_span(session)
    add_frame(session, doc_set, "economic", primary=True)  # the default scheme requires a primary frame
    assert ann1.status(doc_set, "done").status_code == 200
    before = counts(session)
    for response in (ann1.tag(doc_set, 1, "الضغوط"), ann1.change(span.public_id, 1, label="evidence"),
                     ann1.delete(span.public_id, 1)):
        assert response.status_code == 409 and 'data-field="status"' in response.get_data(as_text=True)
    assert counts(session) == before
    assert ann1.status(doc_set, "in_progress").status_code == 200
    assert ann1.tag(doc_set, 1, "الضغوط").status_code == 201


def test_a_missing_csrf_token_is_refused(session, ann1, doc_set):
    before = counts(session)
    response = ann1.tag(doc_set, 1, "الاتفاق", csrf=False)
    assert response.status_code == 400 and 'data-field="csrf_token"' in response.get_data(as_text=True)
    assert counts(session) == before


def test_an_ended_session_gets_401_and_nothing_is_saved(session, ann1, doc_set, seeded):
    from annotator.models import User

    with session.begin():
        session.get(User, seeded.ann1.id).session_token = "logged-out-elsewhere"
    before = counts(session)
    assert ann1.tag(doc_set, 1, "الاتفاق").status_code == 401
    assert counts(session) == before
