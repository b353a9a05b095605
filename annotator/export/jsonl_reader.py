"""The interchange format, read: every line parsed and validated on its own, every error kept.

Nothing here touches the database. A line's errors name the line number and the field
("span.start", "document.paragraphs.2.text"), so that a person can go straight to it.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from marshmallow import ValidationError

from ..domain.json_lines import JsonLineError, load_json_line
from ..i18n import Phrase
from ..schemas.common import flatten_errors
from ..schemas.interchange import RECORD_SCHEMAS

KINDS = ("actor", "document", "set", "span", "link", "stance", "frame", "note", "adjudication", "decision", "cause")


@dataclass(frozen=True)
class LineError:
    line: int
    field: str
    message: str
    where: str | None = None  # the place in a file of another format ("a.ann line 4"), named instead

    def __str__(self) -> str:
        return str(self.phrase)

    @property
    def phrase(self) -> Phrase:
        """The error as a page shows it, in the reader's language (``str()``: its English)."""
        where = self.where or Phrase("line {number}", number=self.line)
        return Phrase("{where}: {field}: {message}", where=where, field=self.field, message=Phrase(self.message)
                      if not isinstance(self.message, Phrase) else self.message)

    def to_dict(self) -> dict:
        place = {"where": self.where} if self.where else {}
        return {"line": self.line, "field": self.field, "message": self.message, **place}


@dataclass(frozen=True)
class Record:
    line: int
    data: dict
    where: str | None = None  # set for records converted from another format

    def __getitem__(self, key):
        return self.data[key]

    def __contains__(self, key) -> bool:
        return key in self.data


@dataclass
class InterchangeFile:
    """The valid records by kind, each keyed by its local id in file order, and every error found."""

    header: Record | None = None
    records: dict[str, dict[str, Record]] = field(default_factory=lambda: {kind: {} for kind in KINDS})
    errors: list[LineError] = field(default_factory=list)

    def error(self, record: Record | int, field_name: str, message: str) -> None:
        if isinstance(record, int):
            self.errors.append(LineError(record, field_name, message))
        else:
            self.errors.append(LineError(record.line, field_name, message, record.where))


def read_interchange(lines: Iterable[bytes]) -> InterchangeFile:
    parsed = InterchangeFile()
    schemas = {kind: schema() for kind, schema in RECORD_SCHEMAS.items()}
    first_record_line = 0
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        data = _decode(parsed, number, raw)
        if data is None:
            continue
        kind = data.get("type")
        if kind not in schemas:
            parsed.error(number, "type", Phrase("unknown record type {kind} (expected one of {kinds})",
                                                  kind=repr(kind), kinds=", ".join(RECORD_SCHEMAS)))
            continue
        if kind == "header" and (parsed.header is not None or first_record_line):
            parsed.error(number, "type", Phrase("the header record belongs on the first line, once"))
            continue
        if kind != "header" and parsed.header is None and not first_record_line:
            parsed.error(number, "type", Phrase("the file must begin with a header record, not a {kind} record",
                                                kind=kind))
        first_record_line = first_record_line or number
        try:
            loaded = schemas[kind].load(data)
        except ValidationError as exc:
            for path, message in flatten_errors(exc.messages):
                parsed.error(number, f"{kind}.{path}", message)
            continue
        record = Record(number, loaded)
        if kind == "header":
            parsed.header = record
            continue
        same_kind = parsed.records[kind]
        if loaded["id"] in same_kind:
            parsed.error(record, f"{kind}.id", Phrase("'{id}' is already the id of the {kind} on line {line}",
                                                      id=loaded["id"], kind=kind, line=same_kind[loaded["id"]].line))
            continue
        same_kind[loaded["id"]] = record
    if not first_record_line:
        parsed.error(1, "type", Phrase("the file is empty: it must begin with a header record"))
    return parsed


def _decode(parsed: InterchangeFile, number: int, raw: bytes) -> dict | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        parsed.error(number, "_line", Phrase("not UTF-8 text (byte {byte})", byte=exc.start + 1))
        return None
    if number == 1:
        text = text.removeprefix("\ufeff")  # a byte-order mark some editors put first
    try:
        data = load_json_line(text)
    except JsonLineError as exc:
        parsed.error(number, "_line", Phrase("not valid JSON{rest}", rest=str(exc).removeprefix("invalid JSON")))
        return None
    if not isinstance(data, dict):
        parsed.error(number, "_line", Phrase("each line must be one JSON object"))
        return None
    return data
