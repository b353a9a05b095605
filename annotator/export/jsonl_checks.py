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
from ..i18n import N_, Phrase
from .jsonl_reader import InterchangeFile, Record

# "no <record> with id '...' in this file": a sentence per kind of record, as each language words it
_NOT_IN_FILE = {"document": N_("no document with id '{id}' in this file"),
                "set": N_("no set with id '{id}' in this file"),
                "actor": N_("no actor with id '{id}' in this file"), "span": N_("no span with id '{id}' in this file"),
                "gold": N_("no gold set with id '{id}' in this file"),
                "adjudication": N_("no adjudication with id '{id}' in this file")}


def _not_in_file(kind: str, record_id) -> Phrase:
    return Phrase(_NOT_IN_FILE[kind], id=record_id)


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
        file.error(document, "document.paragraphs.0", Phrase("the first paragraph must be the title (kind 'title', "
                                                             "the same text as the document's title)"))
    for i, paragraph in enumerate(paragraphs):
        if i and paragraph["kind"] == "title":
            file.error(document, f"document.paragraphs.{i}.kind", Phrase("only the first paragraph may be a title"))
        if normalize_text(paragraph["text"]) != paragraph["text"]:
            file.error(document, f"document.paragraphs.{i}.text",
                       Phrase("text is not normalized (NFC, \\n line ends, no control or bidi characters); "
                              "see docs/import.md"))
    given = document["content_hash"]
    if given and given != content_hash(document["title"], [p["text"] for p in paragraphs[1:]]):
        file.error(document, "document.content_hash", Phrase("does not match the title and paragraphs"))


def _check_sets(file: InterchangeFile, model_name: str | None) -> None:
    owners: dict[tuple[str, str], Record] = {}
    for aset in file.records["set"].values():
        if aset["document"] not in file.records["document"]:
            file.error(aset, "set.document", _not_in_file("document", aset["document"]))
        owner = owner_of(aset["annotator"], model_name)
        if owner is None:
            file.error(aset, "set.annotator", Phrase("required: a username, 'gold' or 'model:<name>' "
                                                     "(or import with --model NAME)"))
            continue
        key = (aset["document"], owner.label)
        if key in owners:
            file.error(aset, "set.annotator",
                       Phrase("{owner} already has a set for document '{document}' (line {line})",
                              owner=owner.label, document=aset["document"], line=owners[key].line))
        owners[key] = aset


def _paragraph_exists(file: InterchangeFile, record: Record, kind: str) -> None:
    document = document_of(file, record)
    index = record["paragraph"]
    if document is not None and index is not None and index >= len(document["paragraphs"]):
        file.error(record, f"{kind}.paragraph", Phrase("document '{document}' has no paragraph {number}",
                                                          document=document["id"], number=index))


def _check_span(file: InterchangeFile, span: Record, scheme: Scheme) -> None:
    if span["set"] not in file.records["set"]:
        file.error(span, "span.set", _not_in_file("set", span["set"]))
    _paragraph_exists(file, span, "span")
    layer = scheme.layer(span["layer"])
    if layer is None:
        file.error(span, "span.layer", Phrase("'{layer}' is not a layer of the project's scheme",
                                                        layer=span["layer"]))
        return
    label = layer.label(span["label"])
    if label is None:
        file.error(span, "span.label", Phrase("'{label}' is not a label of layer '{layer}'",
                                                        label=span["label"], layer=layer.key))
        return
    attributes = {a.key: a for a in label.attributes}
    for key, value in span["attributes"].items():
        if key not in attributes:
            file.error(span, f"span.attributes.{key}", Phrase("label '{label}' has no attribute '{key}'",
                                                                 label=label.key, key=key))
        elif value not in {v.key for v in attributes[key].values}:
            file.error(span, f"span.attributes.{key}", Phrase("'{value}' is not a value of '{key}'",
                                                              value=value, key=key))
    target = span["target_actor"]
    if target is not None:
        if target not in file.records["actor"]:
            file.error(span, "span.target_actor", _not_in_file("actor", target))
        if label.key not in {rule.target for rule in scheme.link_rules}:
            file.error(span, "span.target_actor", Phrase("only a claim may name a target actor"))


def _span_in_set(file: InterchangeFile, record: Record, span_id: str, field: str) -> Record | None:
    span = file.records["span"].get(span_id)
    if span is None:
        file.error(record, field, _not_in_file("span", span_id))
    elif span["set"] != record["set"]:
        file.error(record, field, Phrase("span '{span}' belongs to another set ('{set}')",
                                         span=span_id, set=span["set"]))
        return None
    return span


