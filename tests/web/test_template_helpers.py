"""The markup helpers the templates call once per paragraph."""
from __future__ import annotations

from types import SimpleNamespace

from annotator.web.template_helpers import scope_options, short


def paragraph(index: int, kind: str, text: str):
    return SimpleNamespace(index=index, kind=kind, text=text)


def test_scope_options_list_body_and_quote_paragraphs_escaped_with_the_chosen_one_selected():
    paragraphs = [paragraph(0, "title", "العنوان"), paragraph(1, "body", "قالَ <b>الرئيس</b> & \"NATO\""),
                  paragraph(2, "heading", "موقف"), paragraph(3, "quote", "x" * 40)]
    html = str(scope_options(paragraphs, paragraphs[3], "الفقرة {n}"))
    assert html == ('<option value="1">الفقرة 2: قالَ &lt;b&gt;الرئيس&lt;/b&gt; &amp; &#34;NATO&#34;</option>'
                    f'<option value="3" selected>الفقرة 4: {"x" * 29}…</option>')
    assert "selected" not in str(scope_options(paragraphs, None, "{n}"))


def test_short_cuts_with_an_ellipsis_only_when_needed():
    assert short("abc", 3) == "abc"
    assert short("abcd", 3) == "ab…"
