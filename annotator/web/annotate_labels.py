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


_SMALL_WORDS = {"a", "an", "and", "as", "by", "for", "in", "of", "on", "or", "the", "to", "with"}


def badge_candidates(label: Label):
    """Badges a label may take, best first: the shortcut's letter, else initials of the English
    name's words that carry meaning ("Appeal to Authority": AA), then other letter pairs."""
    if label.shortcut:
        yield key_cap(label.shortcut) or "?"
    words = _WORD.findall(label.names.get("en") or label.key.replace("_", " "))
    big = [w for w in words if w.lower() not in _SMALL_WORDS] or words or [label.key]
    first, last = big[0].upper(), big[-1].upper()
    if len(big) > 1:
        yield first[0] + big[1][0].upper()
        yield first[0] + last[0]
        for word in big[1:]:
            for letter in word[1:].upper():
                yield first[0] + letter
    for letter in first[1:]:
        yield first[0] + letter
    for n in range(2, 100):
        yield f"{first[0]}{n}"


def layer_badges(layer: Layer) -> dict[str, str]:
    """Label key -> its badge, unique within the layer: labels earlier in the scheme choose first."""
    taken: set[str] = set()
    badges = {}
    for label in layer.labels:
        badge = next(b for b in badge_candidates(label) if b not in taken)
        taken.add(badge)
        badges[label.key] = badge
    return badges


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
        badges = layer_badges(layer)
        for label in layer.labels:
            infos[label.key] = LabelInfo(key=label.key, layer=layer.key, name=label.name(language),
                                         style=layer.style, badge=badges[label.key],
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
        badges = layer_badges(layer)
        for position, label in enumerate(layer.labels):
            selector = f'[data-label="{label.key}"]'
            line = LINE_STYLES[position % len(LINE_STYLES)]
            rules.append(f"{selector} {{ --label-color: {label.color}; --label-line: {line}; }}")
            rules.append(f'mark{selector}.first::before {{ content: "{badges[label.key]}"; }}')
    return "\n".join(rules) + "\n"