def _check_links(file: InterchangeFile, scheme: Scheme) -> None:
    pairs: dict[tuple[str, str], Record] = {}
    for link in file.records["link"].values():
        if link["set"] not in file.records["set"]:
            file.error(link, "link.set", _not_in_file("set", link["set"]))
        source = _span_in_set(file, link, link["source"], "link.source")
        target = _span_in_set(file, link, link["target"], "link.target")
        if link["source"] == link["target"]:
            file.error(link, "link.target", Phrase("a span cannot link to itself"))
        elif source and target:
            allowed = scheme.allowed_link_types(source["label"], target["label"])
            if link["link_type"] not in allowed:
                file.error(link, "link.link_type",
                           Phrase("the scheme allows no '{type}' link from {source} to {target}",
                                  type=link["link_type"], source=source["label"], target=target["label"]))
        pair = (link["source"], link["target"])
        if pair in pairs:
            file.error(link, "link.target", Phrase("these two spans are already linked (line {line})",
                                                       line=pairs[pair].line))
        pairs[pair] = link


def _check_stances(file: InterchangeFile) -> None:
    keys: dict[tuple, Record] = {}
    for stance in file.records["stance"].values():
        if stance["set"] not in file.records["set"]:
            file.error(stance, "stance.set", _not_in_file("set", stance["set"]))
        if stance["actor"] not in file.records["actor"]:
            file.error(stance, "stance.actor", _not_in_file("actor", stance["actor"]))
        _paragraph_exists(file, stance, "stance")
        for i, span_id in enumerate(stance["evidence"]):
            _span_in_set(file, stance, span_id, f"stance.evidence.{i}")
        key = (stance["set"], stance["actor"], stance["paragraph"], stance["holder"])
        if key in keys:
            file.error(stance, "stance.actor", Phrase("a stance for this actor, paragraph and holder is already in "
                                                      "this set (line {line})", line=keys[key].line))
        keys[key] = stance


def _check_frames(file: InterchangeFile, scheme: Scheme) -> None:
    frames = {label.key for label in scheme.frames.labels}
    seen: dict[tuple, Record] = {}
    primaries = Counter()
    for frame in file.records["frame"].values():
        if frame["set"] not in file.records["set"]:
            file.error(frame, "frame.set", _not_in_file("set", frame["set"]))
        if not scheme.frames.enabled:
            file.error(frame, "frame.frame", Phrase("frames are switched off in the project's scheme"))
        elif frame["frame"] not in frames:
            file.error(frame, "frame.frame", Phrase("'{name}' is not a frame of the project's scheme",
                                                         name=frame["frame"]))
        if frame["paragraph"] is not None and scheme.frames.paragraph_level == "off":
            file.error(frame, "frame.paragraph", Phrase("the project's scheme records frames for whole documents only"))
        _paragraph_exists(file, frame, "frame")
        key = (frame["set"], frame["paragraph"], frame["frame"])
        if key in seen:
            file.error(frame, "frame.frame", Phrase("this frame is already chosen in this set (line {line})",
                                                         line=seen[key].line))
        seen[key] = frame
        if frame["primary"]:
            primaries[(frame["set"], frame["paragraph"])] += 1
            if primaries[(frame["set"], frame["paragraph"])] == 2:
                file.error(frame, "frame.primary", Phrase("a set has one primary frame at most"))


def _check_notes(file: InterchangeFile) -> None:
    for note in file.records["note"].values():
        if note["set"] not in file.records["set"]:
            file.error(note, "note.set", _not_in_file("set", note["set"]))
        elif note["item"] is not None:
            item = file.records[note["target"]].get(note["item"])
            if item is None or item["set"] != note["set"]:
                file.error(note, "note.item", Phrase("no {kind} with id '{id}' in the set '{set}'",
                                                                kind=note["target"], id=note["item"], set=note["set"]))


def _check_adjudications(file: InterchangeFile) -> None:
    """An adjudication belongs to a gold set (one each); its decisions name a gold item of that set."""
    taken: dict[str, Record] = {}
    for record in file.records["adjudication"].values():
        aset = file.records["set"].get(record["set"])
        if aset is None or aset["annotator"] != "gold":
            file.error(record, "adjudication.set", _not_in_file("gold", record["set"]))
        elif record["set"] in taken:
            file.error(record, "adjudication.set", Phrase("the set '{set}' already has the adjudication on line {line}",
                                                          set=record["set"], line=taken[record["set"]].line))
        else:
            taken[record["set"]] = record
    for kind in ("decision", "cause"):
        for record in file.records[kind].values():
            adjudication = file.records["adjudication"].get(record["adjudication"])
            if adjudication is None:
                file.error(record, f"{kind}.adjudication", _not_in_file("adjudication", record["adjudication"]))
            elif kind == "decision" and record["item"] is not None:
                item = file.records[record["unit_kind"]].get(record["item"])
                if item is None or item["set"] != adjudication["set"]:
                    file.error(record, "decision.item", Phrase("no {kind} with id '{id}' in the gold set '{set}'",
                                                               kind=record["unit_kind"], id=record["item"],
                                                               set=adjudication["set"]))
