"""Form payloads, validated at the edge."""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate


class LoginForm(Schema):
    class Meta:
        unknown = EXCLUDE

    username = fields.String(required=True, validate=validate.Length(min=1, max=80))
    password = fields.String(required=True, validate=validate.Length(min=1, max=1000))
