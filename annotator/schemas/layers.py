"""Form payloads of the layers beyond spans: links, stances, frames, mentions, claim targets.

Only the shape is checked here (types, ranges, known words); what the scheme allows and whether
the records exist is the services' business. Empty form fields mean "not given".
"""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, ValidationError, fields, pre_load, validate

from ..domain.scheme import LINK_TYPES, STANCE_VALUES
from ..errors import Invalid, Phrase
from .common import first_error

ID = validate.Length(min=1, max=64)


class _Form(Schema):
    class Meta:
        unknown = EXCLUDE

    @pre_load
    def _blank_is_missing(self, data, **_):
        return {k: v for k, v in dict(data).items() if not (isinstance(v, str) and v.strip() == "")}


class LinkChoiceForm(_Form):
    source = fields.String(required=True, validate=ID)
    target = fields.String(required=True, validate=ID)


class LinkCreateForm(LinkChoiceForm):
    link_type = fields.String(required=True, validate=validate.OneOf(LINK_TYPES))


class LinkRetypeForm(_Form):
    link_type = fields.String(required=True, validate=validate.OneOf(LINK_TYPES))
    version = fields.Integer(load_default=None)


class StanceForm(_Form):
    actor = fields.String(required=True, validate=ID)
    value = fields.String(required=True, validate=validate.OneOf(STANCE_VALUES))
    intensity = fields.Integer(load_default=None, validate=validate.Range(min=1, max=3))
    holder = fields.String(load_default="", validate=validate.Length(max=300))
    paragraph = fields.Integer(load_default=None, validate=validate.Range(min=0))


class EvidenceForm(_Form):
    span = fields.String(required=True, validate=ID)


class FrameForm(_Form):
    frame = fields.String(required=True, validate=validate.Length(min=1, max=64))
    role = fields.String(required=True, validate=validate.OneOf(("primary", "secondary", "none")))
    paragraph = fields.Integer(load_default=None, validate=validate.Range(min=0))


class MentionForm(_Form):
    """A mention marked by hand; start and end are UTF-16 offsets, as the browser counts them."""

    actor = fields.String(required=True, validate=ID)
    paragraph = fields.Integer(required=True, validate=validate.Range(min=0))
    start = fields.Integer(required=True, validate=validate.Range(min=0))
    end = fields.Integer(required=True, validate=validate.Range(min=1))


class VerdictForm(_Form):
    verdict = fields.String(required=True, validate=validate.OneOf(("confirm", "reject", "clear")))


class TargetForm(_Form):
    actor = fields.String(load_default=None, validate=ID)
    polarity = fields.String(load_default=None, validate=validate.OneOf(("favor", "against")))


class PanelQuery(_Form):
    add = fields.String(load_default=None, validate=ID)


def load(schema: Schema, data) -> dict:
    """Validated data, or a 422 naming the first field at fault."""
    try:
        return schema.load(data)
    except ValidationError as exc:
        field, message = first_error(exc)
        raise Invalid(Phrase("{field}: {problem}", field=field.replace("_", " "), problem=message), field) from exc
