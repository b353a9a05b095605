"""A logical backup: every table of the app, row by row, through SQLAlchemy.

What `annotator backup` writes on PostgreSQL when no usable ``pg_dump`` is there (missing, or
older than the server, which pg_dump refuses to dump), or when ``ANNOTATOR_BACKUP_METHOD=logical``
asks for it. The same idea as ``pg_dump --data-only --inserts``, in the app's own terms:

- one consistent moment: every table is read in one REPEATABLE READ, READ ONLY transaction (one
  snapshot on PostgreSQL; on SQLite one read transaction does the same);
- the file is gzip-compressed JSON lines: a header naming the format, the schema's Alembic
  revision and each table's columns, then one line per row ``[table number, [values...]]``;
  dates and times as ISO 8601 text, read back by their column's type;
- restore creates the schema at the backup's revision (Alembic), inserts the rows in foreign-key
  order in one transaction (all or nothing); a key that closes a cycle (a project's current
  scheme version, itself the project's) is left empty at first and set once every row is in;
  then PostgreSQL's id sequences move past the highest id, so new rows do not collide.

It carries the app's tables and nothing else (no roles, grants or extensions, as pg_dump
``--no-owner --no-privileges`` does not either).
"""
from __future__ import annotations

import gzip
import json
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Date, DateTime, Engine, insert, select, text, update

from ... import migrate
from ...errors import Invalid, Phrase
from ...models import Base

FORMAT = "annotator-logical-backup"
VERSION = 1
GZIP_MAGIC = b"\x1f\x8b"
BATCH = 1000


def _encode(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to a logical backup")


def dump(engine: Engine, partial: Path) -> None:
    tables = Base.metadata.sorted_tables
    with engine.connect() as conn, gzip.open(partial, "wt", encoding="utf-8", compresslevel=6) as out:
        if engine.url.get_backend_name() == "postgresql":
            conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        else:
            conn.exec_driver_sql("BEGIN")  # SQLite: the first read pins the snapshot for the rest
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        header = {"format": FORMAT, "version": VERSION, "alembic": revision,
                  "tables": [[t.name, [c.name for c in t.columns]] for t in tables]}
        out.write(json.dumps(header) + "\n")
        for number, table in enumerate(tables):
            rows = conn.execution_options(yield_per=BATCH).execute(
                select(table).order_by(*table.primary_key.columns))
            for row in rows:
                out.write(json.dumps([number, list(row)], default=_encode, ensure_ascii=False) + "\n")
        conn.rollback()


def is_logical(path: Path) -> bool:
    with path.open("rb") as file:
        if file.read(2) != GZIP_MAGIC:
            return False
    try:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            return json.loads(lines.readline()).get("format") == FORMAT
    except (OSError, ValueError, AttributeError):
        return False


def _decoders(table) -> list:
    def of(column):
        if isinstance(column.type, DateTime):
            return lambda v: None if v is None else datetime.fromisoformat(v)
        if isinstance(column.type, Date):
            return lambda v: None if v is None else date.fromisoformat(v)
        return None
    return [of(c) for c in table.columns]


def load(engine: Engine, path: Path) -> None:
    """Onto an empty database (the caller checked): the schema at the backup's revision, then the rows."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        header = json.loads(lines.readline())
        if header.get("version") != VERSION:
            raise Invalid(Phrase("{path} is a logical backup of version {version}; this app reads version {ours}",
                                 path=str(path), version=header.get("version"), ours=VERSION), "path")
        ours = {t.name: t for t in Base.metadata.sorted_tables}
        known = [(ours.get(name), columns) for name, columns in header["tables"]]
        for (table, columns), (name, _cols) in zip(known, header["tables"]):
            if table is None or columns != [c.name for c in table.columns]:
                raise Invalid(Phrase("{path}: table {table} does not match this version's schema (the backup is at "
                                     "revision {revision}, this app at {head})", path=str(path), table=name,
                                     revision=header["alembic"], head=migrate.head_revision()), "path")
        engine.dispose()
        migrate.upgrade(engine, header["alembic"] or "head")
        decoders = [_decoders(table) for table, _columns in known]
        cycles = [_cycle_columns(table) for table, _columns in known]
        later: list[tuple[int, dict, dict]] = []  # (table, its key, the cycle's columns) set at the end
        with engine.begin() as conn:
            batch, batch_table = [], None
            for line in lines:
                number, values = json.loads(line)
                if number != batch_table or len(batch) >= BATCH:
                    _flush(conn, known, batch_table, batch)
                    batch, batch_table = [], number
                table, columns = known[number]
                row = {c: (f(v) if f else v) for c, v, f in zip(columns, values, decoders[number])}
                if cycles[number] and any(row[c] is not None for c in cycles[number]):
                    later.append((number, {c.name: row[c.name] for c in table.primary_key.columns},
                                  {c: row[c] for c in cycles[number]}))
                    row.update(dict.fromkeys(cycles[number]))
                batch.append(row)
            _flush(conn, known, batch_table, batch)
            for number, key, values in later:
                table = known[number][0]
                conn.execute(update(table).where(*(table.c[k] == v for k, v in key.items())).values(values))
            if engine.url.get_backend_name() == "postgresql":
                _move_sequences(conn)


def _cycle_columns(table) -> list[str]:
    """The columns of foreign keys made after both tables (``use_alter``): they close a cycle."""
    return [c.name for fk in table.foreign_key_constraints if fk.use_alter for c in fk.columns]


def _flush(conn, known, number, batch) -> None:
    if batch:
        conn.execute(insert(known[number][0]), batch)


def _move_sequences(conn) -> None:
    for table in Base.metadata.sorted_tables:
        for column in table.primary_key.columns:
            sequence = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                    {"t": table.name, "c": column.name}).scalar()
            if sequence:
                conn.execute(text(f'SELECT setval(:s, COALESCE((SELECT MAX("{column.name}") FROM "{table.name}"), 0) + 1, false)'),
                             {"s": sequence})
