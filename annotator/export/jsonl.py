"""The interchange format (docs/formats.md), written: one JSON record a line.

Header records first (the format and scheme, the actors, the documents with their paragraphs),
then every annotation set followed by its spans, links, stances and frames. Ids are local to the
file ("d1", "s1", "sp1", ...) and given in the order records are written, so the same data always
gives the same file; that is what makes export -> import -> export come out identical.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime
from typing import BinaryIO

from .. import json_text
from ..domain.interchange import FORMAT, VERSION
from .dataset import ExportDataset
from .jsonl_gold import WrittenIds, gold_records
from .merge import Run, grouped_by


def stamp(value: datetime | None) -> str | None:
    """Stored times are naive UTC: written with their microseconds and a Z."""
    return None if value is None else value.isoformat(timespec="microseconds") + "Z"


class _LocalIds:
    def __init__(self, prefix: str):
        self.prefix = prefix
        self.count = 0

    def next(self) -> str:
        self.count += 1
        return f"{self.prefix}{self.count}"


def interchange_records(dataset: ExportDataset, scheme_name: str) -> Iterator[dict]:
    version = dataset.scheme_version
    yield {"type": "header", "format": FORMAT, "version": VERSION,
           "scheme": {"name": scheme_name, "version": version.version, "content_hash": version.content_hash}}
    actor_ids: dict[int, str] = {}
    yield from _actors(dataset, actor_ids)
    document_ids: dict[int, str] = {}
    yield from _documents(dataset, document_ids)
    written = WrittenIds.of(dataset, actor_ids)
    yield from _annotations(dataset, document_ids, actor_ids, written)
    yield from gold_records(dataset, written)


def _actors(dataset: ExportDataset, actor_ids: dict[int, str]) -> Iterator[dict]:
    ids = _LocalIds("a")
    for actor, aliases in grouped_by(dataset.actors(), dataset.aliases(), lambda a: a.id, lambda a: a.actor_id):
        actor_ids[actor.id] = local = ids.next()
        yield {"type": "actor", "id": local, "name": actor.canonical_name, "kind": actor.kind,
               "status": actor.status,
               "aliases": [{"text": a.text, "language": a.language, "ambiguous": a.ambiguous,
                            "allow_adjective": a.allow_adjective} for a in aliases]}


def _documents(dataset: ExportDataset, document_ids: dict[int, str]) -> Iterator[dict]:
    ids = _LocalIds("d")
    pairs = grouped_by(dataset.documents(), dataset.paragraphs(), lambda d: d.id, lambda p: p.document_id)
    for doc, paragraphs in pairs:
        document_ids[doc.id] = local = ids.next()
        yield {"type": "document", "id": local, "external_id": doc.external_id, "title": doc.title,
               "author": doc.author, "source_url": doc.source_url,
               "published_date": doc.published_date.isoformat() if doc.published_date else None,
               "language": doc.language, "direction": doc.direction, "metadata": doc.meta or {},
               "content_hash": doc.content_hash,
               "paragraphs": [{"index": p.paragraph, "kind": p.kind, "text": p.text, "language": p.language,
                               "direction": p.direction} for p in paragraphs]}


def _annotations(dataset: ExportDataset, document_ids: dict[int, str], actor_ids: dict[int, str],
                 written: WrittenIds) -> Iterator[dict]:
    by_set = lambda row: row.set_id  # noqa: E731 (every child stream carries its set id)
    spans, links = Run(dataset.spans(by_set=True), by_set), Run(dataset.links(), by_set)
    stances, evidence = Run(dataset.stances(), by_set), Run(dataset.stance_evidence(), by_set)
    frames, notes = Run(dataset.frames(), by_set), Run(dataset.notes(), by_set)
    ids = {kind: _LocalIds(prefix) for kind, prefix in
           (("set", "s"), ("span", "sp"), ("link", "l"), ("stance", "st"), ("frame", "f"), ("note", "n"))}
    for aset in dataset.sets():
        set_local = ids["set"].next()
        kept = written.kept(aset, set_local)
        yield {"type": "set", "id": set_local, "document": document_ids[aset.document_id],
               "annotator": aset.annotator, "status": aset.status, "skip_reason": aset.skip_reason,
               "assigned": aset.assigned, "assigned_at": stamp(aset.assigned_at),
               "started_at": stamp(aset.started_at), "done_at": stamp(aset.done_at),
               "updated_at": stamp(aset.updated_at)}
        span_ids: dict[int, str] = {}
        for span in spans.take(aset.id):
            span_ids[span.id] = kept["span"][span.id] = local = ids["span"].next()
            yield {"type": "span", "id": local, "set": set_local, "paragraph": span.paragraph,
                   "start": span.start, "end": span.end, "layer": span.layer, "label": span.label,
                   "attributes": span.attributes or {}, "text": span.text, "origin": span.origin,
                   "target_actor": actor_ids.get(span.target_actor_id), "target_polarity": span.target_polarity,
                   "created_at": stamp(span.created_at), "updated_at": stamp(span.updated_at),
                   **({"note": span.note} if span.note else {})}
        for link in links.take(aset.id):
            kept["link"][link.id] = local = ids["link"].next()
            yield {"type": "link", "id": local, "set": set_local,
                   "source": span_ids[link.source_span_id], "target": span_ids[link.target_span_id],
                   "link_type": link.link_type, "created_at": stamp(link.created_at),
                   "updated_at": stamp(link.updated_at)}
        shown_by: dict[int, list[str]] = defaultdict(list)
        for row in evidence.take(aset.id):
            shown_by[row.stance_id].append(span_ids[row.span_id])
        stance_ids: dict[int, str] = {}
        for stance in stances.take(aset.id):
            kept["stance"][stance.id] = stance_ids[stance.id] = local = ids["stance"].next()
            yield {"type": "stance", "id": local, "set": set_local,
                   "actor": actor_ids[stance.actor_id], "paragraph": stance.paragraph, "value": stance.value,
                   "intensity": stance.intensity, "holder": stance.holder, "evidence": shown_by.get(stance.id, []),
                   "origin": stance.origin or "manual", "created_at": stamp(stance.created_at), "updated_at": stamp(stance.updated_at)}
        for frame in frames.take(aset.id):
            kept["frame"][frame.id] = local = ids["frame"].next()
            yield {"type": "frame", "id": local, "set": set_local, "paragraph": frame.paragraph,
                   "frame": frame.frame, "primary": bool(frame.is_primary), "origin": frame.origin or "manual",
                   "created_at": stamp(frame.created_at)}
        for note in notes.take(aset.id):
            item = {"span": span_ids.get(note.span_id), "stance": stance_ids.get(note.stance_id)}.get(note.target_kind)
            yield {"type": "note", "id": ids["note"].next(), "set": set_local, "target": note.target_kind,
                   "item": item, "text": note.text, "created_at": stamp(note.created_at),
                   "updated_at": stamp(note.updated_at)}
    for run, what in ((spans, "spans"), (links, "links"), (stances, "stances"), (evidence, "evidence"),
                      (frames, "frames"), (notes, "notes")):
        run.check_exhausted(what)


# One encoder for the whole file, made once (json.dumps would make one per record: see json_text).
_ENCODE = json_text.encoder(ensure_ascii=False, separators=(",", ":"))
_LINES_PER_WRITE = 500


def jsonl_chunks(records: Iterator[dict], counts: dict[str, int]) -> Iterator[bytes]:
    """The file in pieces of a few hundred lines; ``counts`` (records per type) fills as it goes."""
    lines: list[str] = []
    for record in records:
        lines.append(_ENCODE(record))
        counts[record["type"]] = counts.get(record["type"], 0) + 1
        if len(lines) == _LINES_PER_WRITE:
            yield ("\n".join(lines) + "\n").encode("utf-8")
            lines.clear()
    if lines:
        yield ("\n".join(lines) + "\n").encode("utf-8")


def write_jsonl(target: BinaryIO, records: Iterator[dict]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for chunk in jsonl_chunks(records, counts):
        target.write(chunk)
    return counts
