"""Gold in the exports: the gold sheets with provenance, the gold column of the stance matrix, the
wide Units sheet, CSV files, JSONL with the owner "gold" read back identically, --gold-only, and
`annotator adjudicate --auto`."""
from __future__ import annotations

import io
import json
from datetime import datetime

import pytest
from sqlalchemy import func, select

from annotator.errors import Invalid
from annotator.models import Document
from annotator.export.dataset import Selection
from annotator.services.gold import lifecycle, state as gold_state
from annotator.services.gold.decisions import Choice, decide
from annotator.services.interchange.annotations_import import import_interchange
from annotator.services.interchange.export import export_project
from annotator.services.team import projects
from tests.conftest import DEFAULT_SCHEME
from tests.export.helpers import csv_tables, rows_as_dicts, sheet_values, workbook
from tests.export.test_xlsx import SHEETS
from tests.gold_factories import gold_scenario

GOLD_SHEETS = ["Gold spans", "Gold links", "Gold stances", "Gold frames", "Units"]


def _export(session, project, fmt="xlsx", **options) -> bytes:
    out = io.BytesIO()
    export_project(session, project, fmt, out, exported_at=datetime(2026, 12, 1, 9, 0), with_agreement=False,
                   **options)
    return out.getvalue()


@pytest.fixture
def adjudicated(session, seeded):
    """The scenario adjudicated: agreed units accepted, the evidence picked (ann3's), the lonely one
    rejected with a cause, the link accepted, the stance picked."""
    scenario = gold_scenario(session, seeded)
    judge, doc = scenario.adjudicator, scenario.document.public_id
    state = gold_state.start(session, judge, doc)
    lifecycle.accept_agreed(session, judge, doc)

    def unit(kind, paragraph=None):
        current = gold_state.proposal(session, gold_state.load_state(session, state.document, state.project))
        units = {"span": current.spans, "link": current.links, "stance": current.stances}[kind]
        return next(u for u in units if u.state != "decided" and (paragraph is None or u.paragraph == paragraph))

    from annotator.services.gold.causes import tag_cause

    evidence = unit("span", 1)
    tag_cause(session, judge, doc, evidence.key, "boundary", "ann3 starts at the verb")
    decide(session, judge, doc, Choice("pick", evidence.key, evidence.fingerprint, paragraph=1, version=2))
    lonely = unit("span", 2)
    decide(session, judge, doc, Choice("reject", lonely.key, lonely.fingerprint, paragraph=2))
    link = unit("link")
    decide(session, judge, doc, Choice("pick", link.key, link.fingerprint, version=1))
    stance = unit("stance")
    decide(session, judge, doc, Choice("pick", stance.key, stance.fingerprint, version=1))
    lifecycle.mark_adjudicated(session, judge, doc)
    return scenario


def test_the_workbook_has_gold_sheets_with_provenance(session, seeded, adjudicated):
    book = workbook(_export(session, seeded.project))
    assert book.sheetnames == SHEETS[:9] + GOLD_SHEETS + ["Agreement", "Progress"]  # no agreement computed
    spans = rows_as_dicts(book["Gold spans"])
    assert [(r["Paragraph"], r["Label"], r["Decided"], r["From"]) for r in spans] == [
        (1, "claim", "agreed", "ann1, ann2, ann3"), (1, "evidence", "picked", "ann3")]
    evidence = spans[1]
    assert evidence["Annotators' versions"] == "ann1, ann2, ann3" and evidence["Decided by"] == "judge"
    assert evidence["Cause"] == "boundary" and evidence["Note"] == "ann3 starts at the verb"
    assert isinstance(evidence["Decided at"], datetime)
    assert book["Gold spans"].sheet_view.rightToLeft  # Arabic content
    (link,) = rows_as_dicts(book["Gold links"])
    assert (link["Source label"], link["Target label"], link["Type"], link["Decided"]) == (
        "evidence", "claim", "supports", "picked")
    (stance,) = rows_as_dicts(book["Gold stances"])
    assert (stance["Actor"], stance["Value"], stance["Intensity"], stance["Decided"]) == ("Mali", "against", 1, "picked")
    (frame,) = rows_as_dicts(book["Gold frames"])
    assert (frame["Frame"], frame["Primary"], frame["Decided"]) == ("economic", True, "agreed")
    matrix = sheet_values(book["Stance matrix"])
    assert matrix[0][2:6] == ("ann1", "ann2", "ann3", "gold") and matrix[1][2:6] == ("against", "against", "favor",
                                                                                     "against")
    units = rows_as_dicts(book["Units"])
    assert [(u["Paragraph"], u["ann1"], u["ann2"], u["ann3"], u["gold"]) for u in units] == [
        (1, "claim", "claim", "claim", "claim"), (1, "evidence", "evidence", "evidence", "evidence"),
        (2, "evidence", None, None, "(rejected)")]


