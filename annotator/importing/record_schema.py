"""The marshmallow schema of a JSONL/CSV record (annotator.importing.records), imported only when
a record has a value that records' plain checks do not take: it words every problem by field."""

from __future__ import annotations

import datetime

from marshmallow import INCLUDE, Schema, ValidationError, fields

from annotator.domain.language import LANGUAGES
from annotator.i18n import N_, Phrase
from annotator.importing.records import ISO_DATE, MAX_AUTHOR_CHARS, MAX_ID_CHARS

_STRING_ERRORS = {"invalid": N_("must be a string"), "required": N_("missing or empty")}


class _Id(fields.Field):
    """A string, or an integer (JSON exports often number their articles)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            raise ValidationError(Phrase("must be a string or an integer"))
        value = value.strip()
        if len(value) > MAX_ID_CHARS:
            raise ValidationError(Phrase("longer than {limit} characters", limit=MAX_ID_CHARS))
        return value


class _IsoDate(fields.Field):
    """Exactly YYYY-MM-DD: date.fromisoformat alone would also take "20240314"."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or not ISO_DATE.fullmatch(value.strip()):
            raise ValidationError(Phrase("must be a date as YYYY-MM-DD, got {value}", value=repr(value)))
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(Phrase("not a real date: {value}", value=repr(value))) from None


class _Language(fields.Field):
    def _deserialize(self, value, attr, data, **kwargs):
        code = value.strip().lower() if isinstance(value, str) else value
        if code not in LANGUAGES:
            raise ValidationError(Phrase("must be one of {choices}, got {value}", choices=", ".join(LANGUAGES),
                                         value=repr(value)))
        return code


def _at_most(limit: int):
    def check(value: str) -> None:  # marshmallow's Length would format its words into a plain str
        if len(value) > limit:
            raise ValidationError(Phrase("longer than {limit} characters", limit=limit))
    return check


class ArticleRecordSchema(Schema):
    """One JSONL/CSV record.  Unknown fields are kept (metadata "extra")."""

    class Meta:
        unknown = INCLUDE

    id = _Id()
    title = fields.String(error_messages=_STRING_ERRORS)
    text = fields.String(required=True, error_messages=_STRING_ERRORS)
    # The documents table's limit: refused here by name rather than by the database (PostgreSQL).
    author = fields.String(error_messages=_STRING_ERRORS,
                           validate=_at_most(MAX_AUTHOR_CHARS))
    source = fields.String(error_messages=_STRING_ERRORS)
    date = _IsoDate()
    language = _Language()


SCHEMA = ArticleRecordSchema()
