"""One line of a JSONL file, read with every failure put in words rather than raised as a crash.

The json module raises RecursionError for deep nesting (`[[[[…` 100,000 deep) and ValueError for
an integer of more than 4,300 digits (Python's guard against quadratic int parsing): both are
bad input, as much as a missing comma is, and the person should be told which."""
from __future__ import annotations

import json

from ..i18n import Phrase


class JsonLineError(ValueError):
    """Why a line is not usable JSON, in words a person can act on (``words``: them as a Phrase)."""

    def __init__(self, words: Phrase) -> None:
        super().__init__(str(words))
        self.words = words


def load_json_line(text: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise JsonLineError(Phrase("invalid JSON: {problem} (column {column})", problem=exc.msg, column=exc.colno)) from None
    except RecursionError:
        raise JsonLineError(Phrase("invalid JSON: nested too deeply")) from None
    except ValueError as exc:
        # The only other ValueError json raises: an integer past sys.get_int_max_str_digits().
        raise JsonLineError(Phrase("invalid JSON: a number too long ({problem})", problem=str(exc))) from None
