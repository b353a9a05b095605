"""Forms and query strings of the team pages (assignment, progress) and the agreement dashboard."""
from __future__ import annotations

import re

from marshmallow import EXCLUDE, Schema, ValidationError, fields, pre_load, validate, validates_schema

MAX_PER_DOCUMENT = 20
MAX_SEED = 2**31 - 1


class _Form(Schema):
    class Meta:
        unknown = EXCLUDE

    @pre_load
    def _blank_is_missing(self, data, **_):
        # An empty input box means "not given", not "an empty number".
        return {k: v for k, v in data.items() if not (isinstance(v, str) and not v.strip())}


class AutoAssignForm(_Form):
    per_document = fields.Integer(required=True, strict=False,
                                  validate=validate.Range(min=1, max=MAX_PER_DOCUMENT))
    sample = fields.Float(load_default=None, allow_nan=False, validate=validate.Range(min=0.0, max=1.0))
    seed = fields.Integer(load_default=0, validate=validate.Range(min=0, max=MAX_SEED))
    # At most this many documents nobody has yet (blank: all of them).
    limit = fields.Integer(load_default=None, validate=validate.Range(min=1))


def split_ids(text: str) -> list[str]:
    """External ids typed or pasted one per line, or separated by commas or spaces."""
    return [part for part in re.split(r"[\s,]+", text or "") if part]


class ManualAssignForm(_Form):
    user = fields.String(required=True, validate=validate.Length(min=1, max=80))
    all = fields.Boolean(load_default=False, truthy={"1", "on", "true", "yes"}, falsy={"0", "off", "false", "no"})
    documents = fields.String(load_default="", validate=validate.Length(max=200_000))

    @validates_schema
    def _either_all_or_some(self, data, **_):
        chosen = split_ids(data.get("documents", ""))
        if data.get("all") and chosen:
            raise ValidationError("give document ids or choose all documents, not both", "documents")
        if not data.get("all") and not chosen:
            raise ValidationError("give at least one document id, or choose all documents", "documents")


class ReassignForm(_Form):
    document = fields.String(required=True, validate=validate.Length(min=1, max=200))
    from_user = fields.String(required=True, validate=validate.Length(min=1, max=80))
    to_user = fields.String(required=True, validate=validate.Length(min=1, max=80))


class UnassignForm(_Form):
    document = fields.String(required=True, validate=validate.Length(min=1, max=200))
    user = fields.String(required=True, validate=validate.Length(min=1, max=80))


class PageQuery(_Form):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=1_000_000))


class DashboardQuery(_Form):
    variable = fields.String(load_default=None, validate=validate.Length(max=300))
    measure = fields.String(load_default=None, validate=validate.Regexp(r"^[a-z0-9_]{1,64}$",
                                                                         error="must be a measure name"))
    leads = fields.Boolean(load_default=False, truthy={"1", "on", "true", "yes"}, falsy={"0", "off", "false", "no"})
