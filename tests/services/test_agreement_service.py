"""What enters agreement from the database, the cache and its fingerprint, on real databases."""
from __future__ import annotations

import pytest
from sqlalchemy import event, select

from annotator.models import AgreementCache, Document
from annotator.services.agreement import reports as service
from annotator.services.agreement.data import build_dataset
from tests.factories import add_mention, add_span, agreement_scenario, assign, confirm_mention, make_actor, \
    make_document, set_status


@pytest.fixture
def scenario(session, seeded):
    return agreement_scenario(session, seeded)


def test_only_done_assigned_sets_of_annotators_enter(session, seeded, scenario):
    dataset, overview = build_dataset(session, seeded.project)
    assert dataset.done_sets == {"d-agree": {"ann1", "ann2"}, "d-single": {"ann1"}, "d-empty": {"ann1", "ann2"}}
    assert {(s.document, s.annotator) for s in dataset.spans} == {
        ("d-agree", "ann1"), ("d-agree", "ann2"), ("d-single", "ann1"), ("d-empty", "ann1")}
    # the lead's done set, ann2's unfinished one, the skipped and the not started are left out
    assert overview.left_out == {"lead": 1, "in_progress": 1, "skipped": 1, "not_started": 1}


def test_leads_enter_when_asked(session, seeded, scenario):
    dataset, _ = build_dataset(session, seeded.project, include_leads=True)
    assert dataset.done_sets["d-agree"] == {"ann1", "ann2", "lead"}


def test_records_carry_paragraphs_lengths_links_stances_frames_and_weeks(session, seeded, scenario):
    dataset, _ = build_dataset(session, seeded.project)
    from tests.factories import ARABIC_PARAGRAPHS

    assert dataset.paragraph_lengths[("d-agree", 2)] == len(ARABIC_PARAGRAPHS[2][1])
    assert [(link.annotator, link.link_type) for link in dataset.links] == [("ann1", "supports")]
    assert {(s.annotator, s.actor, s.value) for s in dataset.stances} == {("ann1", "Mali", "favor"),
                                                                         ("ann2", "Mali", "against")}
    frames = {f.annotator: (f.frames, f.primary) for f in dataset.frames}
    assert frames == {"ann1": ({"economic"}, "economic"), "ann2": ({"economic", "security"}, "economic")}
    # the second done set of d-agree came on Sunday 23:30 UTC, Monday in the project's time zone
    assert dataset.document_weeks == {"d-agree": "2025-W20", "d-empty": "2025-W19"}
    assert "claim" in dataset.span_layers["argument"]


def test_stance_units_come_from_confirmed_mentions_and_stances(session, seeded, scenario):
    docs, sets = scenario
    project = seeded.project
    sure, doubtful, unconfirmed, manual = (make_actor(session, project, n) for n in ("Niger", "Chad", "Togo", "Benin"))
    add_mention(session, docs["d-empty"], sure)
    confirm_mention(session, sets[("d-empty", "ann2")], add_mention(session, docs["d-empty"], doubtful, uncertain=True))
    confirm_mention(session, sets[("d-empty", "ann1")], add_mention(session, docs["d-empty"], unconfirmed,
                                                                     uncertain=True), confirmed=False)
    add_mention(session, docs["d-empty"], manual, aset=sets[("d-empty", "ann1")])
    # a confirmation in a set that is not done does not count
    confirm_mention(session, sets[("d-single", "ann2")], add_mention(session, docs["d-single"], doubtful,
                                                                      uncertain=True))
    dataset, _ = build_dataset(session, project)
    assert dataset.stance_units["d-empty"] == {"Niger", "Chad", "Benin"}
    assert dataset.stance_units["d-agree"] == {"Mali"}
    assert "d-single" not in dataset.stance_units


