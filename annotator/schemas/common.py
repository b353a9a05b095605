"""Helpers shared by every marshmallow boundary."""
from __future__ import annotations

from marshmallow import ValidationError

from ..i18n import Phrase
from .words import phrase_of


def flatten_errors(messages, prefix: str = "") -> list[tuple[str, str]]:
    """marshmallow's nested error dict as (dotted.path, message) pairs, in a stable order; each
    message a Phrase (its English words, translated where a page shows it)."""
    out: list[tuple[str, str]] = []
    if isinstance(messages, dict):
        for key in sorted(messages, key=str):
            path = f"{prefix}.{key}" if prefix else str(key)
            out.extend(flatten_errors(messages[key], path))
    elif isinstance(messages, list):
        for item in messages:
            if isinstance(item, (dict, list)):
                out.extend(flatten_errors(item, prefix))
            else:
                out.append((prefix or "_schema", phrase_of(item)))
    else:
        out.append((prefix or "_schema", phrase_of(messages)))
    return out


def first_error(exc: ValidationError) -> tuple[str, str]:
    pairs = flatten_errors(exc.messages)
    return pairs[0] if pairs else ("_schema", Phrase("invalid input"))


def describe(exc: ValidationError) -> str:
    return "; ".join(f"{path}: {message}" for path, message in flatten_errors(exc.messages))
