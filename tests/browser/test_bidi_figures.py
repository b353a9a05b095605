"""Numbers that keep their order in a right-to-left page (issue 15): a negative figure keeps its
minus before the digits and a week label such as 2026-W14 reads as written, measured on the
glyphs Chromium lays out, in the dashboard's own week-by-week table."""
from __future__ import annotations

from flask import g, render_template

from annotator.web.charts import figure_text

WEEK = {"week": "2026-W14", "value": -0.12, "low": -0.25, "high": 0.04, "running": 0.5, "documents": 3,
        "flagged": False, "reason": None}

# Left edge of the character at ``index`` in the element's text, in page pixels.
_CHAR_X = """([selector, index]) => {
  const node = document.querySelector(selector);
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  let seen = 0, text;
  while ((text = walker.nextNode())) {
    if (index < seen + text.length) {
      const range = document.createRange();
      range.setStart(text, index - seen); range.setEnd(text, index - seen + 1);
      return range.getBoundingClientRect().left;
    }
    seen += text.length;
  }
  return null;
}"""


def _drift_table(app) -> str:
    with app.test_request_context("/?lang=ar"):
        g.ui_lang, g.ui_digits = "ar", "latn"
        view = {"selected": {"drift": {"measure": "alpha_nominal", "weeks": [WEEK]}}}
        return render_template("agreement/_drift.html", view=view,
                               state={"result": {"database": {"scheme_versions_by_week": {}}}})


def _x(page, selector: str, text: str, char: str) -> float:
    return page.evaluate(_CHAR_X, [selector, text.index(char)])


def test_a_negative_figure_and_a_week_label_keep_their_order_in_the_arabic_dashboard(live_app, page):
    table = _drift_table(live_app)
    assert "<bdi dir=\"ltr\">2026-W14</bdi>" in table and figure_text(-0.12) in table
    page.set_content(f'<html dir="rtl" lang="ar"><body>{table}'
                     f'<p id="bare-figure">القيمة -0.120</p><p id="bare-week">الأسبوع 2026-W14</p></body></html>')
    week = page.locator("table.drift tbody th").inner_text()
    assert week == "2026-W14"
    assert _x(page, "table.drift tbody th", week, "2") < _x(page, "table.drift tbody th", week, "W")
    value = page.locator("table.drift tbody td:nth-child(4)").inner_text()
    assert value.strip("\u200e") == "\u22120.120"
    cell = "table.drift tbody td:nth-child(4)"
    assert _x(page, cell, value, "\u2212") < _x(page, cell, value, "0")
    interval = page.locator("table.drift tbody td:nth-child(5)").inner_text()
    assert _x(page, "table.drift tbody td:nth-child(5)", interval, "\u2212") < \
        _x(page, "table.drift tbody td:nth-child(5)", interval, "2")
    # The same text without the marks is reordered by the bidi algorithm: what the marks prevent.
    bare = "القيمة -0.120"
    assert _x(page, "#bare-figure", bare, "-") > _x(page, "#bare-figure", bare, "0")
    bare_week = "الأسبوع 2026-W14"
    assert _x(page, "#bare-week", bare_week, "2") > _x(page, "#bare-week", bare_week, "W")


def test_figures_print_the_minus_sign_behind_a_left_to_right_mark():
    assert figure_text(-0.12, 2) == "\u200e\u22120.12"
    assert figure_text(0.12, 2) == "0.12"
    assert figure_text(-0.0001) == "0.000"  # no minus on a figure that prints as zero
    assert figure_text(None) == "—"
