"""Back up and restore the database.

SQLite: the online backup API (``sqlite3.Connection.backup``) copies the pages in one step
inside a read transaction, so the copy is one consistent moment even while workers write (WAL
lets them go on). PostgreSQL: ``pg_dump`` in its custom format (a consistent snapshot, taken
without stopping anyone), restored with ``pg_restore`` in one transaction; the client must be
the server's major version or newer, which is checked first. Where no such pg_dump is there
(missing, or older than the server), the backup is a logical one instead (backup.logical: every
table through SQLAlchemy in one snapshot) and says why; ``ANNOTATOR_BACKUP_METHOD`` =
``pg_dump`` refuses instead, ``logical`` always takes the logical way. Either way the copy is
written beside its final name and renamed, so a half-written backup never carries the name.

Restore goes only onto an empty database (no rows in any of the app's tables): never over work.
"""
from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, inspect, select

from ...errors import Conflict, Invalid, NotFound, Phrase
from ...models import Base
from . import logical

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


@dataclass(frozen=True)
class Copied:
    path: Path
    kind: str  # "sqlite", "pg_dump" or "logical"
    size: int
    rows: dict[str, int]  # the app's tables and their row counts (restore only; empty for a backup)
    why: str | None = None  # why a logical backup was taken instead of pg_dump


def backup(engine: Engine, path: Path) -> Copied:
    partial = path.with_name(path.name + ".part")
    path.parent.mkdir(parents=True, exist_ok=True)
    method, why = _method(engine)
    try:
        if method == "logical":
            logical.dump(engine, partial)
        elif method == "sqlite":
            _sqlite_backup(engine, partial)
        else:
            _pg_dump(engine, partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(path)
    return Copied(path, method, path.stat().st_size, {}, why)


METHODS = ("auto", "pg_dump", "logical")


def _method(engine: Engine) -> tuple[str, str | None]:
    """How to back up: the native way, or the logical one (and why) where pg_dump cannot."""
    asked = os.environ.get("ANNOTATOR_BACKUP_METHOD") or "auto"
    if asked not in METHODS:
        raise Invalid(Phrase("ANNOTATOR_BACKUP_METHOD is '{method}' (expected one of {choices})", ", ", method=asked,
                             choices=list(METHODS)),
                      "ANNOTATOR_BACKUP_METHOD")
    if asked == "logical":
        return "logical", "asked for by ANNOTATOR_BACKUP_METHOD"
    if engine.url.get_backend_name() == "sqlite":
        return "sqlite", None
    if asked == "pg_dump":
        return "pg_dump", None  # and refuse, by name, when it is missing or too old
    try:
        check_versions(engine, _tool("pg_dump"))
    except Invalid as exc:
        return "logical", exc.message
    return "pg_dump", None


def restore(engine: Engine, path: Path) -> Copied:
    if not path.is_file():
        raise NotFound(Phrase("no backup file at {path}", path=str(path)), "path")
    rows = row_counts(engine)
    if any(rows.values()):
        filled = ", ".join(f"{name}: {count}" for name, count in rows.items() if count)
        raise Conflict(Phrase("the database is not empty ({tables}): restore only onto an empty database", tables=filled),
                       "database")
    with path.open("rb") as file:
        head = file.read(16)
    if logical.is_logical(path):
        logical.load(engine, path)
        kind = "logical"
    elif engine.url.get_backend_name() == "sqlite":
        if not head.startswith(SQLITE_MAGIC):
            raise Invalid(Phrase("{path} is not a SQLite backup (this database is SQLite)", path=str(path)), "path")
        _sqlite_restore(engine, path)
        kind = "sqlite"
    else:
        if not head.startswith(PG_MAGIC):
            raise Invalid(Phrase("{path} is not a pg_dump custom-format backup (this database is PostgreSQL)", path=str(path)),
                          "path")
        _pg_restore(engine, path)
        kind = "pg_dump"
    engine.dispose()  # connections opened before the restore saw the empty database
    return Copied(path, kind, path.stat().st_size, row_counts(engine))


def row_counts(engine: Engine) -> dict[str, int]:
    """The app's tables and their rows; a table not created yet counts as empty."""
    present = set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        return {table.name: (conn.execute(select(func.count()).select_from(table)).scalar_one()
                             if table.name in present else 0)
                for table in Base.metadata.sorted_tables}


# --- SQLite -----------------------------------------------------------------------------------

def _sqlite_file(engine: Engine) -> str:
    database = engine.url.database
    if not database or database == ":memory:":
        raise Invalid("an in-memory SQLite database cannot be backed up or restored", "database")
    return database


def _sqlite_backup(engine: Engine, partial: Path) -> None:
    source = sqlite3.connect(_sqlite_file(engine), timeout=30)
    target = sqlite3.connect(partial)
    try:
        with target:
            source.backup(target)  # all pages in one step: one consistent moment
        # A single file, readable alone: the copy does not keep the live database's WAL mode.
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()
        source.close()


def _sqlite_restore(engine: Engine, path: Path) -> None:
    engine.dispose()
    source = sqlite3.connect(path)
    target = sqlite3.connect(_sqlite_file(engine), timeout=30)
    try:
        with target:
            source.backup(target)
        target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        target.close()
        source.close()


# --- PostgreSQL -------------------------------------------------------------------------------

def _libpq_url(engine: Engine) -> str:
    """The database as libpq tools take it (no SQLAlchemy driver suffix)."""
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def _tool(name: str) -> str:
    # ANNOTATOR_PG_BIN: the folder of a pg_dump matching the server, where the one on PATH is older.
    folder = os.environ.get("ANNOTATOR_PG_BIN")
    found = str(Path(folder) / name) if folder else shutil.which(name)
    if not found or not Path(found).exists():
        raise Invalid(Phrase("{tool} is not installed (install the PostgreSQL client, or set ANNOTATOR_PG_BIN)", tool=name),
                      "pg_dump")
    return found


def client_major(tool: str) -> int:
    out = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(match.group(1))


def server_major(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.exec_driver_sql("SHOW server_version_num").scalar_one()) // 10000


def check_versions(engine: Engine, tool: str) -> None:
    client, server = client_major(tool), server_major(engine)
    if client < server:
        raise Invalid(Phrase("{tool} is version {client} but the server is {server}: a dump needs a client of the "
                             "server's version or newer (set ANNOTATOR_PG_BIN to its folder)", tool=Path(tool).name,
                             client=client, server=server), "pg_dump")


def _run(command: list[str], what: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise Invalid(Phrase("{command} failed: {output}", command=what, output=done.stderr.strip() or done.returncode),
                      "database")


def _pg_dump(engine: Engine, partial: Path) -> None:
    tool = _tool("pg_dump")
    check_versions(engine, tool)
    _run([tool, "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}",
          f"--dbname={_libpq_url(engine)}"], "pg_dump")


def _pg_restore(engine: Engine, path: Path) -> None:
    tool = _tool("pg_restore")
    check_versions(engine, tool)
    engine.dispose()
    # --clean drops the empty tables `annotator init` may have made; one transaction: all or nothing.
    _run([tool, "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
          "--exit-on-error", f"--dbname={_libpq_url(engine)}", str(path)], "pg_restore")