def test_no_gold_sheets_before_any_adjudication_and_csv_files_for_them(session, seeded, adjudicated):
    tables = csv_tables(_export(session, seeded.project, "csv"))
    assert {"gold_spans.csv", "gold_links.csv", "gold_stances.csv", "gold_frames.csv", "units.csv"} <= set(tables)
    assert tables["gold_spans.csv"][1]["Decided"] == "picked"


def test_gold_only_cli_and_jsonl_round_trip(session, seeded, adjudicated, runner, tmp_path):
    out = tmp_path / "gold.jsonl"
    result = runner.invoke(["export", "--project", "Demo", "--format", "jsonl", "--gold-only", "--output", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_bytes().splitlines()]
    assert {r["annotator"] for r in records if r["type"] == "set"} == {"gold"}
    assert sum(1 for r in records if r["type"] == "span") == 2
    copy = projects.create_project(session, "Copy", DEFAULT_SCHEME, time_zone="Africa/Casablanca")
    import_interchange(session, copy, out.read_bytes().splitlines(), user=seeded.lead)
    again = _export(session, copy, "jsonl")
    assert again == _export(session, seeded.project, "jsonl", selection=Selection(annotators=("gold",)))
    book = tmp_path / "gold.xlsx"
    assert runner.invoke(["export", "--project", "Demo", "--gold-only", "--output", str(book)]).exit_code == 0
    spans = rows_as_dicts(workbook(book.read_bytes())["Spans"])
    assert {r["Annotator"] for r in spans} == {"gold"}


def test_adjudicate_auto_cli(session, seeded, runner):
    gold_scenario(session, seeded)
    result = runner.invoke(["adjudicate", "--project", "Demo", "--auto", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["open"] == {"d-gold": 4}
    result = runner.invoke(["adjudicate", "--project", "Demo", "--auto", "--min-agree", "2"])
    assert result.exit_code == 0 and "d-gold: 1 open" in result.output
    assert runner.invoke(["adjudicate", "--project", "Demo", "--auto", "--min-agree", "1"]).exit_code == 2
    assert runner.invoke(["adjudicate", "--project", "Nope", "--auto"]).exit_code == 3
    assert runner.invoke(["adjudicate", "--project", "Demo", "--auto", "--document", "nope"]).exit_code == 2
    assert runner.invoke(["adjudicate", "--project", "Demo"]).exit_code == 2


def test_each_annotator_against_gold_beside_the_pair_figures(session, seeded, adjudicated, runner):
    from annotator.services.gold.against_gold import against_gold

    figures = against_gold(session, seeded.project)
    assert sorted(figures) == ["ann1", "ann2", "ann3"]
    # gold took ann3's evidence boundaries: ann3 matches gold exactly, ann1 only partly (and gold
    # rejected ann1's lonely evidence)
    assert figures["ann3"]["variables"]["spans/argument/evidence"]["span_f1_exact"] == 1.0
    assert figures["ann1"]["variables"]["spans/argument/evidence"]["span_f1_exact"] == 0.0
    assert figures["ann1"]["variables"]["spans/argument/claim"]["span_f1_exact"] == 1.0
    result = runner.invoke(["agreement", "--project", "Demo", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert set(report["against_gold"]) == {"ann1", "ann2", "ann3"}
    assert "gold" not in report["report"]["annotators"]  # never mixed into the pair figures


def test_jsonl_carries_provenance_and_reads_it_back(session, seeded, adjudicated):
    """Who decided what, from which annotators' items, when, and why: written after the sets,
    read back into another project, where the same file comes out and nothing is open or stale."""
    first = _export(session, seeded.project, "jsonl")
    records = [json.loads(line) for line in first.splitlines()]
    local = {r["id"]: r for r in records if r["type"] in ("span", "link", "stance", "frame")}
    sets = {r["id"]: r["annotator"] for r in records if r["type"] == "set"}
    (adjudication,) = [r for r in records if r["type"] == "adjudication"]
    assert sets[adjudication["set"]] == "gold" and adjudication["status"] == "adjudicated"
    assert adjudication["adjudicated_by"] == "judge" and adjudication["adjudicated_at"].endswith("Z")
    decisions = [r for r in records if r["type"] == "decision"]
    picked = next(d for d in decisions if d["method"] == "picked" and d["unit_kind"] == "span")
    assert sets[local[picked["item"]]["set"]] == "gold" and local[picked["item"]]["label"] == "evidence"
    assert picked["decided_by"] == "judge" and picked["decided_at"].endswith("Z")
    assert [s["annotator"] for s in picked["sources"] if s["chosen"]] == ["ann3"]
    assert all(sets[local[s["item"]]["set"]] == s["annotator"] for s in picked["sources"])
    assert picked["unit"].startswith("s:sp") and picked["unit"][2:] in {s["item"] for s in picked["sources"]}
    rejected = next(d for d in decisions if d["method"] == "rejected")
    assert rejected["item"] is None and [s["annotator"] for s in rejected["sources"]] == ["ann1"]
    (cause,) = [r for r in records if r["type"] == "cause"]
    assert (cause["cause"], cause["note"], cause["tagged_by"]) == ("boundary", "ann3 starts at the verb", "judge")

    copy = projects.create_project(session, "Copy", DEFAULT_SCHEME, time_zone="Africa/Casablanca")
    summary = import_interchange(session, copy, first.splitlines(), user=seeded.lead)
    assert summary.created["decisions"] == len(decisions) and summary.created["causes"] == 1
    assert _export(session, copy, "jsonl") == first
    copied = session.scalar(select(Document).where(Document.project_id == copy.id,
                                                   Document.external_id == adjudicated.document.external_id))
    state = gold_state.load_state(session, copied, copy)
    proposal = gold_state.proposal(session, state)
    assert proposal.open_units == () and gold_state.staleness(session, state) == []
    spans = rows_as_dicts(workbook(_export(session, copy))["Gold spans"])
    assert [(r["Decided"], r["From"], r["Cause"]) for r in spans] == [
        ("agreed", "ann1, ann2, ann3", None), ("picked", "ann3", "boundary")]


def test_jsonl_decision_naming_an_item_outside_the_gold_set_is_refused(session, seeded, adjudicated):
    lines = _export(session, seeded.project, "jsonl").splitlines()
    records = [json.loads(line) for line in lines]
    annotators_span = next(r["id"] for r in records if r["type"] == "span")  # ann1's: sets are by name
    at = next(i for i, r in enumerate(records) if r["type"] == "decision" and r["unit_kind"] == "span"
              and r["item"])
    records[at]["item"] = annotators_span
    copy = projects.create_project(session, "Copy", DEFAULT_SCHEME, time_zone="Africa/Casablanca")
    with pytest.raises(Invalid) as refused:
        import_interchange(session, copy, [json.dumps(r).encode() for r in records], user=seeded.lead)
    assert f"line {at + 1}: decision.item: no span with id '{annotators_span}' in the gold set" in refused.value.message
    assert session.scalar(select(func.count(Document.id)).where(Document.project_id == copy.id)) == 0
