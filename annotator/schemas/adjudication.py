"""What the adjudication page sends, validated at the edge: each error names the field at fault."""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate

from ..models import DISAGREEMENT_CAUSES

ACTIONS = ("accept", "pick", "merge", "edit", "reject", "add")


class _Form(Schema):
    class Meta:
        unknown = EXCLUDE


class DecisionForm(_Form):
    action = fields.String(required=True, validate=validate.OneOf(ACTIONS))
    unit = fields.String(load_default=None, validate=validate.Length(min=3, max=200))
    fingerprint = fields.String(load_default="", validate=validate.Length(max=64))
    paragraph = fields.Integer(load_default=None, validate=validate.Range(min=0))
    version = fields.Integer(load_default=None, validate=validate.Range(min=1))
    label_version = fields.Integer(load_default=None, validate=validate.Range(min=1))
    label = fields.String(load_default=None, validate=validate.Length(min=1, max=64))
    start = fields.Integer(load_default=None, validate=validate.Range(min=0))  # UTF-16, as the browser counts
    end = fields.Integer(load_default=None, validate=validate.Range(min=0))
    text = fields.String(load_default=None, validate=validate.Length(min=1, max=20_000))
    value = fields.String(load_default=None, validate=validate.Length(max=16))
    intensity = fields.Integer(load_default=None, validate=validate.Range(min=1, max=3))
    orphans = fields.String(load_default=None, validate=validate.OneOf(["reject"]))


class UndoForm(_Form):
    orphans = fields.String(load_default=None, validate=validate.OneOf(["reject"]))


class StatusForm(_Form):
    status = fields.String(required=True, validate=validate.OneOf(["adjudicated", "in_adjudication"]))


class CauseForm(_Form):
    unit = fields.String(required=True, validate=validate.Length(min=3, max=200))
    # Either or both: a field not sent is kept as it is (the cause menu sends the cause, the note editor the note).
    cause = fields.String(validate=validate.OneOf(("", *DISAGREEMENT_CAUSES)))
    note = fields.String(validate=validate.Length(max=4000))


class SettingsForm(_Form):
    spans = fields.Integer(load_default=None, validate=validate.Range(min=2))
    links = fields.Integer(load_default=None, validate=validate.Range(min=2))
    stances = fields.Integer(load_default=None, validate=validate.Range(min=2))
    frames = fields.Integer(load_default=None, validate=validate.Range(min=2))
    feedback = fields.Boolean(load_default=False)
    blind = fields.Boolean(load_default=False)
