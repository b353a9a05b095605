"""WebAnno TSV 3 (https://inception-project.github.io/releases/latest/docs/user-guide.html#sect_formats_webannotsv3),
the exchange file of INCEpTION and WebAnno: ``#FORMAT=WebAnno TSV 3.3``, ``#T_SP=`` span layers and
``#T_RL=`` relation layers with their features, then one block per sentence (``#Text=``) and one
row per token: ``sentence-token``, ``begin-end`` (UTF-16 units over the document), the token, one
column per feature. A value ``label[3]`` is annotation 3 (it spans several tokens, or is stacked);
stacked values are parted by ``|``; ``_`` is nothing, ``*`` an empty feature. A relation sits on
the first token of its dependent (our link's target) and names the governor (its source) in the
``BT_`` column, ``1-2`` or ``1-2[3_4]`` (the governor's and dependent's annotation ids, 0: none).

Read: the first feature of a span layer is the label (the layer's own name when it has none), the
others are attributes; a relation's first feature is the link type. INCEpTION's project layout
(``annotation/<document>/<user>.tsv``, ``curation/<document>/CURATION_USER.tsv`` for gold) names
document and owner; otherwise the file is the document and its folder the owner. The text is
rebuilt from the sentences at their offsets (a gap of one is a space, of two or more a paragraph
break). Chain layers (``#T_CH``) are refused.

Written: that project layout, one sentence per paragraph, tokens cut at white space and at every
span boundary (so no span needs sub-tokens), one span layer per layer of ours
(``webanno.custom.<Layer>``: ``label`` and the layer's attributes) and one relation layer for the
links between its spans.
"""
from __future__ import annotations

import re
from pathlib import PurePosixPath

from ...i18n import NP_, Phrase, Plural
from .model import ForeignDocument, ForeignLink, ForeignSet, ForeignSpan, ReadResult, SchemeLabels
from .sources import unpack

# English keeps its "column(s)" (scripts read these words); the catalogs give each count its form.
_ROW_FORMS = NP_("does not parse: expected address, begin-end, token and {count} column(s), got {line}",
                 "does not parse: expected address, begin-end, token and {count} column(s), got {line}")

HEADER = "#FORMAT=WebAnno TSV 3.3"
CURATION = "CURATION_USER"
_RESERVED = "\\[]|_;\t\n*"
_ADDRESS = re.compile(r"^(\d+-\d+(?:\.\d+)?)(?:\[(\d+)_(\d+)\])?$")
_VALUE = re.compile(r"^(.*?)(?:\[(\d+)\])?$", re.S)


_NEEDS_ESCAPE = re.compile(r"[\\\[\]|_;\t\n*]|->")


def escape(text: str) -> str:
    if not _NEEDS_ESCAPE.search(text):
        return text
    return re.sub(r"->", r"\\->", "".join(f"\\{c}" if c in _RESERVED else c for c in text))


_ESCAPED = re.compile(r"\\(->|.)", re.S)
_STACK = re.compile(r"(?<!\\)\|")


def unescape(text: str) -> str:
    return _ESCAPED.sub(lambda m: m.group(1), text) if "\\" in text else text


def split_stack(cell: str) -> list[str]:
    """A cell's values, parted by the ``|`` that is not escaped."""
    if cell in ("_", ""):
        return []
    return _STACK.split(cell) if "|" in cell else [cell]


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")  # two UTF-16 units each


def utf16_len(text: str) -> int:
    return len(text) + len(_ASTRAL.findall(text))


def read(files: list[tuple[str, bytes]]) -> ReadResult:
    result = ReadResult()
    for name, data in unpack(files, result):
        path = PurePosixPath(name)
        if path.suffix.lower() != ".tsv":
            continue
        if len(path.parts) >= 3 and path.parts[-3] in ("annotation", "curation"):
            external_id, owner = path.parts[-2].rsplit(".", 1)[0] if "." in path.parts[-2] else path.parts[-2], path.stem
            owner = "gold" if owner == CURATION else owner
        else:
            external_id, owner = path.stem, (path.parts[-2] if len(path.parts) > 1 else None)
        try:
            lines = data.decode("utf-8-sig").split("\n")
        except UnicodeDecodeError as exc:
            result.error(name, "file", Phrase("not UTF-8 text (byte {byte})", byte=exc.start + 1))
            continue
        document = _read_tsv(name, [line.rstrip("\r") for line in lines], external_id, owner, result)
        if document is not None:
            result.documents.append(document)
    if not result.documents and not result.errors:
        result.error("import", "file", Phrase("no .tsv file of WebAnno TSV 3 found"))
    return result


