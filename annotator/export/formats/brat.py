"""brat standoff (https://brat.nlplab.org/standoff.html): ``.txt`` and ``.ann`` pairs, in a zip or a folder.

Read: text-bound annotations (``T``, their fragments; fragments parted only by white space, which is
how brat writes a span across a line break, are one span), relations (``R``, our links), attributes
(``A`` and the older ``M``; a binary attribute has the value ``true``) and notes (``#`` on a ``T``: the
span's note for the adjudicator; several on one span are kept one per line). Normalizations (``N``) and equivalences (``*``) are skipped;
events (``E``) are refused. Offsets are code points over the ``.txt`` file. Each file's folder
names the owner of its annotations (``ann1/doc.ann``); the file name is the document's external id.

Written: ``<owner>/<external id>.txt`` and ``.ann`` per annotation set, and an ``annotation.conf``
for the project's scheme, so brat opens the export as it is; a span's note is an ``AnnotatorNotes`` line
(its line breaks written as spaces: brat's note is one line).
"""
from __future__ import annotations

import re
from pathlib import PurePosixPath

from ...i18n import Phrase
from .model import ForeignDocument, ForeignLink, ForeignSet, ForeignSpan, ReadResult, SchemeLabels
from .sources import owner_folder, unpack, zip_bytes

_SPAN = re.compile(r"^(\S+) (\d+ \d+(?:;\d+ \d+)*)$")
_RELATION = re.compile(r"^(\S+) Arg1:(\S+) Arg2:(\S+)$")
_ATTRIBUTE = re.compile(r"^(\S+) (\S+)(?: (\S+))?$")


def read(files: list[tuple[str, bytes]]) -> ReadResult:
    result = ReadResult()
    texts: dict[str, tuple[str, str]] = {}  # external id -> (file name, text)
    anns: list[tuple[str | None, str, str, bytes]] = []
    for name, data in unpack(files, result):
        owner, base = owner_folder(name)
        stem, suffix = PurePosixPath(base).stem, PurePosixPath(base).suffix.lower()
        if suffix == ".txt":
            try:
                text = data.decode("utf-8")  # a byte-order mark is a code point brat counts
            except UnicodeDecodeError as exc:
                result.error(name, "file", Phrase("not UTF-8 text (byte {byte})", byte=exc.start + 1))
                continue
            if stem in texts and texts[stem][1] != text:
                result.error(name, "file", Phrase("a different text for '{document}' than {first}",
                                                    document=stem, first=texts[stem][0]))
            texts.setdefault(stem, (name, text))
        elif suffix == ".ann":
            anns.append((owner, stem, name, data))
    documents = {stem: ForeignDocument(stem, text, name) for stem, (name, text) in texts.items()}
    for owner, stem, name, data in anns:
        if stem not in documents:
            result.error(name, "file", Phrase("no {name}.txt beside it: a .ann file needs its text", name=stem))
            continue
        aset = _read_ann(name, data, documents[stem].text, result)
        aset.owner = owner
        documents[stem].sets.append(aset)
    if not documents and not result.errors:
        result.error("import", "file", Phrase("no .txt and .ann files found: not a brat corpus"))
    result.documents = list(documents.values())
    return result


def _read_ann(name: str, data: bytes, text: str, result: ReadResult) -> ForeignSet:
    aset = ForeignSet(None, name)
    try:
        lines = data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        result.error(name, "file", Phrase("not UTF-8 text (byte {byte})", byte=exc.start + 1))
        return aset
    spans: dict[str, ForeignSpan] = {}
    attributes: list[tuple[str, str, str, str]] = []
    notes: list[tuple[str, str, str]] = []  # (where, target, text)
    for number, line in enumerate(lines, 1):
        where = Phrase("{file} line {number}", file=name, number=number)
        if not line.strip():
            continue
        ident, _, rest = line.partition("\t")
        kind = ident[:1]
        if kind == "T":
            body, _, quote = rest.partition("\t")
            match = _SPAN.match(body)
            if not match:
                result.error(where, "T", Phrase("does not parse: expected '{form}', got {line}",
                                                  form="T1<TAB>Label START END<TAB>text", line=repr(line)))
                continue
            fragments = [tuple(int(n) for n in part.split()) for part in match.group(2).split(";")]
            spans[ident] = _span(ident, match.group(1), fragments, quote, text, where, result)
        elif kind == "R":
            match = _RELATION.match(rest)
            if not match:
                result.error(where, "R", Phrase("does not parse: expected '{form}', got {line}",
                                                  form="R1<TAB>Type Arg1:T1 Arg2:T2", line=repr(line)))
                continue
            aset.links.append(ForeignLink(match.group(2), match.group(3), match.group(1), where))
        elif kind in "AM":
            match = _ATTRIBUTE.match(rest)
            if not match:
                result.error(where, kind, Phrase("does not parse: expected '{form}', got {line}",
                                                   form="A1<TAB>Name T1 [Value]", line=repr(line)))
                continue
            attributes.append((where, match.group(2), match.group(1), match.group(3) or "true"))
        elif kind == "#":
            head, _, note = rest.partition("\t")
            notes.append((where, head.rpartition(" ")[2], note.strip()))
        elif kind == "E":
            result.error(where, "E", Phrase("brat events are not supported: the scheme has spans and links only"))
        elif kind not in "N*":
            result.error(where, "id", Phrase("does not parse: {id} is not a brat annotation id (T, R, A, M, N, #)",
                                                  id=repr(ident)))
    for where, target, attribute, value in attributes:
        if target not in spans:
            result.error(where, "A", Phrase("an attribute of '{target}', which is no text-bound annotation of "
                                            "this file", target=target))
        elif spans[target] is not None:
            spans[target].attributes[attribute] = value
    for where, target, note in notes:
        if target not in spans:
            result.error(where, "#", Phrase("a note on '{target}', which is no annotation of this file", target=target))
        elif spans[target] is not None and note:
            span = spans[target]
            span.note = f"{span.note}\n{note}" if span.note else note
    aset.spans = [span for span in spans.values() if span is not None]
    return aset


