"""Write a checked interchange file into a project, inside the caller's transaction.

Everything the file gives is kept as given (statuses, times, origins), so that an export imported
into an empty project exports the same again. Missing times become now.
"""
from __future__ import annotations

import secrets
import uuid
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from ...domain.text import content_hash
from ...export.jsonl_checks import Owner
from ...export.jsonl_reader import InterchangeFile, Record
from ...models import (
    Actor, ActorAlias, AdjudicatorNote, AnnotationSet, Document, Event, FrameChoice, Link, Membership, Paragraph, Project, Span,
    Stance, StanceEvidence, User, new_public_id, utcnow,
)
from ..events import event_row, record_event
from ..team.users import hash_password
from .bulk_insert import bulk_insert
from .gold_import import write_adjudications, write_notes

if TYPE_CHECKING:
    from .annotations_import import ImportPlan

ID_CHUNK = 900  # values in one IN (...): below SQLite's old limit of 999 parameters



def write_interchange(session: Session, project: Project, parsed: InterchangeFile, plan: ImportPlan, *,
                      model_name: str | None, user: User | None) -> dict[str, int]:
    counts = Counter()
    by = user.id if user else None
    _create_users(session, plan, counts, by)
    _add_memberships(session, project, plan, counts, by)
    actor_ids = _actors(session, project, parsed, plan, counts)
    documents = _documents(session, project, parsed, plan, counts)
    writer = _AnnotationWriter(session, project, parsed, plan, documents, actor_ids)
    sets = writer.sets()
    spans = writer.spans()
    writer.links(spans)
    writer.stances(spans)
    writer.frames()
    writer.span_notes()
    counts.update(writer.counts)
    counts.update(write_notes(session, parsed, writer))
    counts.update(write_adjudications(session, project, parsed, plan, writer))
    _bookkeeping(session, project, parsed, sets, documents, counts, by, model_name)
    return {kind: count for kind, count in counts.items() if count}


@dataclass
class _SetRow:
    """What the rest of the import needs of a set once it is written."""

    id: int
    public_id: str
    owner_key: str
    status: str


@dataclass
class _DocumentRow:
    id: int
    external_id: str
    paragraph_ids: list[int]
    texts: list[str]


def _insert_returning_ids(session: Session, model, rows: list[dict], key: tuple[str, ...] = ("public_id",)
                          ) -> list[int]:
    """The ids of rows inserted in one executemany, in the rows' order, read back by their key.

    Not INSERT ... RETURNING: to keep the rows' order it sends one statement per row on SQLite,
    and an import of 20,000 spans would be 20,000 round trips."""
    if not rows:
        return []
    _insert(session, model, rows)
    table = model.__table__
    found: dict[tuple, int] = {}
    first = table.c[key[0]]
    values = list(dict.fromkeys(row[key[0]] for row in rows))
    for at in range(0, len(values), ID_CHUNK):
        for row in session.connection().execute(select(table.c.id, *(table.c[k] for k in key))
                                                .where(first.in_(values[at:at + ID_CHUNK]))):
            found[tuple(row[1:])] = row[0]
    return [found[tuple(row[k] for k in key)] for row in rows]


def _insert(session: Session, model, rows: list[dict]) -> None:
    """Rows with the same keys, naming every column that has a default: by the database's fastest
    way (COPY, or the driver's executemany), where SQLAlchemy's per-row parameter processing took a
    fifth of a 1,000-article import; any other rows through SQLAlchemy, which fills the defaults."""
    if not rows:
        return
    rows, table = _columns(model, rows), model.__table__
    columns = tuple(rows[0])
    if _names_every_default(table, columns) and all(len(row) == len(columns) for row in rows):
        try:
            values = [tuple(row[c] for c in columns) for row in rows]
        except KeyError:
            pass  # rows with other keys: SQLAlchemy sorts them out
        else:
            bulk_insert(session, table, columns, values)
            return
    session.connection().execute(insert(table), rows)


def _names_every_default(table, columns: tuple[str, ...]) -> bool:
    given = set(columns)
    return all(c.name in given or c.name == "id" or (c.nullable and c.default is None and c.server_default is None)
               for c in table.columns)


