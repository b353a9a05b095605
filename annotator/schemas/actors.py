"""The actor registry's inputs: a CSV row (and the lead's form, which has the same fields), and an
annotator's proposal of a new actor.

Alias lists are |-separated; ambiguous_aliases and adjective_aliases flag aliases that are
also listed in aliases, so a typo in a flag list is an error rather than a new alias.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from marshmallow import EXCLUDE, Schema, ValidationError, fields, post_load, pre_load, validate, validates_schema

from ..i18n import Phrase
from ..models import ACTOR_KINDS
from .common import first_error
from .words import phrase_of

CSV_HEADER = ("canonical_name", "kind", "aliases", "ambiguous_aliases", "adjective_aliases")
MAX_NAME = 300
MAX_CSV_BYTES = 2_000_000  # the largest registry file, on the web and the command line alike


def _no_control_characters(value: str) -> bool:
    # NUL and the other C0/C1 controls: invisible in a name, and PostgreSQL refuses NUL in text.
    if any(ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 for ch in value):
        raise ValidationError("must not contain control characters (such as NUL)")
    return True


@dataclass(frozen=True)
class AliasSpec:
    text: str
    ambiguous: bool = False
    allow_adjective: bool = False


@dataclass(frozen=True)
class ActorSpec:
    canonical_name: str
    kind: str
    aliases: tuple[AliasSpec, ...]


def split_list(value: str | None) -> list[str]:
    """'a|b| a ' -> ['a', 'b']: trimmed, empty entries and repeats dropped, order kept."""
    items = [part.strip() for part in (value or "").split("|")]
    return list(dict.fromkeys(item for item in items if item))


class ActorRowSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    canonical_name = fields.String(required=True, validate=[validate.Length(min=1, max=MAX_NAME),
                                                            _no_control_characters])
    kind = fields.String(load_default="other", validate=validate.OneOf(ACTOR_KINDS))
    aliases = fields.List(fields.String(validate=[validate.Length(max=MAX_NAME), _no_control_characters]),
                          required=True,
                          validate=validate.Length(min=1, error="give at least one alias"))
    ambiguous_aliases = fields.List(fields.String(), load_default=list)
    adjective_aliases = fields.List(fields.String(), load_default=list)

    @pre_load
    def _split(self, data, **_):
        data = dict(data)
        data["canonical_name"] = (data.get("canonical_name") or "").strip()
        data["kind"] = (data.get("kind") or "").strip() or "other"
        for key in ("aliases", "ambiguous_aliases", "adjective_aliases"):
            if isinstance(data.get(key), str) or data.get(key) is None:
                data[key] = split_list(data.get(key))
        return data

    @validates_schema
    def _flags_name_aliases(self, data, **_):
        listed = set(data.get("aliases") or [])
        for key in ("ambiguous_aliases", "adjective_aliases"):
            stray = [a for a in data.get(key) or [] if a not in listed]
            if stray:
                raise ValidationError(Phrase("'{alias}' is not among the aliases", alias=stray[0]), key)

    @post_load
    def make(self, data, **_) -> ActorSpec:
        ambiguous, adjective = set(data["ambiguous_aliases"]), set(data["adjective_aliases"])
        return ActorSpec(data["canonical_name"], data["kind"],
                         tuple(AliasSpec(a, a in ambiguous, a in adjective) for a in data["aliases"]))


class ActorCsvError(ValueError):
    """``message``: the words as a Phrase (``str(error)`` is their English)."""

    def __init__(self, row: int, field: str, problem: str):
        self.message = Phrase("row {row}, {field}: {problem}", row=row, field=field, problem=phrase_of(problem))
        super().__init__(str(self.message))
        self.row, self.field, self.problem = row, field, problem


def parse_actor_csv(text: str) -> list[ActorSpec]:
    """Every row or an error naming the first bad row (counting the header as row 1) and field."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [name for name in ("canonical_name", "aliases") if name not in (reader.fieldnames or [])]
    if missing:
        raise ActorCsvError(1, missing[0], Phrase("the header needs the columns {columns}", columns=", ".join(CSV_HEADER)))
    specs: list[ActorSpec] = []
    seen: dict[str, int] = {}
    for number, row in _rows(reader):
        if None in row:
            raise ActorCsvError(number, "_row", Phrase("more cells than header columns (quote names that contain commas)"))
        try:
            spec = ActorRowSchema().load(row)
        except ValidationError as exc:
            field, message = first_error(exc)
            raise ActorCsvError(number, field, message) from exc
        key = spec.canonical_name.casefold()
        if key in seen:
            raise ActorCsvError(number, "canonical_name", Phrase("'{name}' is also on row {row}", name=spec.canonical_name,
                                                                    row=seen[key]))
        seen[key] = number
        specs.append(spec)
    if not specs:
        raise ActorCsvError(1, "_file", Phrase("the file has a header but no actors"))
    return specs


def _rows(reader: csv.DictReader):
    """The rows numbered as in a spreadsheet; a row the csv module cannot read is an error naming it."""
    number = 1
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # e.g. a cell over csv.field_size_limit() (131,072 characters): no name is that long.
            raise ActorCsvError(number, "_row", Phrase("not readable as CSV: {problem}", problem=str(exc))) from exc
        yield number, row


class ProposalForm(Schema):
    """An annotator's new actor, from a selection in the text."""

    class Meta:
        unknown = EXCLUDE

    name = fields.String(required=True, validate=[validate.Length(min=1, max=MAX_NAME - 20), _no_control_characters])
    kind = fields.String(load_default="other", validate=validate.OneOf(ACTOR_KINDS))
    paragraph = fields.Integer(required=True, validate=validate.Range(min=0))
    start = fields.Integer(required=True, validate=validate.Range(min=0))
    end = fields.Integer(required=True, validate=validate.Range(min=1))

    @pre_load
    def _strip(self, data, **_):
        data = dict(data)
        data["name"] = (data.get("name") or "").strip()
        return data


class MergeForm(Schema):
    class Meta:
        unknown = EXCLUDE

    into = fields.String(required=True, validate=validate.Length(min=1))
    add_alias = fields.Boolean(load_default=False)


class AcceptForm(Schema):
    class Meta:
        unknown = EXCLUDE

    name = fields.String(load_default=None, validate=[validate.Length(max=MAX_NAME), _no_control_characters])
    kind = fields.String(load_default=None, validate=validate.OneOf(ACTOR_KINDS))


MAX_REASON = 1000


def _no_control_but_lines(value: str) -> bool:
    return _no_control_characters(value.replace("\r", "").replace("\n", " ").replace("\t", " "))


class RejectForm(Schema):
    class Meta:
        unknown = EXCLUDE

    # The proposer reads it in their own set: a rejection without a reason teaches nothing.
    reason = fields.String(required=True, validate=[validate.Length(
        min=1, max=MAX_REASON, error="say why, in at most {max} characters: the proposer reads it"), _no_control_but_lines])

    @pre_load
    def _strip(self, data, **_kwargs):
        data = dict(data)
        data["reason"] = (data.get("reason") or "").strip()
        return data
