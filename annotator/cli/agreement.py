"""`annotator agreement-settings`: the project's agreement options (minimum documents for an
interval, bootstrap replicates); `annotator agreement-gamma`: compute gamma now."""
from __future__ import annotations

import json

import click

from .common import problems_to_exit, with_appcontext


def _load_imports() -> None:
    """What the commands use, imported when one runs (cli.common.with_appcontext calls this):
    `annotator --help` imports none of it."""
    global get_session, refresh_gamma, agreement_settings, set_agreement_settings, get_project
    from ..db import get_session
    from ..services.agreement.gamma import refresh_gamma
    from ..services.agreement.settings import agreement_settings, set_agreement_settings
    from ..services.team.projects import get_project


def register(main: click.Group) -> None:
    main.add_command(agreement_settings_command)
    main.add_command(agreement_gamma_command)


@click.command("agreement-settings")
@click.option("--project", "project_name", required=True, help="The project's name.")
@click.option("--min-documents", type=int, default=None,
              help="Fewest comparable documents an interval may rest on (default 5).")
@click.option("--bootstrap", type=int, default=None, help="Bootstrap replicates per report (default 1000).")
@with_appcontext
@problems_to_exit
def agreement_settings_command(project_name: str, min_documents: int | None, bootstrap: int | None) -> None:
    """Show the project's agreement options, or change the ones given; prints them as JSON."""
    session = get_session()
    project = get_project(session, project_name)
    if min_documents is None and bootstrap is None:
        current = agreement_settings(project)
    else:
        current = set_agreement_settings(session, project, min_documents=min_documents, bootstrap=bootstrap)
    click.echo(json.dumps(current))


@click.command("agreement-gamma")
@click.option("--project", "project_name", required=True, help="The project's name.")
@click.option("--samples", type=click.IntRange(1, 1000), default=30, show_default=True,
              help="Random continua behind the expected disorder.")
@click.option("--background", is_flag=True, help="Queue it as a job for `annotator worker` instead.")
@with_appcontext
@problems_to_exit
def agreement_gamma_command(project_name: str, samples: int, background: bool) -> None:
    """Compute gamma (Mathet et al. 2015) for every span layer now, store it for the dashboard,
    and print it as JSON."""
    session = get_session()
    project = get_project(session, project_name)
    if background:
        from ..services.jobs.analysis_jobs import request_gamma

        job, new = request_gamma(session, project, samples=samples)
        click.echo(f"{'queued' if new else 'already under way:'} job {job.public_id} "
                   f"(follow it with `annotator jobs wait {job.public_id}`)")
        return
    click.echo(json.dumps(refresh_gamma(session, project, samples=samples), ensure_ascii=False, indent=2))
