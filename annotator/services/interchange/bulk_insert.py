"""Many rows into one table, the fastest way each database offers."""
from __future__ import annotations

from sqlalchemy import JSON, Boolean, Table, text
from sqlalchemy.orm import Session

from ... import json_text


def bulk_insert(session: Session, table: Table, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Rows (tuples in ``columns`` order) into ``table`` by the fastest way the database offers:
    COPY on PostgreSQL (one round trip per table, where an INSERT per row took minutes for
    100,000 articles on a busy server); on SQLite, the driver's executemany, which is C, with
    SQLAlchemy's type processing done here for the few typed columns."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    names = ", ".join(map(dialect.identifier_preparer.quote, columns))
    json_columns = [i for i, name in enumerate(columns) if isinstance(table.c[name].type, JSON)]
    if dialect.name == "postgresql":
        from psycopg.types.json import Json

        cursor = connection.connection.dbapi_connection.cursor()
        with cursor.copy(f"COPY {dialect.identifier_preparer.quote(table.name)} ({names}) FROM STDIN") as copy:
            for row in rows:
                if json_columns:
                    row = list(row)
                    for i in json_columns:
                        row[i] = Json(row[i])  # None too: JSON null, as SQLAlchemy stores it
                copy.write_row(row)
        return
    # Dates and JSON as SQLAlchemy would store them (sqlite3 takes booleans as they are; JSON is
    # json.dumps's text, None included, by an encoder made once), converted column by column
    # (zip transposes in C); a value repeated from the row before (every row's "now") is
    # converted once, and a column holding one object throughout is not walked at all.
    typed = [(i, json_text.dumps if i in json_columns else process) for i, name in enumerate(columns)
             if not isinstance(table.c[name].type, Boolean)
             and (process := table.c[name].type.dialect_impl(dialect).bind_processor(dialect)) is not None]
    if typed:
        values = list(zip(*rows))
        for i, process in typed:
            values[i] = _converted(values[i], process)
        rows = list(zip(*values))
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO {dialect.identifier_preparer.quote(table.name)} ({names}) VALUES ({', '.join([marker] * len(columns))})"
    connection.exec_driver_sql(sql, rows)


def _converted(column: tuple, process) -> list:
    if len(set(map(id, column))) == 1:  # one object throughout (identity: equal dicts may differ in order)
        return [process(column[0])] * len(column)
    last, converted, out = object(), None, []
    for value in column:
        if value is not last:
            last, converted = value, process(value)
        out.append(converted)
    return out


def reserve_ids(session: Session, table: Table, count: int) -> list[int]:
    """``count`` new primary keys of ``table``, so that its rows go in with their ids known and
    the rows that point at them need no query back (INSERT ... RETURNING took most of a
    100,000-article import's time, reading the paragraphs' ids back a fifth of a small one's).

    PostgreSQL: from the table's sequence. SQLite: after the largest id, as SQLite itself would
    number them (the tables have no AUTOINCREMENT). That is safe inside a write transaction:
    SQLite lets one transaction write at a time, and one that read before another writer
    committed cannot write at all (it fails as busy), so no other row can take these ids."""
    if count <= 0:
        return []
    if session.get_bind().dialect.name != "postgresql":
        last = session.scalar(text(f"SELECT coalesce(max(id), 0) FROM {table.name}"))
        return list(range(last + 1, last + 1 + count))
    return list(session.scalars(
        text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)"),
        {"table": table.name, "count": count}))
