"""Offsets: code points (stored) vs UTF-16 units (browser), graphemes, word snapping."""
from __future__ import annotations

import pytest

from annotator.domain.offsets import (
    OffsetError,
    Utf16Map,
    codepoint_to_utf16,
    grapheme_boundaries,
    is_grapheme_boundary,
    snap_to_graphemes,
    snap_to_words,
    utf16_to_codepoint,
)

MUHAMMAD = "مُحَمَّد"  # م+damma, ح+fatha, م+shadda+fatha, د
TATWEEL = "مـــصر"
SMILE = "😀"  # U+1F600: one code point, two UTF-16 units
FLAG_MA = "🇲🇦"  # two regional indicators: 2 code points, 4 UTF-16 units, one grapheme
FAMILY = "👨\u200d👩\u200d👧\u200d👦"  # 4 emoji joined by 3 ZWJ: 7 code points, 11 units
MIXED = "قال Macron إنّ 2024 «عام المغرب»، وأضاف: OK."


def js_length(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


# --- UTF-16 <-> code points -------------------------------------------------


def test_bmp_text_has_identical_offsets():
    for text in (MUHAMMAD, TATWEEL, MIXED):
        for i in range(len(text) + 1):
            assert utf16_to_codepoint(text, i) == i
            assert codepoint_to_utf16(text, i) == i


def test_emoji_counts_two_utf16_units():
    text = f"قال {SMILE} مصر"
    after = text.index(SMILE) + 1  # code point just after the emoji
    assert codepoint_to_utf16(text, after) == after + 1
    assert utf16_to_codepoint(text, after + 1) == after
    assert codepoint_to_utf16(text, len(text)) == js_length(text) == len(text) + 1


def test_flag_is_two_code_points_and_four_units():
    text = f"{FLAG_MA}المغرب"
    assert len(FLAG_MA) == 2 and js_length(FLAG_MA) == 4
    assert utf16_to_codepoint(text, 4) == 2
    assert codepoint_to_utf16(text, 1) == 2  # between the two regional indicators
    assert text[utf16_to_codepoint(text, 4):] == "المغرب"


def test_zwj_family_units():
    text = f"a{FAMILY}b"
    assert js_length(text) == 13
    assert utf16_to_codepoint(text, 12) == len(text) - 1
    assert text[utf16_to_codepoint(text, 12)] == "b"


@pytest.mark.parametrize("offset", [2, 4, 6])
def test_offset_between_surrogates_is_refused(offset):
    text = f"x{SMILE}{FLAG_MA}y"  # units: x=0, 😀=1-2, 🇲=3-4, 🇦=5-6, y=7
    with pytest.raises(OffsetError, match="between the two UTF-16 halves"):
        utf16_to_codepoint(text, offset)


def test_round_trip_on_mixed_text_with_astral_characters():
    text = f"{MIXED} {SMILE}{FLAG_MA} {FAMILY} {MUHAMMAD}"
    index = Utf16Map(text)
    assert index.utf16_length == js_length(text)
    for cp in range(len(text) + 1):
        unit = index.to_utf16(cp)
        assert unit == js_length(text[:cp])
        assert index.to_codepoint(unit) == cp


@pytest.mark.parametrize("bad", [-1, 10_000, 2.0, True, "3", None])
def test_out_of_range_or_non_integer_offsets_are_refused(bad):
    with pytest.raises(OffsetError):
        utf16_to_codepoint(MIXED, bad)
    with pytest.raises(OffsetError):
        codepoint_to_utf16(MIXED, bad)


def test_offsets_at_both_ends_are_valid():
    text = f"{SMILE}ب"
    assert utf16_to_codepoint(text, 0) == 0
    assert utf16_to_codepoint(text, 3) == 2
    with pytest.raises(OffsetError):
        utf16_to_codepoint(text, 4)
    assert utf16_to_codepoint("", 0) == 0


# --- graphemes --------------------------------------------------------------


def test_arabic_letter_with_harakat_and_shadda_is_one_grapheme():
    assert grapheme_boundaries(MUHAMMAD) == [0, 2, 4, 7, 8]
    assert not is_grapheme_boundary(MUHAMMAD, 1)  # between م and its damma
    assert not is_grapheme_boundary(MUHAMMAD, 5)  # between shadda and fatha
    assert is_grapheme_boundary(MUHAMMAD, 4)


def test_superscript_alef_belongs_to_its_letter():
    text = "إلىٰ"  # ى + U+0670
    assert grapheme_boundaries(text) == [0, 1, 2, 4]


def test_each_tatweel_is_its_own_grapheme():
    assert grapheme_boundaries(TATWEEL) == list(range(len(TATWEEL) + 1))


def test_emoji_flags_and_zwj_sequences_are_single_graphemes():
    text = f"{SMILE}{FLAG_MA}{FAMILY}"
    assert grapheme_boundaries(text) == [0, 1, 3, 3 + len(FAMILY)]
    assert not is_grapheme_boundary(text, 2)  # between the regional indicators
    two_flags = FLAG_MA + "🇩🇿"
    assert grapheme_boundaries(two_flags) == [0, 2, 4]


def test_grapheme_boundaries_of_empty_text():
    assert grapheme_boundaries("") == [0]
    assert is_grapheme_boundary("", 0)


def test_is_grapheme_boundary_refuses_out_of_range():
    with pytest.raises(OffsetError):
        is_grapheme_boundary(MUHAMMAD, 9)


def test_snap_to_graphemes_widens_only():
    assert snap_to_graphemes(MUHAMMAD, 1, 5) == (0, 7)
    assert snap_to_graphemes(MUHAMMAD, 2, 4) == (2, 4)
    with pytest.raises(OffsetError):
        snap_to_graphemes(MUHAMMAD, 5, 1)


# --- words ------------------------------------------------------------------


def test_partial_arabic_word_with_diacritics_expands_to_the_word():
    text = f"قال {MUHAMMAD} أمس"
    start = text.index(MUHAMMAD)
    assert snap_to_words(text, start + 3, start + 5) == (start, start + len(MUHAMMAD))


def test_tatweel_does_not_split_a_word():
    text = f"زار {TATWEEL} أمس"
    start = text.index(TATWEEL)
    assert snap_to_words(text, start + 2, start + 3) == (start, start + len(TATWEEL))


def test_zwnj_inside_a_word_does_not_split_it():
    word = "می\u200cخواهم"
    text = f"او {word} رفت"
    start = text.index(word)
    assert snap_to_words(text, start + 4, start + 5) == (start, start + len(word))


def test_edges_lose_whitespace_and_punctuation_of_both_scripts():
    start = MIXED.index("«")
    end = MIXED.index("،") + 2  # «عام المغرب»، and the space after it
    s, e = snap_to_words(MIXED, start, end)
    assert MIXED[s:e] == "عام المغرب"


def test_mixed_direction_line():
    # Partial selections over the embedded Latin word and the digits.
    s, e = snap_to_words(MIXED, MIXED.index("Macron") + 2, MIXED.index("2024") + 2)
    assert MIXED[s:e] == "Macron إنّ 2024"
    s, e = snap_to_words(MIXED, MIXED.index("OK") + 1, len(MIXED))
    assert MIXED[s:e] == "OK"


def test_emoji_are_kept_but_never_cut():
    text = f"مصر {FLAG_MA} تونس"
    i = text.index(FLAG_MA)
    assert snap_to_words(text, i + 1, i + 2) == (i, i + 2)


def test_selection_of_only_punctuation_collapses_to_empty():
    text = "قال: «مصر»"
    start = text.index(":")
    s, e = snap_to_words(text, start, start + 3)  # ': «'
    assert s == e


def test_selection_starting_inside_a_grapheme_is_snapped():
    text = f"{MUHAMMAD} {MUHAMMAD}"
    assert snap_to_words(text, 1, 1) == (0, len(MUHAMMAD))


def test_snap_to_words_refuses_out_of_range():
    with pytest.raises(OffsetError):
        snap_to_words(MIXED, -1, 3)
    with pytest.raises(OffsetError):
        snap_to_words(MIXED, 0, len(MIXED) + 1)
