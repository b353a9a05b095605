"""The span rule: validation, the same-label overlap rule, browser selections."""
from __future__ import annotations

import pytest

from annotator.domain.offsets import codepoint_to_utf16
from annotator.domain.spans import (
    SpanError,
    browser_selection_to_span,
    find_duplicate,
    overlaps,
    refuse_duplicate,
    validate_span,
)

MUHAMMAD = "مُحَمَّد"
PARA = f"قال {MUHAMMAD} 😀 إن 🇲🇦 «المغرب» Morocco 2024."


def error(fn, *args, **kwargs) -> SpanError:
    with pytest.raises(SpanError) as info:
        fn(*args, **kwargs)
    return info.value


def span_of(word: str) -> tuple[int, int]:
    start = PARA.index(word)
    return start, start + len(word)


# --- validate_span ----------------------------------------------------------


def test_valid_spans_pass():
    for word in ("قال", MUHAMMAD, "😀", "🇲🇦", "المغرب", "Morocco 2024."):
        validate_span(PARA, *span_of(word), word)
    validate_span(PARA, 0, len(PARA), PARA)


@pytest.mark.parametrize(
    "start, end, field, problem",
    [
        (-1, 3, "start", "start (-1) must not be negative"),
        (99, 100, "start", f"start (99) is past the end of the paragraph ({len(PARA)} characters)"),
        (0, 99, "end", f"end (99) is past the end of the paragraph ({len(PARA)} characters)"),
        (9, 5, "end", "end (5) must be greater than start (9)"),
        (3, 3, "end", "end (3) must be greater than start (3): the span is empty"),
    ],
)
def test_range_errors_name_the_field(start, end, field, problem):
    err = error(validate_span, PARA, start, end, PARA[max(start, 0):max(end, 0)])
    assert (err.field, err.problem) == (field, problem)
    assert str(err) == problem


@pytest.mark.parametrize("bad", [1.0, "1", None, True])
def test_offsets_must_be_whole_numbers(bad):
    assert error(validate_span, PARA, bad, 3, "").field == "start"
    assert error(validate_span, PARA, 0, bad, "").field == "end"


def test_start_inside_a_letter_and_its_diacritics():
    start, end = span_of(MUHAMMAD)
    err = error(validate_span, PARA, start + 1, end, PARA[start + 1:end])
    assert err.field == "start"
    assert err.problem.startswith(f"start {start + 1} falls inside a letter and its diacritics")


def test_end_inside_a_letter_and_its_diacritics():
    start, end = span_of(MUHAMMAD)
    err = error(validate_span, PARA, start, start + 5, PARA[start:start + 5])  # between shadda and fatha
    assert err.field == "end"
    assert err.problem.startswith(f"end {start + 5} falls inside a letter and its diacritics")


def test_boundary_inside_a_flag_is_refused_with_an_emoji_message():
    start, end = span_of("🇲🇦")
    err = error(validate_span, PARA, start, start + 1, PARA[start:start + 1])
    assert err.field == "end"
    assert "emoji or a flag" in err.problem


def test_quoted_text_mismatch_shows_the_expected_text():
    start, end = span_of("المغرب")
    err = error(validate_span, PARA, start, end, "الجزائر")
    assert err.field == "text"
    assert "'الجزائر'" in err.problem and "'المغرب'" in err.problem


def test_quoted_text_is_compared_after_nfc():
    text = "café au lait"
    validate_span(text, 0, 4, "cafe\u0301")  # e + combining acute == é
    assert error(validate_span, text, 0, 4, "cafe").field == "text"


@pytest.mark.parametrize("blank", [" ", "  \n", "\u200f "])
def test_whitespace_only_span_is_refused(blank):
    text = f"مصر{blank}تونس"
    err = error(validate_span, text, 3, 3 + len(blank), blank)
    assert (err.field, err.problem) == ("text", "the span contains only whitespace")


# --- overlap and duplicates -------------------------------------------------


def test_overlaps_is_half_open():
    assert overlaps(0, 5, 4, 9)
    assert overlaps(2, 3, 0, 10)  # nested
    assert overlaps(0, 5, 0, 5)
    assert not overlaps(0, 5, 5, 9)  # touching
    assert not overlaps(5, 9, 0, 5)
    assert not overlaps(3, 3, 0, 10)  # an empty span overlaps nothing


EXISTING = [(11, "claim", 0, 10), (12, "evidence", 5, 20), (13, "claim", 30, 40)]


def test_same_label_over_overlapping_text_is_a_duplicate():
    assert find_duplicate(("claim", 8, 12), EXISTING) == 11
    assert find_duplicate(("claim", 35, 50), EXISTING) == 13
    assert find_duplicate(("evidence", 0, 6), EXISTING) == 12


