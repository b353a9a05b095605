"""Undo and redo through the ordinary services, on real databases: every kind of change comes back
exactly, each undo is itself a logged change, and a record changed since answers a conflict."""
import pytest
from sqlalchemy import func, select

from annotator.errors import Conflict, NotFound
from annotator.models import AnnotationSet, Event, FrameChoice, Link, Span, Stance
from annotator.services.annotation import finishing, frames, links, spans, stances
from annotator.services.history import undo as history
from tests.factories import assign, make_actor, make_document

# Diacritics, a tatweel and an emoji: offsets are code points, the browser's UTF-16 differs.
ARABIC = "قالَ الرَّئِيسُ إنّ الاتفاقـــية ناجحة 🎉 جداً"


@pytest.fixture
def work(session, seeded):
    document = make_document(session, seeded.project, (("title", "عنوان"), ("body", ARABIC)), language="ar")
    return assign(session, document, seeded.ann1), seeded.ann1


def _utf16(text: str, start: int, end: int) -> tuple[int, int]:
    return len(text[:start].encode("utf-16-le")) // 2, len(text[:end].encode("utf-16-le")) // 2


def _create(session, aset, user, word: str, label: str = "claim"):
    start = ARABIC.index(word)
    a, b = _utf16(ARABIC, start, start + len(word))
    return spans.create_span(session, user, aset.public_id, paragraph_index=1, utf16_start=a, utf16_end=b,
                             quoted_text=word, label=label, snap_words=False)


def _spans(session, aset):
    session.expire_all()
    return sorted((s.public_id, s.label, s.start, s.end, s.text, tuple(sorted((s.attributes or {}).items())))
                  for s in session.scalars(select(Span).where(Span.set_id == aset.id)))


def test_undo_and_redo_a_new_span_keep_its_id_and_are_logged(session, work):
    aset, user = work
    made = _create(session, aset, user, "الرَّئِيسُ")
    history.undo(session, user, aset.public_id)
    assert _spans(session, aset) == []
    back = history.redo(session, user, aset.public_id)
    start = ARABIC.index("الرَّئِيسُ")
    assert [s[:5] for s in _spans(session, aset)] == [(made.public_id, "claim", start, start + 10, "الرَّئِيسُ")]
    assert back.touched.paragraphs == {1} and not back.undo
    logged = session.execute(select(Event.action, Event.history).where(Event.set_id == aset.id)
                             .order_by(Event.id)).all()
    assert [tuple(row) for row in logged] == [("span.create", None), ("span.delete", "undo"),
                                              ("span.create", "redo")]


def test_undo_of_a_relabel_brings_back_the_attributes_it_dropped(session, work):
    aset, user = work
    made = _create(session, aset, user, "الاتفاقـــية", "evidence")
    spans.change_span(session, user, made.public_id, version=1, attribute="evidence_type", value="statistic")
    spans.change_span(session, user, made.public_id, version=2, label="claim")
    assert _spans(session, aset)[0][5] == ()
    history.undo(session, user, aset.public_id)
    start = ARABIC.index("الاتفاقـــية")
    assert _spans(session, aset)[0][1:] == ("evidence", start, start + 12, "الاتفاقـــية",
                                            (("evidence_type", "statistic"),))
    history.undo(session, user, aset.public_id)
    assert _spans(session, aset)[0][5] == ()
    history.redo(session, user, aset.public_id)
    history.redo(session, user, aset.public_id)
    assert _spans(session, aset)[0][1] == "claim"


def test_an_undone_relabel_logs_the_relabel_mirrored_and_bumps_the_version(session, work):
    # The undo changes the span in the set it locked (services.annotation.locked_writes), not through change_span.
    aset, user = work
    made = _create(session, aset, user, "الاتفاقـــية", "evidence")
    spans.change_span(session, user, made.public_id, version=1, attribute="evidence_type", value="statistic")
    spans.change_span(session, user, made.public_id, version=2, label="claim")
    history.undo(session, user, aset.public_id)
    relabel, undone = session.execute(select(Event.before, Event.after, Event.history)
                                      .where(Event.action == "span.change").order_by(Event.id.desc()).limit(2)).all()[::-1]
    assert undone.history == "undo" and undone.before == relabel.after
    assert undone.after == {**relabel.before, "version": 4}
    again = spans.change_span(session, user, made.public_id, version=4, attribute="evidence_type", value="")
    assert again.version == 5


