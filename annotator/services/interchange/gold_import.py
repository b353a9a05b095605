"""The adjudication records of an interchange file, read back: the provenance of every gold item,
and the notes annotators left for the adjudicator.

The unit keys and sources name the file's local ids; they become the new items' public ids (an id
the file does not hold, e.g. an annotator's span under --gold-only, is kept as it was written).
Versions are this server's: an imported item is at version 1, and the sources' snapshot of an
adjudicated document is taken from the sets as imported, so nothing reads as stale at once.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ...i18n import Phrase
from ...export.jsonl_gold import translate_key
from ...export.jsonl_reader import InterchangeFile
from ...models import (
    Adjudication, AdjudicationDecision, AdjudicatorNote, DisagreementCause, Document, Project, User, new_public_id, utcnow,
)

if TYPE_CHECKING:
    from .annotations_import import ImportPlan
    from .annotations_writes import _AnnotationWriter

PEOPLE = {"adjudication": ("started_by", "adjudicated_by"), "decision": ("decided_by",), "cause": ("tagged_by",)}


def match_adjudications(session: Session, parsed: InterchangeFile, plan: ImportPlan) -> None:
    """Who decided must be a user here; a document may be adjudicated once."""
    names = {record[name]: (kind, name, record) for kind, fields in PEOPLE.items()
             for record in parsed.records[kind].values() for name in fields if record[name]}
    if names:
        plan.deciders = dict(session.execute(select(User.username, User.id).where(User.username.in_(names))).all())
    for username, (kind, name, record) in names.items():
        if username not in plan.deciders:
            parsed.error(record, f"{kind}.{name}", Phrase("no user named '{name}' here", name=username))
    for record in parsed.records["adjudication"].values():
        aset = parsed.records["set"].get(record["set"])
        document = plan.documents.get(aset["document"]) if aset else None
        if document is not None and session.scalar(select(Adjudication.id).where(
                Adjudication.document_id == document.id)) is not None:
            parsed.error(record, "adjudication.set", Phrase("the document '{document}' is already opened for "
                                                            "adjudication here", document=document.external_id))


def write_adjudications(session: Session, project: Project, parsed: InterchangeFile, plan: ImportPlan,
                        writer: _AnnotationWriter) -> Counter:
    counts: Counter = Counter()
    records = parsed.records
    if not records["adjudication"]:
        return counts
    now, people = utcnow(), plan.deciders.get
    actors = {local: str(actor_id) for local, actor_id in writer.actor_ids.items()}
    spans = writer.public_ids["span"]
    key = lambda unit: translate_key(unit, lambda i: spans.get(i, i), lambda a: actors.get(a, a))  # noqa: E731
    ids: dict[str, int] = {}
    for local, record in records["adjudication"].items():
        aset = writer.set_rows[record["set"]]
        row = Adjudication(
            document_id=writer.documents[records["set"][record["set"]]["document"]].id, gold_set_id=aset.id,
            status=record["status"], started_by_id=people(record["started_by"]),
            started_at=record["started_at"] or now, adjudicated_by_id=people(record["adjudicated_by"]),
            adjudicated_at=record["adjudicated_at"], sources_snapshot={}, updated_at=now)
        session.add(row)
        session.flush()
        ids[local] = row.id
    decisions = []
    for record in records["decision"].values():
        items = writer.public_ids[record["unit_kind"]]
        decisions.append({
            "public_id": new_public_id(), "adjudication_id": ids[record["adjudication"]],
            "unit_kind": record["unit_kind"], "unit_key": key(record["unit"]), "paragraph": record["paragraph"],
            "method": record["method"], "gold_item_id": items.get(record["item"]) if record["item"] else None,
            "sources": [{"owner": s["annotator"], "id": items.get(s["item"], s["item"]),
                         "version": 1 if s["item"] in items else None, "chosen": s["chosen"]}
                        for s in record["sources"]],
            "decided_by_id": people(record["decided_by"]), "decided_at": record["decided_at"] or now})
    causes = [{"adjudication_id": ids[record["adjudication"]], "unit_key": key(record["unit"]),
               "unit_kind": record["unit_kind"], "label": record["label"], "owners": list(record["annotators"]),
               "cause": record["cause"], "note": record["note"], "tagged_by_id": people(record["tagged_by"]),
               "tagged_at": record["tagged_at"] or now} for record in records["cause"].values()]
    for model, rows in ((AdjudicationDecision, decisions), (DisagreementCause, causes)):
        if rows:
            session.connection().execute(insert(model.__table__), rows)
    _snapshots(session, project, ids)
    counts.update(adjudications=len(ids), decisions=len(decisions), causes=len(causes))
    return counts


def write_notes(session: Session, parsed: InterchangeFile, writer: _AnnotationWriter) -> Counter:
    """The annotators' notes for the adjudicator, on the new spans and stances."""
    now = utcnow()
    rows = [{"public_id": new_public_id(), "set_id": writer.set_rows[record["set"]].id,
             "target_kind": record["target"], "text": record["text"],
             "target_id": writer.public_ids[record["target"]][record["item"]] if record["item"] else None,
             "created_at": record["created_at"] or now, "updated_at": record["updated_at"] or record["created_at"] or now}
            for record in parsed.records["note"].values()]
    if rows:
        session.connection().execute(insert(AdjudicatorNote.__table__), rows)
    return Counter(notes=len(rows))


def _snapshots(session: Session, project: Project, ids: dict[str, int]) -> None:
    from ..gold.state import load_state, snapshot_of_sources

    for adjudication in session.scalars(select(Adjudication).where(Adjudication.id.in_(list(ids.values())),
                                                                    Adjudication.status == "adjudicated")):
        state = load_state(session, session.get(Document, adjudication.document_id), project)
        adjudication.sources_snapshot = snapshot_of_sources(session, state)
    session.flush()
