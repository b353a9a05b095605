"""JSONL (one article per line) and CSV (one article per row) import files.

Files are a trust boundary, so every record is validated: by plain checks that
take what the marshmallow schema (record_schema) takes, and by the schema itself
for any other value, which words the problems; a file with any invalid record is rejected whole, listing every
problem, so that a batch is never half-imported.  Field rules are documented
in docs/import.md ("JSONL and CSV").
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterator

from annotator.domain.json_lines import JsonLineError, load_json_line
from annotator.domain.language import LANGUAGES
from annotator.domain.text import normalize_text
from annotator.importing.assemble import build_article
from annotator.importing.decoding import decode_bytes, encoding_label
from annotator.i18n import Phrase, Plural
from annotator.importing.errors import ImportFileError, InvalidRecordsError, on_line, on_row, phrased
from annotator.importing.model import ParsedArticle
from annotator.importing.plaintext import text_blocks

FIELDS = ("id", "title", "text", "author", "source", "date", "language")
MAX_ID_CHARS = 200
MAX_AUTHOR_CHARS = 300

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_URL = re.compile(r"https?://\S+", re.I)
_CSV_DELIMITERS = (",", ";", "\t")

# (location, the record or the reason it could not even be read)
Records = Iterator[tuple[str, "dict | ImportFileError"]]


def __getattr__(name: str):
    # The marshmallow schema (record_schema) is imported only when a record needs its error messages.
    if name in ("ArticleRecordSchema", "_SCHEMA"):
        from annotator.importing import record_schema

        return getattr(record_schema, name.lstrip("_"))
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _NotPlain(Exception):
    """A value the plain checks below do not take as it is: the schema decides (and words why)."""


def _plain_id(value):
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and len(value := value.strip()) <= MAX_ID_CHARS:
        return value
    raise _NotPlain


def _plain_string(value):
    if isinstance(value, str):
        return value
    raise _NotPlain


def _plain_author(value):
    if isinstance(value, str) and len(value) <= MAX_AUTHOR_CHARS:
        return value
    raise _NotPlain


def _plain_date(value):
    if isinstance(value, str) and ISO_DATE.fullmatch(value.strip()):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _NotPlain


def _plain_language(value):
    if isinstance(value, str) and (code := value.strip().lower()) in LANGUAGES:
        return code
    raise _NotPlain


# What each field of record_schema.ArticleRecordSchema makes of a value it accepts, in its order.
_PLAIN_FIELDS = (("id", _plain_id), ("title", _plain_string), ("text", _plain_string), ("author", _plain_author),
                 ("source", _plain_string), ("date", _plain_date), ("language", _plain_language))
_SCHEMA_NAMES = set(FIELDS)


def _load(record: dict) -> dict:
    """What ``_SCHEMA.load(record)`` returns, without marshmallow for a record every field takes as
    it is (importing marshmallow and its machinery around each record were most of an import's
    validation time). A record with a value the plain checks do not take goes through the schema
    itself, which loads it or raises with every problem worded and named by field."""
    if "text" not in record:
        return _schema().load(record)  # "missing or empty", as the schema words it
    loaded = {}
    try:
        for name, check in _PLAIN_FIELDS:
            if name in record:
                loaded[name] = check(record[name])
    except _NotPlain:
        return _schema().load(record)
    # Unknown fields are kept (INCLUDE), in the order the schema itself gives them.
    for key in set(record) - _SCHEMA_NAMES:
        loaded[key] = record[key]
    return loaded


def _schema():
    from annotator.importing.record_schema import SCHEMA

    return SCHEMA


def _validation_error() -> type[Exception]:
    from marshmallow import ValidationError

    return ValidationError


def _present(record: dict) -> dict:
    # null, "" and whitespace-only mean "not given": CSV cannot tell them apart.
    return {
        key: value
        for key, value in record.items()
        if value is not None and not (isinstance(value, str) and not value.strip())
    }


def _article(filename: str, location: str, record: dict, fmt: str, encoding: str) -> ParsedArticle:
    """Validate one record and build its article; raises InvalidRecordsError."""
    try:
        data = _load(_present(record))
    except _validation_error() as exc:  # evaluated only when something was raised
        raise InvalidRecordsError(
            filename,
            [
                ImportFileError(filename, Phrase("{problems}", problems=[phrased(m) for m in msgs]),
                                location=location, field=name)
                for name, msgs in sorted(exc.messages.items())
            ],
        ) from None
    source = data.get("source")
    is_url = bool(source and _URL.fullmatch(source.strip()))
    try:
        return build_article(
            filename=filename,
            blocks=text_blocks(normalize_text(data["text"]), detect_title="title" not in data),
            title=data.get("title"),
            author=data.get("author"),
            author_source="record",
            source_url=source.strip() if is_url else None,
            published=data.get("date"),
            language=data.get("language"),
            external_id=data.get("id"),
            metadata={
                "format": fmt,
                "encoding": encoding,
                "record": location,
                "source": None if is_url else source,
                "extra": {k: v for k, v in data.items() if k not in FIELDS},
            },
        )
    except ImportFileError as exc:
        raise InvalidRecordsError(
            filename, [ImportFileError(filename, exc.reason, location=location, field="text")]
        ) from None


def _collect(filename: str, records: Records, fmt: str, encoding: str) -> list[ParsedArticle]:
    articles: list[ParsedArticle] = []
    errors: list[ImportFileError] = []
    seen_ids: dict[str, str] = {}
    for location, record in records:
        if isinstance(record, ImportFileError):
            errors.append(record)
            continue
        try:
            article = _article(filename, location, record, fmt, encoding)
        except InvalidRecordsError as exc:
            errors.extend(exc.errors)
            continue
        if article.external_id is not None:
            first = seen_ids.setdefault(article.external_id, location)
            if first != location:
                errors.append(
                    ImportFileError(filename, Phrase("duplicate of {first}", first=first), location=location, field="id")
                )
        articles.append(article)
    if errors:
        raise InvalidRecordsError(filename, errors)
    if not articles:
        raise ImportFileError(filename, "empty: no records")
    return articles


def _jsonl_records(filename: str, text: str) -> Records:
    # split("\n"), not splitlines(): U+2028 may legally appear inside a JSON string.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        location = on_line(number)
        try:
            value = load_json_line(line)
        except JsonLineError as exc:
            yield location, ImportFileError(filename, exc.words, location=location)
            continue
        if not isinstance(value, dict):
            yield location, ImportFileError(filename, "expected a JSON object", location=location)
            continue
        yield location, value


def parse_jsonl(filename: str, data: bytes, *, encoding: str | None) -> list[ParsedArticle]:
    text = decode_bytes(data, filename, encoding)
    label = encoding_label(data, encoding)
    return _collect(filename, _jsonl_records(filename, text), "jsonl", label)


def _delimiter(header_line: str) -> str:
    # Excel in French and Arabic locales writes ";" by default; the header row
    # shows which separator the file uses (ties and no separator: ",").
    counts = {d: header_line.count(d) for d in _CSV_DELIMITERS}
    best = max(_CSV_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv_records(filename: str, text: str) -> Records:
    # strict: a stray quote is an error, not silently merged text.
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0]), strict=True
    )
    # Rows are numbered as in a spreadsheet: the header is row 1.
    try:
        header = [name.strip().lower() for name in next(reader, [])]
    except csv.Error as exc:
        yield on_row(1), ImportFileError(filename, Phrase("malformed CSV: {problem}", problem=str(exc)),
                                         location=on_row(1))
        return
    problem = _header_problem(header)
    if problem:
        yield on_row(1), ImportFileError(filename, problem, location=on_row(1))
        return
    row_number = 1
    while True:
        row_number += 1
        location = on_row(row_number)
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield location, ImportFileError(filename, Phrase("malformed CSV: {problem}", problem=str(exc)),
                                            location=location)
            return
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header):]):
            reason = Phrase("{cells} cells but the header has {columns} columns", cells=len(cells), columns=len(header))
            yield location, ImportFileError(filename, reason, location=location)
            continue
        yield location, dict(zip(header, cells))


def _header_problem(header: list[str]) -> Phrase | None:
    if not header:
        return None  # an empty file; reported as "no records"
    if "" in header:
        return Phrase("column {number} has no name in the header row", number=header.index("") + 1)
    duplicates = sorted({name for name in header if header.count(name) > 1})
    if duplicates:
        # English keeps its "(s)" (scripts read these words); the catalogs give each count its form.
        return Plural("duplicate column(s) in the header row: {names}", "duplicate column(s) in the header row: {names}",
                      len(duplicates), names=", ".join(duplicates))
    if "text" not in header:
        return Phrase("no 'text' column in the header row (found: {names})", names=", ".join(header))
    return None


def parse_csv(filename: str, data: bytes, *, encoding: str | None) -> list[ParsedArticle]:
    text = decode_bytes(data, filename, encoding)
    return _collect(filename, _csv_records(filename, text), "csv", encoding_label(data, encoding))
