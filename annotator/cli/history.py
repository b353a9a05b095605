"""`annotator audit export`, `annotator backup` and `annotator restore`."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import LazyChoice, problems_to_exit, with_appcontext


def _load_imports() -> None:
    """What the commands use, imported when one runs (cli.common.with_appcontext calls this):
    `annotator --help` imports none of it."""
    global get_engine, get_session, copies, KINDS, AuditFilter, audit_rows, FORMATS, write_audit, project_service
    from ..db import get_engine, get_session
    from ..services.backup import copies
    from ..services.history.audit import KINDS, AuditFilter, audit_rows
    from ..services.history.audit_export import FORMATS, write_audit
    from ..services.team import projects as project_service


def register(main: click.Group) -> None:
    main.add_command(audit)
    main.add_command(backup)
    main.add_command(restore)


@click.group()
def audit() -> None:
    """The audit log: who changed what, and every sign-in."""


@audit.command("export")
@click.option("--project", "project_name", default=None, help="Only this project (and its members' sign-ins). "
              "Default: the whole log.")
@click.option("--format", "fmt", type=LazyChoice("annotator.services.history.audit_export:FORMATS"), default="csv", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Default: standard output.")
@click.option("--user", default=None, metavar="USERNAME")
@click.option("--document", default=None, metavar="EXTERNAL_ID")
@click.option("--kind", type=LazyChoice("annotator.services.history.audit:KINDS"), default=None)
@with_appcontext
@problems_to_exit
def audit_export(project_name, fmt, output, user, document, kind) -> None:
    """Export the audit log, oldest first, as CSV or JSONL."""
    session = get_session()
    project = project_service.get_project(session, project_name) if project_name else None
    rows = audit_rows(session, project, AuditFilter(user=user, document=document, kind=kind))
    if output is None:
        count = write_audit(rows, fmt, sys.stdout)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(output.name + ".part")
        try:
            with partial.open("w", encoding="utf-8", newline="") as target:
                count = write_audit(rows, fmt, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        partial.replace(output)
    click.echo(f"{count} events", err=True)


@click.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
@problems_to_exit
def backup(path: Path) -> None:
    """Copy the whole database to PATH while it serves (SQLite backup API, or pg_dump; a logical
    backup of every table where pg_dump is missing or older than the server)."""
    done = copies.backup(get_engine(), path)
    if done.why:
        click.echo(f"a logical backup, not pg_dump: {done.why}", err=True)
    click.echo(f"wrote {done.path} ({done.kind}, {done.size} bytes)")


@click.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
@problems_to_exit
def restore(path: Path) -> None:
    """Restore a backup from PATH onto this empty database (a database with any rows is refused)."""
    done = copies.restore(get_engine(), path)
    rows = ", ".join(f"{name}: {count}" for name, count in done.rows.items() if count)
    click.echo(f"restored {done.path} ({done.kind}): {rows or 'no rows'}")
    click.echo("run `annotator init` next if the backup comes from an older version: it migrates the schema")
