"""doccano JSONL (https://doccano.github.io/doccano/tutorial/#import-dataset, "Sequence labeling"
with relations): one JSON object a line, ``text``, ``entities`` (``id``, ``label``,
``start_offset``, ``end_offset`` in code points), ``relations`` (``id``, ``from_id``, ``to_id``,
``type``) and ``label`` (labels of the whole text: our frames, none of them primary).

doccano exports one file per user (``<username>.jsonl``, in a zip): the file name names the owner
of its annotations. ``external_id`` names the document (else ``doccano-<id>``); other fields are
left as doccano leaves them (ignored).
"""
from __future__ import annotations

import json
from pathlib import PurePosixPath

from ...i18n import Phrase
from .model import ForeignDocument, ForeignLink, ForeignSet, ForeignSpan, ReadResult, SchemeLabels
from .sources import unpack, zip_bytes


def read(files: list[tuple[str, bytes]]) -> ReadResult:
    result = ReadResult()
    for name, data in unpack(files, result):
        if PurePosixPath(name).suffix.lower() not in (".jsonl", ".json"):
            continue
        owner = PurePosixPath(name).stem
        for number, raw in enumerate(data.splitlines(), 1):
            if raw.strip():
                _line(Phrase("{file} line {number}", file=name, number=number), raw, owner, result)
    if not result.documents and not result.errors:
        result.error("import", "file", Phrase("no .jsonl file of doccano records found"))
    return result


def _line(where: str, raw: bytes, owner: str, result: ReadResult) -> None:
    try:
        record = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        result.error(where, "_line", Phrase("not JSON ({problem})", problem=str(exc)))
        return
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        result.error(where, "text", Phrase("required: each line is an object with the text"))
        return
    external_id = str(record.get("external_id") or f"doccano-{record.get('id', where.rsplit(' ', 1)[-1])}")
    aset = ForeignSet(owner, where)
    for i, entity in enumerate(record.get("entities") or []):
        here = Phrase("{where} {path}", where=where, path=f"entities.{i}")
        try:
            start, end = int(entity["start_offset"]), int(entity["end_offset"])
            aset.spans.append(ForeignSpan(str(entity.get("id", i)), str(entity["label"]), [(start, end)], None, here))
        except (KeyError, TypeError, ValueError):
            result.error(here, "entities", Phrase("an entity needs label, start_offset and end_offset"))
    for i, relation in enumerate(record.get("relations") or []):
        here = Phrase("{where} {path}", where=where, path=f"relations.{i}")
        try:
            aset.links.append(ForeignLink(str(relation["from_id"]), str(relation["to_id"]), str(relation["type"]),
                                          here))
        except (KeyError, TypeError):
            result.error(here, "relations", Phrase("a relation needs from_id, to_id and type"))
    labels = record.get("label") or []
    aset.frames = [(str(label), False) for label in (labels if isinstance(labels, list) else [labels])]
    result.documents.append(ForeignDocument(external_id, record["text"], where, [aset]))


def write(documents: list[ForeignDocument], labels: SchemeLabels) -> tuple[bytes, dict[str, int]]:
    files: dict[str, list[bytes]] = {}
    for number, document in enumerate(documents, 1):
        for aset in document.sets:
            ids = {span.id: i for i, span in enumerate(aset.spans, 1)}
            record = {
                "id": number, "external_id": document.external_id, "text": document.text,
                "entities": [{"id": ids[s.id], "label": s.label, "start_offset": s.fragments[0][0],
                              "end_offset": s.fragments[0][1]} for s in aset.spans],
                "relations": [{"id": i, "from_id": ids[link.source], "to_id": ids[link.target], "type": link.label}
                              for i, link in enumerate(aset.links, 1)],
                "label": [frame for frame, _ in aset.frames],
            }
            files.setdefault(aset.owner, []).append(json.dumps(record, ensure_ascii=False).encode())
    entries = [(f"{owner.replace('/', '_')}.jsonl", b"".join(line + b"\n" for line in lines))
               for owner, lines in sorted(files.items())]
    return zip_bytes(entries), {"files": len(entries), "records": sum(len(v) for v in files.values())}
