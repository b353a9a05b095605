"""Span saves from many threads at once: on SQLite writers take turns, none fails or duplicates."""
from __future__ import annotations

import threading

from sqlalchemy import func, select

from annotator.models import Span
from annotator.services.spans import create_span
from annotator.services.write_turn import write_turn
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
