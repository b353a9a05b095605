"""An external recommender: a URL speaking the JSON protocol of docs/recommenders.md.

The document goes out as one POST; what comes back is checked item by item. A late answer,
an error status or a body that is not the protocol drops everything; an item with offsets
outside its paragraph, a label not in the scheme or a score outside 0..1 is dropped alone.
Every drop is logged with its reason and noted for the lead (an event "recommender.dropped"
on the project, shown on the suggestions page). Annotation never waits longer than the
timeout, and the suggestions arrive in their own htmx request, so the page never waits at all.
"""
from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate
from sqlalchemy.orm import Session

from ...domain.offsets import codepoint_to_utf16
from ...domain.scheme import STANCE_VALUES
from ...i18n import N_, Phrase, stored
from ...models import Document, Project
from ...schemas.common import flatten_errors
from ..events import record_event
from ..team.projects import current_scheme
from ..tx import transaction
from .settings import suggestion_settings
from .suggesting import SuggestionView, span_key

log = logging.getLogger(__name__)
PROTOCOL = "annotator-recommender/1"
_score = fields.Float(required=True, validate=validate.Range(0, 1))


class _Span(Schema):
    class Meta:
        unknown = EXCLUDE
    paragraph = fields.Integer(required=True, strict=True)
    start = fields.Integer(required=True, strict=True)
    end = fields.Integer(required=True, strict=True)
    label = fields.String(required=True)
    score = _score


class _Frame(Schema):
    class Meta:
        unknown = EXCLUDE
    label = fields.String(required=True)
    score = _score


class _Stance(Schema):
    class Meta:
        unknown = EXCLUDE
    actor = fields.String(required=True)
    value = fields.String(required=True)
    score = _score


class _Answer(Schema):
    class Meta:
        unknown = EXCLUDE
    name = fields.String(load_default="external", validate=validate.Length(1, 40))
    spans = fields.List(fields.Dict(), load_default=list)
    frames = fields.List(fields.Dict(), load_default=list)
    stances = fields.List(fields.Dict(), load_default=list)


def request_body(document: Document, texts: list[str], scheme) -> dict:
    return {"protocol": PROTOCOL, "document": {"id": document.public_id, "title": document.title,
                                               "language": document.language, "paragraphs": texts},
            "labels": {layer.key: [lab.key for lab in layer.active_labels] for layer in scheme.span_layers},
            "frames": [lab.key for lab in scheme.frames.labels if not lab.retired],
            "stance_values": list(STANCE_VALUES)}


def _note(session: Session, project: Project, url: str, reason: Phrase) -> None:
    """The reason in English (the log, the audit) and kept with its parts ("said"), so that the
    lead's page says it in their language; a reason too long to keep whole is cut, in English."""
    log.warning("external recommender %s: %s", url, reason)
    after = {"url": url, "reason": str(reason)[:500]}
    said = stored(reason)
    if len(said) <= 4000:
        after["said"] = said
    with transaction(session):
        record_event(session, action="recommender.dropped", entity="project", entity_id=project.public_id,
                     project_id=project.id, after=after)


def _items(raw: list, schema: Schema, what: str, problems: list[Phrase]) -> list[dict]:
    out = []
    for n, item in enumerate(raw):
        try:
            out.append(schema.load(item))
        except ValidationError as exc:
            problems.append(Phrase(ITEM[what], n=n, problems=_validation(exc)))
    return out


# Which item of the answer a problem is about: a whole phrase for each kind.
ITEM = {"span": N_("span {n}: {problems}"), "frame": N_("frame {n}: {problems}"), "stance": N_("stance {n}: {problems}")}


def _validation(exc: ValidationError) -> Phrase:
    return Phrase("{problems}", ", ", problems=[Phrase("{field}: {problem}", field=field, problem=problem)
                                                for field, problem in flatten_errors(exc.messages)])


def check_answer(body: object, texts: list[str], scheme) -> tuple[list[SuggestionView], list[str]]:
    """The valid suggestions of an answer and the reasons for each one dropped."""
    try:
        answer = _Answer().load(body if isinstance(body, dict) else {"spans": "not an object"})
    except ValidationError as exc:
        return [], [Phrase("the answer is not the protocol: {problems}", problems=_validation(exc))]
    problems: list[Phrase] = []
    name = "external:" + answer["name"]
    span_labels = {lab.key: layer.key for layer in scheme.span_layers for lab in layer.active_labels}
    frame_labels = {lab.key for lab in scheme.frames.labels}
    out: list[SuggestionView] = []
    for n, s in enumerate(_items(answer["spans"], _Span(), "span", problems)):
        p, start, end, label = s["paragraph"], s["start"], s["end"], s["label"]
        if not 0 <= p < len(texts) or not 0 <= start < end <= len(texts[p]):
            problems.append(Phrase("span {n}: offsets {start}-{end} are outside paragraph {p}", n=n, start=start,
                                   end=end, p=p))
        elif label not in span_labels:
            problems.append(Phrase("span {n}: label '{label}' is not in the scheme", n=n, label=label))
        else:
            out.append(SuggestionView(span_key(p, span_labels[label], label, start, end), "span", name, label,
                                      s["score"], p, start, end, codepoint_to_utf16(texts[p], start),
                                      codepoint_to_utf16(texts[p], end), texts[p][start:end]))
    for n, f in enumerate(_items(answer["frames"], _Frame(), "frame", problems)):
        if f["label"] not in frame_labels:
            problems.append(Phrase("frame {n}: '{label}' is not a frame of the scheme", n=n, label=f["label"]))
        else:
            role = "primary" if n == 0 else "secondary"  # the first frame of the answer is its primary
            out.append(SuggestionView(f"frame:{role}:{f['label']}", "frame", name, f["label"], f["score"]))
    for n, s in enumerate(_items(answer["stances"], _Stance(), "stance", problems)):
        if s["value"] not in STANCE_VALUES:
            problems.append(Phrase("stance {n}: '{value}' is not a stance value", n=n, value=s["value"]))
            continue
        out.append(SuggestionView(f"stance:{s['actor']}:{s['value']}", "stance", name, s["value"], s["score"],
                                  actor=s["actor"]))
    return out, problems


def external_suggestions(session: Session, project: Project, document: Document, texts: list[str]) -> list[SuggestionView]:
    settings = suggestion_settings(project)
    url = settings["external_url"]
    if not url:
        return []
    scheme = current_scheme(session, project)
    data = json.dumps(request_body(document, texts, scheme), ensure_ascii=False).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=settings["external_timeout"]) as answer:
            raw = answer.read(5_000_000)
        body = json.loads(raw)
    except TimeoutError:
        _note(session, project, url, Phrase("no answer within {seconds} s", seconds=f"{settings['external_timeout']:g}"))
        return []
    except urllib.error.HTTPError as exc:
        _note(session, project, url, Phrase("answered with status {status}", status=exc.code))
        return []
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        _note(session, project, url, Phrase("no answer within the timeout") if isinstance(reason, TimeoutError)
              else Phrase("could not be reached ({reason})", reason=str(reason)))
        return []
    except ValueError as exc:
        _note(session, project, url, Phrase("the answer is not JSON ({error})", error=str(exc)))
        return []
    views, problems = check_answer(body, texts, scheme)
    if problems:
        _note(session, project, url, Phrase("{problems}", problems=problems))
    return views