def test_undo_of_a_deletion_brings_back_the_span_with_its_links(session, work):
    aset, user = work
    claim = _create(session, aset, user, "الرَّئِيسُ", "claim")
    evidence = _create(session, aset, user, "🎉", "evidence")
    link = links.create_link(session, user, aset.public_id, source_id=evidence.public_id, target_id=claim.public_id,
                             link_type="supports").public_id
    before = _spans(session, aset)
    spans.delete_span(session, user, claim.public_id, version=1)
    assert session.scalar(select(func.count(Link.id))) == 0
    reverted = history.undo(session, user, aset.public_id)
    assert _spans(session, aset) == before
    restored = session.scalar(select(Link))
    assert (restored.public_id, restored.link_type) == (link, "supports")
    assert "links" in reverted.touched.panels and reverted.description.startswith("deleted the claim span")
    # Undo again: the link goes, then the evidence span, then the claim.
    history.undo(session, user, aset.public_id)
    assert session.scalar(select(func.count(Link.id))) == 0
    history.undo(session, user, aset.public_id)
    history.undo(session, user, aset.public_id)
    assert _spans(session, aset) == []
    with pytest.raises(Conflict, match="nothing to undo"):
        history.undo(session, user, aset.public_id)


def test_a_redone_deletion_logs_what_the_deletion_logged(session, work):
    # The redo deletes in the set it locked (services.annotation.locked_writes), not through delete_span.
    aset, user = work
    claim = _create(session, aset, user, "الرَّئِيسُ", "claim")
    evidence = _create(session, aset, user, "🎉", "evidence")
    links.create_link(session, user, aset.public_id, source_id=evidence.public_id, target_id=claim.public_id,
                      link_type="supports")
    spans.delete_span(session, user, claim.public_id, version=1)
    history.undo(session, user, aset.public_id)
    history.redo(session, user, aset.public_id)
    deleted = session.execute(select(Event.before, Event.history).where(Event.action == "span.delete")
                              .order_by(Event.id)).all()
    assert [row.history for row in deleted] == [None, "redo"]
    assert deleted[1].before == deleted[0].before and deleted[0].before["link_rows"][0]["source"] == evidence.public_id
    assert [s[0] for s in _spans(session, aset)] == [evidence.public_id]
    assert session.scalar(select(func.count(Link.id))) == 0


def test_a_new_change_after_undo_empties_the_redo_stack(session, work):
    aset, user = work
    _create(session, aset, user, "الرَّئِيسُ")
    history.undo(session, user, aset.public_id)
    _create(session, aset, user, "ناجحة")
    with pytest.raises(Conflict, match="nothing to redo"):
        history.redo(session, user, aset.public_id)


def test_undo_of_a_span_changed_since_by_someone_else_is_a_conflict_and_writes_nothing(session, work):
    aset, user = work
    made = _create(session, aset, user, "الرَّئِيسُ")
    span = session.scalar(select(Span).where(Span.public_id == made.public_id))
    span.label = "evidence"  # as an import would: a change outside this annotator's history
    session.commit()
    events = session.scalar(select(func.count(Event.id)))
    with pytest.raises(Conflict, match="changed since") as refused:
        history.undo(session, user, aset.public_id)
    assert refused.value.status == 409
    session.expire_all()
    assert session.scalar(select(func.count(Event.id))) == events
    assert _spans(session, aset)[0][1] == "evidence"


def test_stances_frames_and_status_come_back(session, seeded, work):
    aset, user = work
    actor = make_actor(session, seeded.project, "الرئيس")
    stances.set_stance(session, user, aset.public_id, actor_id=actor.public_id, value="favor", intensity=2)
    stances.set_stance(session, user, aset.public_id, actor_id=actor.public_id, value="against")
    frames.choose_frame(session, user, aset.public_id, frame="economic", role="primary")
    frames.choose_frame(session, user, aset.public_id, frame="capacity_and_resources", role="primary")
    finishing.finish_set(session, user, aset.public_id, "skipped", "not an opinion piece")

    history.undo(session, user, aset.public_id)
    session.expire_all()
    assert session.get(AnnotationSet, aset.id).status == "in_progress"
    history.undo(session, user, aset.public_id)
    session.expire_all()
    assert [(c.frame, c.is_primary) for c in session.scalars(select(FrameChoice))] == [("economic", True)]
    history.undo(session, user, aset.public_id)
    session.expire_all()
    assert session.scalar(select(func.count(FrameChoice.id))) == 0
    history.undo(session, user, aset.public_id)
    session.expire_all()
    assert [(s.value, s.intensity) for s in session.scalars(select(Stance))] == [("favor", 2)]
    history.undo(session, user, aset.public_id)
    session.expire_all()
    assert session.scalar(select(func.count(Stance.id))) == 0
    for _ in range(5):
        history.redo(session, user, aset.public_id)
    session.expire_all()
    done = session.get(AnnotationSet, aset.id)
    assert (done.status, done.skip_reason) == ("skipped", "not an opinion piece")
    assert [(s.value, s.intensity) for s in session.scalars(select(Stance))] == [("against", None)]


