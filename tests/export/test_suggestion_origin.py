"""An accepted suggestion is an ordinary span whose origin goes out with it: in the workbook, the
CSV archive and the JSONL interchange file (and comes back in from JSONL), apart from the spans
the annotator marked by hand. The formats of other tools have no place for an origin
(docs/formats.md, "What each format cannot hold")."""
from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import select

from annotator.models import AnnotationSet, Document, Span
from annotator.services.annotation.spans import create_span
from annotator.services.interchange.export import export_project
from annotator.services.recommenders import decisions
from annotator.services.recommenders.settings import set_suggestion_settings
from annotator.services.recommenders.suggesting import suggestions_for_set
from annotator.services.recommenders.training import request_training
from tests.export.helpers import csv_tables, import_into_a_copy, rows_as_dicts, workbook
from tests.recommender_factories import LOADED, done_corpus, new_article

HAND = "العجز والديون"  # paragraph 1 of the new article, marked by hand


def _export(session, project, fmt: str) -> bytes:
    out = io.BytesIO()
    export_project(session, project, fmt, out)
    return out.getvalue()


@pytest.fixture
def accepted(session, seeded):
    """ann2's set on a new article: the loaded phrase accepted from the suggestions, one claim by hand."""
    government = done_corpus(session, seeded.project, seeded.ann1)
    job, _new = request_training(session, seeded.project, seeded.lead)
    assert job.state == "done", job.error
    set_suggestion_settings(session, seeded.project, threshold=0.0)  # whatever the held-out split scored
    aset = new_article(session, seeded.project, seeded.ann2, government)
    loaded = next(s for s in suggestions_for_set(session, seeded.ann2, aset) if s.kind == "span")
    decisions.accept_suggestion(session, seeded.ann2, aset.public_id, loaded.key)
    create_span(session, seeded.ann2, aset.public_id, paragraph_index=1, utf16_start=0, utf16_end=len(HAND),
                quoted_text=HAND, label="claim")
    origins = dict(session.execute(select(Span.text, Span.origin).where(Span.set_id == aset.id)).all())
    assert origins == {LOADED: "suggested", HAND: "manual"}
    return aset


def _ann2(rows: list[dict], text="Text", origin="Origin", annotator="Annotator") -> dict[str, str]:
    return {r[text]: r[origin] for r in rows if r[annotator] == "ann2"}


def test_the_workbook_says_which_span_came_from_a_suggestion(session, seeded, accepted):
    spans = rows_as_dicts(workbook(_export(session, seeded.project, "xlsx"))["Spans"])
    assert _ann2(spans) == {LOADED: "suggested", HAND: "manual"}
    assert {r["Origin"] for r in spans if r["Annotator"] == "ann1"} == {"manual"}


def test_the_csv_archive_says_which_span_came_from_a_suggestion(session, seeded, accepted):
    spans = csv_tables(_export(session, seeded.project, "csv"))["spans.csv"]
    assert _ann2(spans) == {LOADED: "suggested", HAND: "manual"}


def test_jsonl_carries_the_origin_out_and_back_in(session, seeded, accepted):
    data = _export(session, seeded.project, "jsonl")
    recs = [json.loads(line) for line in data.splitlines()]
    ann2_sets = {r["id"] for r in recs if r["type"] == "set" and r["annotator"] == "ann2"}
    spans = {r["text"]: r["origin"] for r in recs if r["type"] == "span" and r["set"] in ann2_sets}
    assert spans == {LOADED: "suggested", HAND: "manual"}

    copy = import_into_a_copy(session, recs)
    back = session.execute(select(Span.text, Span.origin).join(AnnotationSet).join(Document)
                           .where(Document.project_id == copy.id, AnnotationSet.user_id == seeded.ann2.id)).all()
    assert dict(back) == spans
