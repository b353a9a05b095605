"""Assignment and progress services on real databases."""
from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

import pytest
from sqlalchemy import event, func, select

from annotator.errors import Conflict, Invalid
from annotator.models import AnnotationSet, Event
from annotator.services.team import assignment as service
from annotator.services.team.progress import annotator_progress, document_progress, documents_by_done_count
from annotator.services.team.projects import add_member
from annotator.services.team.users import create_user
from tests.conftest import PASSWORD
from tests.factories import add_event, assign, make_document, set_status


def _documents(session, project, n, prefix="doc"):
    return [make_document(session, project, external_id=f"{prefix}-{i:02d}") for i in range(n)]


def _assigned(session, project):
    rows = session.execute(select(AnnotationSet.document_id, AnnotationSet.user_id)
                           .where(AnnotationSet.assigned, AnnotationSet.owner_kind == "user"))
    return set(rows)


def test_automatic_assignment_gives_k_annotators_and_records_events(session, seeded):
    _documents(session, seeded.project, 10)
    outcome = service.assign_automatically(session, seeded.project, per_document=2, by=seeded.lead)
    assert outcome.added == 20
    loads = Counter(user for _, user in _assigned(session, seeded.project))
    assert loads == {seeded.ann1.id: 10, seeded.ann2.id: 10}
    events = session.scalar(select(func.count(Event.id)).where(Event.action == "assignment.add"))
    assert events == 20


def test_automatic_assignment_is_incremental(session, seeded):
    _documents(session, seeded.project, 6)
    service.assign_automatically(session, seeded.project, per_document=1, seed=3)
    before = _assigned(session, seeded.project)
    third = create_user(session, "ann3", PASSWORD)
    add_member(session, seeded.project, third, "annotator")
    _documents(session, seeded.project, 3, prefix="new")
    outcome = service.assign_automatically(session, seeded.project, per_document=1, seed=3)
    after = _assigned(session, seeded.project)
    assert before <= after and outcome.added == 3
    # the newcomer had nothing: all new work goes to them
    assert {user for _, user in after - before} == {third.id}


def test_sample_double_codes_a_fraction(session, seeded):
    _documents(session, seeded.project, 10)
    outcome = service.assign_automatically(session, seeded.project, per_document=2, sample=0.3, seed=1)
    per_document = Counter(document for document, _ in _assigned(session, seeded.project))
    assert sorted(Counter(per_document.values()).items()) == [(1, 7), (2, 3)]
    assert outcome.sampled_documents == 3


@pytest.mark.parametrize("kwargs, field", [({"per_document": 3}, "per_document"),
                                           ({"per_document": 2, "sample": 2.0}, "sample")])
def test_bad_automatic_input_names_the_field_and_changes_nothing(session, seeded, kwargs, field):
    _documents(session, seeded.project, 2)
    with pytest.raises(Invalid) as caught:
        service.assign_automatically(session, seeded.project, **kwargs)
    assert caught.value.field == field
    assert _assigned(session, seeded.project) == set()


def test_manual_assignment_all_or_listed_documents(session, seeded):
    docs = _documents(session, seeded.project, 3)
    listed = service.documents_by_external_id(session, seeded.project, ["doc-01", "doc-02"])
    assert service.assign_to_user(session, seeded.project, seeded.ann1, listed).added == 2
    outcome = service.assign_to_user(session, seeded.project, seeded.ann1, None)
    assert (outcome.added, outcome.already) == (1, 2)
    assert {d for d, u in _assigned(session, seeded.project)} == {d.id for d in docs}
    with pytest.raises(Invalid) as caught:
        service.documents_by_external_id(session, seeded.project, ["doc-01", "nope"])
    assert caught.value.field == "documents" and "nope" in caught.value.message


def test_unassign_keeps_the_work_hidden_and_reassigning_brings_it_back(session, seeded):
    [document] = _documents(session, seeded.project, 1)
    aset = assign(session, document, seeded.ann1)
    set_status(session, aset, "in_progress")
    service.unassign(session, seeded.project, document, seeded.ann1, by=seeded.lead)
    session.refresh(aset)
    assert aset.assigned is False and aset.status == "in_progress"
    service.assign_to_user(session, seeded.project, seeded.ann1, [document])
    session.refresh(aset)
    assert aset.assigned is True and aset.status == "in_progress"


def test_reassign_moves_a_document(session, seeded):
    [document] = _documents(session, seeded.project, 1)
    assign(session, document, seeded.ann1)
    moved = service.reassign(session, seeded.project, document, seeded.ann1, seeded.ann2, by=seeded.lead)
    assert moved.user_id == seeded.ann2.id and moved.assigned
    assert _assigned(session, seeded.project) == {(document.id, seeded.ann2.id)}
    with pytest.raises(Invalid):
        service.reassign(session, seeded.project, document, seeded.ann1, seeded.ann2)
    assign(session, document, seeded.ann1)
    with pytest.raises(Conflict):
        service.reassign(session, seeded.project, document, seeded.ann1, seeded.ann2)


def test_member_lookup_refuses_outsiders(session, seeded):
    with pytest.raises(Invalid) as caught:
        service.member_by_username(session, seeded.project, "outsider")
    assert caught.value.field == "user"


def test_progress_counts_and_active_time(session, seeded):
    docs = _documents(session, seeded.project, 3)
    sets = [assign(session, d, seeded.ann1) for d in docs]
    set_status(session, sets[0], "done")
    set_status(session, sets[1], "skipped", reason="duplicate")
    assign(session, docs[0], seeded.ann2)
    start = datetime(2025, 5, 5, 9, 0)
    for minutes in (0, 2, 30, 31):
        add_event(session, seeded.ann1, seeded.project, start + timedelta(minutes=minutes))
    people, totals = annotator_progress(session, seeded.project)
    ann1 = next(p for p in people if p.username == "ann1")
    assert (ann1.assigned, ann1.started, ann1.counts["done"], ann1.counts["skipped"]) == (3, 2, 1, 1)
    assert ann1.active_seconds == (2 + 5 + 1) * 60
    assert totals["done"] == 1 and totals["not_started"] == 2
    documents, total, pages = document_progress(session, seeded.project)
    assert total == 3 and pages == 1
    assert documents[0].statuses == {"ann1": "done", "ann2": "not_started"}
    assert documents_by_done_count(session, seeded.project) == {0: 2, 1: 1}


def test_document_progress_is_a_constant_number_of_queries(app, session, seeded):
    def queries_for(n):
        for d in _documents(session, seeded.project, n, prefix=f"p{n}"):
            assign(session, d, seeded.ann1)
        statements = []
        engine = app.extensions["annotator.engine"]
        listener = lambda *args: statements.append(1)  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            document_progress(session, seeded.project)
            annotator_progress(session, seeded.project)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len(statements)

    assert queries_for(2) == queries_for(8)
