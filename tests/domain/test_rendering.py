"""Marks cut server-side: segments at every boundary, fragments that carry their span."""
from __future__ import annotations

from annotator.domain.rendering import SpanMark, assign_tracks, segment_paragraph


def mark(span_id, start, end, label="claim"):
    return SpanMark(span_id=span_id, label=label, layer="argument", start=start, end=end)


def flatten(segments):
    return [(s.text, [f.span.span_id for f in s.fragments]) for s in segments]


def test_text_without_spans_is_one_segment():
    assert flatten(segment_paragraph("قالَ الرَّئِيسُ", [])) == [("قالَ الرَّئِيسُ", [])]
    assert segment_paragraph("", []) == []


def test_segments_join_back_to_the_text_exactly():
    text = "أضرّت العقوبات 😀 بالمواطنين 🇲🇦 أكثر"
    spans = [mark("a", 0, 14), mark("b", 6, 20, "evidence"), mark("c", 15, 16)]
    segments = segment_paragraph(text, spans)
    assert "".join(s.text for s in segments) == text


def test_overlapping_spans_nest_and_each_fragment_names_its_span():
    segments = segment_paragraph("abcdefghij", [mark("a", 0, 6), mark("b", 3, 9, "evidence")])
    assert flatten(segments) == [("abc", ["a"]), ("def", ["a", "b"]), ("ghi", ["b"]), ("j", [])]
    first_of_b = [f for s in segments for f in s.fragments if f.span.span_id == "b" and f.first]
    assert len(first_of_b) == 1 and segments[1].fragments[1].first
    assert [f.last for f in segments[2].fragments] == [True]


def test_a_span_keeps_one_track_in_all_its_fragments():
    spans = [mark("outer", 0, 10), mark("inner", 2, 4, "evidence"), mark("late", 8, 12, "evidence")]
    tracks = assign_tracks(spans)
    assert tracks == {"outer": 0, "inner": 1, "late": 1}
    segments = segment_paragraph("abcdefghijkl", spans)
    seen = {(f.span.span_id, f.track) for s in segments for f in s.fragments}
    assert seen == {("outer", 0), ("inner", 1), ("late", 1)}
    # Outer first in every fragment stack, whatever the order the spans came in.
    assert all([f.track for f in s.fragments] == sorted(f.track for f in s.fragments) for s in segments)


def test_a_span_outside_the_text_is_left_out_not_drawn_wrongly():
    assert flatten(segment_paragraph("abc", [mark("x", 2, 9), mark("y", 1, 1)])) == [("abc", [])]
