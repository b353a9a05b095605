"""The one span validation rule and the one overlap rule.

Services, import and agreement all call these; nothing else may re-implement
them.  A span is ``[start, end)`` in code points of the stored (NFC)
paragraph text.

Browser selections (:func:`browser_selection_to_span`) are checked in this
order, and the order matters:

1. UTF-16 offsets are converted to code points (an offset inside a surrogate
   pair is refused).
2. The quoted text is compared with the *raw* selection, before any snapping.
   The browser sends ``Range.toString()`` of exactly what the user selected,
   so this comparison is what proves the client and server agree on the
   paragraph and on the offsets; after snapping the two would differ by
   design and the check would prove nothing.
3. The range is snapped: always outward to grapheme boundaries, never
   cutting a letter from its diacritics, with leading/trailing whitespace
   dropped; with ``snap_words`` to whole words (offsets.snap_to_words).
4. The snapped span goes through :func:`validate_span`, whose quoted text is
   now the snapped slice; the stored span text is that slice.

The quoted text is compared after NFC normalisation: stored text is NFC, and a
canonically equivalent quote (é as e + U+0301 from an importer) is the same
text.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Hashable, Iterable

from annotator.domain.offsets import (
    OffsetError,
    Utf16Map,
    grapheme_boundaries,
    is_grapheme_boundary,
    snap_to_graphemes,
    snap_to_words,
)
from annotator.i18n import Phrase

__all__ = [
    "SpanError",
    "validate_span",
    "overlaps",
    "find_duplicate",
    "refuse_duplicate",
    "browser_selection_to_span",
]


class SpanError(Exception):
    """A span that cannot be stored; ``field`` names the culprit, ``problem`` says why."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(problem)
        self.field = field
        self.problem = problem


