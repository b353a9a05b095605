"""An article as one flat text (what other tools store) and as our paragraphs, with exact offsets.

Our paragraphs are the flat text split on blank lines, each trimmed and normalized (docs/import.md:
``\\r\\n`` and ``\\r`` become ``\\n``, control and bidi characters go, NFC). ``FlatText`` keeps,
for every code point of the original text, where it lands, so an offset counted over a file with
CRLF line ends, a byte-order mark or decomposed Arabic lands on the same character in ours.
Written back, a document is its paragraphs joined by one blank line (``join_paragraphs``).
"""
from __future__ import annotations

import bisect
import re
import unicodedata

from ...domain.text import _REMOVED_PATTERN

PARAGRAPH_BREAK = "\n\n"
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")


def join_paragraphs(paragraphs: list[str]) -> tuple[str, list[int]]:
    """The flat text of our paragraphs, and where each paragraph starts in it."""
    starts, at = [], 0
    for text in paragraphs:
        starts.append(at)
        at += len(text) + len(PARAGRAPH_BREAK)
    return PARAGRAPH_BREAK.join(paragraphs), starts


class FlatText:
    def __init__(self, raw: str):
        self.raw = raw
        # raw index -> index in the clean text (a dropped character: the next kept one); None: the same
        self._landing: list[int] | None = None
        if "\r" not in raw and not _REMOVED_PATTERN.search(raw):
            self.clean = raw  # the usual case, and the fast one: nothing to drop
        else:
            clean: list[str] = []
            self._landing = []
            for i, char in enumerate(raw):
                self._landing.append(len(clean))
                if char == "\r":
                    if raw[i + 1:i + 2] != "\n":
                        clean.append("\n")
                elif not _REMOVED_PATTERN.match(char):
                    clean.append(char)
            self._landing.append(len(clean))
            self.clean = "".join(clean)
        self._bounds: list[tuple[int, int]] = []  # each paragraph's (start, end) in the clean text
        at = 0
        for brk in [*_BLANK_LINE.finditer(self.clean), None]:
            end = brk.start() if brk else len(self.clean)
            part = self.clean[at:end]
            stripped = part.strip()
            if stripped:
                first = at + len(part) - len(part.lstrip())
                self._bounds.append((first, first + len(stripped)))
            at = brk.end() if brk else at
        self._starts = [start for start, _ in self._bounds]
        self.paragraphs = [unicodedata.normalize("NFC", self.clean[s:e]) for s, e in self._bounds]
        self._composed = [len(self.paragraphs[i]) != e - s for i, (s, e) in enumerate(self._bounds)]

    def locate(self, start: int, end: int) -> tuple[int, int, int] | str:
        """(paragraph, start, end) of raw offsets in our paragraphs, or why they cannot be placed.

        White space between paragraphs at either end of the range is left out (brat and others
        often take the line break after a span); white space inside a paragraph is kept.
        """
        if not 0 <= start < end <= len(self.raw):
            return f"{start}-{end} is outside the text (0-{len(self.raw)})"
        cs, ce = (start, end) if self._landing is None else (self._landing[start], self._landing[end])
        index = bisect.bisect_right(self._starts, cs) - 1
        if index < 0 or cs >= self._bounds[index][1]:  # in the blank before a paragraph: move to its start
            index += 1
            if index == len(self._bounds) or self._starts[index] >= ce:
                return f"{start}-{end} covers only white space between paragraphs"
            cs = self._starts[index]
        last = self._bounds[index][1]
        if ce > last and not self.clean[last:ce].isspace():
            return f"{start}-{end} runs across a paragraph break (a blank line): our spans lie within one paragraph"
        ce = min(ce, last)
        first = self._bounds[index][0]
        local_start, local_end = cs - first, ce - first
        if self._composed[index]:  # NFC changed this paragraph: count its composed characters instead
            source = self.clean[first:self._bounds[index][1]]
            local_start = len(unicodedata.normalize("NFC", source[:local_start]))
            local_end = len(unicodedata.normalize("NFC", source[:local_end]))
        return index, local_start, local_end
