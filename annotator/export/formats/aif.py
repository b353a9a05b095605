"""AIF JSON, the Argument Interchange Format as AIFdb and OVA write it
(http://www.arg.dundee.ac.uk/aif, Chesñevar et al. 2006; Reed et al. 2017 for AIFdb's JSON):
``nodes`` (``nodeID``, ``text``, ``type``) and ``edges`` (``fromID``, ``toID``).

Our argument structure is I-nodes (the spans that links may join: claims, evidence, the major
claim), each with its text, RA-nodes (a ``supports`` link: premise -> RA -> conclusion) and
CA-nodes (``attacks``: attacker -> CA -> attacked). Written: one file per set and document,
``<owner>/<external id>.json``, with the article as ``text`` and, on each I-node, our label and
offsets into that text (``annotator``: ``label``, ``start``, ``end``), which other tools ignore.

Read: files OVA or AIFdb produced. An I-node with our offsets lands there; one without is found by
its text in the article (the file's ``text``, else the project's document named by the file) and
reported by its id when it is not there. An I-node without our label reads as ``I-node`` (a claim
unless the label map says otherwise). L, YA, TA and MA nodes (dialogue and rephrase) are skipped.
"""
from __future__ import annotations

import json
from pathlib import PurePosixPath

from ...i18n import Phrase
from .model import ForeignDocument, ForeignLink, ForeignSet, ForeignSpan, ReadResult, SchemeLabels
from .sources import owner_folder, unpack, zip_bytes

SCHEMES = {"supports": ("RA", "Default Inference"), "attacks": ("CA", "Default Conflict")}


def read(files: list[tuple[str, bytes]]) -> ReadResult:
    result = ReadResult()
    for name, data in unpack(files, result):
        if PurePosixPath(name).suffix.lower() != ".json":
            continue
        try:
            graph = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as exc:
            result.error(name, "file", Phrase("not JSON ({problem})", problem=str(exc)))
            continue
        graph = graph.get("AIF", graph) if isinstance(graph, dict) else graph  # OVA+ wraps the graph
        if not isinstance(graph, dict) or not isinstance(graph.get("nodes"), list) \
                or not isinstance(graph.get("edges"), list):
            result.error(name, "file", Phrase("not AIF JSON: expected an object with nodes and edges"))
            continue
        owner, base = owner_folder(name)
        text = graph.get("text")
        text = text.get("txt") if isinstance(text, dict) else text
        document = ForeignDocument(PurePosixPath(base).stem, text if isinstance(text, str) else None, name)
        document.sets.append(_graph(name, graph, owner, result))
        result.documents.append(document)
    if not result.documents and not result.errors:
        result.error("import", "file", Phrase("no .json file of an AIF graph found"))
    return result


def _graph(name: str, graph: dict, owner: str | None, result: ReadResult) -> ForeignSet:
    aset = ForeignSet(owner, name)
    nodes = {}
    for node in graph["nodes"]:
        if not isinstance(node, dict) or "nodeID" not in node or "type" not in node:
            result.error(name, "nodes", Phrase("a node needs nodeID and type: {node}", node=repr(node)))
            continue
        nodes[str(node["nodeID"])] = node
    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for edge in graph["edges"]:
        ends = (str(edge.get("fromID")), str(edge.get("toID"))) if isinstance(edge, dict) else ()
        unknown = [end for end in ends if end not in nodes]
        if len(ends) != 2 or unknown:
            where = Phrase("{file} edge {id}", file=name, id=edge.get("edgeID") if isinstance(edge, dict) else edge)
            result.error(where, "edges", Phrase("refers to unknown node '{node}'", node=unknown[0] if unknown else edge))
            continue
        outgoing.setdefault(ends[0], []).append(ends[1])
        incoming.setdefault(ends[1], []).append(ends[0])
    for node_id, node in nodes.items():
        where = Phrase("{file} node {id}", file=name, id=node_id)
        if node["type"] == "I":
            ours = node.get("annotator") if isinstance(node.get("annotator"), dict) else {}
            fragments = [(ours["start"], ours["end"])] if isinstance(ours.get("start"), int) \
                and isinstance(ours.get("end"), int) else []
            aset.spans.append(ForeignSpan(node_id, str(ours.get("label") or "I-node"), fragments,
                                          str(node.get("text", "")), where))
        elif node["type"] in ("RA", "CA"):
            for premise in incoming.get(node_id, []):
                for conclusion in outgoing.get(node_id, []):
                    if nodes[premise]["type"] == "I" and nodes[conclusion]["type"] == "I":
                        aset.links.append(ForeignLink(premise, conclusion, node["type"], where))
    return aset


def write(documents: list[ForeignDocument], labels: SchemeLabels) -> tuple[bytes, dict[str, int]]:
    entries, counts = [], {"files": 0, "I-nodes": 0, "S-nodes": 0}
    arguable = set(labels.linkable)
    for document in documents:
        for aset in document.sets:
            nodes, edges, ids = [], [], {}
            for span in aset.spans:
                if span.label not in arguable:
                    continue
                ids[span.id] = str(len(nodes) + 1)
                start, end = span.fragments[0]
                nodes.append({"nodeID": ids[span.id], "text": span.text, "type": "I", "timestamp": "",
                              "annotator": {"label": span.label, "start": start, "end": end}})
            for link in aset.links:
                if link.source not in ids or link.target not in ids:
                    continue
                node_type, text = SCHEMES[link.label]
                scheme_id = str(len(nodes) + 1)
                nodes.append({"nodeID": scheme_id, "text": text, "type": node_type, "timestamp": ""})
                for from_id, to_id in ((ids[link.source], scheme_id), (scheme_id, ids[link.target])):
                    edges.append({"edgeID": str(len(edges) + 1), "fromID": from_id, "toID": to_id, "formEdgeID": None})
            graph = {"nodes": nodes, "edges": edges, "locutions": [], "participants": [], "text": document.text}
            entries.append((f"{aset.owner.replace('/', '_')}/{document.external_id}.json",
                            json.dumps(graph, ensure_ascii=False, indent=1).encode()))
            counts["files"] += 1
            counts["I-nodes"] += len(ids)
            counts["S-nodes"] += len(nodes) - len(ids)
    return zip_bytes(entries), counts
