"""Documents read from another format become interchange records (docs/formats.md), checked alone.

From here on a foreign file is one of ours: ``check_interchange`` and the import service check it
against the scheme, anchor it and write it, all or nothing. What only this step can know is
reported here, each error naming the place in the foreign file: offsets outside the text or
across a paragraph break, a quoted text that is not at its offsets, a discontinuous span,
a link to an unknown id, and every label the scheme does not have and the label map does not map
(listed once each, with how often it is used).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from marshmallow import missing

from ...domain.language import document_language
from ...domain.text import content_hash
from ...schemas.interchange import FORMAT, NOTE_MAX, RECORD_SCHEMAS, VERSION
from ...i18n import NP_, Phrase, Plural
from ..jsonl_reader import InterchangeFile, LineError, Record
from .flat_text import FlatText, join_paragraphs
from .label_map import Resolver
from .model import ForeignDocument, ForeignSet, ReadResult


# The lengths the interchange schema allows for what a foreign file names.
_LIMITS = {"document": (("external_id", 200),), "set": (("annotator", 200),), "span": (("note", NOTE_MAX),)}


@cache
def _defaults_of(kind: str) -> tuple[tuple[str, object], ...]:
    fields = RECORD_SCHEMAS[kind]().fields
    return tuple((name, f.load_default) for name, f in fields.items() if f.load_default is not missing)


def _defaults(kind: str) -> dict:
    if kind not in _FRESH:
        return dict(_plain_defaults(kind))
    plain, fresh = _split_defaults(kind)
    found = plain.copy()
    for name, factory in fresh:
        found[name] = factory()
    return found


_FRESH = {"header", "actor", "document", "span", "stance"}  # kinds whose defaults are containers: a new one per record


@cache
def _split_defaults(kind: str) -> tuple[dict, tuple]:
    """The defaults that are values (copied) and those made by a factory (a new container each)."""
    plain = {name: value for name, value in _defaults_of(kind) if not callable(value)}
    return plain, tuple((name, value) for name, value in _defaults_of(kind) if callable(value))


@cache
def _plain_defaults(kind: str) -> tuple[tuple[str, object], ...]:
    return tuple((name, value() if callable(value) else value) for name, value in _defaults_of(kind))


@dataclass
class _Unknown:
    where: str
    field: str
    count: int = 0


@dataclass
class _Builder:
    parsed: InterchangeFile = field(default_factory=InterchangeFile)
    number: int = 0
    unknown: dict[tuple[str, str], _Unknown] = field(default_factory=dict)

    def error(self, where: str, field_name: str, message: str) -> None:
        self.number += 1
        self.parsed.errors.append(LineError(self.number, field_name, message, where))

    def add(self, where: str, data: dict) -> None:
        """A record this module built: its values have the types the schema wants by construction, so
        only the defaults the schema would fill in are added (a marshmallow load per record would
        cost more than the whole rest of the import). What came from the file is checked where it
        is read: lengths here, labels by the resolver, offsets by ``_place``."""
        self.number += 1
        kind = data["type"]
        values = _defaults(kind)
        values.update(data)
        record = Record(self.number, values, where)
        for name, limit in _LIMITS.get(kind, ()):
            if data.get(name) is not None and not 0 < len(data[name]) <= limit:
                self.parsed.errors.append(LineError(self.number, f"{kind}.{name}",
                                                    Phrase("must have 1 to {limit} characters", limit=limit), where))
        if kind == "header":
            self.parsed.header = record
        else:
            self.parsed.records[kind][data["id"]] = record

    def refuse_name(self, kind: str, name: str, where: str, field_name: str) -> None:
        entry = self.unknown.setdefault((kind, name), _Unknown(where, field_name))
        entry.count += 1


def to_interchange(read: ReadResult, resolver: Resolver, *, annotator: str | None = None,
                   model_name: str | None = None, stored: Mapping[str, list[str]] | None = None) -> InterchangeFile:
    """``stored``: the paragraphs of the project's documents by external id, for files without text."""
    builder = _Builder()
    for error in read.errors:
        builder.error(error.where, error.field, error.message)
    builder.add("header", {"type": "header", "format": FORMAT, "version": VERSION})
    for number, document in enumerate(_merged(builder, read.documents), 1):
        _document(builder, document, f"d{number}", resolver, annotator, model_name, stored or {})
    for (kind, name), entry in builder.unknown.items():
        builder.error(entry.where, entry.field, Plural(*_NOT_MAPPED[kind], entry.count, name=name))
    return builder.parsed


# A name the scheme does not know, per kind; English keeps its "time(s)", the catalogs give each count its form.
_NOT_MAPPED = {
    "label": NP_("'{name}' is not a label of the project's scheme and the label map "
        "does not map it (used {count} time(s); map it with --label-map)",
        "'{name}' is not a label of the project's scheme and the label map "
        "does not map it (used {count} time(s); map it with --label-map)"),
    "link": NP_("'{name}' is not a link type and the label map "
        "does not map it (used {count} time(s); map it with --label-map)",
        "'{name}' is not a link type and the label map "
        "does not map it (used {count} time(s); map it with --label-map)"),
    "frame": NP_("'{name}' is not a frame of the scheme and the label map "
        "does not map it (used {count} time(s); map it with --label-map)",
        "'{name}' is not a frame of the scheme and the label map "
        "does not map it (used {count} time(s); map it with --label-map)"),
}