def _columns(model, rows: list[dict]) -> list[dict]:
    """Rows keyed by column name (a mapped attribute may be named otherwise: Document.meta)."""
    renamed = {attr.key: attr.columns[0].name for attr in model.__mapper__.column_attrs
               if attr.key != attr.columns[0].name}
    return [{renamed.get(k, k): v for k, v in row.items()} for row in rows] if renamed else rows


class _AnnotationWriter:
    """Sets, then spans (their ids returned), then what refers to spans; Core inserts throughout."""

    def __init__(self, session: Session, project: Project, parsed: InterchangeFile, plan: ImportPlan,
                 documents: dict[str, _DocumentRow], actor_ids: dict[str, int]):
        self.session, self.records, self.plan = session, parsed.records, plan
        self.documents, self.actor_ids = documents, actor_ids
        self.version, self.now, self.counts = project.current_scheme_id, utcnow(), Counter()
        self.set_rows: dict[str, _SetRow] = {}
        self.notes: list[dict] = []
        # Local id -> the new public id, by kind: what the adjudication records refer to.
        self.public_ids: dict[str, dict[str, str]] = {kind: {} for kind in ("span", "link", "stance", "frame")}

    def _remember(self, kind: str, local_ids, rows: list[dict]) -> None:
        self.public_ids[kind].update(zip(local_ids, (row["public_id"] for row in rows)))

    def _times(self, record: Record) -> dict:
        created = record["created_at"] or self.now
        times = {"created_at": created, "scheme_version_id": self.version}
        if "updated_at" in record:
            times["updated_at"] = record["updated_at"] or created
        return times

    def _paragraph_id(self, record: Record) -> int | None:
        document_id = self.records["set"][record["set"]]["document"]
        return None if record["paragraph"] is None else self.documents[document_id].paragraph_ids[record["paragraph"]]

    def sets(self) -> dict[str, _SetRow]:
        new: list[tuple[str, dict]] = []
        for sid, record in self.records["set"].items():
            owner: Owner = self.plan.owners[sid]
            user_id = self.plan.users[owner.name].id if owner.kind == "user" else None
            values = {"owner_kind": owner.kind, "user_id": user_id,
                      "model_name": owner.name if owner.kind == "model" else None,
                      "owner_key": {"user": f"user:{user_id}", "gold": "gold"}.get(owner.kind, f"model:{owner.name}"),
                      **{name: record[name] for name in ("status", "skip_reason", "assigned", "assigned_at",
                                                         "started_at", "done_at")},
                      "updated_at": record["updated_at"] or self.now}
            reused = self.plan.reused_sets.get(sid)
            if reused is not None:
                for name, value in values.items():
                    setattr(reused, name, value)
                self.set_rows[sid] = _SetRow(reused.id, reused.public_id, values["owner_key"], values["status"])
            else:
                new.append((sid, {"public_id": new_public_id(),
                                  "document_id": self.documents[record["document"]].id, **values}))
        self.session.flush()
        for (sid, row), set_id in zip(new, _insert_returning_ids(self.session, AnnotationSet, [r for _, r in new])):
            self.set_rows[sid] = _SetRow(set_id, row["public_id"], row["owner_key"], row["status"])
        self.counts["sets"] = len(self.set_rows)
        return self.set_rows

    def _origin(self, record: dict) -> str:
        """As the file says; else a model set's item is its suggestion, anyone else's an import."""
        return record.get("origin") or ("suggestion" if self.plan.owners[record["set"]].kind == "model" else "imported")

    def spans(self) -> dict[str, int]:
        rows, keys = [], []
        for span_id, found in self.records["span"].items():
            record = found.data  # the dict itself: 20,000 spans read a dozen fields each
            paragraph, start, end = self.plan.anchors[span_id]
            document = self.documents[self.records["set"][record["set"]]["document"]]
            target = record["target_actor"]
            rows.append({
                "public_id": new_public_id(), "set_id": self.set_rows[record["set"]].id,
                "paragraph_id": document.paragraph_ids[paragraph], "layer": record["layer"],
                "label": record["label"], "start": start, "end": end, "text": document.texts[paragraph][start:end],
                "attributes": dict(record["attributes"]),
                "origin": self._origin(record),
                "target_actor_id": self.actor_ids[target] if target else None,
                "target_polarity": record["target_polarity"], "version": 1, **self._times(record)})
            keys.append(span_id)
        ids = dict(zip(keys, _insert_returning_ids(self.session, Span, rows)))
        self._remember("span", keys, rows)
        self.counts["spans"] = len(ids)
        # A span's note (brat's AnnotatorNotes) goes where annotators' notes on spans live: for the adjudicator.
        # Our own JSONL also writes it as a note record, which write_notes keeps: one copy, not two.
        noted = {record["item"] for record in self.records.get("note", {}).values() if record["target"] == "span"}
        self.notes = [{"public_id": new_public_id(), "set_id": row["set_id"], "target_kind": "span",
                       "target_id": row["public_id"], "text": self.records["span"][key].data["note"],
                       "created_at": row["created_at"], "updated_at": row.get("updated_at", row["created_at"])}
                      for key, row in zip(keys, rows)
                      if self.records["span"][key].data.get("note") and key not in noted]
        return ids

    def links(self, spans: dict[str, int]) -> None:
        rows = [{"public_id": new_public_id(), "set_id": self.set_rows[record["set"]].id,
                 "source_span_id": spans[record["source"]], "target_span_id": spans[record["target"]],
                 "link_type": record["link_type"], "version": 1, **self._times(record)}
                for record in (found.data for found in self.records["link"].values())]
        _insert(self.session, Link, rows)
        self._remember("link", self.records["link"], rows)
        self.counts["links"] = len(rows)

    def stances(self, spans: dict[str, int]) -> None:
        records = list(self.records["stance"].values())
        rows = [{"public_id": new_public_id(), "set_id": self.set_rows[record["set"]].id,
                 "actor_id": self.actor_ids[record["actor"]], "paragraph_id": self._paragraph_id(record),
                 "value": record["value"], "intensity": record["intensity"], "holder": record["holder"],
                 "origin": self._origin(record.data), "version": 1, **self._times(record)} for record in records]
        self._remember("stance", self.records["stance"], rows)
        evidence = [{"stance_id": stance_id, "span_id": spans[span_id]}
                    for record, stance_id in zip(records, _insert_returning_ids(self.session, Stance, rows))
                    for span_id in dict.fromkeys(record["evidence"])]
        _insert(self.session, StanceEvidence, evidence)
        self.counts["stances"] = len(rows)

    def frames(self) -> None:
        rows = [{"public_id": new_public_id(), "set_id": self.set_rows[record["set"]].id, "frame": record["frame"],
                 "is_primary": record["primary"], "paragraph_id": self._paragraph_id(record),
                 "origin": self._origin(record.data), **self._times(record)}
                for record in self.records["frame"].values()]
        _insert(self.session, FrameChoice, rows)
        self._remember("frame", self.records["frame"], rows)
        self.counts["frames"] = len(rows)

    def span_notes(self) -> None:
        _insert(self.session, AdjudicatorNote, self.notes)
        self.counts["notes"] = len(self.notes)


