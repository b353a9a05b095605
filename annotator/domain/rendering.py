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
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SpanMark:
    """What the renderer needs of a span: everything else stays in the service."""

    span_id: str
    label: str
    layer: str
    start: int
    end: int
    version: int = 1
    attributes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Fragment:
    span: SpanMark
    track: int
    first: bool  # the fragment that opens the span: it carries the label badge
    last: bool


@dataclass(frozen=True)
class Segment:
    text: str
    fragments: tuple[Fragment, ...] = field(default_factory=tuple)  # outermost first


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
    usable = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    if not usable:
        return [Segment(text)] if text else []
    tracks = assign_tracks(usable)
    cuts = sorted({0, len(text), *(s.start for s in usable), *(s.end for s in usable)})
    segments: list[Segment] = []
    for left, right in zip(cuts, cuts[1:]):
        covering = [s for s in usable if s.start <= left and right <= s.end]
        covering.sort(key=lambda s: (tracks[s.span_id], s.start, s.span_id))
        fragments = tuple(
            Fragment(span=s, track=tracks[s.span_id], first=s.start == left, last=s.end == right)
            for s in covering
        )
        segments.append(Segment(text[left:right], fragments))
    return segments

