"""A whole project out of one server and into another (``annotator export --format jsonl --whole``
and ``annotator import-project``), SQLite to PostgreSQL included, with nothing lost.

The file is JSONL: a header naming the format and the project, the people it refers to, then
every row of every table of the project in the order of ``whole_tables.TABLES``. Reading is all
or nothing, in one transaction: a line that does not read, a field missing or unknown, a
reference to a row the file has not given, and nothing is kept.
"""
from __future__ import annotations

import json
import secrets
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, BinaryIO

from sqlalchemy import Date, DateTime, Table, bindparam, insert, select, union, update
from sqlalchemy.orm import Session

from ...errors import Conflict, Invalid, Phrase, Plural
from ...models import Actor, Adjudication, AnnotationSet, Document, Project, SchemeVersion, Stance, User
from ..events import record_event
from ..team.users import hash_password
from ..tx import transaction
from .whole_tables import (
    ADDED_IN_2, FORMAT, KEYS, READABLE_VERSIONS, TABLES, USER_COLUMNS, VERSION, TableSpec, carried_columns,
    field_name, references,
)

LISTED_ERRORS = 50


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (datetime, date)) else value


def _project_columns():
    """Every column of the project but its id and its current scheme (a version number, below)."""
    return [c for c in Project.__table__.columns if c.name not in ("id", "current_scheme_id")]


def _scope(spec: TableSpec, project: Project):
    """The rows of a table that belong to the project."""
    columns = spec.table.c
    documents = select(Document.id).where(Document.project_id == project.id)
    if "project_id" in columns:
        return columns.project_id == project.id
    if "document_id" in columns:
        return columns.document_id.in_(documents)
    if "adjudication_id" in columns:
        return columns.adjudication_id.in_(select(Adjudication.id).where(Adjudication.document_id.in_(documents)))
    if "set_id" in columns:
        return columns.set_id.in_(select(AnnotationSet.id).where(AnnotationSet.document_id.in_(documents)))
    if "actor_id" in columns:
        return columns.actor_id.in_(select(Actor.id).where(Actor.project_id == project.id))
    stances = select(Stance.id).join(AnnotationSet).where(AnnotationSet.document_id.in_(documents))
    return columns.stance_id.in_(stances)


def _key(table: str, row: dict, keys: dict[str, dict], place: int) -> Any:
    """The key a row is referred to by in the file: its public id unless KEYS says otherwise, and
    for a table with neither (events: an undo names the change it reverts) its place in the file."""
    if table not in KEYS and "public_id" not in row:
        return place
    columns = KEYS.get(table, ("public_id",))
    values = [keys[ref][row[c]] if c.endswith("_id") and (ref := _ref_table(table, c)) else row.get(c)
              for c in columns]
    return values[0] if len(values) == 1 else values


def _ref_table(table: str, column: str) -> str | None:
    return {"paragraphs": {"document_id": "documents"}, "actor_aliases": {"actor_id": "actors"}}.get(table, {}).get(column)


def whole_records(session: Session, project: Project) -> Iterator[dict]:
    current = session.get(SchemeVersion, project.current_scheme_id)
    yield {"type": "header", "format": FORMAT, "version": VERSION,
           "project": {**{c.name: _jsonable(getattr(project, c.key)) for c in _project_columns()},
                       "current_scheme": current.version if current else None}}
    keys: dict[str, dict] = {"users": {}}
    # Everyone any carried row names: members, authors of events, scheme versions, sets, decisions.
    referring = [select(spec.table.c[column]).where(_scope(spec, project))
                 for spec in TABLES for column, table in references(spec).items() if table == "users"]
    user_ids = {i for i in session.scalars(union(*referring)) if i is not None}
    for user in session.scalars(select(User).where(User.id.in_(user_ids)).order_by(User.username)):
        keys["users"][user.id] = user.username
        yield {"type": "user", **{c: _jsonable(getattr(user, c)) for c in USER_COLUMNS}}
    for spec in TABLES:
        table, refs = spec.table.name, references(spec)
        rows = [dict(r) for r in session.execute(
            select(spec.table).where(_scope(spec, project)).order_by(*spec.table.primary_key.columns)).mappings()]
        if "id" in spec.table.c:
            keys[table] = {}
            for place, row in enumerate(rows):  # all keys first: an actor may point to another actor
                keys[table][row["id"]] = _key(table, row, keys, place)
        for row in rows:
            record = {"type": spec.kind}
            for column in carried_columns(spec):
                value = row[column]
                if column in refs:
                    record[field_name(column)] = None if value is None else keys[refs[column]].get(value)
                else:
                    record[column] = _jsonable(value)
            yield record


