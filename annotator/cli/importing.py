"""`annotator import`: bring articles into a project."""
from __future__ import annotations

import functools
import json
from pathlib import Path

import click

from .common import CommandDatabase, problems_to_exit, with_database


def register(main: click.Group) -> None:
    main.add_command(import_command)


def cyclic_gc_paused_while(command):
    """The command, start-up included (SQLAlchemy, the models, the import service), with the cycle
    collector paused: the process ends after one import, and the collections that the modules'
    and the articles' objects set off were a tenth of its CPU."""

    @functools.wraps(command)
    def paused(*args, **kwargs):
        from ..domain.collector import cyclic_gc_paused

        with cyclic_gc_paused():
            return command(*args, **kwargs)

    return paused


@click.command("import")
@click.option("--project", "project_name", required=True, help="The project to import into.")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--encoding", default=None, help="Encoding of text files that are not UTF-8 (e.g. cp1256).")
@cyclic_gc_paused_while
@with_database
@problems_to_exit
def import_command(database: CommandDatabase, project_name: str, files: tuple[Path, ...], as_json: bool,
                   encoding: str | None) -> None:
    """Import articles (.txt .md .docx .html .jsonl .csv); all or nothing."""
    from ..services.interchange.importing import import_files
    from ..services.team.projects import get_project

    session = database.session
    project = get_project(session, project_name)
    payload = [(path.name, path.read_bytes()) for path in files]
    summary = import_files(session, project, payload, encoding=encoding,
                           max_bytes=database.config["IMPORT_MAX_BYTES"])
    if as_json:
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False))
        return
    click.echo(f"imported {summary.documents} documents ({summary.paragraphs} paragraphs) "
               f"from {summary.files} files; skipped {len(summary.skipped)}")
    for item in summary.skipped:
        click.echo(f"  skipped {item['file']}: {item['title']}: {item['reason']}")
