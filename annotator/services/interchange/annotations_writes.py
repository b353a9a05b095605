"""Write a checked interchange file into a project, inside the caller's transaction.

Everything the file gives is kept as given (statuses, times, origins), so that an export imported
into an empty project exports the same again. Missing times become now.
"""
from __future__ import annotations

import secrets
import uuid
from collections import Counter
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.text import content_hash
from ...export.jsonl_checks import Owner
from ...export.jsonl_reader import InterchangeFile, Record
from ...models import (
    Actor, ActorAlias, AnnotationSet, Document, FrameChoice, Link, Membership, Paragraph, Project, Span, Stance,
    StanceEvidence, User, utcnow,
)
from ..events import record_event
from ..team.users import hash_password

if TYPE_CHECKING:
    from .annotations_import import ImportPlan

FLUSH_EVERY = 5000


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
    counts.update(writer.counts)
    _bookkeeping(session, project, parsed, sets, documents, counts, by, model_name)
    return {kind: count for kind, count in counts.items() if count}


class _AnnotationWriter:
    """Sets, then spans (flushed for their ids), then what refers to spans."""

    def __init__(self, session: Session, project: Project, parsed: InterchangeFile, plan: ImportPlan,
                 documents: dict[str, Document], actor_ids: dict[str, int]):
        self.session, self.records, self.plan = session, parsed.records, plan
        self.documents, self.actor_ids = documents, actor_ids
        self.version, self.now, self.counts = project.current_scheme_id, utcnow(), Counter()
        self.paragraph_ids = {did: [p.id for p in doc.paragraphs] if plan.documents[did] is None
                              else [pid for pid, _ in plan.paragraphs[doc.id]] for did, doc in documents.items()}
        self.set_rows: dict[str, AnnotationSet] = {}

    def _times(self, record: Record) -> dict:
        created = record["created_at"] or self.now
        times = {"created_at": created, "scheme_version_id": self.version}
        if "updated_at" in record:
            times["updated_at"] = record["updated_at"] or created
        return times

    def _paragraph_id(self, record: Record) -> int | None:
        document_id = self.records["set"][record["set"]]["document"]
        return None if record["paragraph"] is None else self.paragraph_ids[document_id][record["paragraph"]]

    def sets(self) -> dict[str, AnnotationSet]:
        for sid, record in self.records["set"].items():
            owner: Owner = self.plan.owners[sid]
            aset = self.plan.reused_sets.get(sid) or AnnotationSet(
                document_id=self.documents[record["document"]].id)
            aset.owner_kind = owner.kind
            aset.user_id = self.plan.users[owner.name].id if owner.kind == "user" else None
            aset.model_name = owner.name if owner.kind == "model" else None
            aset.owner_key = {"user": f"user:{aset.user_id}", "gold": "gold"}.get(owner.kind, f"model:{owner.name}")
            for name in ("status", "skip_reason", "assigned", "assigned_at", "started_at", "done_at"):
                setattr(aset, name, record[name])
            aset.updated_at = record["updated_at"] or self.now
            self.session.add(aset)
            self.set_rows[sid] = aset
        self.session.flush()
        self.counts["sets"] = len(self.set_rows)
        return self.set_rows

    def spans(self) -> dict[str, Span]:
        rows: dict[str, Span] = {}
        for i, (span_id, record) in enumerate(self.records["span"].items(), 1):
            aset = self.set_rows[record["set"]]
            paragraph, start, end = self.plan.anchors[span_id]
            document_id = self.records["set"][record["set"]]["document"]
            texts = _texts(self.plan, self.documents[document_id], self.records["document"][document_id])
            target = record["target_actor"]
            rows[span_id] = span = Span(
                set_id=aset.id, paragraph_id=self.paragraph_ids[document_id][paragraph], layer=record["layer"],
                label=record["label"], start=start, end=end, text=texts[paragraph][start:end],
                attributes=dict(record["attributes"]),
                origin=record["origin"] or ("suggestion" if aset.owner_kind == "model" else "imported"),
                target_actor_id=self.actor_ids[target] if target else None,
                target_polarity=record["target_polarity"], **self._times(record))
            self.session.add(span)
            if i % FLUSH_EVERY == 0:
                self.session.flush()
        self.session.flush()
        self.counts["spans"] = len(rows)
        return rows

    def links(self, spans: dict[str, Span]) -> None:
        for record in self.records["link"].values():
            self.session.add(Link(set_id=self.set_rows[record["set"]].id, source_span_id=spans[record["source"]].id,
                                  target_span_id=spans[record["target"]].id, link_type=record["link_type"],
                                  **self._times(record)))
        self.counts["links"] = len(self.records["link"])

    def stances(self, spans: dict[str, Span]) -> None:
        stances = []
        for record in self.records["stance"].values():
            stance = Stance(set_id=self.set_rows[record["set"]].id, actor_id=self.actor_ids[record["actor"]],
                            paragraph_id=self._paragraph_id(record), value=record["value"],
                            intensity=record["intensity"], holder=record["holder"], **self._times(record))
            self.session.add(stance)
            stances.append((stance, record["evidence"]))
        self.session.flush()
        for stance, evidence in stances:
            for span_id in dict.fromkeys(evidence):
                self.session.add(StanceEvidence(stance_id=stance.id, span_id=spans[span_id].id))
        self.counts["stances"] = len(stances)

    def frames(self) -> None:
        for record in self.records["frame"].values():
            self.session.add(FrameChoice(set_id=self.set_rows[record["set"]].id, frame=record["frame"],
                                         is_primary=record["primary"], paragraph_id=self._paragraph_id(record),
                                         **self._times(record)))
        self.counts["frames"] = len(self.records["frame"])
        self.session.flush()


