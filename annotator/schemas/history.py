"""The audit page's query string."""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, pre_load, validate

from ..services.history.audit import KINDS


class AuditQuery(Schema):
    class Meta:
        unknown = EXCLUDE

    user = fields.String(load_default=None, validate=validate.Length(max=80))
    document = fields.String(load_default=None, validate=validate.Length(max=200))
    kind = fields.String(load_default=None, validate=validate.OneOf(KINDS))
    before = fields.String(load_default=None, validate=validate.Length(max=80))  # a page's cursor

    @pre_load
    def _blank_is_missing(self, data, **_):
        # An empty filter box means "any", not "an empty name".
        return {k: v.strip() for k, v in data.items() if isinstance(v, str) and v.strip()}
