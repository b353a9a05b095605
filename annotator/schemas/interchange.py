"""The interchange format's records (docs/formats.md), validated one line at a time.

Each schema checks one record on its own (types, ranges, required fields); what records say about
each other and about the project's scheme is checked afterwards (annotator.export.jsonl_checks).
Unknown fields are refused, so a misspelt field is an error rather than silently ignored.
"""
from __future__ import annotations

from datetime import UTC

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from ..domain.interchange import FORMAT, VERSION  # noqa: F401  (also read from here)
from ..domain.scheme import LINK_TYPES, STANCE_VALUES
from ..i18n import Phrase
from ..models import ACTOR_KINDS, PARAGRAPH_KINDS, SET_STATUSES, SPAN_ORIGINS
from ..models.actors import ACTOR_STATUSES
from ..models.adjudication import ADJUDICATION_STATUSES, DECISION_METHODS, DISAGREEMENT_CAUSES, NOTE_TARGETS, UNIT_KINDS

DIRECTIONS = ("ltr", "rtl")
POLARITIES = ("favor", "against")
NOTE_MAX = 4000  # a span's note, as long as a disagreement cause's note


class UtcDateTime(fields.DateTime):
    """ISO 8601 in, naive UTC out (how every time is stored); a time without a zone is taken as UTC."""

    def _deserialize(self, value, attr, data, **kwargs):
        parsed = super()._deserialize(value, attr, data, **kwargs)
        if parsed.tzinfo is not None:
            parsed = parsed.astimezone(UTC).replace(tzinfo=None)
        return parsed


def _local_id():
    return fields.String(required=True, validate=validate.Length(min=1, max=100))


def _reference(required: bool = True):
    """The local id of another record of the file."""
    if required:
        return fields.String(required=True, validate=validate.Length(min=1, max=100))
    return fields.String(load_default=None, allow_none=True, validate=validate.Length(min=1, max=100))


def _time():
    return UtcDateTime(load_default=None, allow_none=True)


class _Record(Schema):
    class Meta:
        unknown = RAISE

    type = fields.String(required=True)


def _must_be(right: bool, words: Phrase) -> None:
    # marshmallow's Equal would format its words into a plain string: a phrase keeps its parts
    if not right:
        raise ValidationError(words)


class HeaderRecord(_Record):
    format = fields.String(required=True, validate=lambda value: _must_be(value == FORMAT, Phrase(
        "must be '{format}'", format=FORMAT)))
    version = fields.Integer(required=True, validate=lambda value: _must_be(value == VERSION, Phrase(
        "must be {version}", version=VERSION)))
    scheme = fields.Dict(load_default=dict)


class AliasRecord(Schema):
    class Meta:
        unknown = RAISE

    text = fields.String(required=True, validate=validate.Length(min=1, max=300))
    language = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=16))
    ambiguous = fields.Boolean(load_default=False)
    allow_adjective = fields.Boolean(load_default=False)


class ActorRecord(_Record):
    id = _local_id()
    name = fields.String(required=True, validate=validate.Length(min=1, max=300))
    kind = fields.String(load_default="other", validate=validate.OneOf(ACTOR_KINDS))
    status = fields.String(load_default="active", validate=validate.OneOf(ACTOR_STATUSES))
    aliases = fields.List(fields.Nested(AliasRecord), load_default=list)


class ParagraphRecord(Schema):
    class Meta:
        unknown = RAISE

    index = fields.Integer(required=True, strict=True, validate=validate.Range(min=0))
    kind = fields.String(load_default="body", validate=validate.OneOf(PARAGRAPH_KINDS))
    text = fields.String(required=True, validate=validate.Length(min=1))
    language = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=16))
    direction = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(DIRECTIONS))


class DocumentRecord(_Record):
    id = _local_id()
    external_id = fields.String(required=True, validate=validate.Length(min=1, max=200))
    title = fields.String(required=True)
    author = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=300))
    source_url = fields.String(load_default=None, allow_none=True)
    published_date = fields.Date(load_default=None, allow_none=True)
    language = fields.String(load_default="und", validate=validate.Length(min=1, max=16))
    direction = fields.String(load_default="ltr", validate=validate.OneOf(DIRECTIONS))
    metadata = fields.Dict(load_default=dict)
    content_hash = fields.String(load_default=None, allow_none=True, validate=validate.Regexp(r"^[0-9a-f]{64}$"))
    paragraphs = fields.List(fields.Nested(ParagraphRecord), required=True, validate=validate.Length(min=1))

    @validates_schema
    def _numbered_in_order(self, data, **_):
        indexes = [p["index"] for p in data.get("paragraphs", [])]
        if indexes != list(range(len(indexes))):
            raise ValidationError("paragraph indexes must run 0, 1, 2, ... in order", "paragraphs")


class SetRecord(_Record):
    id = _local_id()
    document = _reference()
    # A username, "gold" or "model:<name>"; may be left out when the import names a model.
    annotator = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=1, max=200))
    status = fields.String(load_default="not_started", validate=validate.OneOf(SET_STATUSES))
    skip_reason = fields.String(load_default=None, allow_none=True)
    assigned = fields.Boolean(load_default=True)
    assigned_at, started_at, done_at, updated_at = _time(), _time(), _time(), _time()


