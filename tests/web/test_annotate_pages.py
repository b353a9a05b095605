"""My documents, the document page, its partials, the scheme stylesheet, guidelines and finishing."""
from __future__ import annotations

import pytest
from sqlalchemy import event, select

from annotator.models import AnnotationSet, Span
from annotator.schemas.actors import ActorSpec, AliasSpec
from annotator.services.actors import registry as actors
from tests.factories import add_frame, assign, make_document
from tests.web.annotate_support import ARABIC_ARTICLE, HTMX, Annotator, arabic_set, counts


@pytest.fixture
def ann1(client, auth, seeded):
    return Annotator(client, auth, "ann1")


def test_my_documents_lists_only_my_assigned_sets_with_progress(session, seeded, client, ann1):
    _d, mine = arabic_set(session, seeded)
    other = make_document(session, seeded.project, [("title", "Someone else's"), ("body", "Text.")], "en")
    assign(session, other, seeded.ann2)
    hidden = make_document(session, seeded.project, [("title", "Unassigned to me"), ("body", "Text.")], "en")
    with session.begin():
        session.add(AnnotationSet(document_id=hidden.id, owner_kind="user", user_id=seeded.ann1.id,
                                  owner_key=f"user:{seeded.ann1.id}", assigned=False))
    ann1.tag(mine, 1, "الاتفاق")
    page = client.get(f"/annotate/?project={seeded.project.public_id}").get_data(as_text=True)
    assert ARABIC_ARTICLE[0][1] in page and f"/annotate/{mine.public_id}" in page
    assert "Someone else" not in page and "Unassigned to me" not in page
    assert "In progress" in page and "0 of 1 finished" in page
    assert "<td>5</td>" in page and "<td>1</td>" in page  # paragraphs, spans
    assert client.get("/").get_data(as_text=True).count("My documents") >= 1


def test_the_document_page_shows_paragraphs_in_order_with_their_direction(session, seeded, client, ann1):
    document = make_document(session, seeded.project, [
        ("title", "عنوان <script>alert(1)</script>"), ("body", "نص عربي."), ("heading", "English heading"),
        ("quote", "« اقتباس »")], "ar")
    with session.begin():
        document.paragraphs[2].direction, document.paragraphs[2].language = "ltr", "en"
    aset = assign(session, document, seeded.ann1)
    html = client.get(f"/annotate/{aset.public_id}").get_data(as_text=True)
    assert '<h1 class="ptext" data-paragraph="0" dir="rtl" lang="ar">عنوان &lt;script&gt;' in html
    assert '<h2 class="ptext" data-paragraph="2" dir="ltr" lang="en">English heading</h2>' in html
    assert '<blockquote class="ptext" data-paragraph="3" dir="rtl"' in html
    assert html.index('id="p-0"') < html.index('id="p-1"') < html.index('id="p-2"') < html.index('id="p-3"')
    assert "<script>alert" not in html
    assert f"/projects/{seeded.project.public_id}/scheme.css" in html
    for script in ("offsets.js", "annotate.js"):
        assert f"/static/js/{script}" in html
    assert "annotate/_layers_slot" not in html  # the slot is included, its comment is not rendered


def test_marks_are_drawn_after_reload_exactly_around_the_span(session, seeded, client, ann1):
    _d, aset = arabic_set(session, seeded)
    ann1.tag(aset, 2, "بالمواطنين 🇲🇦", "evidence")
    html = client.get(f"/annotate/{aset.public_id}").get_data(as_text=True)
    assert "😀 <mark " in html and '">بالمواطنين 🇲🇦</mark> أكثر' in html


