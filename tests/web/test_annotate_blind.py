"""Blind annotation: an annotator reaches only their own sets; other ids answer 404."""
from __future__ import annotations

from sqlalchemy import select

from annotator.models import Span
from tests.conftest import AuthActions
from tests.web.annotate_support import Annotator, arabic_set, counts


def test_another_annotators_span_is_not_found_not_forbidden(app, session, seeded):
    _document, own = arabic_set(session, seeded)
    client1, client2 = app.test_client(), app.test_client()
    ann1 = Annotator(client1, AuthActions(client1), "ann1")
    ann2 = Annotator(client2, AuthActions(client2), "ann2")
    assert ann1.tag(own, 1, "الاتفاق").status_code == 201
    session.rollback()
    session.expire_all()
    span = session.scalar(select(Span))
    before = counts(session)
    for response in (ann2.change(span.public_id, 1, label="evidence"), ann2.delete(span.public_id, 1),
                     ann2.tag(own, 1, "الضغوط")):
        assert response.status_code == 404, response.get_data(as_text=True)
        assert "forbidden" not in response.get_data(as_text=True).lower()
    for path in (f"/annotate/{own.public_id}", f"/annotate/{own.public_id}/paragraphs/1",
                 f"/annotate/{own.public_id}/guidelines/claim"):
        assert client2.get(path).status_code == 404
    assert counts(session) == before


def test_a_lead_reads_a_set_but_cannot_write_into_it(app, session, seeded):
    _document, own = arabic_set(session, seeded)
    client = app.test_client()
    lead = Annotator(client, AuthActions(client), "lead")
    page = client.get(f"/annotate/{own.public_id}")
    assert page.status_code == 200 and "Read only" in page.get_data(as_text=True)
    assert 'class="toolbar-row"' not in page.get_data(as_text=True)
    assert lead.tag(own, 1, "الاتفاق").status_code == 404


def test_an_outsider_sees_nothing(app, session, seeded):
    _document, own = arabic_set(session, seeded)
    client = app.test_client()
    AuthActions(client).login("outsider")
    assert client.get(f"/annotate/{own.public_id}").status_code == 404
    assert client.get(f"/projects/{seeded.project.public_id}/scheme.css").status_code == 404


def test_a_malformed_write_to_another_annotators_set_answers_404_not_a_form_error(client, auth, session, seeded):
    """The ownership check comes before the form: a 422 would tell that the set exists."""
    from sqlalchemy import select

    from annotator.models import AnnotationSet
    from tests.factories import assign, make_document

    document = make_document(session, seeded.project, paragraphs=[("title", "عنوان المقال"), ("body", "نص المقال هنا.")])
    assign(session, document, seeded.ann2)
    other = session.scalar(select(AnnotationSet.public_id).where(AnnotationSet.user_id == seeded.ann2.id))
    auth.login("ann1")
    token = auth.csrf_token()
    for path in (f"/annotate/{other}/spans", f"/annotate/{other}/status"):
        response = client.post(path, data={}, headers={"X-CSRFToken": token, "Accept": "application/json"})
        assert response.status_code == 404, (path, response.status_code)