def _read_tsv(name, lines, external_id, owner, result) -> ForeignDocument | None:
    if not lines or not lines[0].startswith("#FORMAT=WebAnno TSV 3"):
        result.error(Phrase("{file} line {number}", file=name, number=1), "#FORMAT",
                     Phrase("not WebAnno TSV 3: the first line must be '#FORMAT=WebAnno TSV 3.x'"))
        return None
    columns: list[tuple[str, str, str, int]] = []  # (kind SP|RL, layer, feature, index of the layer's first column)
    sentences: list[tuple[list[str], int | None]] = []  # (#Text lines, UTF-16 start of the first token)
    rows: list[tuple[str, int, int, list[str], str]] = []  # (address, begin, end, cells, where)
    after_text = False
    for number, line in enumerate(lines[1:], 2):
        if line[:1] != "#":  # a token row (most lines): its place is named only where it is needed
            if not line.strip():
                after_text = False
                continue
            cells = line.split("\t")
            begin, dash, end = cells[1].partition("-") if len(cells) > 2 else ("", "", "")
            if not (dash and begin.isdecimal() and end.isdecimal()) or len(cells) < 3 + len(columns):
                result.error(Phrase("{file} line {number}", file=name, number=number), "row",
                             Plural(*_ROW_FORMS, len(columns), line=repr(line)))
                after_text = False
                continue
            begin, end = int(begin), int(end)
            if sentences and sentences[-1][1] is None:
                token = unescape(cells[2])
                sentences[-1] = (sentences[-1][0], begin - utf16_len("\n".join(sentences[-1][0]).split(token)[0]))
            rows.append((cells[0], begin, end, cells[3:3 + len(columns)], number))
            after_text = False
            continue
        where = Phrase("{file} line {number}", file=name, number=number)
        if line.startswith(("#T_SP=", "#T_RL=", "#T_CH=")):
            kind, spec = line[3:5], line[6:]
            layer, *features = spec.split("|")
            if kind == "CH":
                result.error(where, "#T_CH",
                             Phrase("chain layers (coreference) are not supported: the scheme has spans and links"))
                return None
            first = len(columns)
            columns += [(kind, layer, f, first) for f in features] or [(kind, layer, "", first)]
        elif line.startswith("#Text="):
            if not after_text:  # a sentence's line breaks are further #Text= lines
                sentences.append(([], None))
            sentences[-1][0].append(unescape(line[6:]))
        after_text = line.startswith("#Text=")
    text, to_points = _rebuild(sentences)
    document = ForeignDocument(external_id, text, name)
    document.sets.append(_annotations(name, columns, rows, to_points, owner, result))
    return document


def _rebuild(sentences) -> tuple[str, list[int]]:
    """The document text from its sentences at their offsets, and UTF-16 offset -> code point."""
    parts, at = [], 0
    for lines, start in sentences:
        sentence = "\n".join(lines)
        start = at if start is None else start
        gap = start - at
        if gap > 0:
            parts.append(" " if gap == 1 else "\n" * gap)
        parts.append(sentence)
        at = max(at, start) + utf16_len(sentence)
    text = "".join(parts)
    to_points, at = [], 0  # each code point once, those of two UTF-16 units twice
    for match in _ASTRAL.finditer(text):
        index = match.start()
        to_points.extend(range(at, index + 1))
        to_points.append(index)
        at = index + 1
    to_points.extend(range(at, len(text) + 1))
    return text, to_points


