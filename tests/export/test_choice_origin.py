"""An accepted frame or stance suggestion is an ordinary frame or stance whose origin goes out with
it, as an accepted span's does: in the workbook, the CSV archive and the JSONL interchange file (and
back in from JSONL). Everything a person chose by hand says "manual"."""
from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import select

from annotator.models import AnnotationSet, Document, FrameChoice, Stance, SuggestionDecision
from annotator.services.annotation.frames import choose_frame
from annotator.services.interchange.export import export_project
from annotator.services.recommenders import decisions
from annotator.services.recommenders.settings import set_suggestion_settings
from annotator.services.recommenders.suggesting import suggestions_for_set
from annotator.services.recommenders.training import request_training
from tests.export.helpers import csv_tables, import_into_a_copy, rows_as_dicts, workbook
from tests.recommender_factories import done_corpus, new_article

BY_HAND = "morality"  # a secondary frame ann2 chooses herself


def _export(session, project, fmt: str) -> bytes:
    out = io.BytesIO()
    export_project(session, project, fmt, out)
    return out.getvalue()


@pytest.fixture
def accepted(session, seeded):
    """ann2's set on a new article: the suggested primary frame and stance accepted, a frame by hand."""
    government = done_corpus(session, seeded.project, seeded.ann1)
    job, _new = request_training(session, seeded.project, seeded.lead)
    assert job.state == "done", job.error
    set_suggestion_settings(session, seeded.project, threshold=0.0)
    aset = new_article(session, seeded.project, seeded.ann2, government)
    got = suggestions_for_set(session, seeded.ann2, aset)
    frame = next(s for s in got if s.kind == "frame" and s.key.startswith("frame:primary:"))
    stance = next(s for s in got if s.kind == "stance")
    decisions.accept_suggestion(session, seeded.ann2, aset.public_id, frame.key)
    decisions.accept_suggestion(session, seeded.ann2, aset.public_id, stance.key)
    choose_frame(session, seeded.ann2, aset.public_id, frame=BY_HAND, role="secondary")
    return aset, frame, stance


def test_accepting_stores_the_origin_beside_the_recommender_and_score(session, seeded, accepted):
    aset, frame, stance = accepted
    frames = dict(session.execute(select(FrameChoice.frame, FrameChoice.origin)
                                  .where(FrameChoice.set_id == aset.id)).all())
    assert frames == {"economic": "suggested", BY_HAND: "manual"}
    assert session.scalar(select(Stance.origin).where(Stance.set_id == aset.id)) == "suggested"
    kept = {(r.kind, r.label): (r.recommender, r.score) for r in session.scalars(
        select(SuggestionDecision).where(SuggestionDecision.set_id == aset.id))}
    assert kept == {("frame", "economic"): (frame.recommender, frame.score),
                    ("stance", "against"): (stance.recommender, stance.score)}


def test_the_workbook_says_which_frame_and_stance_came_from_a_suggestion(session, seeded, accepted):
    book = workbook(_export(session, seeded.project, "xlsx"))
    frames = rows_as_dicts(book["Frames"])
    assert {r["Frame"]: r["Origin"] for r in frames if r["Annotator"] == "ann2"} == {
        "economic": "suggested", BY_HAND: "manual"}
    assert {r["Origin"] for r in frames if r["Annotator"] == "ann1"} == {"manual"}
    stances = rows_as_dicts(book["Stances"])
    assert [r["Origin"] for r in stances if r["Annotator"] == "ann2"] == ["suggested"]
    assert {r["Origin"] for r in stances if r["Annotator"] == "ann1"} == {"manual"}


def test_the_csv_archive_says_which_frame_and_stance_came_from_a_suggestion(session, seeded, accepted):
    tables = csv_tables(_export(session, seeded.project, "csv"))
    assert {r["Frame"]: r["Origin"] for r in tables["frames.csv"] if r["Annotator"] == "ann2"} == {
        "economic": "suggested", BY_HAND: "manual"}
    assert [r["Origin"] for r in tables["stances.csv"] if r["Annotator"] == "ann2"] == ["suggested"]


def test_jsonl_carries_the_frame_and_stance_origin_out_and_back_in(session, seeded, accepted):
    recs = [json.loads(line) for line in _export(session, seeded.project, "jsonl").splitlines()]
    ann2_sets = {r["id"] for r in recs if r["type"] == "set" and r["annotator"] == "ann2"}
    frames = {r["frame"]: r["origin"] for r in recs if r["type"] == "frame" and r["set"] in ann2_sets}
    stances = [r["origin"] for r in recs if r["type"] == "stance" and r["set"] in ann2_sets]
    assert (frames, stances) == ({"economic": "suggested", BY_HAND: "manual"}, ["suggested"])

    copy = import_into_a_copy(session, recs)
    in_copy = (AnnotationSet.user_id == seeded.ann2.id) & (Document.project_id == copy.id)
    back_frames = session.execute(select(FrameChoice.frame, FrameChoice.origin).join(AnnotationSet)
                                  .join(Document).where(in_copy)).all()
    back_stances = session.scalars(select(Stance.origin).join(AnnotationSet).join(Document).where(in_copy)).all()
    assert (dict(back_frames), list(back_stances)) == (frames, stances)


def test_a_file_without_origins_imports_them_as_imports(session, seeded, accepted):
    recs = [json.loads(line) for line in _export(session, seeded.project, "jsonl").splitlines()]
    for r in recs:
        r.pop("origin", None)
    in_copy = Document.project_id == import_into_a_copy(session, recs).id
    origins = set(session.scalars(select(FrameChoice.origin).join(AnnotationSet).join(Document).where(in_copy)))
    origins |= set(session.scalars(select(Stance.origin).join(AnnotationSet).join(Document).where(in_copy)))
    assert origins == {"imported"}
