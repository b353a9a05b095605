"""The guidelines' Markdown subset: parsed into data, never into HTML."""
from __future__ import annotations

from annotator.domain.markdown_lite import Run, inline, parse, section

PAGE = """# Claim

## English

### Definition
A **debatable** statement, *often* with `code`.

- one [link](other.md)
- two
  continued

1. first
2. second

> a quote

| a | b |
| --- | --- |
| 1 | 2 |

## العربية

### التعريف
عبارة **قابلة** للجدل.
"""


def test_section_picks_the_interface_language_then_falls_back():
    heading, body = section(PAGE, ("العربية", "English"))
    assert heading == "العربية" and body.startswith("### التعريف") and "English" not in body
    assert section(PAGE, ("Français", "English"))[0] == "English"
    assert section(PAGE, ("Deutsch",)) is None


def test_blocks_and_inline_styles():
    blocks = parse(section(PAGE, ("English",))[1])
    assert [b.kind for b in blocks] == ["heading", "paragraph", "ul", "ol", "quote", "table"]
    assert blocks[0].level == 3
    assert Run("debatable", bold=True) in blocks[1].runs
    assert Run("often", italic=True) in blocks[1].runs
    assert Run("code", code=True) in blocks[1].runs
    assert [r.text for r in blocks[2].items[0]] == ["one ", "link"]
    assert blocks[2].items[1][0].text == "two continued"
    assert len(blocks[5].rows) == 2


def test_markup_stays_text():
    runs = inline("<script>alert(1)</script> **<b>x</b>**")
    assert runs[0].text == "<script>alert(1)</script> " and runs[1] == Run("<b>x</b>", bold=True)