def _check_range(text: str, start: object, end: object) -> None:
    for name, value in (("start", start), ("end", end)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise SpanError(name, Phrase("{name} must be a whole number, got {value}", name=name, value=repr(value)))
    n = len(text)
    if start < 0:
        raise SpanError("start", Phrase("start ({start}) must not be negative", start=start))
    if start > n:
        raise SpanError("start", Phrase("start ({start}) is past the end of the paragraph ({count} characters)",
                                        start=start, count=n))
    if end > n:
        raise SpanError("end", Phrase("end ({end}) is past the end of the paragraph ({count} characters)", end=end,
                                      count=n))
    if end < start:
        raise SpanError("end", Phrase("end ({end}) must be greater than start ({start})", end=end, start=start))
    if end == start:
        raise SpanError("end", Phrase("end ({end}) must be greater than start ({start}): the span is empty", end=end,
                                      start=start))


def _inside(text: str, i: int) -> str:
    # What a boundary at i would cut, in words an annotator understands.
    bounds = grapheme_boundaries(text)
    k = bisect_right(bounds, i)
    cluster = text[bounds[k - 1]:bounds[k]]
    if all(unicodedata.category(c)[0] == "M" for c in cluster[1:]):
        return Phrase("a letter and its diacritics ({cluster})", cluster=repr(cluster))
    return Phrase("a character made of several code points, such as an emoji or a flag ({cluster})",
                  cluster=repr(cluster))


def _check_quote(text: str, start: int, end: int, quoted_text: object) -> None:
    if not isinstance(quoted_text, str):
        raise SpanError("text", Phrase("the quoted text must be a string, got {value}", value=repr(quoted_text)))
    actual = text[start:end]
    if unicodedata.normalize("NFC", quoted_text) != actual:
        raise SpanError(
            "text",
            Phrase("the quoted text {quoted} does not match the paragraph, which has {actual} at {start}-{end}",
                   quoted=repr(quoted_text), actual=repr(actual), start=start, end=end),
        )


def validate_span(paragraph_text: str, start: int, end: int, quoted_text: str) -> None:
    """Raise :class:`SpanError` unless ``[start, end)`` is a storable span quoting ``quoted_text``.

    Checks, in order: whole numbers with 0 <= start < end <= len(text); both
    ends on grapheme boundaries; the quote equals the text there; the span
    holds something other than whitespace and invisible format characters.
    """
    _check_range(paragraph_text, start, end)
    for name, i in (("start", start), ("end", end)):
        if not is_grapheme_boundary(paragraph_text, i):
            raise SpanError(name, Phrase("{name} {offset} falls inside {what}", name=name, offset=i,
                                          what=_inside(paragraph_text, i)))
    _check_quote(paragraph_text, start, end, quoted_text)
    if all(c.isspace() or unicodedata.category(c) == "Cf" for c in paragraph_text[start:end]):
        raise SpanError("text", Phrase("the span contains only whitespace"))


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Whether half-open ``[a_start, a_end)`` and ``[b_start, b_end)`` share a character.

    Touching spans (one ends where the other starts) do not overlap, and an
    empty span overlaps nothing.
    """
    return a_start < b_end and b_start < a_end and a_start < a_end and b_start < b_end


def find_duplicate(
    new: tuple[str, int, int],
    existing: Iterable[tuple[Hashable, str, int, int]],
    *,
    ignore_id: Hashable | None = None,
) -> Hashable | None:
    """The id of the first existing span with ``new``'s label over overlapping text, else ``None``.

    The rule: one annotation set may not carry the same label twice over
    overlapping text.  ``existing`` holds ``(id, label, start, end)`` of the
    spans in that set; ``ignore_id`` leaves out the span being edited.
    """
    label, start, end = new
    for span_id, other_label, other_start, other_end in existing:
        if span_id != ignore_id and other_label == label and overlaps(start, end, other_start, other_end):
            return span_id
    return None


def refuse_duplicate(
    new: tuple[str, int, int],
    existing: Iterable[tuple[Hashable, str, int, int]],
    *,
    ignore_id: Hashable | None = None,
) -> None:
    """Raise :class:`SpanError` (field ``label``) when :func:`find_duplicate` finds one."""
    duplicate = find_duplicate(new, existing, ignore_id=ignore_id)
    if duplicate is not None:
        raise SpanError(
            "label",
            Phrase("label {label} is already on overlapping text (span {span}); "
                   "the same label may not cover overlapping text twice in one annotation set",
                   label=repr(new[0]), span=duplicate),
        )


def _strip_whitespace(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    # A space carrying a combining mark is one grapheme: widen back if needed.
    return snap_to_graphemes(text, start, end)


def browser_selection_to_span(
    paragraph_text: str,
    utf16_start: int,
    utf16_end: int,
    quoted_text: str,
    *,
    snap_words: bool,
) -> tuple[int, int, str]:
    """Turn a browser selection into a stored span ``(start, end, text)`` in code points.

    See the module docstring for the order of checks; raises :class:`SpanError`.
    """
    index = Utf16Map(paragraph_text)
    offsets = []
    for name, value in (("start", utf16_start), ("end", utf16_end)):
        try:
            offsets.append(index.to_codepoint(value))
        except OffsetError as error:
            # OffsetError says "offset N …"; name the field the browser sent instead.
            said = error.args[0]
            raise SpanError(name, Phrase(said.template, said.joiner, **{**said.values, "name": name})
                            if isinstance(said, Phrase) else str(error).replace("offset", name, 1)) from error
    start, end = offsets
    _check_range(paragraph_text, start, end)
    _check_quote(paragraph_text, start, end, quoted_text)
    if snap_words:
        start, end = snap_to_words(paragraph_text, start, end)
    else:
        start, end = _strip_whitespace(paragraph_text, *snap_to_graphemes(paragraph_text, start, end))
    if start == end:
        raise SpanError("text", Phrase("the selection contains no words, only spaces or punctuation") if snap_words
                        else Phrase("the selection contains no text, only whitespace"))
    text = paragraph_text[start:end]
    validate_span(paragraph_text, start, end, text)
    return start, end, text