def test_a_done_set_refuses_the_undo_of_a_span_until_reopened_by_undo(session, work):
    aset, user = work
    _create(session, aset, user, "الرَّئِيسُ")
    frames.choose_frame(session, user, aset.public_id, frame="economic", role="primary")
    finishing.finish_set(session, user, aset.public_id, "done")
    history.undo(session, user, aset.public_id)  # reopens
    session.expire_all()
    assert session.get(AnnotationSet, aset.id).status == "in_progress"
    history.redo(session, user, aset.public_id)
    session.expire_all()
    assert session.get(AnnotationSet, aset.id).status == "done"


def test_nobody_undoes_in_another_annotators_set(session, seeded, work):
    aset, user = work
    _create(session, aset, user, "الرَّئِيسُ")
    for other in (seeded.ann2, seeded.lead):
        with pytest.raises(NotFound):
            history.undo(session, other, aset.public_id)
    assert len(_spans(session, aset)) == 1


def test_the_panel_lists_changes_newest_first_and_marks_the_undone(session, work):
    aset, user = work
    _create(session, aset, user, "الرَّئِيسُ")
    _create(session, aset, user, "ناجحة", "evidence")
    history.undo(session, user, aset.public_id)
    session.expire_all()
    panel = history.history_panel(session, session.get(AnnotationSet, aset.id), editable=True)
    assert [(i.action, i.history, i.undone) for i in panel.items] == [
        ("span.delete", "undo", False), ("span.create", None, True), ("span.create", None, False)]
    assert panel.next_undo == "tagged «الرَّئِيسُ» as claim" and panel.next_redo == "tagged «ناجحة» as evidence"


def test_a_mention_verdict_is_undone_and_redone_and_checks_what_changed_since(session, seeded):
    from annotator.models import Mention, MentionConfirmation
    from annotator.services.actors import mention_edits
    from tests.services.test_mentions import ARTICLE, _actor

    document = make_document(session, seeded.project, (("body", ARTICLE),), language="ar")
    aset = assign(session, document, seeded.ann1)
    _actor(session, seeded.project, "Mali", "مالي", ambiguous=("مالي",))
    mention = session.scalar(select(Mention).where(Mention.document_id == document.id).order_by(Mention.start))
    assert mention is not None
    key = (aset.id, mention.id)

    def verdict():
        session.expire_all()
        row = session.get(MentionConfirmation, key)
        return None if row is None else row.confirmed

    mention_edits.set_verdict(session, seeded.ann1, aset.public_id, mention.public_id, True)
    mention_edits.set_verdict(session, seeded.ann1, aset.public_id, mention.public_id, False)
    undone = history.undo(session, seeded.ann1, aset.public_id)
    assert verdict() is True and undone.touched.panels == {"mentions"}
    assert undone.description == "rejected a mention"
    history.undo(session, seeded.ann1, aset.public_id)
    assert verdict() is None
    history.redo(session, seeded.ann1, aset.public_id)
    assert verdict() is True
    # Changed since, outside this history (an import, a script): the redo of "rejected" refuses
    # and writes nothing.
    session.execute(MentionConfirmation.__table__.delete())
    session.commit()
    with pytest.raises(Conflict, match="this mention's verdict was changed since"):
        history.redo(session, seeded.ann1, aset.public_id)
    assert verdict() is None


def test_an_undone_deletion_brings_back_an_accepted_suggestion_as_suggested(session, seeded, work):
    aset, user = work
    actor = make_actor(session, seeded.project, "الرئيس")
    made = stances.set_stance(session, user, aset.public_id, actor_id=actor.public_id, value="against",
                              intensity=3, origin="suggested")
    stances.delete_stance(session, user, aset.public_id, made.public_id)
    history.undo(session, user, aset.public_id)
    session.expire_all()
    assert [(s.value, s.intensity, s.origin) for s in session.scalars(select(Stance))] == [("against", 3, "suggested")]
    history.redo(session, user, aset.public_id)
    history.undo(session, user, aset.public_id)
    session.expire_all()
    assert [s.origin for s in session.scalars(select(Stance))] == ["suggested"]
