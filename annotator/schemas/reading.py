"""The reading settings form: text size and line height of the article text, each in a range that
keeps Arabic with diacritics readable and the page usable. An empty field means the default."""
from __future__ import annotations

from decimal import Decimal

from marshmallow import EXCLUDE, Schema, fields, pre_load, validate

TEXT_SIZE = (80, 200)  # percent of the page's default size for the script
LINE_HEIGHT = (Decimal("1.5"), Decimal("3.0"))  # below 1.5 stacked diacritics touch the line above


class ReadingSettingsForm(Schema):
    class Meta:
        unknown = EXCLUDE

    text_size = fields.Integer(load_default=None, allow_none=True, strict=False, validate=validate.Range(
        *TEXT_SIZE, error="text size must be between {min} and {max} percent"))
    line_height = fields.Decimal(load_default=None, allow_none=True, places=1, validate=validate.Range(
        *LINE_HEIGHT, error="line height must be between {min} and {max}"))

    @pre_load
    def _blank_is_default(self, data, **_kwargs):
        return {key: (None if isinstance(value, str) and not value.strip() else value) for key, value in data.items()}