def _texts(plan: ImportPlan, document: Document, record: Record) -> list[str]:
    stored = plan.paragraphs.get(document.id)
    return [text for _, text in stored] if stored is not None else [p["text"] for p in record["paragraphs"]]


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
               ) -> dict[str, Document]:
    documents = {}
    for did, record in parsed.records["document"].items():
        document = plan.documents[did]
        if document is None:
            paragraphs = record["paragraphs"]
            digest = record["content_hash"] or content_hash(record["title"], [p["text"] for p in paragraphs[1:]])
            document = Document(
                project_id=project.id, external_id=record["external_id"], title=record["title"],
                author=record["author"], source_url=record["source_url"], published_date=record["published_date"],
                language=record["language"], direction=record["direction"], meta=record["metadata"],
                content_hash=digest,
                paragraphs=[Paragraph(**p) for p in paragraphs])
            session.add(document)
            counts["documents"] += 1
        documents[did] = document
    session.flush()
    return documents


def _bookkeeping(session: Session, project: Project, parsed: InterchangeFile, sets: dict[str, AnnotationSet],
                 documents: dict[str, Document], counts: Counter, by: int | None, model_name: str | None) -> None:
    """Every document that received annotations changes revision (caches key on it); every set and
    the import as a whole leave an event."""
    touched = {parsed.records["set"][sid]["document"] for sid in sets}
    for did in touched:
        documents[did].revision = (documents[did].revision or 0) + 1
    per_set = Counter((kind, record["set"]) for kind in ("span", "link", "stance", "frame")
                      for record in parsed.records[kind].values())
    for sid, aset in sets.items():
        record_event(session, action="set.import", entity="set", entity_id=aset.public_id, user_id=by,
                     project_id=project.id, set_id=aset.id,
                     after={"document": documents[parsed.records["set"][sid]["document"]].external_id,
                            "owner": aset.owner_key, "status": aset.status,
                            **{f"{k}s": per_set[(k, sid)] for k in ("span", "link", "stance", "frame")}})
    record_event(session, action="interchange.import", entity="project", entity_id=project.public_id, user_id=by,
                 project_id=project.id, after={"created": dict(counts), "model": model_name})
    session.flush()
