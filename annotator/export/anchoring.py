"""Find a quoted span again in a document's text.

A file made elsewhere (another installation, a model) may count offsets differently or split
paragraphs differently, but the quoted text is what the annotator saw. So a span lands where its
offsets say when the text there is the quote; otherwise on the occurrence of the quote nearest to
those offsets, in the same paragraph first, then in the nearest paragraphs.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..domain.text import normalize_text


def occurrences(text: str, quote: str) -> list[int]:
    found, at = [], text.find(quote)
    while at != -1:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def anchor(paragraphs: Sequence[str], paragraph: int, start: int, end: int, quote: str,
           *, search: bool = True) -> tuple[int, int, int] | None:
    """(paragraph, start, end) of ``quote`` in ``paragraphs``, or None when it is not there.

    With ``search`` off, only the given offsets are tried (a document the file itself defines).
    """
    if paragraph < len(paragraphs) and paragraphs[paragraph][start:end] == quote:
        return paragraph, start, end
    if not search:
        return None
    # Stored text is normalized (NFC, no bidi controls): a quote from elsewhere may not be.
    quotes = dict.fromkeys((quote, normalize_text(quote)))
    nearest_first = sorted(range(len(paragraphs)), key=lambda i: (abs(i - paragraph), i))
    for index in nearest_first:
        for candidate in quotes:
            if not candidate:
                continue
            positions = occurrences(paragraphs[index], candidate)
            if positions:
                best = min(positions, key=lambda p: (abs(p - start), p))
                return index, best, best + len(candidate)
    return None