def test_the_paragraph_partial_is_the_swap_target(session, seeded, client, ann1):
    _d, aset = arabic_set(session, seeded)
    response = client.get(f"/annotate/{aset.public_id}/paragraphs/3", headers=HTMX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and html.strip().startswith('<div class="para para-heading" id="p-3"')
    assert "<html" not in html
    assert client.get(f"/annotate/{aset.public_id}/paragraphs/99", headers=HTMX).status_code == 404


def test_scheme_stylesheet_carries_label_colours_and_badges(seeded, client, ann1):
    response = client.get(f"/projects/{seeded.project.public_id}/scheme.css")
    css = response.get_data(as_text=True)
    assert response.mimetype == "text/css"
    assert '[data-label="claim"] { --label-color: #9fd3f7; --label-line: dashed; }' in css
    assert 'mark[data-label="claim"].first::before { content: "C"; }' in css
    assert 'mark[data-label="doubt"].first::before { content: "CD"; }' in css


def test_the_toolbar_offers_shortcuts_and_the_palette(session, seeded, client, ann1):
    _d, aset = arabic_set(session, seeded)
    html = client.get(f"/annotate/{aset.public_id}").get_data(as_text=True)
    assert 'data-label="claim" data-name="Claim" data-code="KeyC"' in html
    assert 'data-action="palette" data-layer="technique"' in html
    assert 'id="palette-technique"' in html and "التشكيك" in html
    assert 'data-attributes-for="evidence"' in html and 'value="statistic"' in html


GUIDE = """# Claim

## English

### What to select
A **debatable** statement. <img src=x onerror=alert(1)>

- one
- two

## العربية

### ما الذي يُحدَّد
عبارة **قابلة** للجدل.
"""


def test_guidelines_come_from_the_label_page_in_the_interface_language(app, tmp_path, session, seeded, client, ann1):
    (tmp_path / "labels").mkdir()
    (tmp_path / "labels" / "claim.md").write_text(GUIDE, encoding="utf-8")
    app.config["GUIDELINES_DIR"] = str(tmp_path)
    _d, aset = arabic_set(session, seeded)
    english = client.get(f"/annotate/{aset.public_id}/guidelines/claim?lang=en", headers=HTMX).get_data(as_text=True)
    assert "<h3>What to select</h3>" in english and "<strong>debatable</strong>" in english
    assert "&lt;img src=x onerror=alert(1)&gt;" in english and "<img" not in english
    assert "<li>one</li>" in english and 'dir="ltr"' in english
    arabic = client.get(f"/annotate/{aset.public_id}/guidelines/claim?lang=ar", headers=HTMX).get_data(as_text=True)
    assert "<strong>قابلة</strong>" in arabic and 'dir="rtl"' in arabic and "debatable" not in arabic


def test_a_label_without_a_page_shows_the_scheme_description(app, tmp_path, session, seeded, client, ann1):
    app.config["GUIDELINES_DIR"] = str(tmp_path)
    _d, aset = arabic_set(session, seeded)
    html = client.get(f"/annotate/{aset.public_id}/guidelines/evidence?lang=ar", headers=HTMX).get_data(as_text=True)
    assert "وقائع أو أرقام" in html and "ارتفعت أسعار الغذاء" in html
    assert client.get(f"/annotate/{aset.public_id}/guidelines/nope", headers=HTMX).status_code == 404


def test_finishing_done_skip_and_reopen(session, seeded, client, ann1):
    _d, aset = arabic_set(session, seeded)
    add_frame(session, aset, "economic", primary=True)  # the default scheme requires a primary frame
    done = ann1.status(aset, "done")
    assert done.status_code == 200 and 'data-status="done"' in done.get_data(as_text=True)
    assert "Reopen" in done.get_data(as_text=True)
    assert ann1.status(aset, "done").status_code == 409
    assert ann1.status(aset, "in_progress").status_code == 200
    assert ann1.status(aset, "in_progress").status_code == 409  # nothing to reopen
    refused = ann1.status(aset, "skipped", "  ")
    assert refused.status_code == 422 and 'data-field="reason"' in refused.get_data(as_text=True)
    skipped = ann1.status(aset, "skipped", "Not an opinion article")
    assert skipped.status_code == 200 and "Not an opinion article" in skipped.get_data(as_text=True)
    session.rollback()
    session.expire_all()
    stored = session.get(AnnotationSet, aset.id)
    assert (stored.status, stored.skip_reason) == ("skipped", "Not an opinion article")


def test_done_asks_check_ready_for_done_and_names_what_is_missing(session, seeded, client, ann1):
    # The default scheme asks for the author's stance toward an actor mentioned twice or more.
    document = make_document(session, seeded.project, [("title", "مالي"), ("body", "قالت مالي إن الحوار ممكن.")], "ar")
    actors.create_actor(session, seeded.project, ActorSpec("Mali", "state", (AliasSpec("مالي"),)))
    aset = assign(session, document, seeded.ann1)
    add_frame(session, aset, "security_and_defense", primary=True)
    response = ann1.status(aset, "done")
    assert response.status_code == 409 and "a stance toward Mali" in response.get_data(as_text=True)
    session.rollback()
    session.expire_all()
    assert session.get(AnnotationSet, aset.id).status == "not_started"


def test_finishing_someone_elses_set_is_not_found(session, seeded, app):
    from tests.conftest import AuthActions

    _d, aset = arabic_set(session, seeded)
    client = app.test_client()
    ann2 = Annotator(client, AuthActions(client), "ann2")
    assert ann2.status(aset, "done").status_code == 404


def test_a_long_document_loads_in_a_fixed_number_of_queries(app, session, seeded, client, ann1):
    def queries_for(paragraphs: int, spans_per_paragraph: int) -> int:
        document = make_document(session, seeded.project, [("body", f"كلمة {i} أخرى هنا") for i in range(paragraphs)], "ar")
        aset = assign(session, document, seeded.ann1)
        with session.begin():
            for paragraph in document.paragraphs:
                for k in range(spans_per_paragraph):
                    session.add(Span(set_id=aset.id, paragraph_id=paragraph.id, layer="argument",
                                     label=("claim", "evidence", "major_claim")[k % 3], start=0, end=4 + k,
                                     text="كلمة"[:4], scheme_version_id=seeded.project.current_scheme_id))
        seen = []
        engine = app.extensions["annotator.engine"]
        listener = lambda *args: seen.append(1)  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            assert client.get(f"/annotate/{aset.public_id}").status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len(seen)

    small = queries_for(3, 1)
    assert queries_for(300, 3) == small
    assert counts(session)[0] == 3 + 900
    assert session.scalar(select(Span).limit(1)) is not None