def _create_users(session: Session, plan: ImportPlan, counts: Counter, by: int | None) -> None:
    for username in [name for name, found in plan.users.items() if found is None]:
        # A random password nobody knows: an administrator sets a real one before the person logs in.
        user = User(username=username, display_name=username, password_hash=hash_password(secrets.token_urlsafe(24)),
                    session_token=str(uuid.uuid4()))
        session.add(user)
        session.flush()
        plan.users[username] = user
        counts["users"] += 1
        record_event(session, action="user.create", entity="user", entity_id=user.public_id, user_id=by,
                     after={"username": username, "is_admin": False, "source": "import-annotations"})


def _add_memberships(session: Session, project: Project, plan: ImportPlan, counts: Counter, by: int | None) -> None:
    """Whoever owns a set in the project becomes an annotator of it, unless they already have a role."""
    members = set(session.scalars(select(Membership.user_id).where(Membership.project_id == project.id)))
    for user in plan.users.values():
        if user.is_admin or user.id in members:
            continue
        session.add(Membership(project_id=project.id, user_id=user.id, role="annotator"))
        counts["memberships"] += 1
        record_event(session, action="member.set", entity="membership", entity_id=user.public_id, user_id=by,
                     project_id=project.id, after={"user": user.username, "role": "annotator"})


