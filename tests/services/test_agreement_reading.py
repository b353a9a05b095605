"""Agreement reads a project's spans and links a window of ids at a time: the same records in the
same order, whatever the window, and only the counted sets' (another project's rows in a window
are dropped)."""
from __future__ import annotations

from annotator.services.agreement import reading
from annotator.services.agreement.data import build_dataset
from annotator.services.team import projects
from tests.conftest import DEFAULT_SCHEME
from tests.factories import add_link, add_span, agreement_scenario, assign, make_document, set_status


def test_windows_of_any_size_give_the_same_records_in_the_same_order(session, seeded, monkeypatch):
    _docs, sets = agreement_scenario(session, seeded)
    # Another project's spans and link, then more of this one's: the others' ids fall inside this
    # project's windows.
    other = projects.create_project(session, "Other", DEFAULT_SCHEME)
    elsewhere = assign(session, make_document(session, other, external_id="o-1"), seeded.ann1)
    spans = [add_span(session, elsewhere, 1, "claim", start, start + 2) for start in range(0, 12, 3)]
    add_link(session, elsewhere, spans[0], spans[1])
    set_status(session, elsewhere, "done")
    counted = sets[("d-agree", "ann1")]
    later = [add_span(session, counted, 1, "evidence", start, start + 2) for start in (20, 24)]
    add_link(session, counted, later[1], later[0])
    whole, _ = build_dataset(session, seeded.project)
    calls = []
    for window in (1, 2, 3, 1000):
        monkeypatch.setattr(reading, "IDS_PER_WINDOW", window)
        monkeypatch.setattr(reading, "RECORDS_PER_REPORT", 1)
        dataset, _ = build_dataset(session, seeded.project, progress=lambda done, total: calls.append((done, total)))
        assert dataset.spans == whole.spans and dataset.links == whole.links
    assert whole.spans and whole.links and all(s.document != "o-1" for s in whole.spans)
    total = len(whole.spans) + len(whole.links)
    assert calls[-1] == (total, total)  # every record told, against the count read first
