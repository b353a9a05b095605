"""Errors raised while reading an import file.

Every message starts with the file name (and the line or row for JSONL/CSV
records) so that a user importing many files at once knows which one to fix.
"""

from __future__ import annotations

from collections.abc import Sequence

SUPPORTED_EXTENSIONS = (".txt", ".md", ".docx", ".html", ".htm", ".jsonl", ".csv")

# A file with hundreds of bad records would otherwise produce a wall of text;
# the first few are enough to see the pattern.
_MAX_LISTED = 20


class ImportFileError(Exception):
    """A file (or one record in it) cannot be imported.

    ``reason`` is the bare explanation; ``location`` ("line 3", "row 4") and
    ``field`` are set for JSONL/CSV records.  ``str(error)`` is the full message,
    e.g. ``"articles.jsonl line 3: field 'text': missing"``.
    """

    def __init__(
        self,
        filename: str,
        reason: str,
        *,
        location: str | None = None,
        field: str | None = None,
    ) -> None:
        self.filename = filename
        self.reason = reason
        self.location = location
        self.field = field
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = f"{self.filename} {self.location}" if self.location else self.filename
        what = f"field '{self.field}': {self.reason}" if self.field else self.reason
        return f"{where}: {what}"

    def __str__(self) -> str:
        return self.message


class InvalidRecordsError(ImportFileError):
    """One or more JSONL/CSV records are invalid; the whole file is rejected.

    All problems are collected (``errors``, one per record and field) so the
    user can fix the file in one go.  ``str()`` lists them one per line.
    """

    def __init__(self, filename: str, errors: Sequence[ImportFileError]) -> None:
        if not errors:
            raise ValueError("InvalidRecordsError needs at least one error")
        self.errors = list(errors)
        count = len(self.errors)
        super().__init__(filename, f"{count} invalid record field{'s' if count > 1 else ''}")

    @property
    def message(self) -> str:
        lines = [error.message for error in self.errors[:_MAX_LISTED]]
        hidden = len(self.errors) - _MAX_LISTED
        if hidden > 0:
            lines.append(f"{self.filename}: ... and {hidden} more")
        return "\n".join(lines)


def unknown_format(filename: str, extension: str) -> ImportFileError:
    expected = ", ".join(SUPPORTED_EXTENSIONS)
    if not extension:
        return ImportFileError(filename, f"no file extension (expected {expected})")
    return ImportFileError(filename, f"unknown format '{extension}' (expected {expected})")
