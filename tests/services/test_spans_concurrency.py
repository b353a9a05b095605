"""Span saves from many threads at once (on SQLite writers take turns, none fails or duplicates),
and a set that changes while a save is under way."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from annotator.errors import Problem
from annotator.models import AnnotationSet, Event, Span
from annotator.services.annotation.spans import create_span, set_to_write
from annotator.services.annotation.write_turn import write_turn
from tests.factories import assign, make_document

WORDS = ["كلمة", "أخرى", "هنا", "هناك", "اليوم", "غداً", "قال", "إن"]


def test_concurrent_saves_all_land_and_the_same_label_twice_only_once(app, session, seeded):
    document = make_document(session, seeded.project, [("body", " ".join(WORDS))], "ar")
    aset = assign(session, document, seeded.ann1)
    maker = app.extensions["annotator.sessionmaker"]
    outcomes: list[str] = []

    def save(word: str, label: str) -> None:
        own = maker()
        try:
            text = " ".join(WORDS)
            start = text.index(word)
            create_span(own, seeded.ann1, aset.public_id, paragraph_index=0, utf16_start=start,
                        utf16_end=start + len(word), quoted_text=word, label=label)
            outcomes.append("saved")
        except Exception as exc:  # noqa: BLE001 - the test counts what happened
            outcomes.append(type(exc).__name__)
        finally:
            own.close()

    # Every word once as a claim, and the first word as a claim three more times (double presses).
    jobs = [(w, "claim") for w in WORDS] + [(WORDS[0], "claim")] * 3 + [(w, "evidence") for w in WORDS]
    threads = [threading.Thread(target=save, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == sorted(["saved"] * 16 + ["Conflict"] * 3)
    session.rollback()
    assert session.scalar(select(func.count(Span.id))) == 16


def test_write_turn_needs_no_file_for_postgresql_or_memory(session):
    with write_turn(session) as turn:
        turn.take()
        uses_file = turn.path is not None
    assert uses_file == (session.get_bind().url.get_backend_name() == "sqlite")


@pytest.mark.parametrize("change, status, field", [
    ("done", 409, "status"),  # marked done in another tab
    ("unassigned", 404, "set"),  # taken from the annotator by a lead
])
def test_a_set_that_changes_between_the_check_and_the_write_takes_no_span(session, seeded, change, status, field):
    # The route checks the set before reading the form and hands the row it read to the service;
    # the write itself must notice what happened in between, and save nothing.
    document = make_document(session, seeded.project, [("body", " ".join(WORDS))], "ar")
    aset = assign(session, document, seeded.ann1)
    target = set_to_write(session, seeded.ann1, aset.public_id)
    session.rollback()
    with session.begin():
        row = session.get(AnnotationSet, aset.id)
        if change == "done":
            row.status = "done"
        else:
            row.assigned = False
    with pytest.raises(Problem) as refused:
        create_span(session, seeded.ann1, aset.public_id, paragraph_index=0, utf16_start=0, utf16_end=len(WORDS[0]),
                    quoted_text=WORDS[0], label="claim", target=target)
    assert (refused.value.status, refused.value.field) == (status, field)
    session.rollback()
    assert session.scalar(select(func.count(Span.id))) == 0
    assert session.scalar(select(func.count(Event.id)).where(Event.action == "span.create")) == 0
