"""Errors raised while reading an import file.

Every message starts with the file name (and the line or row for JSONL/CSV
records) so that a user importing many files at once knows which one to fix.
The words are phrases (annotator.i18n): English as strings, in the lead's
interface language on the import page.
"""

from __future__ import annotations

from collections.abc import Sequence

from annotator.i18n import Phrase, Plural

SUPPORTED_EXTENSIONS = (".txt", ".md", ".docx", ".html", ".htm", ".jsonl", ".csv")

# A file with hundreds of bad records would otherwise produce a wall of text;
# the first few are enough to see the pattern.
_MAX_LISTED = 20


def phrased(words: str) -> Phrase:
    """``words`` as a phrase: a literal reason (extracted from ImportFileError's second argument,
    see BABEL_KEYWORDS) is looked up in the catalogs where it is shown; other text stays as it is."""
    return words if isinstance(words, Phrase) else Phrase(str(words))


def on_line(number: int) -> Phrase:
    return Phrase("line {number}", number=number)


def on_row(number: int) -> Phrase:
    return Phrase("row {number}", number=number)


class ImportFileError(Exception):
    """A file (or one record in it) cannot be imported.

    ``reason`` is the bare explanation; ``location`` ("line 3", "row 4") and
    ``field`` are set for JSONL/CSV records.  ``str(error)`` is the full message,
    e.g. ``"articles.jsonl line 3: field 'text': missing"``; ``message`` is the
    same words as a Phrase.
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
        self.reason = phrased(reason)
        self.location = location
        self.field = field
        super().__init__(str(self.message))

    @property
    def message(self) -> Phrase:
        what = Phrase("field '{field}': {reason}", field=self.field, reason=self.reason) if self.field else self.reason
        if self.location:
            return Phrase("{file} {location}: {what}", file=self.filename, location=self.location, what=what)
        return Phrase("{file}: {what}", file=self.filename, what=what)

    def __str__(self) -> str:
        return str(self.message)


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
        super().__init__(filename, Plural("{count} invalid record field", "{count} invalid record fields", count))

    @property
    def message(self) -> Phrase:
        lines = [error.message for error in self.errors[:_MAX_LISTED]]
        hidden = len(self.errors) - _MAX_LISTED
        if hidden > 0:
            lines.append(Plural("{file}: ... and {count} more", "{file}: ... and {count} more", hidden,
                                file=self.filename))
        return Phrase("{lines}", joiner="\n", lines=lines)


def unknown_format(filename: str, extension: str) -> ImportFileError:
    expected = ", ".join(SUPPORTED_EXTENSIONS)
    if not extension:
        return ImportFileError(filename, Phrase("no file extension (expected {expected})", expected=expected))
    return ImportFileError(filename, Phrase("unknown format '{extension}' (expected {expected})",
                                            extension=extension, expected=expected))
