"""Interchange records (annotator.export.jsonl) as neutral documents, for the writers of other formats.

Each document is its paragraphs joined by a blank line (the title first); each annotation set keeps
its owner as readers see it (a username, ``gold``, ``model:<name>``), so a writer exports every set
it is given, whoever owns it. Span offsets become offsets into the flat text; labels are written
as their key (``layer:key`` where two layers share a key).
"""
from __future__ import annotations

from collections.abc import Iterable

from .flat_text import join_paragraphs
from .model import ForeignDocument, ForeignLink, ForeignSet, ForeignSpan, SchemeLabels


def documents_from_records(records: Iterable[dict], labels: SchemeLabels) -> list[ForeignDocument]:
    documents: dict[str, ForeignDocument] = {}
    starts: dict[str, list[int]] = {}
    sets: dict[str, ForeignSet] = {}
    document_of: dict[str, str] = {}  # set id -> document id
    for record in records:
        kind = record["type"]
        if kind == "document":
            text, starts[record["id"]] = join_paragraphs([p["text"] for p in record["paragraphs"]])
            documents[record["id"]] = ForeignDocument(record["external_id"], text, record["external_id"],
                                                      language=record["language"])
        elif kind == "set":
            sets[record["id"]] = aset = ForeignSet(record["annotator"], record["id"], status=record["status"])
            document_of[record["id"]] = record["document"]
            documents[record["document"]].sets.append(aset)
        elif kind == "span":
            offset = starts[document_of[record["set"]]][record["paragraph"]]
            sets[record["set"]].spans.append(ForeignSpan(
                record["id"], labels.name_of(record["layer"], record["label"]),
                [(offset + record["start"], offset + record["end"])], record["text"], record["id"],
                dict(record["attributes"]), record.get("note")))
        elif kind == "link":
            sets[record["set"]].links.append(ForeignLink(record["source"], record["target"], record["link_type"],
                                                         record["id"]))
        elif kind == "frame" and record["paragraph"] is None:
            sets[record["set"]].frames.append((record["frame"], record["primary"]))
    return list(documents.values())
