"""Load a form or query string through its marshmallow schema, or answer 4xx naming the field."""
from __future__ import annotations

from collections.abc import Mapping

from marshmallow import Schema, ValidationError

from ..errors import Invalid, Phrase
from ..schemas.common import first_error


def parse(schema: Schema, data: Mapping) -> dict:
    try:
        return schema.load(dict(data))
    except ValidationError as exc:
        field, message = first_error(exc)
        raise Invalid(Phrase("{field}: {problem}", field=field, problem=message), field) from exc
