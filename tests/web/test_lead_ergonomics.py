"""A lead assigns and reviews without copying an id (issue 18): pickers by title and name, titles
linked to a read-only preview everywhere a document is named, and from there each annotator's set."""
from __future__ import annotations

from sqlalchemy import select

from annotator.models import AnnotationSet
from tests.factories import add_span, assign, make_document


def url(seeded, page: str) -> str:
    return f"/projects/{seeded.project.public_id}/team/{page}"


def assigned_pairs(session):
    session.expire_all()
    return {(s.document_id, s.user_id) for s in session.scalars(select(AnnotationSet).where(AnnotationSet.assigned))}


def test_the_assignment_page_lists_documents_by_title_and_annotators_by_name(client, auth, session, seeded):
    make_document(session, seeded.project, [("title", "السَّاحل بين وصايتين"), ("body", "نص.")], "ar",
                  external_id="sahel")
    auth.login("lead")
    html = client.get(url(seeded, "assign")).get_data(as_text=True)
    assert "السَّاحل بين وصايتين" in html and 'name="picked" value="sahel"' in html
    assert 'name="users" value="ann1"' in html and 'name="users" value="ann2"' in html
    assert "Document ids, one per line" not in html  # nothing to type or paste


def test_picked_documents_go_to_every_picked_annotator(client, auth, session, seeded):
    docs = [make_document(session, seeded.project, external_id=f"p-{i}", title=f"Title {i}") for i in range(3)]
    auth.login("lead")
    response = client.post(url(seeded, "assign/picked"), data={
        "csrf_token": auth.csrf_token(), "users": ["ann1", "ann2"], "picked": ["p-0", "p-2"]})
    assert response.status_code == 200
    assert "4 assignments added: 2 documents to" in response.get_data(as_text=True)
    assert assigned_pairs(session) == {(d.id, u.id) for d in (docs[0], docs[2]) for u in (seeded.ann1, seeded.ann2)}


def test_picking_nothing_or_an_outsider_is_refused_and_changes_nothing(client, auth, session, seeded):
    make_document(session, seeded.project, external_id="p-0")
    auth.login("lead")
    for data, field in (({"picked": ["p-0"]}, "users"), ({"users": ["ann1"]}, "picked"),
                        ({"users": ["outsider"], "picked": ["p-0"]}, "users"),
                        ({"users": ["ann1"], "picked": ["nope"]}, "picked")):
        response = client.post(url(seeded, "assign/picked"), data={"csrf_token": auth.csrf_token(), **data})
        assert response.status_code == 422 and f'data-field="{field}"' in response.get_data(as_text=True)
    assert assigned_pairs(session) == set()


def test_documents_are_named_by_title_and_link_to_a_preview_with_each_annotators_set(client, auth, session, seeded):
    document = make_document(session, seeded.project, [("title", "السَّاحل بين وصايتين"), ("body", "فشلت فرنسا."),
                                                       ("body", "<b>Second</b> paragraph.")], "ar",
                             external_id="sahel")
    aset = assign(session, document, seeded.ann1)
    auth.login("lead")
    preview = f"/projects/{seeded.project.public_id}/team/documents/{document.public_id}"
    listing = client.get(url(seeded, "documents")).get_data(as_text=True)
    assert f'href="{preview}"' in listing and "السَّاحل بين وصايتين" in listing
    page = client.get(preview)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert f'href="/annotate/{aset.public_id}"' in html  # into ann1's set, read-only for the lead
    assert "¶1" in html and "¶3" in html and "¶0" not in html  # counted from 1, as everywhere
    assert "&lt;b&gt;Second&lt;/b&gt;" in html  # the text is escaped
    compare = client.get(f"/projects/{seeded.project.public_id}/agreement/documents/{document.public_id}")
    assert f'href="{preview}"' in compare.get_data(as_text=True)


def test_annotators_cannot_preview_documents(client, auth, session, seeded):
    document = make_document(session, seeded.project)
    auth.login("ann1")
    assert client.get(f"/projects/{seeded.project.public_id}/team/documents/{document.public_id}").status_code == 403


def test_side_by_side_says_label_conflict_for_the_same_text_with_different_labels(client, auth, session, seeded):
    document = make_document(session, seeded.project, [("title", "T"), ("body", "Sanctions hurt citizens more.")])
    add_span(session, assign(session, document, seeded.ann1), 1, "claim", 0, 22)
    add_span(session, assign(session, document, seeded.ann2), 1, "evidence", 0, 22)
    other = make_document(session, seeded.project, [("title", "T"), ("body", "Sanctions hurt citizens more.")],
                          external_id="same-label")
    add_span(session, assign(session, other, seeded.ann1), 1, "claim", 0, 9)
    add_span(session, assign(session, other, seeded.ann2), 1, "claim", 0, 22)
    auth.login("lead")
    html = client.get(f"/projects/{seeded.project.public_id}/agreement/documents/{document.public_id}").get_data(
        as_text=True)
    assert html.count('class="mark-word">label conflict<') == 2
    assert "(ann2: Evidence)" in html and "(ann1: Claim)" in html
    same = client.get(f"/projects/{seeded.project.public_id}/agreement/documents/{other.public_id}").get_data(
        as_text=True)
    assert 'class="mark-word">label conflict<' not in same  # same label, other extent: a partial match
