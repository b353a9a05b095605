"""What the annotation page sends, validated at the edge: each error names the field at fault."""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates_schema

from ..errors import Invalid, Phrase
from .common import first_error
from .interchange import NOTE_MAX

MAX_SPAN_TEXT = 20_000  # a paragraph's length is far below this; anything longer is not a selection
SET_ACTIONS = ("done", "skipped", "in_progress")


class _Form(Schema):
    class Meta:
        unknown = EXCLUDE


class SpanCreateForm(_Form):
    paragraph = fields.Integer(required=True, validate=validate.Range(min=0))
    # Where the selection ended: a selection may not cross paragraphs, and the server checks too.
    end_paragraph = fields.Integer(load_default=None, validate=validate.Range(min=0))
    start = fields.Integer(required=True, validate=validate.Range(min=0))  # UTF-16 code units
    end = fields.Integer(required=True, validate=validate.Range(min=0))
    text = fields.String(required=True, validate=validate.Length(min=1, max=MAX_SPAN_TEXT))
    label = fields.String(required=True, validate=validate.Length(min=1, max=64))
    snap = fields.String(load_default="words", validate=validate.OneOf(["words", "graphemes"]))


class SpanChangeForm(_Form):
    version = fields.Integer(required=True, validate=validate.Range(min=1))
    label = fields.String(load_default=None, validate=validate.Length(min=1, max=64))
    attribute = fields.String(load_default=None, validate=validate.Length(min=1, max=64))
    value = fields.String(load_default=None, validate=validate.Length(max=64))  # "" clears it

    @validates_schema
    def _something_to_change(self, data, **_):
        if data.get("label") is None and data.get("attribute") is None:
            raise ValidationError("give a label or an attribute to change", "label")
        if data.get("attribute") is not None and data.get("value") is None:
            raise ValidationError("give the attribute's value (empty to clear it)", "value")


class SpanDeleteForm(_Form):
    version = fields.Integer(required=True, validate=validate.Range(min=1))


class SetStatusForm(_Form):
    status = fields.String(required=True, validate=validate.OneOf(SET_ACTIONS))
    reason = fields.String(load_default=None, validate=validate.Length(max=2000))

    @validates_schema
    def _reason_for_skipping(self, data, **_):
        if data.get("status") == "skipped" and not (data.get("reason") or "").strip():
            raise ValidationError("say why you skip this document", "reason")


def load_form(schema: Schema, values) -> dict:
    """Validated data, or Invalid (422) naming the first field at fault and the problem."""
    try:
        return schema.load(values)
    except ValidationError as exc:
        field, message = first_error(exc)
        raise Invalid(Phrase("{field}: {problem}", field=field.replace("_", " "), problem=message), field) from exc


# the target is one of the OneOf choices below (document needs no id)
_NAME_THE_TARGET = {"span": Phrase("name the span the note is on"), "stance": Phrase("name the stance the note is on")}


class NoteForm(_Form):
    """A note for the adjudicator on the document, or on one of the set's spans or stances."""

    target = fields.String(load_default="document", validate=validate.OneOf(("document", "span", "stance")))
    target_id = fields.String(load_default=None, allow_none=True, validate=validate.Length(min=1, max=36))
    text = fields.String(load_default="", validate=validate.Length(max=NOTE_MAX))

    @validates_schema
    def _target_named(self, data, **_):
        if data.get("target") != "document" and not data.get("target_id"):
            raise ValidationError(_NAME_THE_TARGET.get(data.get("target"), Phrase("name the target the note is on")),
                                  "target_id")
