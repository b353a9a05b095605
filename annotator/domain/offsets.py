"""Text offsets: code points, UTF-16 code units, graphemes and words.

Three units meet here and must never be confused:

* **Code points** are what we store. Paragraph text is NFC and every span
  offset in the database is a Python ``str`` index into it.
* **UTF-16 code units** are what the browser sends: JavaScript string indexes
  (``Range.startOffset``, ``String.length``) count a character outside the
  Basic Multilingual Plane (most emoji, 🇲🇦's two regional indicators) as two.
  Arabic, Latin and French text is all BMP, so for most paragraphs the two
  units coincide; the conversion only shifts after astral characters.
* **Graphemes** are what a reader sees as one character: an Arabic letter with
  its harakat, shadda and superscript alef, a flag, a ZWJ emoji family.  A
  span boundary inside one would cut a diacritic off its letter, so spans must
  start and end on grapheme boundaries (Unicode UAX #29, via ``regex``'s
  ``\\X``).

Words, for snapping a selection, are runs of letters, marks and digits; the
Arabic tatweel (U+0640, a letter-like ``Lm``) and ZWNJ (U+200C, used inside
Persian-style words) count as word characters so a stretched or ZWNJ-joined
word is never split.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache

import regex

from ..i18n import N_, Phrase

__all__ = [
    "OffsetError",
    "Utf16Map",
    "utf16_to_codepoint",
    "codepoint_to_utf16",
    "grapheme_boundaries",
    "is_grapheme_boundary",
    "snap_to_graphemes",
    "snap_to_words",
    "is_word_char",
]

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_GRAPHEME = regex.compile(r"\X", regex.DOTALL)
_TATWEEL = "\u0640"
_ZWNJ = "\u200c"


class OffsetError(ValueError):
    """An offset that does not name a position in the text; its message a Phrase."""


OUTSIDE = {"code points": N_("{name} {value} is outside the text (0 to {upper} code points)"),
           "UTF-16 code units": N_("{name} {value} is outside the text (0 to {upper} UTF-16 code units)")}


def _check_offset(name: str, value: object, upper: int, unit: str) -> int:
    # bool is an int subclass, and a JSON 3.0 is a float: both are client bugs.
    if isinstance(value, bool) or not isinstance(value, int):
        raise OffsetError(Phrase("{name} must be a whole number, got {value}", name=name, value=repr(value)))
    if not 0 <= value <= upper:
        raise OffsetError(Phrase(OUTSIDE[unit], name=name, value=value, upper=upper))
    return value


class Utf16Map:
    """Converts offsets of one text between code points and UTF-16 code units.

    Building it is one C-level scan for astral characters; each conversion is
    then a binary search over those characters only (none, for ordinary Arabic
    text), so converting many offsets of one paragraph stays cheap.
    """

    __slots__ = ("text", "utf16_length", "_astral", "_astral_units")

    def __init__(self, text: str) -> None:
        self.text = text
        # Code point index of each astral character, and the UTF-16 index at
        # which it starts (shifted by one extra unit per earlier astral char).
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        self._astral_units = [cp + k for k, cp in enumerate(self._astral)]
        self.utf16_length = len(text) + len(self._astral)

    def to_codepoint(self, offset: int) -> int:
        """Code point index for a UTF-16 offset; refuses the middle of a surrogate pair."""
        _check_offset("offset", offset, self.utf16_length, "UTF-16 code units")
        # Astral characters starting strictly before the offset each add one unit.
        k = bisect_left(self._astral_units, offset)
        if k and self._astral_units[k - 1] + 1 == offset:
            raise OffsetError(Phrase("{name} {value} falls between the two UTF-16 halves of {character}",
                                     name="offset", value=offset, character=repr(self.text[self._astral[k - 1]])))
        return offset - k

    def to_utf16(self, offset: int) -> int:
        """UTF-16 offset for a code point index."""
        _check_offset("offset", offset, len(self.text), "code points")
        return offset + bisect_left(self._astral, offset)


def utf16_to_codepoint(text: str, offset: int) -> int:
    """Code point index of UTF-16 ``offset`` in ``text``; raises :class:`OffsetError`."""
    return Utf16Map(text).to_codepoint(offset)


def codepoint_to_utf16(text: str, offset: int) -> int:
    """UTF-16 offset of code point index ``offset`` in ``text``; raises :class:`OffsetError`."""
    return Utf16Map(text).to_utf16(offset)


@lru_cache(maxsize=256)
def _boundaries(text: str) -> tuple[int, ...]:
    # Cached because validation asks about the same paragraph for every span
    # of an import; a tuple so callers cannot mutate the shared value.
    return (0, *(m.end() for m in _GRAPHEME.finditer(text)))


def grapheme_boundaries(text: str) -> list[int]:
    """Every code point index that starts or ends a grapheme, including 0 and ``len(text)``."""
    return list(_boundaries(text))


def is_grapheme_boundary(text: str, i: int) -> bool:
    """Whether a span may start or end at code point ``i`` without splitting a grapheme."""
    _check_offset("offset", i, len(text), "code points")
    bounds = _boundaries(text)
    k = bisect_left(bounds, i)
    return k < len(bounds) and bounds[k] == i


def _check_range(text: str, start: int, end: int) -> None:
    _check_offset("start", start, len(text), "code points")
    _check_offset("end", end, len(text), "code points")
    if end < start:
        raise OffsetError(Phrase("end {end} is before start {start}", end=end, start=start))


def snap_to_graphemes(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` to the graphemes it touches (never narrows it)."""
    _check_range(text, start, end)
    bounds = _boundaries(text)
    return bounds[bisect_right(bounds, start) - 1], bounds[bisect_left(bounds, end)]


def is_word_char(ch: str) -> bool:
    """Letter, mark or digit, plus tatweel and ZWNJ (both occur inside Arabic-script words)."""
    return unicodedata.category(ch)[0] in "LMN" or ch == _TATWEEL or ch == _ZWNJ


def _is_edge_junk(ch: str) -> bool:
    # Whitespace, punctuation (incl. Arabic comma ، and «quotes») and invisible
    # format/control characters such as the RLM/LRM that mixed-direction text
    # carries: never wanted at the edge of a span.
    cat = unicodedata.category(ch)
    return ch.isspace() or cat[0] in "PZ" or cat in ("Cc", "Cf")


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Turn a rough selection into whole words.

    Steps: widen to graphemes; drop whitespace and punctuation graphemes from
    both edges; if an edge then falls inside a word, widen it to the whole
    word; finally widen to graphemes again, because a word can be followed by
    a joiner that belongs to its last grapheme.  A selection holding nothing
    but whitespace/punctuation collapses to an empty range ``(i, i)``, which
    span validation refuses; symbols and emoji are kept, grapheme-snapped.
    """
    start, end = snap_to_graphemes(text, start, end)
    bounds = _boundaries(text)
    i, j = bisect_left(bounds, start), bisect_left(bounds, end)
    while i < j and _is_edge_junk(text[bounds[i]]):
        i += 1
    while j > i and _is_edge_junk(text[bounds[j - 1]]):
        j -= 1
    if i == j:
        return bounds[i], bounds[i]
    start, end = bounds[i], bounds[j]
    n = len(text)
    if start > 0 and is_word_char(text[start - 1]) and is_word_char(text[start]):
        while start > 0 and is_word_char(text[start - 1]):
            start -= 1
    if end < n and is_word_char(text[end - 1]) and is_word_char(text[end]):
        while end < n and is_word_char(text[end]):
            end += 1
    return snap_to_graphemes(text, start, end)
