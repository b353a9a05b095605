"""The interchange file's adjudication records: where every gold item came from.

Written after every set, so that each reference is to a record already in the file: one
``adjudication`` per gold set of a document opened for adjudication, then its ``decision``s (how
each unit was settled, from which annotators' items, by whom and when) and ``cause``s (why the
annotators disagreed). Ids in unit keys and sources are the file's local ids; an item the file
does not hold (an annotator's span under --gold-only) keeps its id on the exporting server, so
the same data still gives the same file.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import aliased

from ..models import (
    Adjudication, AdjudicationDecision, AnnotationSet, DisagreementCause, Document, FrameChoice, Link, Span,
    Stance, User,
)
from .dataset import ExportDataset

ITEM_MODELS = {"span": Span, "link": Link, "stance": Stance, "frame": FrameChoice}
ID_CHUNK = 900


def _stamp(value):
    from .jsonl import stamp
    return stamp(value)


class _Discard(dict):
    def __setitem__(self, key, value):
        pass


_DISCARD = {kind: _Discard() for kind in ITEM_MODELS}


@dataclass
class WrittenIds:
    """The local ids given while writing, kept only for documents opened for adjudication."""

    actors: dict[int, str]
    documents: set[int]
    gold_sets: dict[int, str] = field(default_factory=dict)  # gold set id -> local id
    items: dict[str, dict[int, str]] = field(default_factory=lambda: {kind: {} for kind in ITEM_MODELS})

    @classmethod
    def of(cls, dataset: ExportDataset, actor_ids: dict[int, str]) -> WrittenIds:
        stmt = select(Adjudication.document_id).join(Document, Document.id == Adjudication.document_id)
        return cls(actor_ids, set(dataset.session.scalars(dataset._documents_only(stmt))))

    def kept(self, aset, set_local: str) -> dict[str, dict[int, str]]:
        if aset.document_id not in self.documents:
            return _DISCARD
        if aset.owner_kind == "gold":
            self.gold_sets[aset.id] = set_local
        return self.items


def translate_key(key: str, item: callable, actor: callable) -> str:
    """A unit key with its ids put through ``item`` (span ids) and ``actor`` (actor ids); see
    annotator.domain.adjudication for the keys: s:<span>, l:<span unit>><span unit>, t:<actor>:..., f:..."""
    kind, _, rest = key.partition(":")
    if kind == "s":
        return "s:" + item(rest)
    if kind == "l":
        source, _, target = rest.partition(">")
        return f"l:{translate_key(source, item, actor)}>{translate_key(target, item, actor)}"
    if kind == "t":
        who, _, scope = rest.partition(":")
        return f"t:{actor(who)}:{scope}"
    return key


def gold_records(dataset: ExportDataset, written: WrittenIds) -> Iterator[dict]:
    if not written.gold_sets:
        return
    session = dataset.session
    starter, finisher = aliased(User), aliased(User)
    rows = session.execute(
        select(Adjudication, starter.username, finisher.username)
        .outerjoin(starter, starter.id == Adjudication.started_by_id)
        .outerjoin(finisher, finisher.id == Adjudication.adjudicated_by_id)
        .where(Adjudication.gold_set_id.in_(list(written.gold_sets)))).all()
    by_set = {row[0].gold_set_id: row for row in rows}
    local = _public_to_local(session, written)
    item = lambda public_id: local.get(public_id, public_id)  # noqa: E731
    actor_local = {str(k): v for k, v in written.actors.items()}
    actor = lambda actor_id: actor_local.get(actor_id, actor_id)  # noqa: E731
    for number, (set_id, set_local) in enumerate(written.gold_sets.items(), 1):
        if set_id not in by_set:
            continue
        adjudication, started_by, adjudicated_by = by_set[set_id]
        adjudication_local = f"ad{number}"
        yield {"type": "adjudication", "id": adjudication_local, "set": set_local, "status": adjudication.status,
               "started_by": started_by, "started_at": _stamp(adjudication.started_at),
               "adjudicated_by": adjudicated_by, "adjudicated_at": _stamp(adjudication.adjudicated_at)}
        yield from _decisions(session, adjudication, adjudication_local, item, actor)
        yield from _causes(session, adjudication, adjudication_local, item, actor)


def _decisions(session, adjudication, adjudication_local: str, item, actor) -> Iterator[dict]:
    rows = session.execute(
        select(AdjudicationDecision, User.username).outerjoin(User, User.id == AdjudicationDecision.decided_by_id)
        .where(AdjudicationDecision.adjudication_id == adjudication.id).order_by(AdjudicationDecision.id))
    for number, (decision, decided_by) in enumerate(rows, 1):
        yield {"type": "decision", "id": f"{adjudication_local}.{number}", "adjudication": adjudication_local,
               "unit_kind": decision.unit_kind, "unit": translate_key(decision.unit_key, item, actor),
               "paragraph": decision.paragraph, "method": decision.method,
               "item": None if decision.gold_item_id is None else item(decision.gold_item_id),
               "sources": [{"annotator": s["owner"], "item": item(s["id"]), "chosen": bool(s.get("chosen"))}
                           for s in decision.sources or []],
               "decided_by": decided_by, "decided_at": _stamp(decision.decided_at)}


def _causes(session, adjudication, adjudication_local: str, item, actor) -> Iterator[dict]:
    rows = session.execute(
        select(DisagreementCause, User.username).outerjoin(User, User.id == DisagreementCause.tagged_by_id)
        .where(DisagreementCause.adjudication_id == adjudication.id).order_by(DisagreementCause.id))
    for number, (cause, tagged_by) in enumerate(rows, 1):
        yield {"type": "cause", "id": f"{adjudication_local}.c{number}", "adjudication": adjudication_local,
               "unit_kind": cause.unit_kind, "unit": translate_key(cause.unit_key, item, actor),
               "label": cause.label, "annotators": list(cause.owners or []), "cause": cause.cause,
               "note": cause.note, "tagged_by": tagged_by, "tagged_at": _stamp(cause.tagged_at)}


def _public_to_local(session, written: WrittenIds) -> dict[str, str]:
    """Public id -> local id of every item written for the adjudicated documents."""
    found: dict[str, str] = {}
    documents = list(written.documents)
    for kind, model in ITEM_MODELS.items():
        given = written.items[kind]
        for at in range(0, len(documents), ID_CHUNK):
            stmt = (select(model.public_id, model.id).join(AnnotationSet, AnnotationSet.id == model.set_id)
                    .where(AnnotationSet.document_id.in_(documents[at:at + ID_CHUNK])))
            for public_id, item_id in session.execute(stmt):
                if item_id in given:
                    found[public_id] = given[item_id]
    return found
