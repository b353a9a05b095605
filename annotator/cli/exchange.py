"""`annotator export` and `annotator import-annotations`: the project's data in and out."""
from __future__ import annotations

from pathlib import Path

import click

from .common import LazyChoice, fail, problems_to_exit, with_appcontext


def _load_imports() -> None:
    """What the commands use, imported when one runs (cli.common.with_appcontext calls this):
    `annotator --help` imports none of it."""
    global current_app, get_session, Selection, export_service, project_service
    from flask import current_app
    from ..db import get_session
    from ..export.dataset import Selection
    from ..services.interchange import export as export_service
    from ..services.team import projects as project_service


def register(main: click.Group) -> None:
    main.add_command(export)
    main.add_command(import_annotations)


@click.command()
@click.option("--project", "project_name", required=True)
@click.option("--format", "fmt", type=LazyChoice("annotator.services.interchange.export:SUFFIXES"), default="xlsx", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Default: a timestamped file under the export folder (EXPORT_DIR).")
@click.option("--document", "documents", multiple=True, metavar="EXTERNAL_ID", help="Only this document (repeatable).")
@click.option("--annotator", "annotators", multiple=True, metavar="USERNAME",
              help='Only this annotator (repeatable; also "gold" or "model:NAME").')
@click.option("--language", default="en", show_default=True, help="Language of label names in the workbook.")
@click.option("--background", is_flag=True,
              help="Queue it as a job for `annotator worker` (the file goes to the results folder).")
@click.option("--gold-only", is_flag=True, help="Only the gold version: the published dataset.")
@with_appcontext
@problems_to_exit
def export(project_name: str, fmt: str, output: Path | None, documents: tuple[str, ...],
           annotators: tuple[str, ...], language: str, background: bool, gold_only: bool = False) -> None:
    """Export a project as a workbook (xlsx), zipped CSV files (csv) or the interchange format (jsonl)."""
    if gold_only:
        annotators = ("gold",)
    session = get_session()
    project = project_service.get_project(session, project_name)
    if background:
        from .jobs import queue_export

        if output is not None:
            fail("--output: a background export goes to the results folder; `annotator jobs show` names it")
        return queue_export(project, fmt, Selection(documents, annotators), language)
    exported_at = export_service.export_clock()
    if output is None:
        output = Path(current_app.config["EXPORT_DIR"]) / export_service.default_filename(project, fmt, exported_at)
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".part")
    try:
        with partial.open("wb") as target:
            result = export_service.export_project(
                session, project, fmt, target, selection=Selection(documents, annotators), language=language,
                exported_at=exported_at)
    except BaseException:
        partial.unlink(missing_ok=True)  # never leave half a file where a whole one is expected
        raise
    partial.replace(output)
    rows = ", ".join(f"{name}: {count}" for name, count in result.counts.items())
    click.echo(f"wrote {output} ({rows})")


@click.command("import-annotations")
@click.option("--project", "project_name", required=True)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--create-users", is_flag=True, help="Create annotators the file names and this installation lacks.")
@click.option("--model", "model_name", default=None, metavar="NAME",
              help="Load every set of the file as pre-annotations of model NAME.")
@with_appcontext
@problems_to_exit
def import_annotations(project_name: str, file: Path, create_users: bool, model_name: str | None) -> None:
    """Load an interchange file (JSONL, docs/formats.md): all of it, or nothing."""
    from ..services.interchange.annotations_import import import_interchange

    session = get_session()
    project = project_service.get_project(session, project_name)
    with file.open("rb") as source:
        summary = import_interchange(session, project, source, create_users=create_users, model_name=model_name)
    created = ", ".join(f"{count} {name}" for name, count in summary.created.items() if count)
    click.echo(f"imported {file.name} into {project_name}: {created or 'nothing new'}")
    for note in summary.notes:
        click.echo(f"note: {note}")
