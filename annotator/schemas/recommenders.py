"""Forms of the suggestions panel and the lead's recommenders page."""
from __future__ import annotations

from marshmallow import fields, validate

from .annotate import _Form


class SuggestionForm(_Form):
    key = fields.String(required=True, validate=validate.Length(min=1, max=300))


class RecommenderSettingsForm(_Form):
    enabled = fields.Boolean(load_default=False)
    active_ordering = fields.Boolean(load_default=False)
    threshold = fields.Float(required=True, validate=validate.Range(0, 1))
    off_for = fields.String(load_default="", validate=validate.Length(max=5000))  # usernames, comma or space apart
    external_url = fields.String(load_default="", validate=validate.Length(max=500))
    external_timeout = fields.Float(load_default=2.0, validate=validate.Range(0.1, 30))
