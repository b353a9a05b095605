"""WebAnno TSV 3, written (the format is described in ``webanno``): INCEpTION's project layout,
one sentence per paragraph, tokens cut at white space and at every span boundary, a span layer
per layer of ours and a relation layer for the links between its spans."""
from __future__ import annotations

import bisect
import re

from .model import ForeignDocument, ForeignLink, ForeignSet, ForeignSpan, SchemeLabels
from .sources import zip_bytes
from .webanno import CURATION, HEADER, escape


def write_zip(documents: list[ForeignDocument], labels: SchemeLabels) -> tuple[bytes, dict[str, int]]:
    layer_of = {labels.name_of(layer, key): layer for layer, key in labels.spans}
    layers = list(dict.fromkeys(layer for layer, _ in labels.spans))
    features = {layer: list(dict.fromkeys(a for label, a, _ in labels.attributes
                                          if (layer, label) in set(labels.spans))) for layer in layers}
    entries, counts = [], {"files": 0, "spans": 0, "links": 0}
    for document in documents:
        for aset in document.sets:
            folder = "curation" if aset.owner == "gold" else "annotation"
            owner = CURATION if aset.owner == "gold" else aset.owner.replace("/", "_")
            body = _write_tsv(document.text, aset, layers, features, layer_of)
            entries.append((f"{folder}/{document.external_id}/{owner}.tsv", body.encode()))
            counts["files"] += 1
            counts["spans"] += len(aset.spans)
            counts["links"] += len(aset.links)
    return zip_bytes(entries), counts


def _layer_name(layer: str) -> str:
    return "webanno.custom." + "".join(part.capitalize() for part in re.split(r"[\W_]+", layer) if part)


def _write_tsv(text: str, aset: ForeignSet, layers, features, layer_of) -> str:
    spans = sorted(aset.spans, key=lambda s: s.fragments[0])
    cuts = sorted({at for span in spans for at in span.fragments[0]})
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    tokens = [piece for start, end in tokens for piece in _cut(start, end, cuts)]
    token_starts = [start for start, _ in tokens]
    covered: dict[str, list[int]] = {}
    for span in spans:  # the tokens inside each span: spans' ends are token ends, by the cuts above
        start, end = span.fragments[0]
        i, found = bisect.bisect_left(token_starts, start), []
        while i < len(tokens) and tokens[i][0] < end:
            found.append(i)
            i += 1
        covered[span.id] = found
    per_token: dict[tuple[str, int], list[ForeignSpan]] = {}
    for span in spans:
        for i in covered[span.id]:
            per_token.setdefault((layer_of[span.label], i), []).append(span)
    ids, next_id = {}, 1
    for span in spans:
        layer = layer_of[span.label]
        if len(covered[span.id]) > 1 or any(len(per_token[(layer, i)]) > 1 for i in covered[span.id]):
            ids[span.id], next_id = next_id, next_id + 1
    by_id = {span.id: span for span in spans}
    arriving: dict[int, list[tuple[ForeignLink, ForeignSpan]]] = {}
    for link in aset.links:
        source, target = by_id[link.source], by_id[link.target]
        if layer_of[source.label] == layer_of[target.label]:
            arriving.setdefault(covered[target.id][0], []).append((link, source))
    header = [HEADER]
    for layer in layers:
        header.append(f"#T_SP={_layer_name(layer)}|label" + "".join(f"|{f}" for f in features[layer]))
    for layer in layers:
        header.append(f"#T_RL={_layer_name(layer)}Link|type|BT_{_layer_name(layer)}")
    lines, starts16 = [*header, "", ""], _utf16_starts(text)
    paragraphs = _paragraphs(text)
    address: dict[int, str] = {}
    in_sentence: list[list[int]] = [[] for _ in paragraphs]
    sentence, number = 0, 0
    for i, (start, _) in enumerate(tokens):  # tokens and paragraphs are both in text order
        while paragraphs[sentence][0] + len(paragraphs[sentence][1]) <= start:
            sentence, number = sentence + 1, 0
        number += 1
        address[i] = f"{sentence + 1}-{number}"
        in_sentence[sentence].append(i)
    for (_, paragraph), members in zip(paragraphs, in_sentence):
        lines += [f"#Text={escape(part)}" for part in paragraph.split("\n")]
        for i in members:
            start, end = tokens[i]
            cells = [address[i], f"{starts16[start]}-{starts16[end]}", escape(text[start:end])]
            for layer in layers:
                here = per_token.get((layer, i), [])
                cells.append("|".join(_value(escape(s.label), ids.get(s.id)) for s in here) or "_")
                for feature in features[layer]:
                    cells.append("|".join(_value(escape(s.attributes[feature]) if feature in s.attributes else "*",
                                                 ids.get(s.id)) for s in here) or "_")
            for layer in layers:
                here = [(link, source) for link, source in arriving.get(i, []) if layer_of[source.label] == layer]
                cells.append("|".join(escape(link.label) for link, _ in here) or "_")
                cells.append("|".join(_governor(address[covered[source.id][0]], ids.get(source.id),
                                                ids.get(link.target)) for link, source in here) or "_")
            lines.append("\t".join(cells) + "\t")
        lines.append("")
    return "\n".join(lines) + "\n"


def _value(value: str, ident: int | None) -> str:
    return f"{value}[{ident}]" if ident else value


def _governor(address: str, source: int | None, target: int | None) -> str:
    return f"{address}[{source or 0}_{target or 0}]" if source or target else address


def _cut(start: int, end: int, cuts: list[int]) -> list[tuple[int, int]]:
    inside = cuts[bisect.bisect_right(cuts, start):bisect.bisect_left(cuts, end)]
    if not inside:
        return [(start, end)]
    points = [start, *inside, end]
    return list(zip(points, points[1:]))


def _paragraphs(text: str) -> list[tuple[int, str]]:
    found, at = [], 0
    for part in text.split("\n\n"):
        found.append((at, part))
        at += len(part) + 2
    return found


def _utf16_starts(text: str) -> list[int]:
    starts, at = [], 0
    for char in text:
        starts.append(at)
        at += 2 if ord(char) > 0xFFFF else 1
    starts.append(at)
    return starts
