"""A paragraph's text with its marks, as HTML: the inside of templates/annotate/_paragraph.html.

Built here rather than in the template because a long document holds thousands of fragments, and
Jinja's lookups and escapes per attribute were most of the page's render time. What it writes:
nested ``<mark>`` fragments, outermost first; each carries its span's id and label key, and the
first one of a span its layer, version, attributes and a title. Defaults (track 0, no attributes)
are left out. Nothing is added between the marks and the text: whitespace would shift offsets.
"""
from __future__ import annotations

from flask import json
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup, escape

from ..domain.rendering import Fragment
from .annotate_labels import LabelInfo

MAX_TRACK_CLASS = 3  # deeper overlaps share the last track's style


def marked_text(paragraph, labels: dict[str, LabelInfo]) -> Markup:
    """``paragraph``: a services.annotation.documents_view.ParagraphView."""
    out: list[str] = []
    for segment in paragraph.segments:
        for fragment in segment.fragments:
            out.append(_opening_tag(fragment, labels.get(fragment.span.label)))
        out.append(escape(segment.text))
        out.append("</mark>" * len(segment.fragments))
    return Markup("".join(out))


def _opening_tag(fragment: Fragment, info: LabelInfo | None) -> str:
    span = fragment.span
    classes = "m " + (info.mark_class if info else "hl")
    if fragment.first:
        classes += " first"
    if fragment.last:
        classes += " last"
    tag = f'<mark class="{classes}" data-span-id="{escape(span.span_id)}" data-label="{escape(span.label)}"'
    if fragment.track:
        tag += f' data-track="{min(fragment.track, MAX_TRACK_CLASS)}"'
    if fragment.first:
        tag += f' data-layer="{escape(span.layer)}" data-version="{escape(span.version)}"'
        title = info.name if info else span.label
        if span.attributes:
            tag += f" data-attrs='{htmlsafe_json_dumps(dict(span.attributes), dumps=json.dumps)}'"
            title += "".join(f" · {value}" for _key, value in span.attributes)
        tag += f' title="{escape(title)}"'
    return tag + ">"
