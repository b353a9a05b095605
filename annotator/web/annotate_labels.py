"""How labels look on the annotation page: names, badges, key caps, and the scheme's stylesheet.

Colours reach the page only through a stylesheet (the CSP forbids inline styles). Each label gets
a colour variable, a line style and a badge of one or two letters, so that overlapping spans
stay distinguishable without relying on colour alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..domain.scheme import Label, Layer, Scheme

LINE_STYLES = ("solid", "dashed", "dotted", "double")
_WORD = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True)
class LabelInfo:
    key: str
    layer: str
    name: str
    style: str  # highlight | underline
    badge: str
    key_cap: str | None  # the letter printed on the physical key (US layout), or None
    code: str | None  # KeyboardEvent.code

    @property
    def mark_class(self) -> str:
        return "ul" if self.style == "underline" else "hl"


def key_cap(code: str | None) -> str | None:
    if not code:
        return None
    return code.removeprefix("Key").removeprefix("Digit")


def badge_for(label: Label) -> str:
    """The shortcut's letter, else the initials of the English name (two at most)."""
    if label.shortcut:
        return key_cap(label.shortcut) or "?"
    words = _WORD.findall(label.names.get("en") or label.key.replace("_", " "))
    return "".join(w[0] for w in words[:2]).upper() or label.key[:2].upper()


_INFOS: dict[tuple[int, str], dict[str, LabelInfo]] = {}


def label_infos(scheme: Scheme, language: str) -> dict[str, LabelInfo]:
    """Every label of the span layers (retired ones too: old spans still carry them).

    Kept per (scheme object, language): services.annotation.documents_view keeps each parsed scheme for the
    life of the process, so its id() is never reused for another scheme."""
    cached = _INFOS.get((id(scheme), language))
    if cached is not None:
        return cached
    infos: dict[str, LabelInfo] = {}
    for layer in scheme.layers:
        for label in layer.labels:
            infos[label.key] = LabelInfo(key=label.key, layer=layer.key, name=label.name(language),
                                         style=layer.style, badge=badge_for(label),
                                         key_cap=key_cap(label.shortcut), code=label.shortcut)
    _INFOS[(id(scheme), language)] = infos
    return infos


def layer_name(layer: Layer, language: str) -> str:
    return layer.names.get(language) or layer.names.get("en") or layer.key


def scheme_css(scheme: Scheme) -> str:
    """Per label: its colour, its line style within the layer, and its badge letters.

    Keys are lower_snake_case and colours #rrggbb (both validated when the scheme is loaded),
    and badges are letters and digits only, so nothing here needs escaping.
    """
    rules = ["/* generated from the project's label scheme */"]
    for layer in scheme.layers:
        for position, label in enumerate(layer.labels):
            selector = f'[data-label="{label.key}"]'
            line = LINE_STYLES[position % len(LINE_STYLES)]
            rules.append(f"{selector} {{ --label-color: {label.color}; --label-line: {line}; }}")
            rules.append(f'mark{selector}.first::before {{ content: "{badge_for(label)}"; }}')
    return "\n".join(rules) + "\n"