def test_other_label_or_touching_text_is_not_a_duplicate():
    assert find_duplicate(("evidence", 30, 40), EXISTING) is None
    assert find_duplicate(("claim", 10, 30), EXISTING) is None
    assert find_duplicate(("claim", 0, 10), []) is None


def test_the_span_being_edited_is_ignored():
    assert find_duplicate(("claim", 2, 8), EXISTING, ignore_id=11) is None
    assert find_duplicate(("claim", 2, 35), EXISTING, ignore_id=11) == 13


def test_refuse_duplicate_raises_on_the_label_field():
    err = error(refuse_duplicate, ("claim", 8, 12), EXISTING)
    assert err.field == "label" and "span 11" in err.problem
    refuse_duplicate(("claim", 8, 12), EXISTING, ignore_id=11)


# --- browser selections -----------------------------------------------------


def utf16(start: int, end: int, text: str = PARA) -> tuple[int, int]:
    return codepoint_to_utf16(text, start), codepoint_to_utf16(text, end)


def test_utf16_offsets_after_emoji_and_flag_are_converted():
    start, end = span_of("المغرب")
    u_start, u_end = utf16(start, end)
    assert (u_start, u_end) == (start + 3, end + 3)  # 😀 adds one unit, 🇲🇦 two
    assert browser_selection_to_span(PARA, u_start, u_end, "المغرب", snap_words=False) == (start, end, "المغرب")


def test_offset_between_surrogates_is_refused():
    i = codepoint_to_utf16(PARA, PARA.index("😀"))
    err = error(browser_selection_to_span, PARA, i + 1, i + 5, "x", snap_words=False)
    assert err.field == "start" and "between the two UTF-16 halves" in err.problem


def test_out_of_range_utf16_offset_names_the_field():
    assert error(browser_selection_to_span, PARA, 0, 999, "x", snap_words=False).field == "end"


def test_backwards_selection_is_refused():
    err = error(browser_selection_to_span, PARA, 10, 4, "", snap_words=True)
    assert err.field == "end"


def test_quote_is_checked_against_the_raw_selection_before_snapping():
    start, end = span_of("المغرب")
    raw = PARA[start + 1:end - 1]  # "لمغر", what the user dragged over
    u = utf16(start + 1, end - 1)
    assert browser_selection_to_span(PARA, *u, raw, snap_words=True) == (start, end, "المغرب")
    # The snapped text is not what the browser saw: refused.
    assert error(browser_selection_to_span, PARA, *u, "المغرب", snap_words=True).field == "text"


def test_without_word_snapping_graphemes_are_still_whole():
    start, end = span_of(MUHAMMAD)
    u = utf16(start + 1, start + 3)  # from the damma into ح
    assert browser_selection_to_span(PARA, *u, PARA[start + 1:start + 3], snap_words=False) == (
        start, start + 4, MUHAMMAD[:4])


def test_without_word_snapping_edge_whitespace_is_dropped():
    start, end = span_of("المغرب")
    u = utf16(start - 2, end + 2)  # ' «المغرب» '
    got = browser_selection_to_span(PARA, *u, PARA[start - 2:end + 2], snap_words=False)
    assert got == (start - 1, end + 1, "«المغرب»")


def test_word_snapping_drops_quotes_and_spaces():
    start, end = span_of("المغرب")
    u = utf16(start - 2, end + 2)
    assert browser_selection_to_span(PARA, *u, PARA[start - 2:end + 2], snap_words=True) == (
        start, end, "المغرب")


def test_selection_of_only_punctuation_or_whitespace_is_refused():
    i = PARA.index("«")
    err = error(browser_selection_to_span, PARA, *utf16(i - 1, i + 1), PARA[i - 1:i + 1], snap_words=True)
    assert err.field == "text" and "no words" in err.problem
    j = PARA.index(" ")
    err = error(browser_selection_to_span, PARA, j, j + 1, " ", snap_words=False)
    assert err.field == "text" and "only whitespace" in err.problem


def test_a_refused_selection_says_why_in_the_readers_language_and_keeps_its_english():
    from annotator.domain.spans import SpanError, browser_selection_to_span

    text = "قال الرئيس 🇲🇦 إن"
    with pytest.raises(SpanError) as empty:
        browser_selection_to_span(text, 4, 4, "", snap_words=False)
    assert str(empty.value.problem) == "end (4) must be greater than start (4): the span is empty"
    assert empty.value.problem.in_language("ar") == "يجب أن تكون النهاية (4) بعد البداية (4): المقطع فارغ"
    with pytest.raises(SpanError) as outside:
        browser_selection_to_span(text, 0, 99, "", snap_words=False)
    assert outside.value.field == "end" and str(outside.value.problem).startswith("end 99 is outside the text")
    assert outside.value.problem.in_language("fr").startswith("end 99 est hors du texte")
