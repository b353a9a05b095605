"""Agreement among sets made with suggestions against sets made without (anchoring bias)."""
from sqlalchemy import select

from annotator.models import Event
from annotator.services.recommenders.anchoring import SHOWN, note_shown, with_and_without
from annotator.services.recommenders.settings import set_suggestion_settings
from annotator.services.recommenders.training import train_project
from tests.factories import add_frame, assign, make_document, set_status
from tests.recommender_factories import done_corpus, new_article


def _coded(session, project, users_frames: dict, shown: set) -> None:
    document = make_document(session, project, [("title", "t"), ("body", "نص المقال")], language="ar")
    for user, frame in users_frames.items():
        aset = assign(session, document, user)
        add_frame(session, aset, frame, primary=True)
        set_status(session, aset, "done")
        if user in shown:
            note_shown(session, aset, user)


def test_agreement_is_measured_apart_with_and_without_suggestions(session, seeded):
    a, b = seeded.ann1, seeded.ann2
    assert with_and_without(session, seeded.project) is None  # nobody was shown a suggestion
    for _ in range(2):  # with suggestions both agree ...
        _coded(session, seeded.project, {a: "economic", b: "economic"}, shown={a, b})
    for _ in range(2):  # ... without, they differ
        _coded(session, seeded.project, {a: "economic", b: "security_and_defense"}, shown=set())
    _coded(session, seeded.project, {a: "economic", b: "economic"}, shown={a})  # one each way: no pair
    result = with_and_without(session, seeded.project)
    assert (result["with"]["sets"], result["without"]["sets"]) == (5, 5)
    assert (result["with"]["documents"], result["without"]["documents"]) == (2, 2)
    assert result["with"]["variables"]["frames/primary"]["percent_agreement"] == 1.0
    assert result["without"]["variables"]["frames/primary"]["percent_agreement"] == 0.0
    assert result["with"]["minutes"] is not None


def test_the_panel_notes_once_that_suggestions_were_shown_and_the_dashboard_compares(client, auth, session, seeded):
    government = done_corpus(session, seeded.project, seeded.ann1)
    train_project(session, seeded.project)
    set_suggestion_settings(session, seeded.project, threshold=0.0)  # whatever the held-out split scored
    aset = new_article(session, seeded.project, seeded.ann2, government)
    auth.login("ann2")
    for _ in range(2):
        assert client.get(f"/annotate/{aset.public_id}/suggestions", headers={"HX-Request": "true"}).status_code == 200
    shown = session.scalars(select(Event).where(Event.action == SHOWN)).all()
    assert [(e.entity_id, e.set_id) for e in shown] == [(aset.public_id, None)]  # never an undoable change
    set_status(session, aset, "done")
    auth.logout()
    auth.login("lead")
    body = client.get(f"/projects/{seeded.project.public_id}/agreement").get_data(as_text=True)
    assert "With and without suggestions" in body
    sets_row = body.split('data-anchoring="sets"', 1)[1].split("</tr>", 1)[0]
    assert "<td>14</td><td>1</td>" in sets_row
    assert client.get(f"/projects/{seeded.project.public_id}/audit").status_code == 200  # the event reads there too


def test_the_dashboards_comparison_is_cached_until_a_set_changes_it(client, auth, session, seeded):
    from annotator.models import AgreementCache
    from annotator.services.recommenders.anchoring import cached_with_and_without

    a, b = seeded.ann1, seeded.ann2
    assert cached_with_and_without(session, seeded.project) is None
    for _ in range(2):
        _coded(session, seeded.project, {a: "economic", b: "economic"}, shown={a, b})
    first = cached_with_and_without(session, seeded.project)
    assert first == with_and_without(session, seeded.project) and first["with"]["sets"] == 4
    row = session.scalar(select(AgreementCache).where(AgreementCache.key == "anchoring"))
    stored_at = row.computed_at
    assert cached_with_and_without(session, seeded.project) == first
    session.refresh(row)
    assert row.computed_at == stored_at  # read from the cache, not computed again

    # a new done document made with suggestions, on which they differ: the next read sees it
    _coded(session, seeded.project, {a: "economic", b: "security_and_defense"}, shown={a, b})
    second = cached_with_and_without(session, seeded.project)
    assert second == with_and_without(session, seeded.project)
    assert (second["with"]["sets"], second["with"]["documents"]) == (6, 3)
    assert second["with"]["variables"]["frames/primary"]["percent_agreement"] == 2 / 3
    auth.login("lead")
    body = client.get(f"/projects/{seeded.project.public_id}/agreement").get_data(as_text=True)
    sets_row = body.split('data-anchoring="sets"', 1)[1].split("</tr>", 1)[0]
    assert "<td>0</td><td>6</td>" in sets_row