def test_dataset_is_built_in_a_constant_number_of_queries(app, session, seeded):
    project = seeded.project

    def count_queries(documents: int) -> int:
        for i in range(documents):
            document = make_document(session, project, external_id=f"q{documents}-{i}")
            for user in (seeded.ann1, seeded.ann2):
                aset = assign(session, document, user)
                add_span(session, aset, 1, "claim", 0, 4)
                set_status(session, aset, "done")
        statements = []
        engine = app.extensions["annotator.engine"]
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            build_dataset(session, project)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len(statements)

    assert count_queries(2) == count_queries(6)


def test_report_is_computed_once_and_cached_until_something_changes(session, seeded, scenario):
    project = seeded.project
    first = service.agreement_state(session, project, background=False)
    assert first.fresh and not first.computing
    report = first.result["report"]
    assert report["annotators"] == ["ann1", "ann2"]
    assert first.result["database"]["sets_counted"] == 5
    rows = session.scalars(select(AgreementCache.key).where(AgreementCache.project_id == project.id)).all()
    assert sorted(rows) == ["report", "report:view"]

    again = service.agreement_state(session, project, background=False)
    assert again.computed_at == first.computed_at

    docs, sets = scenario
    set_status(session, sets[("d-single", "ann2")], "done")
    changed = service.agreement_state(session, project, background=False)
    assert changed.computed_at >= first.computed_at
    assert changed.result["database"]["sets_counted"] == 6


def test_fingerprint_follows_revisions_statuses_and_assignment(session, seeded, scenario):
    docs, sets = scenario
    project = seeded.project
    before = service.fingerprint(session, project)
    document = session.get(Document, docs["d-agree"].id)
    document.revision += 1
    session.commit()
    after_revision = service.fingerprint(session, project)
    sets[("d-skip", "ann2")].assigned = False
    session.commit()
    after_unassign = service.fingerprint(session, project)
    assert len({before, after_revision, after_unassign}) == 3
    assert service.fingerprint(session, project, include_leads=True) != after_unassign


def test_stale_cache_in_background_returns_the_last_result_and_computes_once(app, session, seeded, scenario):
    project = seeded.project
    service.agreement_state(session, project, background=False)
    docs, sets = scenario
    set_status(session, sets[("d-single", "ann2")], "done")
    factory = app.extensions["annotator.sessionmaker"]
    stale = service.agreement_state(session, project, background=True, session_factory=factory)
    assert not stale.fresh and stale.computing and stale.result is not None
    for thread in [t for t in __import__("threading").enumerate() if t.name == f"agreement-{project.id}"]:
        thread.join(60)
    session.rollback()
    fresh = service.agreement_state(session, project, background=True, session_factory=factory)
    assert fresh.fresh and fresh.result["database"]["sets_counted"] == 6


def test_a_queued_agreement_job_keeps_a_second_computation_out(app, session, seeded):
    # Replaces the lease row of the thread this computation used to run in: the job's active key
    # is what now keeps a second computation of the same project out, on any server.
    from annotator.services.jobs.agreement_job import request_agreement

    project = seeded.project
    huey = app.extensions["annotator.jobs"].huey
    huey.immediate = False  # messages wait in memory: nothing consumes them in this test
    try:
        first, new = request_agreement(session, project)
        again, new_again = request_agreement(session, project)
        with_leads, _ = request_agreement(session, project, include_leads=True)
    finally:
        huey.immediate = True
    assert new and not new_again and again.id == first.id and first.state == "queued"
    assert with_leads.id != first.id  # another option is another computation


@pytest.mark.parametrize("documents", [
    {"document": [str(i) for i in range(30)], "value": [i / 30 for i in range(30)]},
    [{"document": str(i), "value": i / 30} for i in range(30)],
])
def test_dashboard_view_keeps_only_the_lowest_documents(documents):
    result = {"report": {"variables": {"v": {"documents": documents}}}}
    view = service.dashboard_view(result)["report"]["variables"]["v"]
    assert len(view["documents"]) == service.LOWEST_DOCUMENTS_KEPT and view["documents_total"] == 30
    assert view["documents"][0] == {"document": "0", "value": 0.0}
