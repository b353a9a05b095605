"""Label Studio JSON (https://labelstud.io/guide/export.html, https://labelstud.io/tags/labels.html):
the export of a project with Labels, Relations and Choices over one Text.

Read: a list of tasks with ``data.text``; each ``annotations[]`` entry is one set, keyed by the
completing user's email (``completed_by.email``; a bare user id is taken as a name the label map
can map); ``predictions[]`` are a model's sets (``model_version``). Results: ``labels`` (start and
end in code points, the text, one span per label), ``relation`` (``from_id``, ``to_id``,
``labels``; ``direction`` left is reversed; no label reads as ``(none)``, which a label map can
map), ``choices`` on a region (an attribute named by ``from_name``) or on the text (frames:
``primary_frame`` is the primary one). ``data.external_id`` names the document (else ``task-<id>``).

Written: a zip of ``tasks.json`` in the same shape and ``label_config.xml``, the labelling
interface of the project's scheme, so a team can go back to Label Studio.
"""
from __future__ import annotations

import json
from xml.sax.saxutils import quoteattr

from ...i18n import N_, Phrase
from .model import ForeignDocument, ForeignLink, ForeignSet, ForeignSpan, ReadResult, SchemeLabels
from .sources import unpack, zip_bytes

EMAIL_DOMAIN = "annotator.invalid"  # a domain that is never anyone's: the part before @ is the username
PRIMARY = "primary_frame"
FRAMES = "frames"


def read(files: list[tuple[str, bytes]]) -> ReadResult:
    result = ReadResult()
    for name, data in unpack(files, result):
        if not name.lower().endswith(".json"):
            continue
        try:
            tasks = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as exc:
            result.error(name, "file", Phrase("not JSON ({problem})", problem=str(exc)))
            continue
        if isinstance(tasks, dict):
            tasks = tasks.get("tasks", [tasks])
        if not isinstance(tasks, list) or not all(isinstance(t, dict) for t in tasks):
            result.error(name, "file", Phrase("not a Label Studio export: expected a list of tasks"))
            continue
        for number, task in enumerate(tasks, 1):
            _task(Phrase("{file} task {number}", file=name, number=number), task, result)
    if not result.documents and not result.errors:
        result.error("import", "file", Phrase("no .json file of Label Studio tasks found"))
    return result


def _task(where: str, task: dict, result: ReadResult) -> None:
    data = task.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        result.error(where, "data.text", Phrase("required: the task's text"))
        return
    external_id = str(data.get("external_id") or f"task-{task.get('id', where.rsplit(' ', 1)[-1])}")
    document = ForeignDocument(external_id, data["text"], where)
    for kind in ("annotations", "predictions"):
        entries = task.get(kind) or []
        if not isinstance(entries, list):
            result.error(where, kind, Phrase("must be a list"))
            continue
        for number, entry in enumerate(entries, 1):
            here = Phrase(ENTRY_PLACES[kind], where=where, number=number)
            if not isinstance(entry, dict) or not isinstance(entry.get("result", []), list):
                result.error(here, "result", Phrase("must be a list of results"))
                continue
            owner = _owner(entry, kind)
            aset = ForeignSet(owner, here, status="skipped" if entry.get("was_cancelled") else "done")
            _results(here, entry.get("result", []), data["text"], aset, result)
            document.sets.append(aset)
    result.documents.append(document)


# Where in a task: a whole phrase for each list a task has.
ENTRY_PLACES = {"annotations": N_("{where} annotation {number}"), "predictions": N_("{where} prediction {number}")}


def _owner(entry: dict, kind: str) -> str | None:
    if kind == "predictions":
        return f"model:{entry.get('model_version') or 'labelstudio'}"
    who = entry.get("completed_by")
    if isinstance(who, dict):
        who = who.get("email") or who.get("username") or who.get("id")
    return None if who is None else str(who)


