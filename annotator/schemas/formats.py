"""The lead's form for importing annotations (our JSONL or another tool's format)."""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate

from ..export.formats import IMPORT_FORMATS


class AnnotationsUpload(Schema):
    class Meta:
        unknown = EXCLUDE  # the CSRF token

    format = fields.String(load_default="jsonl", validate=validate.OneOf(IMPORT_FORMATS))
    annotator = fields.String(load_default=None, validate=validate.Length(min=1, max=200),
                              allow_none=True)
    create_users = fields.Boolean(load_default=False, truthy={"on", "1", "true"}, falsy={"", "0", "false", "off"})
