"""A paragraph's text cut into segments at every span boundary, for drawing marks server-side.

The template turns each segment into nested ``<mark>`` fragments, outermost first, so a span may
be drawn as several fragments that all carry its id; the text itself is only ever autoescaped.
Offsets are code points (Python string indices), as stored.

Overlapping spans keep one *track* each for the whole paragraph (0 for the first, 1 for a span
that starts inside it, ...): the stylesheet draws tracks with different insets or underline
offsets, so two overlapping spans stay distinguishable across all their fragments, and the
nesting order of fragments never changes inside one span.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple


# Named tuples rather than dataclasses: a long document builds tens of thousands of these per
# page, and a tuple is built several times faster.
class SpanMark(NamedTuple):
    """What the renderer needs of a span: everything else stays in the service."""

    span_id: str
    label: str
    layer: str
    start: int
    end: int
    version: int = 1
    attributes: tuple[tuple[str, str], ...] = ()


class Fragment(NamedTuple):
    span: SpanMark
    track: int
    first: bool  # the fragment that opens the span: it carries the label badge
    last: bool


class Segment(NamedTuple):
    text: str
    fragments: tuple[Fragment, ...] = ()  # outermost first


def assign_tracks(spans: Iterable[SpanMark]) -> dict[str, int]:
    """The lowest track free at each span's start, taking spans by start, longer ones first."""
    ordered = sorted(spans, key=lambda s: (s.start, -(s.end - s.start), s.span_id))
    track_ends: list[int] = []  # track -> end offset of the span holding it
    tracks: dict[str, int] = {}
    for span in ordered:
        free = next((i for i, end in enumerate(track_ends) if end <= span.start), None)
        if free is None:
            free = len(track_ends)
            track_ends.append(span.end)
        else:
            track_ends[free] = span.end
        tracks[span.span_id] = free
    return tracks


def segment_paragraph(text: str, spans: Sequence[SpanMark]) -> list[Segment]:
    """Cut ``text`` at every span boundary; each piece lists the spans that cover it.

    Spans outside the text or empty are left out rather than drawn wrongly (they cannot be
    created, but a paragraph must still render if one ever exists).
    """
    length = len(text)
    usable = [s for s in spans if 0 <= s.start < s.end <= length]
    if not usable:
        return [Segment(text)] if text else []
    tracks = assign_tracks(usable)
    # Fragments nest by track, then start: one order for the whole paragraph, filtered per piece.
    nesting = [(s, tracks[s.span_id]) for s in sorted(usable, key=lambda s: (tracks[s.span_id], s.start, s.span_id))]
    cuts = sorted({0, length, *(s.start for s in usable), *(s.end for s in usable)})
    return [
        Segment(text[left:right], tuple(Fragment(s, track, s.start == left, s.end == right)
                                        for s, track in nesting if s.start <= left and right <= s.end))
        for left, right in zip(cuts, cuts[1:])
    ]