def _results(where: str, results: list, text: str, aset: ForeignSet, result: ReadResult) -> None:
    regions: dict[str, ForeignSpan] = {}
    for number, item in enumerate(results, 1):
        here = Phrase("{where} result {number}", where=where, number=number)
        kind = item.get("type") if isinstance(item, dict) else None
        value = item.get("value") if isinstance(item, dict) else None
        if kind == "labels" and isinstance(value, dict):
            start, end, labels = value.get("start"), value.get("end"), value.get("labels")
            if not (isinstance(start, int) and isinstance(end, int) and isinstance(labels, list) and labels):
                result.error(here, "value", Phrase("a labels result needs start and end (integers) and labels"))
                continue
            for i, label in enumerate(labels):
                span = ForeignSpan(str(item.get("id", here)) + (f"#{i + 1}" if i else ""), str(label),
                                   [(start, end)], value.get("text"), here)
                regions.setdefault(str(item.get("id", here)), span)
                aset.spans.append(span)
        elif kind == "relation":
            source, target = str(item.get("from_id")), str(item.get("to_id"))
            if item.get("direction") == "left":
                source, target = target, source
            for label in item.get("labels") or ["(none)"]:
                aset.links.append(ForeignLink(source, target, str(label), here))
        elif kind == "choices" and isinstance(value, dict) and isinstance(value.get("choices"), list):
            region = regions.get(str(item.get("id")))
            if region is not None:  # a choice on a region: one of its attributes
                for choice in value["choices"]:
                    region.attributes[str(item.get("from_name"))] = str(choice)
            else:
                aset.frames.extend((str(c), item.get("from_name") == PRIMARY) for c in value["choices"])
        else:
            result.error(here, "type", Phrase("a result of type {kind} is not supported (labels, relation, choices)",
                                                    kind=repr(kind)))


def write(documents: list[ForeignDocument], labels: SchemeLabels) -> tuple[bytes, dict[str, int]]:
    tasks, counts, annotation_id = [], {"tasks": 0, "annotations": 0, "predictions": 0}, 0
    for number, document in enumerate(documents, 1):
        task = {"id": number, "data": {"text": document.text, "external_id": document.external_id},
                "annotations": [], "predictions": []}
        for aset in document.sets:
            results = _write_results(aset)
            if aset.owner.startswith("model:"):
                task["predictions"].append({"model_version": aset.owner[len("model:"):], "result": results})
                counts["predictions"] += 1
                continue
            annotation_id += 1
            task["annotations"].append({"id": annotation_id, "completed_by": {"email": f"{aset.owner}@{EMAIL_DOMAIN}"},
                                        "was_cancelled": aset.status == "skipped", "result": results})
            counts["annotations"] += 1
        tasks.append(task)
        counts["tasks"] += 1
    body = json.dumps(tasks, ensure_ascii=False, indent=1).encode()
    return zip_bytes([("tasks.json", body), ("label_config.xml", label_config(labels).encode())]), counts


def _write_results(aset: ForeignSet) -> list[dict]:
    results = []
    for span in aset.spans:
        start, end = span.fragments[0]
        region = {"start": start, "end": end, "text": span.text}
        results.append({"id": span.id, "type": "labels", "from_name": "label", "to_name": "text",
                        "value": {**region, "labels": [span.label]}})
        for key, value in span.attributes.items():
            results.append({"id": span.id, "type": "choices", "from_name": key, "to_name": "text",
                            "value": {**region, "choices": [value]}})
    for link in aset.links:
        results.append({"type": "relation", "from_id": link.source, "to_id": link.target, "direction": "right",
                        "labels": [link.label]})
    for frame, primary in aset.frames:
        results.append({"id": f"{'primary' if primary else 'frame'}-{frame}", "type": "choices",
                        "from_name": PRIMARY if primary else FRAMES, "to_name": "text",
                        "value": {"choices": [frame]}})
    return results


def label_config(labels: SchemeLabels) -> str:
    """The labelling interface of the scheme: Labels, Relations, per-region and whole-text Choices."""
    lines = ["<View>", '  <Labels name="label" toName="text">']
    lines += [f"    <Label value={quoteattr(labels.name_of(layer, key))} background={quoteattr(labels.colors[key])}/>"
              for layer, key in labels.spans]
    lines += ["  </Labels>", '  <Text name="text" value="$text"/>', "  <Relations>"]
    lines += [f"    <Relation value={quoteattr(t)}/>" for t in labels.link_types]
    lines.append("  </Relations>")
    for label, attribute, values in labels.attributes:
        lines.append(f'  <Choices name={quoteattr(attribute)} toName="text" perRegion="true" '
                     f'visibleWhen="region-selected" whenLabelValue={quoteattr(label)}>')
        lines += [f"    <Choice value={quoteattr(v)}/>" for v in values] + ["  </Choices>"]
    if labels.frames:
        for name, choice in ((PRIMARY, "single"), (FRAMES, "multiple")):
            lines.append(f'  <Choices name="{name}" toName="text" choice="{choice}">')
            lines += [f"    <Choice value={quoteattr(f)}/>" for f in labels.frames] + ["  </Choices>"]
    return "\n".join([*lines, "</View>", ""])