class SpanRecord(_Record):
    id = _local_id()
    set = _reference()
    paragraph = fields.Integer(required=True, strict=True, validate=validate.Range(min=0))
    start = fields.Integer(required=True, strict=True, validate=validate.Range(min=0))
    end = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    layer = fields.String(required=True)
    label = fields.String(required=True)
    attributes = fields.Dict(keys=fields.String(), values=fields.String(), load_default=dict)
    text = fields.String(required=True, validate=validate.Length(min=1))
    origin = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(SPAN_ORIGINS))
    target_actor = _reference(required=False)
    target_polarity = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(POLARITIES))
    # The annotator's note on the span for the adjudicator (brat's AnnotatorNotes); written only when there is one.
    note = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=1, max=NOTE_MAX))
    created_at, updated_at = _time(), _time()

    @validates_schema
    def _offsets(self, data, **_):
        if "start" in data and "end" in data and data["end"] <= data["start"]:
            raise ValidationError("must be greater than start", "end")
        if (data.get("target_actor") is None) != (data.get("target_polarity") is None):
            raise ValidationError("a target actor and its polarity go together", "target_polarity")


class LinkRecord(_Record):
    id = _local_id()
    set = _reference()
    source = _reference()
    target = _reference()
    link_type = fields.String(required=True, validate=validate.OneOf(LINK_TYPES))
    created_at, updated_at = _time(), _time()


class StanceRecord(_Record):
    id = _local_id()
    set = _reference()
    actor = _reference()
    paragraph = fields.Integer(load_default=None, allow_none=True, strict=True, validate=validate.Range(min=0))
    value = fields.String(required=True, validate=validate.OneOf(STANCE_VALUES))
    intensity = fields.Integer(load_default=None, allow_none=True, strict=True)
    holder = fields.String(load_default="", validate=validate.Length(max=300))
    evidence = fields.List(fields.String(), load_default=list)
    origin = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(SPAN_ORIGINS))
    created_at, updated_at = _time(), _time()


class FrameRecord(_Record):
    id = _local_id()
    set = _reference()
    paragraph = fields.Integer(load_default=None, allow_none=True, strict=True, validate=validate.Range(min=0))
    frame = fields.String(required=True)
    primary = fields.Boolean(load_default=False)
    origin = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(SPAN_ORIGINS))
    created_at = _time()


class NoteRecord(_Record):
    """An annotator's note for the adjudicator, on the document or on a span or stance of the set."""

    id = _local_id()
    set = _reference()
    target = fields.String(load_default="document", validate=validate.OneOf(NOTE_TARGETS))
    item = _reference(required=False)
    text = fields.String(required=True, validate=validate.Length(min=1, max=NOTE_MAX))
    created_at, updated_at = _time(), _time()

    @validates_schema
    def _item_of_target(self, data, **_):
        if (data.get("target") == "document") != (data.get("item") is None):
            raise ValidationError("a note on a span or stance names it; a note on the document names none", "item")


def _username():
    return fields.String(load_default=None, allow_none=True, validate=validate.Length(min=1, max=200))


def _unit_key():
    return fields.String(required=True, validate=validate.Length(min=1, max=200))


class AdjudicationRecord(_Record):
    """A gold set's document opened for adjudication (docs/adjudication.md)."""

    id = _local_id()
    set = _reference()
    status = fields.String(load_default="in_adjudication", validate=validate.OneOf(ADJUDICATION_STATUSES))
    started_by, adjudicated_by = _username(), _username()
    started_at, adjudicated_at = _time(), _time()


class SourceRecord(Schema):
    class Meta:
        unknown = RAISE

    annotator = fields.String(required=True, validate=validate.Length(min=1, max=200))
    item = fields.String(required=True, validate=validate.Length(min=1, max=100))
    chosen = fields.Boolean(load_default=False)


class DecisionRecord(_Record):
    """How one unit was settled: the provenance of the gold item ``item`` (none when rejected)."""

    id = _local_id()
    adjudication = _reference()
    unit_kind = fields.String(required=True, validate=validate.OneOf(UNIT_KINDS))
    unit = _unit_key()
    paragraph = fields.Integer(load_default=None, allow_none=True, strict=True, validate=validate.Range(min=0))
    method = fields.String(required=True, validate=validate.OneOf(DECISION_METHODS))
    item = _reference(required=False)
    sources = fields.List(fields.Nested(SourceRecord), load_default=list)
    decided_by = _username()
    decided_at = _time()

    @validates_schema
    def _item_unless_rejected(self, data, **_):
        if (data.get("method") == "rejected") != (data.get("item") is None):
            raise ValidationError("a rejection has no gold item; every other decision has one", "item")


class CauseRecord(_Record):
    """Why the annotators disagreed on a unit, as the adjudicator tagged it."""

    id = _local_id()
    adjudication = _reference()
    unit_kind = fields.String(required=True, validate=validate.OneOf(UNIT_KINDS))
    unit = _unit_key()
    label = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=64))
    annotators = fields.List(fields.String(validate=validate.Length(min=1, max=200)), load_default=list)
    cause = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(DISAGREEMENT_CAUSES))
    note = fields.String(load_default="")
    tagged_by = _username()
    tagged_at = _time()


RECORD_SCHEMAS: dict[str, type[Schema]] = {
    "header": HeaderRecord, "actor": ActorRecord, "document": DocumentRecord, "set": SetRecord,
    "span": SpanRecord, "link": LinkRecord, "stance": StanceRecord, "frame": FrameRecord,
    "note": NoteRecord, "adjudication": AdjudicationRecord, "decision": DecisionRecord, "cause": CauseRecord,
}
