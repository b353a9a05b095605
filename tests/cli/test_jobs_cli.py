"""`annotator export --background`, `annotator jobs ...` and `annotator worker` from the command line."""
from __future__ import annotations

import re

from tests.export_fixtures import build


def job_id(output: str) -> str:
    return re.search(r"job ([0-9a-f-]{36})", output).group(1)


def test_a_background_export_is_a_job_to_follow(runner, session, seeded):
    build(session, seeded)
    queued = runner.invoke(args=["export", "--project", "Demo", "--format", "csv", "--background"])
    assert queued.exit_code == 0, queued.output
    public_id = job_id(queued.output)
    waited = runner.invoke(args=["jobs", "wait", public_id])
    assert waited.exit_code == 0 and "done" in waited.output and "result: " in waited.output
    path = re.search(r"result: (\S+)", waited.output).group(1)
    assert path.endswith(".zip") and "/jobs/" + public_id + "/" in path
    listed = runner.invoke(args=["jobs", "list", "--project", "Demo", "--state", "done"])
    assert public_id in listed.output and "export" in listed.output


def test_job_commands_refuse_what_cannot_be(runner, session, seeded):
    both = runner.invoke(args=["export", "--project", "Demo", "--background", "--output", "x.xlsx"])
    assert both.exit_code == 2 and "--output" in both.output
    missing = runner.invoke(args=["jobs", "show", "00000000-0000-0000-0000-000000000000"])
    assert missing.exit_code == 3 and "no job" in missing.output
    done = job_id(runner.invoke(args=["export", "--project", "Demo", "--format", "jsonl", "--background"]).output)
    cancelled = runner.invoke(args=["jobs", "cancel", done])
    assert cancelled.exit_code == 4 and "already ended" in cancelled.output
    unknown = runner.invoke(args=["export", "--project", "Nope", "--background"])
    assert unknown.exit_code == 3


def test_the_worker_will_not_start_where_jobs_run_at_once(runner):
    result = runner.invoke(args=["worker"])
    assert result.exit_code == 2 and "JOBS_IMMEDIATE" in result.output