def _merged(builder: _Builder, documents: list[ForeignDocument]) -> list[ForeignDocument]:
    """One document per external id: formats that write a file per owner repeat the text in each."""
    by_id: dict[str, ForeignDocument] = {}
    for document in documents:
        first = by_id.get(document.external_id)
        if first is None:
            by_id[document.external_id] = ForeignDocument(document.external_id, document.text, document.where,
                                                          list(document.sets), document.language)
        elif first.text != document.text and document.text is not None:
            builder.error(document.where, "text", Phrase("a different text for '{document}' than at {first}",
                                                         document=document.external_id, first=first.where))
        else:
            first.sets.extend(document.sets)
    return list(by_id.values())


def _document(builder: _Builder, document: ForeignDocument, local: str, resolver: Resolver,
              annotator: str | None, model_name: str | None, stored: Mapping[str, list[str]]) -> None:
    if document.text is None:
        paragraphs = stored.get(document.external_id)
        if paragraphs is None:
            builder.error(document.where, "document", Phrase("no document '{document}' in the project, and the file "
                                                             "does not carry the article's text",
                                                             document=document.external_id))
            return
        flat = FlatText(join_paragraphs(paragraphs)[0])
    else:
        flat = FlatText(document.text)
        paragraphs = flat.paragraphs
    if not paragraphs:
        builder.error(document.where, "document.text", Phrase("the article's text is empty"))
        return
    # A sample is enough to tell the language, and the whole text would cost more than the rest.
    language, direction = (document.language, None) if document.language else document_language(
        [text[:400] for text in paragraphs[:6]])
    builder.add(document.where, {
        "type": "document", "id": local, "external_id": document.external_id, "title": paragraphs[0],
        "language": language or "und", "direction": direction or ("rtl" if language == "ar" else "ltr"),
        "content_hash": content_hash(paragraphs[0], paragraphs[1:]),
        "paragraphs": [{"index": i, "kind": "title" if i == 0 else "body", "text": text}
                       for i, text in enumerate(paragraphs)]})
    for number, aset in enumerate(document.sets, 1):
        _set(builder, aset, local, f"{local}s{number}", flat, resolver, annotator, model_name)


def _set(builder: _Builder, aset: ForeignSet, document: str, local: str, flat: FlatText, resolver: Resolver,
         annotator: str | None, model_name: str | None) -> None:
    owner = annotator or (resolver.annotator(aset.owner) if aset.owner else None)
    if owner is None and model_name is None:
        builder.error(aset.where, "set.annotator", Phrase("the file does not say whose annotations these are: import "
                                                          "with --annotator NAME (or --model NAME)"))
    builder.add(aset.where, {"type": "set", "id": local, "document": document, "annotator": owner,
                             "status": aset.status or "in_progress"})
    spans: dict[str, str] = {}
    for number, span in enumerate(aset.spans, 1):
        span_local = f"{local}.{number}"
        spans[span.id] = span_local
        found = resolver.span_label(span.label)
        if found is None:
            builder.refuse_name("label", span.label, span.where, "span.label")
            continue
        placed = _place(builder, flat, span)
        if placed is None:
            continue
        paragraph, start, end = placed
        attributes = {}
        for name, value in span.attributes.items():
            resolved = resolver.attribute(found[1], name, value)
            if resolved is None:
                builder.error(span.where, f"span.attributes.{name}", Phrase("label '{label}' has no attribute '{key}'",
                                                                                    label=found[1], key=name))
            else:
                attributes[resolved[0]] = resolved[1]
        builder.add(span.where, {"type": "span", "id": span_local, "set": local, "paragraph": paragraph,
                                 "start": start, "end": end, "layer": found[0], "label": found[1],
                                 "attributes": attributes, "text": flat.paragraphs[paragraph][start:end],
                                 "note": span.note})
    for number, link in enumerate(aset.links, 1):
        link_type = resolver.link_type(link.label)
        if link_type is None:
            builder.refuse_name("link", link.label, link.where, "link.link_type")
        missing = [ref for ref in (link.source, link.target) if ref not in spans]
        for ref in missing:
            builder.error(link.where, "link", Phrase("refers to '{ref}', which is no span of this set", ref=ref))
        if link_type is not None and not missing:
            builder.add(link.where, {"type": "link", "id": f"{local}.l{number}", "set": local,
                                     "source": spans[link.source], "target": spans[link.target],
                                     "link_type": link_type})
    for number, (name, primary) in enumerate(aset.frames, 1):
        frame = resolver.frame(name)
        if frame is None:
            builder.refuse_name("frame", name, aset.where, "frame.frame")
        else:
            builder.add(aset.where, {"type": "frame", "id": f"{local}.f{number}", "set": local, "frame": frame,
                                     "primary": primary})


def _place(builder: _Builder, flat: FlatText, span) -> tuple[int, int, int] | None:
    if len(span.fragments) > 1:
        builder.error(span.where, "span.fragments", Phrase("a discontinuous span ({count} fragments): the scheme holds "
                                                           "only contiguous spans; split it into one span per fragment "
                                                           "before importing", count=len(span.fragments)))
        return None
    if not span.fragments:  # the file gives only the text (AIF): its first occurrence in the article
        at = flat.raw.find(span.text or "\0") if span.text else -1
        if at < 0:
            builder.error(span.where, "span.text", Phrase("the text of '{span}' is not found in the article",
                                                                  span=span.id))
            return None
        span.fragments = [(at, at + len(span.text))]
    start, end = span.fragments[0]
    if span.text is not None and 0 <= start < end <= len(flat.raw) and flat.raw[start:end] != span.text:
        builder.error(span.where, "span.text",
                      Phrase("does not match its offsets {start}-{end}: the file says {given}, the text there is {found}",
                             start=start, end=end, given=repr(span.text), found=repr(flat.raw[start:end])))
        return None
    placed = flat.locate(start, end)
    if isinstance(placed, str):
        builder.error(span.where, "span.start", placed)
        return None
    return placed
