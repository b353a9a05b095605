"""`annotator actors import`: the actor registry of a project from a CSV file."""
from __future__ import annotations

from pathlib import Path

import click

from .common import fail, problems_to_exit, with_appcontext


def _load_imports() -> None:
    """What the commands use, imported when one runs (cli.common.with_appcontext calls this):
    `annotator --help` imports none of it."""
    global get_session, MAX_CSV_BYTES, import_actors_csv, get_project
    from ..db import get_session
    from ..schemas.actors import MAX_CSV_BYTES
    from ..services.actors.registry import import_actors_csv
    from ..services.team.projects import get_project


def register(main: click.Group) -> None:
    main.add_command(actors)


@click.group()
def actors() -> None:
    """Manage the actor registry."""


@actors.command("import")
@click.option("--project", "project_name", required=True, help="The project whose registry to fill.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
@problems_to_exit
def import_command(project_name: str, file: Path) -> None:
    """Import actors from FILE (CSV: canonical_name,kind,aliases,ambiguous_aliases,adjective_aliases;
    lists separated by |). All or nothing; an error names the row and field. Mentions are found
    again in every document of the project."""
    if file.stat().st_size > MAX_CSV_BYTES:
        fail(f"{file.name}: larger than {MAX_CSV_BYTES // 1_000_000} MB, the limit for a registry file")
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        fail(f"{file.name}: not UTF-8: save the file as CSV UTF-8")
    session = get_session()
    outcome = import_actors_csv(session, get_project(session, project_name), text)
    click.echo(f"imported {outcome.created} new actors, updated {outcome.updated}; mentions: "
               f"{outcome.mentions.added} found, {outcome.mentions.removed} gone, {outcome.mentions.kept} kept")