def write_whole(target: BinaryIO, session: Session, project: Project) -> dict[str, int]:
    counts: Counter = Counter()
    for record in whole_records(session, project):
        target.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n")
        counts[record["type"]] += 1
    return dict(counts)


class _Errors(list):
    def add(self, line: int, field: str, message: str) -> None:
        self.append(f"line {line}: {field}: {message}")

    def refuse(self) -> None:
        if self:
            listed = "\n".join(f"  {e}" for e in self[:LISTED_ERRORS])
            more = Phrase("\n  ... and {count} more", count=len(self) - LISTED_ERRORS) if len(self) > LISTED_ERRORS else ""
            raise Invalid(Plural("{count} error(s), nothing was imported:\n{listed}{more}",
                                 "{count} error(s), nothing was imported:\n{listed}{more}", len(self), listed=listed,
                                 more=more), None)


def _read(lines: Iterable[bytes], errors: _Errors) -> tuple[dict | None, dict[str, list[tuple[int, dict]]]]:
    header, by_kind = None, {kind: [] for kind in ("user", *(s.kind for s in TABLES))}
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.decode("utf-8").removeprefix("\ufeff"))
        except (UnicodeDecodeError, ValueError) as exc:
            errors.add(number, "_line", f"not a JSON line ({exc})")
            continue
        kind = record.get("type") if isinstance(record, dict) else None
        if number == 1 or header is None:
            if kind != "header" or record.get("format") != FORMAT or record.get("version") not in READABLE_VERSIONS:
                errors.add(number, "header", f"the file must begin with a header of format '{FORMAT}', version "
                                             f"{VERSION} (annotator export --format jsonl --whole)")
                return None, by_kind
            header = record
        elif kind not in by_kind:
            errors.add(number, "type", f"unknown record type {kind!r}")
        else:
            by_kind[kind].append((number, record))
    return header, by_kind


def import_project(session: Session, lines: Iterable[bytes], *, name: str | None = None,
                   user: User | None = None) -> dict[str, int]:
    errors = _Errors()
    header, by_kind = _read(lines, errors)
    errors.refuse()
    about = header.get("project") or {}
    name = name or about.get("name")
    if not name:
        raise Invalid("the header names no project: give --name", "name")
    with transaction(session):
        if session.scalar(select(Project.id).where(Project.name == name)) is not None:
            raise Conflict(Phrase("a project named '{name}' is already here (import with --name NEW)", name=name), "name")
        if session.scalar(select(Project.id).where(Project.public_id == about.get("public_id"))) is not None:
            raise Conflict("this project is already on this server (same public id): a whole file moves a project "
                           "to another server", "project")
        project = Project(**{c.key: _parse(c.type, about[c.name]) for c in _project_columns() if c.name in about})
        project.name = name
        session.add(project)
        session.flush()
        ids = {"users": _users(session, by_kind["user"], errors)}
        counts = Counter(users=len(by_kind["user"]))
        later: list[_SelfReference] = []
        optional = ADDED_IN_2 if header.get("version") == 1 else {}
        for spec in TABLES:
            rows = [_row(spec, number, record, ids, project, errors, later, place, optional.get(spec.kind, ()))
                    for place, (number, record) in enumerate(by_kind[spec.kind])]
            errors.refuse()
            _insert(session, spec, rows, ids)
            counts[spec.kind] = len(rows)
        _fill_self_references(session, later, ids, errors)
        errors.refuse()
        project.current_scheme_id = ids["scheme_versions"].get(about.get("current_scheme"))
        record_event(session, action="project.import", entity="project", entity_id=project.public_id,
                     user_id=user.id if user else None, project_id=project.id, after={"rows": dict(counts)})
        session.flush()
    return {kind: count for kind, count in counts.items() if count}