def _actors(session: Session, project: Project, parsed: InterchangeFile, plan: ImportPlan, counts: Counter) -> dict[str, int]:
    ids = {}
    for actor_id, record in parsed.records["actor"].items():
        actor = plan.actors[actor_id]
        if actor is None:
            actor = Actor(project_id=project.id, canonical_name=record["name"], kind=record["kind"],
                          status=record["status"],
                          aliases=[ActorAlias(**alias) for alias in {a["text"]: a for a in record["aliases"]}.values()])
            session.add(actor)
            session.flush()
            counts["actors"] += 1
        ids[actor_id] = actor.id
    return ids


def _documents(session: Session, project: Project, parsed: InterchangeFile, plan: ImportPlan, counts: Counter
               ) -> dict[str, _DocumentRow]:
    documents: dict[str, _DocumentRow] = {}
    new = []
    for did, record in parsed.records["document"].items():
        stored = plan.documents[did]
        if stored is not None:
            paragraphs = plan.paragraphs[stored.id]
            documents[did] = _DocumentRow(stored.id, stored.external_id, [pid for pid, _ in paragraphs],
                                          [text for _, text in paragraphs])
            continue
        paragraphs = record["paragraphs"]
        new.append((did, record, {
            "public_id": new_public_id(), "project_id": project.id, "external_id": record["external_id"],
            "title": record["title"], "author": record["author"], "source_url": record["source_url"],
            "published_date": record["published_date"], "language": record["language"],
            "direction": record["direction"], "meta": record["metadata"], "revision": 0,
            "content_hash": record["content_hash"] or content_hash(record["title"],
                                                                   [p["text"] for p in paragraphs[1:]])}))
    document_ids = _insert_returning_ids(session, Document, [row for _, _, row in new])
    paragraph_rows = [{"document_id": document_id, **p} for (_, record, _), document_id in zip(new, document_ids)
                      for p in record["paragraphs"]]
    paragraph_ids = iter(_insert_returning_ids(session, Paragraph, paragraph_rows, key=("document_id", "index")))
    for (did, record, _), document_id in zip(new, document_ids):
        documents[did] = _DocumentRow(document_id, record["external_id"],
                                      [next(paragraph_ids) for _ in record["paragraphs"]],
                                      [p["text"] for p in record["paragraphs"]])
    counts["documents"] += len(new)
    return documents


def _bookkeeping(session: Session, project: Project, parsed: InterchangeFile, sets: dict[str, _SetRow],
                 documents: dict[str, _DocumentRow], counts: Counter, by: int | None, model_name: str | None) -> None:
    """Every document that received annotations changes revision (caches key on it); every set and
    the import as a whole leave an event."""
    touched = {documents[parsed.records["set"][sid]["document"]].id for sid in sets}
    if touched:
        session.execute(update(Document).where(Document.id.in_(touched)).values(revision=Document.revision + 1))
    per_set = Counter((kind, record["set"]) for kind in ("span", "link", "stance", "frame")
                      for record in parsed.records[kind].values())
    events = [event_row(action="set.import", entity="set", entity_id=aset.public_id, user_id=by,
                        project_id=project.id, set_id=aset.id,
                        after={"document": documents[parsed.records["set"][sid]["document"]].external_id,
                               "owner": aset.owner_key, "status": aset.status,
                               **{f"{k}s": per_set[(k, sid)] for k in ("span", "link", "stance", "frame")}})
              for sid, aset in sets.items()]
    _insert(session, Event, events)
    record_event(session, action="interchange.import", entity="project", entity_id=project.public_id, user_id=by,
                 project_id=project.id, after={"created": dict(counts), "model": model_name})
    session.flush()