def _annotations(name, columns, rows, to_points, owner, result) -> ForeignSet:
    aset = ForeignSet(owner, name)
    spans: dict[tuple, ForeignSpan] = {}
    on_row: dict[tuple[str, str], list[tuple]] = {}  # (layer, address) -> keys of annotations there without id
    row_of = {address: (begin, end) for address, begin, end, _, _ in rows}
    relations = []
    limit = len(to_points) - 1
    # (kind, layer, [(feature, column)], first column, last column + 1): a layer's columns are side by side
    groups: list[tuple[str, str, list[tuple[str, int]], int, int]] = []
    for index, (kind, layer, feature, _) in enumerate(columns):
        if not groups or groups[-1][:2] != (kind, layer):
            groups.append((kind, layer, [], index, index))
        groups[-1][2].append((feature, index))
        groups[-1] = (*groups[-1][:4], index + 1)
    for address, begin, end, cells, number in rows:
        if end > limit or begin >= end:
            result.error(Phrase("{file} line {number}", file=name, number=number), "begin-end",
                         Phrase("{begin}-{end} is outside the text (0-{limit} UTF-16 units)",
                                begin=begin, end=end, limit=limit))
            continue
        if cells.count("_") == len(cells):
            continue  # most tokens carry nothing on any layer
        where = Phrase("{file} line {number}", file=name, number=number)
        start, stop = to_points[begin], to_points[end]
        for kind, layer, features, first_column, end_column in groups:
            here = cells[first_column:end_column]
            if here.count("_") == len(here):
                continue  # nor on most layers
            stacks = [split_stack(cell) for cell in here]
            if kind == "RL":
                relations.append((where, address, layer, stacks))
                continue
            for i, first in enumerate(stacks[0]):
                value, ident = _VALUE.match(first).groups()
                span_key = (layer, ident) if ident else (layer, address, i)
                if not ident:
                    on_row.setdefault((layer, address), []).append(span_key)
                span = spans.get(span_key)
                label = unescape(value) if features[0][0] and value not in ("*", "") else layer.rsplit(".", 1)[-1]
                if span is None:
                    span = spans[span_key] = ForeignSpan(f"{layer}#{ident or address + '/' + str(i)}", label,
                                                         [(start, stop)], None, where)
                    for (feature, _), stack in zip(features[1:], stacks[1:]):
                        raw = _VALUE.match(stack[i]).group(1) if i < len(stack) else "*"
                        if raw not in ("*", "_", ""):
                            span.attributes[feature] = unescape(raw)
                span.fragments = [(min(span.fragments[0][0], start), max(span.fragments[0][1], stop))]
    aset.spans = list(spans.values())
    for where, address, layer, stacks in relations:
        base = next((f for k, lay, f, _ in columns if k == "RL" and lay == layer and f.startswith("BT_")), "BT_")
        layer_base = base[3:]
        for i, governor in enumerate(stacks[-1]):
            match = _ADDRESS.match(governor)
            label = _VALUE.match(stacks[0][i]).group(1) if len(stacks) > 1 and i < len(stacks[0]) else layer
            if not match or match.group(1) not in row_of:
                result.error(where, "BT", Phrase("the governor {governor} is no token of this file",
                                                         governor=repr(governor)))
                continue
            source = _span_at(spans, on_row, layer_base, match.group(1), match.group(2))
            target = _span_at(spans, on_row, layer_base, address, match.group(3))
            if source is None or target is None:
                result.error(where, "BT", Phrase("a relation to an unknown annotation ({governor} -> {address})",
                                                         governor=repr(governor), address=address))
                continue
            aset.links.append(ForeignLink(source.id, target.id, unescape(label) if label not in ("*", "") else
                                          layer.rsplit(".", 1)[-1], where))
    return aset


def _span_at(spans, on_row, layer, address, ident) -> ForeignSpan | None:
    if ident and ident != "0":
        return spans.get((layer, ident))
    found = on_row.get((layer, address), [])
    return spans[found[0]] if len(found) == 1 else None



def write(documents: list[ForeignDocument], labels: SchemeLabels) -> tuple[bytes, dict[str, int]]:
    from .webanno_write import write_zip  # the writer's own module: this one reads

    return write_zip(documents, labels)