def _users(session: Session, records: list[tuple[int, dict]], errors: _Errors) -> dict:
    found = {}
    for number, record in records:
        username = record.get("username")
        existing = session.scalar(select(User).where(User.username == username))
        if existing is None:
            # A password nobody knows: an administrator sets one before the person logs in here.
            public_id = record.get("public_id")
            if session.scalar(select(User.id).where(User.public_id == public_id)) is not None:
                public_id = str(uuid.uuid4())
            existing = User(public_id=public_id, username=username, display_name=record.get("display_name") or "",
                            is_admin=bool(record.get("is_admin")), is_active=bool(record.get("is_active", True)),
                            created_at=_parse(DateTime(), record.get("created_at")),
                            password_hash=hash_password(secrets.token_urlsafe(24)), session_token=str(uuid.uuid4()))
            session.add(existing)
            session.flush()
        found[username] = existing.id
    return found


def _parse(kind, value):
    if value is None or not isinstance(value, str):
        return value
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(value.removesuffix("Z"))
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    return value


@dataclass(frozen=True)
class _SelfReference:
    """A reference to a row of the same table (an actor merged into another, an undo's event),
    filled in once the whole table is in."""

    spec: TableSpec
    column: str
    line: int
    key: Any  # the row's own key in the file
    target: Any  # the key of the row it points to


def _row(spec: TableSpec, number: int, record: dict, ids: dict, project: Project, errors: _Errors,
         later: list[_SelfReference], place: int, optional: Iterable[str] = ()) -> dict:
    refs, row = references(spec), {}
    expected = {"type"}
    for column in carried_columns(spec):
        name = field_name(column) if column in refs else column
        expected.add(name)
        if name not in record and name not in optional:
            errors.add(number, f"{spec.kind}.{name}", "missing")
            continue
        value = record.get(name)
        if column in refs and value is not None:
            if refs[column] == spec.table.name:
                later.append(_SelfReference(spec, column, number, _file_key(spec, record, place), value))
                value = None
            else:
                key = tuple(value) if isinstance(value, list) else value
                if key not in ids.get(refs[column], {}):
                    errors.add(number, f"{spec.kind}.{name}", f"no {refs[column]} row {value!r} earlier in the file")
                    continue
                value = ids[refs[column]][key]
        row[column] = _parse(spec.table.c[column].type, value)
    for unknown in sorted(set(record) - expected):
        errors.add(number, f"{spec.kind}.{unknown}", "unknown field")
    if "project_id" in spec.table.c:
        row["project_id"] = project.id
    if spec.kind == "set" and row.get("owner_kind") == "user":
        row["owner_key"] = f"user:{row.get('user_id')}"  # the person's id on this server
    row["_key"] = _file_key(spec, record, place)
    return row


def _file_key(spec: TableSpec, record: dict, place: int) -> Any:
    if spec.table.name not in KEYS and "public_id" not in spec.table.c:
        return place
    columns = KEYS.get(spec.table.name, ("public_id",))
    values = [record.get(field_name(c) if _ref_table(spec.table.name, c) else c) for c in columns]
    return values[0] if len(values) == 1 else tuple(values)


def _insert(session: Session, spec: TableSpec, rows: list[dict], ids: dict) -> None:
    keys = [row.pop("_key") for row in rows]
    if not rows:
        ids[spec.table.name] = {}
        return
    if "id" not in spec.table.c:
        session.execute(insert(spec.table), rows)
        return
    new_ids = session.scalars(insert(spec.table).returning(spec.table.c.id, sort_by_parameter_order=True), rows).all()
    ids[spec.table.name] = dict(zip(keys, new_ids))


def _fill_self_references(session: Session, later: list[_SelfReference], ids: dict, errors: _Errors) -> None:
    by_column: dict[tuple[Table, str], list[dict]] = {}
    for ref in later:
        table, name = ref.spec.table, f"{ref.spec.kind}.{field_name(ref.column)}"
        target = tuple(ref.target) if isinstance(ref.target, list) else ref.target
        if target not in ids[table.name]:
            errors.add(ref.line, name, f"no {table.name} row {ref.target!r} in the file")
            continue
        by_column.setdefault((table, ref.column), []).append(
            {"row_id": ids[table.name][ref.key], "points_to": ids[table.name][target]})
    errors.refuse()
    for (table, column), values in by_column.items():
        session.execute(update(table).where(table.c.id == bindparam("row_id"))
                        .values({column: bindparam("points_to")}), values)
