"""``adjudicate --auto`` tells its progress every 100 documents (the job's bar, the terminal's line)."""
from __future__ import annotations

import io

from sqlalchemy import insert

from annotator.cli.gold import terminal_progress
from annotator.models import Document, new_public_id, utcnow
from annotator.services.gold import auto


def _documents(session, project, count: int) -> None:
    now = utcnow()
    session.execute(insert(Document.__table__), [
        {"public_id": new_public_id(), "project_id": project.id, "external_id": f"p{i:04d}", "title": f"p{i}",
         "language": "ar", "direction": "rtl", "content_hash": f"progress-{i}", "meta": {}, "revision": 0,
         "imported_at": now} for i in range(count)])
    session.commit()


def test_progress_every_hundred_documents_and_at_the_end(session, seeded):
    _documents(session, seeded.project, 231)
    told = []
    report = auto.auto_adjudicate(session, seeded.project, progress=lambda done, total: told.append((done, total)))
    assert len(report.not_ready) == 231  # nobody is assigned: every document is read, none written
    assert told == [(0, 231), (100, 231), (200, 231), (231, 231)]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_terminal_line_is_rewritten_at_most_every_fifth_of_a_second_and_ends_the_run():
    assert terminal_progress(io.StringIO()) is None  # a pipe or a file: the report alone
    clock = iter([0.0, 0.1, 0.3, 0.35, 0.36])
    stream = Terminal()
    show = terminal_progress(stream, clock=lambda: next(clock))
    for done in (0, 100, 200, 300, 350):
        show(done, 350)
    assert stream.getvalue() == ("\r" + "accepting where everything agreed: 0 of 350 documents"
                                 "\r" + "accepting where everything agreed: 200 of 350 documents"
                                 "\r" + "accepting where everything agreed: 350 of 350 documents\n")
