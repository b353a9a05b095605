"""`annotator adjudicate`: the agreed units of every document where everything agreed, into gold."""
from __future__ import annotations

import json
import sys
import time

import click

from .common import fail, problems_to_exit, with_appcontext


def _load_imports() -> None:
    """What the commands use, imported when one runs (cli.common.with_appcontext calls this):
    `annotator --help` imports none of it."""
    global get_session, auto_adjudicate, project_service
    from ..db import get_session
    from ..services.gold.auto import auto_adjudicate
    from ..services.team import projects as project_service


def register(main: click.Group) -> None:
    main.add_command(adjudicate)


@click.command()
@click.option("--project", "project_name", required=True)
@click.option("--auto", "auto", is_flag=True, help="Accept the agreed units of documents where everything agreed.")
@click.option("--min-agree", type=int, default=None, metavar="K",
              help="Agreement needed on every layer for this run (default: the project's setting).")
@click.option("--document", "documents", multiple=True, metavar="EXTERNAL_ID", help="Only this document (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--background", is_flag=True, help="Queue it as a job for `annotator worker` instead.")
@with_appcontext
@problems_to_exit
def adjudicate(project_name: str, auto: bool, min_agree: int | None, documents: tuple[str, ...],
               as_json: bool, background: bool) -> None:
    """A quick first pass on a big project: gold for the documents where everything agreed; the
    rest is reported (and adjudicated in the browser)."""
    if not auto:
        fail("only --auto is done from the command line; adjudicate the rest in the browser")
    session = get_session()
    project = project_service.get_project(session, project_name)
    if background:
        from ..services.jobs.analysis_jobs import request_auto_adjudication

        if min_agree is not None and min_agree < 2:
            fail("--min-agree must be at least 2 (one annotator agrees with nobody)")
        job, new = request_auto_adjudication(session, project, min_agree=min_agree, documents=documents)
        click.echo(f"{'queued' if new else 'already under way:'} job {job.public_id} "
                   f"(follow it with `annotator jobs wait {job.public_id}`)")
        return
    report = auto_adjudicate(session, project, min_agree=min_agree, documents=documents,
                             progress=terminal_progress(sys.stderr))
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"adjudicated {len(report.adjudicated)} documents ({report.gold_items} gold items)")
    if report.open_units:
        click.echo(f"open: {len(report.open_units)} documents, {sum(report.open_units.values())} units to decide")
        for external_id, count in sorted(report.open_units.items()):
            click.echo(f"  {external_id}: {count} open")
    if report.not_ready:
        click.echo(f"not ready (sets not done): {len(report.not_ready)} documents")
    if report.already:
        click.echo(f"already in adjudication or adjudicated, left alone: {len(report.already)} documents")


def terminal_progress(stream, clock=time.monotonic, every: float = 0.2):
    """Where a person watches (``stream`` is a terminal): the documents done, rewritten on one line
    at most every ``every`` seconds (auto_adjudicate tells every 100 documents) and at the end.
    A script or a pipe gets nothing, so its output stays the report alone."""
    if not stream.isatty():
        return None
    from ..services.jobs.analysis_jobs import ADJUDICATING

    last = [float("-inf")]

    def show(done: int, total: int) -> None:
        now = clock()
        if done < total and now - last[0] < every:
            return
        last[0] = now
        click.echo("\r" + ADJUDICATING.format(done=f"{done:,}", total=f"{total:,}"), file=stream,
                   nl=done >= total)

    return show
