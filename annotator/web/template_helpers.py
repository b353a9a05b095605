"""Small pieces of markup the templates share, written in Python because a long document calls
them once per paragraph, and a Jinja macro or loop costs several times more per call."""
from __future__ import annotations

from markupsafe import Markup, escape

SCOPE_PARAGRAPH_KINDS = ("body", "quote")  # headings and titles take no stance or frame of their own


def short(text: str, size: int = 60) -> str:
    """At most ``size`` characters, an ellipsis marking a cut."""
    return text if len(text) <= size else text[:size - 1] + "…"


def scope_options(paragraphs, scope, label: str) -> Markup:
    """The paragraph ``<option>``s of a panel's scope menu, ``scope`` (a paragraph or None) selected.
    ``label`` names a paragraph, "{n}" standing for its number."""
    chosen = scope.index if scope is not None else None
    return Markup("".join(
        f'<option value="{p.index}"{" selected" if p.index == chosen else ""}>'
        f'{escape(label.replace("{n}", str(p.index + 1)))}: {escape(short(p.text, 30))}</option>'
        for p in paragraphs if p.kind in SCOPE_PARAGRAPH_KINDS))
