"""What the records of an interchange file say about each other and about the project's scheme.

Pure: the reader has validated every record alone; here references are followed (a span's set,
a link's spans, a stance's actor and evidence), and labels, attributes, link types and frames
are checked against the scheme. Retired labels are accepted: they are how old annotations are
kept, and a file moved between installations carries them.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..domain.scheme import Scheme
from ..domain.text import content_hash, normalize_text
from .jsonl_reader import InterchangeFile, Record


@dataclass(frozen=True)
class Owner:
    kind: str  # user | gold | model
    name: str | None  # the username or the model's name

    @property
    def label(self) -> str:
        return {"gold": "gold", "model": f"model:{self.name}"}.get(self.kind, self.name)


def owner_of(annotator: str | None, model_name: str | None) -> Owner | None:
    if model_name:
        return Owner("model", model_name)
    if not annotator:
        return None
    if annotator == "gold":
        return Owner("gold", None)
    if annotator.startswith("model:") and len(annotator) > len("model:"):
        return Owner("model", annotator[len("model:"):])
    return Owner("user", annotator)


def check_interchange(file: InterchangeFile, scheme: Scheme, *, model_name: str | None = None) -> None:
    """Add to ``file.errors`` everything that does not hold together."""
    for document in file.records["document"].values():
        _check_document(file, document)
    _check_sets(file, model_name)
    for span in file.records["span"].values():
        _check_span(file, span, scheme)
    _check_links(file, scheme)
    _check_stances(file)
    _check_frames(file, scheme)
    _check_notes(file)
    _check_adjudications(file)


def document_of(file: InterchangeFile, record: Record) -> Record | None:
    """The document record of an annotation record, through its set (None if either is missing)."""
    aset = file.records["set"].get(record["set"])
    return file.records["document"].get(aset["document"]) if aset else None


def _check_document(file: InterchangeFile, document: Record) -> None:
    paragraphs = document["paragraphs"]
    first = paragraphs[0]
    if first["kind"] != "title" or first["text"] != document["title"]:
        file.error(document, "document.paragraphs.0", "the first paragraph must be the title (kind 'title', "
                                                      "the same text as the document's title)")
    for i, paragraph in enumerate(paragraphs):
        if i and paragraph["kind"] == "title":
            file.error(document, f"document.paragraphs.{i}.kind", "only the first paragraph may be a title")
        if normalize_text(paragraph["text"]) != paragraph["text"]:
            file.error(document, f"document.paragraphs.{i}.text",
                       "text is not normalized (NFC, \\n line ends, no control or bidi characters); see docs/import.md")
    given = document["content_hash"]
    if given and given != content_hash(document["title"], [p["text"] for p in paragraphs[1:]]):
        file.error(document, "document.content_hash", "does not match the title and paragraphs")


def _check_sets(file: InterchangeFile, model_name: str | None) -> None:
    owners: dict[tuple[str, str], Record] = {}
    for aset in file.records["set"].values():
        if aset["document"] not in file.records["document"]:
            file.error(aset, "set.document", f"no document with id '{aset['document']}' in this file")
        owner = owner_of(aset["annotator"], model_name)
        if owner is None:
            file.error(aset, "set.annotator", "required: a username, 'gold' or 'model:<name>' "
                                              "(or import with --model NAME)")
            continue
        key = (aset["document"], owner.label)
        if key in owners:
            file.error(aset, "set.annotator", f"{owner.label} already has a set for document "
                                              f"'{aset['document']}' (line {owners[key].line})")
        owners[key] = aset


def _paragraph_exists(file: InterchangeFile, record: Record, kind: str) -> None:
    document = document_of(file, record)
    index = record["paragraph"]
    if document is not None and index is not None and index >= len(document["paragraphs"]):
        file.error(record, f"{kind}.paragraph", f"document '{document['id']}' has no paragraph {index}")


def _check_span(file: InterchangeFile, span: Record, scheme: Scheme) -> None:
    if span["set"] not in file.records["set"]:
        file.error(span, "span.set", f"no set with id '{span['set']}' in this file")
    _paragraph_exists(file, span, "span")
    layer = scheme.layer(span["layer"])
    if layer is None:
        file.error(span, "span.layer", f"'{span['layer']}' is not a layer of the project's scheme")
        return
    label = layer.label(span["label"])
    if label is None:
        file.error(span, "span.label", f"'{span['label']}' is not a label of layer '{layer.key}'")
        return
    attributes = {a.key: a for a in label.attributes}
    for key, value in span["attributes"].items():
        if key not in attributes:
            file.error(span, f"span.attributes.{key}", f"label '{label.key}' has no attribute '{key}'")
        elif value not in {v.key for v in attributes[key].values}:
            file.error(span, f"span.attributes.{key}", f"'{value}' is not a value of '{key}'")
    target = span["target_actor"]
    if target is not None:
        if target not in file.records["actor"]:
            file.error(span, "span.target_actor", f"no actor with id '{target}' in this file")
        if label.key not in {rule.target for rule in scheme.link_rules}:
            file.error(span, "span.target_actor", "only a claim may name a target actor")


def _span_in_set(file: InterchangeFile, record: Record, span_id: str, field: str) -> Record | None:
    span = file.records["span"].get(span_id)
    if span is None:
        file.error(record, field, f"no span with id '{span_id}' in this file")
    elif span["set"] != record["set"]:
        file.error(record, field, f"span '{span_id}' belongs to another set ('{span['set']}')")
        return None
    return span


def _check_links(file: InterchangeFile, scheme: Scheme) -> None:
    pairs: dict[tuple[str, str], Record] = {}
    for link in file.records["link"].values():
        if link["set"] not in file.records["set"]:
            file.error(link, "link.set", f"no set with id '{link['set']}' in this file")
        source = _span_in_set(file, link, link["source"], "link.source")
        target = _span_in_set(file, link, link["target"], "link.target")
        if link["source"] == link["target"]:
            file.error(link, "link.target", "a span cannot link to itself")
        elif source and target:
            allowed = scheme.allowed_link_types(source["label"], target["label"])
            if link["link_type"] not in allowed:
                file.error(link, "link.link_type", f"the scheme allows no '{link['link_type']}' link from "
                                                   f"{source['label']} to {target['label']}")
        pair = (link["source"], link["target"])
        if pair in pairs:
            file.error(link, "link.target", f"these two spans are already linked (line {pairs[pair].line})")
        pairs[pair] = link


def _check_stances(file: InterchangeFile) -> None:
    keys: dict[tuple, Record] = {}
    for stance in file.records["stance"].values():
        if stance["set"] not in file.records["set"]:
            file.error(stance, "stance.set", f"no set with id '{stance['set']}' in this file")
        if stance["actor"] not in file.records["actor"]:
            file.error(stance, "stance.actor", f"no actor with id '{stance['actor']}' in this file")
        _paragraph_exists(file, stance, "stance")
        for i, span_id in enumerate(stance["evidence"]):
            _span_in_set(file, stance, span_id, f"stance.evidence.{i}")
        key = (stance["set"], stance["actor"], stance["paragraph"], stance["holder"])
        if key in keys:
            file.error(stance, "stance.actor", f"a stance for this actor, paragraph and holder is already in "
                                               f"this set (line {keys[key].line})")
        keys[key] = stance


def _check_frames(file: InterchangeFile, scheme: Scheme) -> None:
    frames = {label.key for label in scheme.frames.labels}
    seen: dict[tuple, Record] = {}
    primaries = Counter()
    for frame in file.records["frame"].values():
        if frame["set"] not in file.records["set"]:
            file.error(frame, "frame.set", f"no set with id '{frame['set']}' in this file")
        if not scheme.frames.enabled:
            file.error(frame, "frame.frame", "frames are switched off in the project's scheme")
        elif frame["frame"] not in frames:
            file.error(frame, "frame.frame", f"'{frame['frame']}' is not a frame of the project's scheme")
        if frame["paragraph"] is not None and scheme.frames.paragraph_level == "off":
            file.error(frame, "frame.paragraph", "the project's scheme records frames for whole documents only")
        _paragraph_exists(file, frame, "frame")
        key = (frame["set"], frame["paragraph"], frame["frame"])
        if key in seen:
            file.error(frame, "frame.frame", f"this frame is already chosen in this set (line {seen[key].line})")
        seen[key] = frame
        if frame["primary"]:
            primaries[(frame["set"], frame["paragraph"])] += 1
            if primaries[(frame["set"], frame["paragraph"])] == 2:
                file.error(frame, "frame.primary", "a set has one primary frame at most")


def _check_notes(file: InterchangeFile) -> None:
    for note in file.records["note"].values():
        if note["set"] not in file.records["set"]:
            file.error(note, "note.set", f"no set with id '{note['set']}' in this file")
        elif note["item"] is not None:
            item = file.records[note["target"]].get(note["item"])
            if item is None or item["set"] != note["set"]:
                file.error(note, "note.item", f"no {note['target']} with id '{note['item']}' in the set '{note['set']}'")


def _check_adjudications(file: InterchangeFile) -> None:
    """An adjudication belongs to a gold set (one each); its decisions name a gold item of that set."""
    taken: dict[str, Record] = {}
    for record in file.records["adjudication"].values():
        aset = file.records["set"].get(record["set"])
        if aset is None or aset["annotator"] != "gold":
            file.error(record, "adjudication.set", f"no gold set with id '{record['set']}' in this file")
        elif record["set"] in taken:
            file.error(record, "adjudication.set", f"the set '{record['set']}' already has the adjudication on "
                                                   f"line {taken[record['set']].line}")
        else:
            taken[record["set"]] = record
    for kind in ("decision", "cause"):
        for record in file.records[kind].values():
            adjudication = file.records["adjudication"].get(record["adjudication"])
            if adjudication is None:
                file.error(record, f"{kind}.adjudication", f"no adjudication with id '{record['adjudication']}' "
                                                           "in this file")
            elif kind == "decision" and record["item"] is not None:
                item = file.records[record["unit_kind"]].get(record["item"])
                if item is None or item["set"] != adjudication["set"]:
                    file.error(record, "decision.item", f"no {record['unit_kind']} with id '{record['item']}' in "
                                                        f"the gold set '{adjudication['set']}'")