def _span(ident, label, fragments, quote, text, where, result) -> ForeignSpan | None:
    for start, end in fragments:
        if not 0 <= start < end <= len(text):
            result.error(where, "T", Phrase("offsets {start}-{end} are outside the text (0-{length})",
                                                     start=start, end=end, length=len(text)))
            return None
    given = " ".join(text[s:e] for s, e in fragments)
    if quote != given:
        result.error(where, "T", Phrase("the text {quote} does not match its offsets (the .txt has {given})",
                                                 quote=repr(quote), given=repr(given)))
        return None
    joined = all(not text[a_end:b_start].strip() for (_, a_end), (b_start, _) in zip(fragments, fragments[1:]))
    if joined:  # one span written across line breaks
        fragments = [(fragments[0][0], fragments[-1][1])]
    return ForeignSpan(ident, label, fragments, text[fragments[0][0]:fragments[-1][1]] if joined else None, where)


def write(documents: list[ForeignDocument], labels: SchemeLabels) -> tuple[bytes, dict[str, int]]:
    entries, counts = [("annotation.conf", annotation_conf(labels).encode())], {"files": 0, "spans": 0, "links": 0}
    for document in documents:
        for aset in document.sets:
            lines, ids = [], {}
            for span in aset.spans:
                ids[span.id] = f"T{len(ids) + 1}"
                lines.append(f"{ids[span.id]}\t{span.label} {_fragments(document.text, *span.fragments[0])}\t"
                             f"{_brat_text(span.text)}")
            for number, link in enumerate(aset.links, 1):
                lines.append(f"R{number}\t{link.label} Arg1:{ids[link.source]} Arg2:{ids[link.target]}")
            number = 0
            for span in aset.spans:
                for key, value in span.attributes.items():
                    number += 1
                    lines.append(f"A{number}\t{key} {ids[span.id]} {value}")
            notes = [span for span in aset.spans if span.note]
            for number, span in enumerate(notes, 1):
                lines.append(f"#{number}\tAnnotatorNotes {ids[span.id]}\t{_brat_text(span.note)}")
            folder = aset.owner.replace("/", "_")
            entries.append((f"{folder}/{document.external_id}.txt", document.text.encode()))
            entries.append((f"{folder}/{document.external_id}.ann", "".join(f"{x}\n" for x in lines).encode()))
            counts["files"] += 2
            counts["spans"] += len(aset.spans)
            counts["links"] += len(aset.links)
    return zip_bytes(entries), counts


def _fragments(text: str, start: int, end: int) -> str:
    """brat's T line cannot hold a line break: a span across one is written as fragments around it."""
    parts, at = [], start
    for match in re.finditer(r"\n+", text[start:end]):
        parts.append(f"{at} {start + match.start()}")
        at = start + match.end()
    parts.append(f"{at} {end}")
    return ";".join(parts)


def _brat_text(text: str) -> str:
    return re.sub(r"\n+", " ", text)


def annotation_conf(labels: SchemeLabels) -> str:
    names = [labels.name_of(layer, label) for layer, label in labels.spans]
    relations = [f"{t}\tArg1:<ENTITY>, Arg2:<ENTITY>" for t in labels.link_types]
    attributes = [f"{attribute}\tArg:{labels.name_of(*_layer_of(labels, label))}, Value:{'|'.join(values)}"
                  for label, attribute, values in labels.attributes]
    return "\n".join(["[entities]", *names, "", "[relations]", *relations, "", "[events]", "",
                      "[attributes]", *attributes, ""])


def _layer_of(labels: SchemeLabels, label: str) -> tuple[str, str]:
    return next(pair for pair in labels.spans if pair[1] == label)
