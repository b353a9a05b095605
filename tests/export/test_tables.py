"""The pure parts: the formula guard, truncation in UTF-16 units, sheet names, majority, anchoring."""
from __future__ import annotations

import pytest

from annotator.export.anchoring import anchor
from annotator.export.csv_writer import csv_row, csv_value, file_name
from annotator.export.sheets import attributes_text, majority
from annotator.export.tables import (
    LiteralText, fit_text, mostly_rtl, safe_cell, sheet_title, utf16_length, xml_safe,
)


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x.test","click")', "+1", "-2", "@SUM(A1:A2)", "\tx", "\rx"])
def test_values_a_spreadsheet_would_evaluate_become_literal_text(value):
    guarded = safe_cell(value)
    assert type(guarded) is LiteralText and guarded == value
    assert csv_value(value) == "'" + value


def test_a_csv_row_is_written_as_its_cells_csv_values_are():
    import csv
    import io
    from datetime import date, datetime

    row = ["plain", "", "=1+1", "-2", " =x", 5, -2, 10**30, 1.5, 1 / 3, -0.0, None, True, False,
           datetime(2026, 1, 2, 3, 4, 5), date(2026, 1, 2), LiteralText("@x")]
    for cells in (row, [None], [""], [1.5]):
        quick, plain = io.StringIO(), io.StringIO()
        csv.writer(quick).writerow(csv_row(cells))
        csv.writer(plain).writerow([csv_value(value) for value in cells])
        assert quick.getvalue() == plain.getvalue()


@pytest.mark.parametrize("value", ["plain", "نصّ عربي", "", " =not first", 5, -2, None, 1.5])
def test_other_values_pass_unchanged(value):
    assert type(safe_cell(value)) is type(value) and safe_cell(value) == value


def test_fit_text_counts_utf16_units_and_never_splits_an_emoji():
    text = "ab🌍cd"  # the emoji is two UTF-16 units
    assert utf16_length(text) == 6
    assert fit_text(text, 6) == (text, None)
    assert fit_text(text, 3) == ("ab", 6)  # "ab" + half an emoji would be 3 units: the half is dropped
    assert fit_text(text, 4) == ("ab🌍", 6)
    assert fit_text("مرحبا", 3) == ("مرح", 5)


def test_xml_safe_replaces_what_xml_cannot_carry_and_keeps_tabs_and_newlines():
    assert xml_safe("a\x00b\x1fc") == "a\ufffdb\ufffdc"
    assert xml_safe("a\tb\nc\rd") == "a\tb\nc\rd"


def test_sheet_titles_stay_within_excels_31_characters():
    assert sheet_title("Spans", 1) == "Spans"
    assert sheet_title("Spans", 2) == "Spans (2)"
    long = "A very long table name that goes on"
    assert len(sheet_title(long, 12)) == 31 and sheet_title(long, 12).endswith(" (12)")


def test_majority_and_ties():
    assert majority(["favor", "favor", "against"]) == "favor"
    assert majority(["favor", "against"]) == "tie"
    assert majority([None, ""]) is None


def test_direction_majority():
    assert mostly_rtl({"rtl": 2, "ltr": 1})
    assert not mostly_rtl({"rtl": 1, "ltr": 1})
    assert not mostly_rtl({})


def test_attributes_and_csv_names():
    assert attributes_text({"b": "y", "a": "x"}) == "a=x; b=y"
    assert attributes_text({}) == ""
    assert file_name("Stance matrix") == "stance_matrix.csv"


PARAGRAPHS = ["العنوان", "أضرّت العقوبات بالمواطنين.", "قال الوزير إن العقوبات أضرّت بالجميع، والعقوبات باقية."]


def test_anchor_keeps_offsets_that_still_hold():
    assert anchor(PARAGRAPHS, 1, 0, 5, "أضرّت") == (1, 0, 5)


def test_anchor_finds_the_nearest_occurrence_in_the_same_paragraph_first():
    # Offsets from another installation: paragraph 2 holds "العقوبات" twice; the one nearer wins.
    text, word = PARAGRAPHS[2], "العقوبات"
    first, second = text.find(word), text.rfind(word)
    assert anchor(PARAGRAPHS, 2, second - 2, second + 6, word) == (2, second, second + len(word))
    assert anchor(PARAGRAPHS, 2, 0, 8, word) == (2, first, first + len(word))


def test_anchor_looks_in_the_nearest_paragraphs():
    at = PARAGRAPHS[1].find("بالمواطنين")
    assert anchor(PARAGRAPHS, 0, 0, 10, "بالمواطنين") == (1, at, at + len("بالمواطنين"))


def test_anchor_normalizes_a_quote_the_way_stored_text_was():
    # An embedding control copied along with the quote is removed from stored text, so from the quote too.
    assert anchor(PARAGRAPHS, 1, 3, 10, "\u202bأضرّت\u202c") == (1, 0, 5)


def test_anchor_never_invents_a_place():
    assert anchor(PARAGRAPHS, 1, 0, 5, "غير موجود") is None
    assert anchor(PARAGRAPHS, 1, 3, 8, "أضرّت", search=False) is None
