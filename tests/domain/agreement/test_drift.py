"""Drift: a week below the running figure by more than its interval is flagged (issue 10, item 9)."""

from annotator.domain.agreement import AgreementDataset, StanceRecord, build_report

VALUES = ("favor", "against", "neutral")


def drifting_project() -> AgreementDataset:
    stances, done, weeks = [], {}, {}
    for d in range(12):
        doc, bad = f"d{d:02d}", d >= 6
        done[doc], weeks[doc] = frozenset({"ann", "bob"}), "2026-W02" if bad else "2026-W01"
        for k, actor in enumerate(("A", "B")):
            value = VALUES[(d + k) % 3]
            other = VALUES[(d + k + 1) % 3] if bad else value  # in week 2 bob always differs
            stances += [StanceRecord("ann", doc, actor, None, value, 1 if value != "neutral" else None),
                        StanceRecord("bob", doc, actor, None, other, 1 if other != "neutral" else None)]
    return AgreementDataset(done_sets=done, paragraph_lengths={}, spans=[], links=[], stances=stances, frames=[],
                            stance_units={}, document_weeks=weeks)


def test_a_week_that_drops_below_the_running_figure_is_flagged():
    drift = build_report(drifting_project(), bootstrap=100, include=["stance"], min_documents=5).variables[
        "stance/document"].drift
    assert drift["measure"] == "alpha_nominal"
    first, second = drift["weeks"]
    assert (first["week"], first["value"], first["running"], first["flagged"]) == ("2026-W01", 1.0, 1.0, False)
    assert first["low"] == first["high"] == 1.0
    assert second["week"] == "2026-W02" and second["documents"] == 6
    assert second["value"] < 0 < second["running"] < 1
    assert second["high"] < second["running"] and second["flagged"] is True


def test_no_interval_and_no_flag_below_the_minimum_of_documents():
    drift = build_report(drifting_project(), bootstrap=100, include=["stance"], min_documents=7).variables[
        "stance/document"].drift
    second = drift["weeks"][1]
    assert second["low"] is None and second["flagged"] is False
    assert "fewer than the project's minimum of 7" in second["reason"]
