"""Gamma and automatic adjudication run as jobs (the test app runs jobs at once, as a worker would)."""
from __future__ import annotations

from sqlalchemy import select

from annotator.models import AgreementCache, Job
from tests.gold_factories import gold_scenario


def _job(session, kind) -> Job:
    session.expire_all()
    return session.scalar(select(Job).where(Job.kind == kind).order_by(Job.id.desc()))


def test_adjudicate_auto_in_the_background_is_a_job_with_the_report(runner, session, seeded):
    gold_scenario(session, seeded)
    result = runner.invoke(["adjudicate", "--project", "Demo", "--auto", "--background"])
    assert result.exit_code == 0, result.output
    job = _job(session, "adjudicate")
    assert job.public_id in result.output and job.state == "done"
    assert job.result["open"] == {"d-gold": 4} and job.result["adjudicated"] == []
    refused = runner.invoke(["adjudicate", "--project", "Demo", "--auto", "--background", "--min-agree", "1"])
    assert refused.exit_code == 2 and "at least 2" in refused.output


def test_gamma_in_the_background_is_a_job_that_stores_gamma_for_the_dashboard(runner, session, seeded):
    gold_scenario(session, seeded)
    result = runner.invoke(["agreement-gamma", "--project", "Demo", "--samples", "3", "--background"])
    assert result.exit_code == 0, result.output
    job = _job(session, "gamma")
    assert job.state == "done", job.error
    stored = session.scalar(select(AgreementCache).where(AgreementCache.key == "gamma"))
    assert stored is not None and "layers" in stored.result


def test_an_unknown_document_is_refused_before_a_job_is_queued(runner, session, seeded):
    gold_scenario(session, seeded)
    refused = runner.invoke(["adjudicate", "--project", "Demo", "--auto", "--background", "--document", "nope"])
    assert refused.exit_code == 2 and "nope" in refused.output
    assert _job(session, "adjudicate") is None
