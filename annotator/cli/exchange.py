"""`annotator export` and `annotator import-annotations`: the project's data in and out."""
from __future__ import annotations

from pathlib import Path

import click

from .common import CommandDatabase, LazyChoice, fail, problems_to_exit, with_database


def _load_imports() -> None:
    """What the commands use, imported when one runs (cli.common.with_database calls this):
    `annotator --help` imports none of it."""
    global Selection, export_service, project_service
    from ..export.dataset import Selection
    from ..services.interchange import export as export_service
    from ..services.team import projects as project_service


def register(main: click.Group) -> None:
    main.add_command(export)
    main.add_command(import_annotations)
    main.add_command(import_project)


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
@click.option("--whole", is_flag=True, help="With --format jsonl: the whole project (mentions, proposals, events, "
                                            "scheme versions), for annotator import-project on another server.")
@with_database
@problems_to_exit
def export(database: CommandDatabase, project_name: str, fmt: str, output: Path | None, documents: tuple[str, ...],
           annotators: tuple[str, ...], language: str, background: bool, gold_only: bool = False,
           whole: bool = False) -> None:
    """Export a project as a workbook (xlsx), zipped CSV files (csv) or the interchange format (jsonl)."""
    if gold_only:
        annotators = ("gold",)
    session = database.session
    project = project_service.get_project(session, project_name)
    if background:
        from .jobs import queue_export

        if output is not None:
            fail("--output: a background export goes to the results folder; `annotator jobs show` names it")
        return queue_export(session, project, fmt, Selection(documents, annotators), language)
    exported_at = export_service.export_clock()
    if output is None:
        output = Path(database.config["EXPORT_DIR"]) / export_service.default_filename(project, fmt, exported_at)
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".part")
    try:
        with partial.open("wb") as target:
            result = export_service.export_project(
                session, project, fmt, target, selection=Selection(documents, annotators), language=language,
                exported_at=exported_at, whole=whole)
    except BaseException:
        partial.unlink(missing_ok=True)  # never leave half a file where a whole one is expected
        raise
    partial.replace(output)
    rows = ", ".join(f"{name}: {count}" for name, count in result.counts.items())
    click.echo(f"wrote {output} ({rows})")


@click.command("import-annotations")
@click.option("--project", "project_name", required=True)
@click.argument("file", type=click.Path(exists=True, path_type=Path))
@click.option("--create-users", is_flag=True, help="Create annotators the file names and this installation lacks.")
@click.option("--model", "model_name", default=None, metavar="NAME",
              help="Load every set of the file as pre-annotations of model NAME.")
@click.option("--format", "fmt", type=LazyChoice("annotator.export.formats:IMPORT_FORMATS"), default="jsonl", show_default=True,
              help="The format of FILE (a file, a zip, or for brat a folder).")
@click.option("--label-map", "label_map", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="YAML or JSON: the file's label names -> the project's scheme (docs/formats.md).")
@click.option("--annotator", default=None, metavar="USERNAME",
              help='Owner of every set of the file ("gold" for the gold set), whatever the file says.')
@with_database
@problems_to_exit
def import_annotations(database: CommandDatabase, project_name: str, file: Path, create_users: bool, model_name: str | None, fmt: str,
                       label_map: Path | None, annotator: str | None) -> None:
    """Load annotations, all of them or nothing: our JSONL (docs/formats.md) or another tool's format."""
    from ..errors import Invalid

    session = database.session
    project = project_service.get_project(session, project_name)
    if fmt != "jsonl" or file.is_dir():
        from ..export.formats.sources import read_path
        from ..services.interchange.formats import import_format

        if fmt == "jsonl":
            raise Invalid("a folder is read only with --format brat (or another format of files)", "file")
        summary = import_format(session, project, fmt, read_path(file),
                                label_map=label_map.read_bytes() if label_map else None, annotator=annotator,
                                create_users=create_users, model_name=model_name)
    else:
        from ..services.interchange.annotations_import import import_interchange

        if label_map or annotator:
            raise Invalid("--label-map and --annotator are for the formats of other tools", "format")
        with file.open("rb") as source:
            summary = import_interchange(session, project, source, create_users=create_users,
                                         model_name=model_name)
    created = ", ".join(f"{count} {name}" for name, count in summary.created.items() if count)
    click.echo(f"imported {file.name} into {project_name}: {created or 'nothing new'}")
    for note in summary.notes:
        click.echo(f"note: {note}")


@click.command("import-project")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", default=None, help="The project's name here (default: its name in the file).")
@with_database
@problems_to_exit
def import_project(database: CommandDatabase, file: Path, name: str | None) -> None:
    """Create a project from a whole-project file (annotator export --format jsonl --whole), all or nothing."""
    from ..services.interchange.project_move import import_project as import_whole

    with file.open("rb") as source:
        counts = import_whole(database.session, source, name=name)
    click.echo(f"imported {file.name}: " + ", ".join(f"{count} {kind}" for kind, count in counts.items()))
    click.echo("note: people new to this server have no password yet: an administrator sets one")
