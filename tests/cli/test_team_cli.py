"""`annotator assign` and `annotator agreement` through Flask's CLI runner."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from annotator.models import AnnotationSet
from tests.factories import agreement_scenario, make_document


def assigned(session) -> set:
    session.expire_all()
    return set(session.execute(select(AnnotationSet.document_id, AnnotationSet.user_id).where(AnnotationSet.assigned)))


def invoke(runner, *args):
    return runner.invoke(args=list(args))


def test_assign_per_document(runner, session, seeded):
    for i in range(5):
        make_document(session, seeded.project, external_id=f"c-{i}")
    result = invoke(runner, "assign", "--project", "Demo", "--per-document", "2", "--seed", "3")
    assert result.exit_code == 0, result.output
    assert "10 assignments added" in result.output
    assert len(assigned(session)) == 10


def test_assign_sample(runner, session, seeded):
    for i in range(10):
        make_document(session, seeded.project, external_id=f"c-{i}")
    result = invoke(runner, "assign", "--project", "Demo", "--per-document", "2", "--sample", "0.2")
    assert result.exit_code == 0, result.output
    assert len(assigned(session)) == 12


def test_assign_to_a_user_by_ids_and_all(runner, session, seeded):
    docs = [make_document(session, seeded.project, external_id=f"c-{i}") for i in range(3)]
    result = invoke(runner, "assign", "--project", "Demo", "--user", "ann1", "c-0", "c-2")
    assert result.exit_code == 0, result.output
    assert assigned(session) == {(docs[0].id, seeded.ann1.id), (docs[2].id, seeded.ann1.id)}
    result = invoke(runner, "assign", "--project", "Demo", "--user", "ann2", "--all")
    assert result.exit_code == 0 and "3 documents assigned to ann2" in result.output


@pytest.mark.parametrize("args, option", [
    (["--project", "Nope", "--per-document", "2"], "project"),
    (["--project", "Demo"], "--user / --per-document"),
    (["--project", "Demo", "--user", "ann1", "--per-document", "2"], "--user / --per-document"),
    (["--project", "Demo", "--per-document", "0"], "--per-document"),
    (["--project", "Demo", "--per-document", "5"], "per_document"),
    (["--project", "Demo", "--per-document", "2", "--sample", "1.5"], "--sample"),
    (["--project", "Demo", "--per-document", "2", "--seed", "-4"], "--seed"),
    (["--project", "Demo", "--per-document", "2", "c-0"], "--per-document"),
    (["--project", "Demo", "--user", "ann1"], "--all / DOC_ID"),
    (["--project", "Demo", "--user", "ann1", "--all", "c-0"], "--all / DOC_ID"),
    (["--project", "Demo", "--user", "ann1", "--sample", "0.5", "--all"], "--sample"),
    (["--project", "Demo", "--user", "outsider", "--all"], "user"),
    (["--project", "Demo", "--user", "ann1", "c-0", "missing"], "DOC_ID"),
    (["--project", "Demo", "--per-document", "two"], "--per-document"),
])
def test_bad_assign_input_names_the_option_and_changes_nothing(runner, session, seeded, args, option):
    make_document(session, seeded.project, external_id="c-0")
    result = invoke(runner, "assign", *args)
    assert result.exit_code != 0
    assert option in result.output
    assert assigned(session) == set()


def test_agreement_report_as_text_and_json(runner, session, seeded):
    agreement_scenario(session, seeded)
    text = invoke(runner, "agreement", "--project", "Demo")
    assert text.exit_code == 0, text.output
    assert "ann1, ann2" in text.output and "spans/argument/claim" in text.output
    result = invoke(runner, "agreement", "--project", "Demo", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    report = data["report"]
    assert report["annotators"] == ["ann1", "ann2"]
    for variable in report["variables"].values():
        for measure in variable["measures"].values():
            assert {"value", "ci", "units", "annotators", "reason"} <= set(measure)
            assert (measure["value"] is None) == (measure["reason"] is not None)
    assert any(v["pairs"] for v in report["variables"].values())
    assert data["database"]["sets_left_out"]["lead"] == 1


def test_agreement_with_leads_and_unknown_project(runner, session, seeded):
    agreement_scenario(session, seeded)
    result = invoke(runner, "agreement", "--project", "Demo", "--json", "--include-leads")
    assert json.loads(result.output)["report"]["annotators"] == ["ann1", "ann2", "lead"]
    missing = invoke(runner, "agreement", "--project", "Nope")
    assert missing.exit_code != 0 and "project" in missing.output
    assert session.scalar(select(func.count(AnnotationSet.id))) > 0


def test_agreement_settings_show_change_and_refuse(runner, session, seeded):
    shown = invoke(runner, "agreement-settings", "--project", "Demo")
    assert shown.exit_code == 0 and json.loads(shown.output) == {"bootstrap": 1000, "min_documents": 5}
    changed = invoke(runner, "agreement-settings", "--project", "Demo", "--min-documents", "3")
    assert changed.exit_code == 0 and json.loads(changed.output)["min_documents"] == 3
    bad = invoke(runner, "agreement-settings", "--project", "Demo", "--min-documents", "0")
    assert bad.exit_code == 2 and "min_documents" in bad.output
    assert json.loads(invoke(runner, "agreement-settings", "--project", "Demo").output)["min_documents"] == 3
    missing = invoke(runner, "agreement-settings", "--project", "Nope")
    assert missing.exit_code == 3


def test_agreement_gamma_computes_stores_and_prints(runner, session, seeded):
    agreement_scenario(session, seeded)
    result = invoke(runner, "agreement-gamma", "--project", "Demo", "--samples", "3")
    assert result.exit_code == 0, result.output
    layer = json.loads(result.output)["layers"]["argument"]
    assert layer["samples"] == 3 and "ann1|ann2" in layer["pairs"]
    assert invoke(runner, "agreement-gamma", "--project", "Demo", "--samples", "0").exit_code == 2
    assert invoke(runner, "agreement-gamma", "--project", "Nope").exit_code == 3
