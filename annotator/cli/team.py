"""`annotator assign` and `annotator agreement`: what the assignment page and the agreement
dashboard do, from the command line."""
from __future__ import annotations

import json

import click

from .common import fail, problems_to_exit, with_appcontext


def register(main: click.Group) -> None:
    main.add_command(assign)
    main.add_command(agreement)


def _fraction(value: float | None) -> float | None:
    if value is not None and not 0.0 <= value <= 1.0:
        fail(f"--sample: {value} is not a fraction between 0 and 1")
    return value


@click.command()
@click.option("--project", "project_name", required=True, help="The project's name.")
@click.option("--user", "username", default=None, help="Assign by hand to this member.")
@click.option("--all", "all_documents", is_flag=True, help="With --user: every document of the project.")
@click.option("--per-document", type=int, default=None, help="Assign automatically: K annotators per document.")
@click.option("--sample", type=float, default=None, help="With --per-document: double-code only this fraction.")
@click.option("--seed", type=int, default=0, show_default=True, help="With --per-document: the draw's seed.")
@click.argument("doc_ids", nargs=-1)
@with_appcontext
@problems_to_exit
def assign(project_name, username, all_documents, per_document, sample, seed, doc_ids) -> None:
    """Assign documents: to one member (--user with --all or DOC_IDs, the documents' external ids),
    or automatically with K annotators per document (--per-document)."""
    from ..db import get_session
    from ..services.team import assignment as service
    from ..services.team.projects import get_project

    if (username is None) == (per_document is None):
        fail("--user / --per-document: give exactly one of them")
    session = get_session()
    project = get_project(session, project_name)
    if per_document is not None:
        if doc_ids or all_documents:
            fail("--per-document: assigns every document; leave out --all and document ids")
        if per_document < 1:
            fail(f"--per-document: must be at least 1, not {per_document}")
        if seed < 0:
            fail(f"--seed: must be 0 or more, not {seed}")
        outcome = service.assign_automatically(session, project, per_document=per_document,
                                               sample=_fraction(sample), seed=seed)
        click.echo(f"{outcome.added} assignments added"
                   + (f"; {outcome.unfilled_documents} documents lack annotators" if outcome.unfilled_documents else ""))
        return
    if sample is not None or seed != 0:
        fail("--sample / --seed: only with --per-document")
    if all_documents == bool(doc_ids):
        fail("--all / DOC_ID: with --user give either --all or document ids")
    user = service.member_by_username(session, project, username)
    documents = None if all_documents else service.documents_by_external_id(session, project, list(doc_ids),
                                                                             "DOC_ID")
    outcome = service.assign_to_user(session, project, user, documents)
    click.echo(f"{outcome.added} documents assigned to {user.username} ({outcome.already} already were)")


@click.command()
@click.option("--project", "project_name", required=True, help="The project's name.")
@click.option("--json", "as_json", is_flag=True, help="The whole report as JSON (see docs/agreement.md).")
@click.option("--include-leads", is_flag=True, help="Count the leads' done sets too.")
@with_appcontext
@problems_to_exit
def agreement(project_name: str, as_json: bool, include_leads: bool) -> None:
    """Print the project's agreement report (computed now unless the cached one is current)."""
    from ..db import get_session
    from ..services.agreement.reports import agreement_state
    from ..services.team.projects import get_project
    from ..web.agreement_view import measure_name

    session = get_session()
    project = get_project(session, project_name)
    state = agreement_state(session, project, background=False, include_leads=include_leads, view=False)
    if as_json:
        from ..services.gold.against_gold import against_gold

        # Each annotator against gold sits beside the pair figures, never mixed into them.
        result = {**state.result, "against_gold": against_gold(session, project, include_leads=include_leads)}
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    report, database = state.result["report"], state.result["database"]
    entered = report["entered"]
    click.echo(f"{project.name}: {database['sets_counted']} done sets, {entered['comparable_documents']} "
               f"documents with two or more, annotators: {', '.join(report['annotators']) or 'none'}")
    for key, variable in report["variables"].items():
        for name, m in variable["measures"].items():
            if m["value"] is None:
                figure = f"n/a ({m['reason'] or 'no value for this data'})"
            else:
                ci = f" [{m['ci'][0]:.3f}, {m['ci'][1]:.3f}]" if m["ci"] else ""
                figure = f"{m['value']:.3f}{ci}"
            click.echo(f"{key:<45} {measure_name(name):<32} {figure}  units={m['units']} annotators={m['annotators']}")
