"""Entry point: one uploaded file (name + bytes) → the articles in it.

Pure: no database, no Flask.  The import service stores what this returns and
turns ImportFileError into a message for the user.
"""

from __future__ import annotations

import os

from annotator.i18n import Phrase
from annotator.importing.errors import SUPPORTED_EXTENSIONS, ImportFileError, unknown_format
from annotator.importing.model import ParsedArticle
from annotator.importing.plaintext import parse_text
from annotator.importing.records import parse_csv, parse_jsonl

DEFAULT_MAX_BYTES = 5_000_000


def parse_file(
    filename: str,
    data: bytes,
    *,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[ParsedArticle]:
    """Parse one import file, dispatching on its extension (case-insensitive).

    ``encoding`` names the encoding of a text-based file (e.g. "cp1256"); it
    is ignored for .docx.  Files over ``max_bytes`` bytes are refused before
    any parsing.  Raises ImportFileError (InvalidRecordsError for bad
    JSONL/CSV records); never returns an empty list.
    """
    extension = os.path.splitext(filename)[1].lower()
    if extension not in SUPPORTED_EXTENSIONS:
        raise unknown_format(filename, extension)
    if len(data) > max_bytes:
        raise ImportFileError(
            filename, Phrase("too large: {size} bytes (limit {limit} bytes)", size=format(len(data), ","),
                             limit=format(max_bytes, ","))
        )
    if not data.strip():
        raise ImportFileError(filename, "empty: the file has no content")
    match extension:
        case ".txt" | ".md":
            return parse_text(filename, data, encoding=encoding, fmt=extension[1:])
        case ".html" | ".htm":
            # trafilatura and python-docx take ~0.5 s to import: only for the files that need them.
            from annotator.importing.html_format import parse_html

            return parse_html(filename, data, encoding=encoding)
        case ".jsonl":
            return parse_jsonl(filename, data, encoding=encoding)
        case ".csv":
            return parse_csv(filename, data, encoding=encoding)
        case _:
            from annotator.importing.docx_format import parse_docx

            return parse_docx(filename, data, max_bytes=max_bytes)
