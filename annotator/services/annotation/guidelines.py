"""A label's guidelines in the interface language, for the side panel of the annotation page.

Pages live in the guidelines folder as Markdown with an "## English" and an "## العربية" section
(see guidelines/README.md); a label without a page (or without the section) falls back to the
scheme's own description and examples. Parsed pages are cached until the file changes.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...domain.markdown_lite import Block, parse, section
from ...domain.scheme import Label, Layer, Scheme
from ...errors import NotFound, Phrase

SECTION_HEADINGS = {
    "ar": ("العربية", "English"),
    "fr": ("Français", "English"),
    "en": ("English",),
}

_CACHE: dict[tuple[str, str], tuple[float, tuple[str, list[Block]] | None]] = {}


@dataclass(frozen=True)
class LabelGuidelines:
    layer: Layer
    label: Label
    blocks: list[Block] | None  # None: no page, show the description and examples
    description: str
    examples: tuple[str, ...]
    direction: str  # the section's writing direction


def label_guidelines(scheme: Scheme, label_key: str, language: str, guidelines_dir: str) -> LabelGuidelines:
    found = scheme.find_label(label_key)
    if found is None:
        raise NotFound(Phrase("no label '{label}' in the project's scheme", label=label_key), "label")
    layer, label = found
    headings = SECTION_HEADINGS.get(language, SECTION_HEADINGS["en"])
    page = _page_section(guidelines_dir, label.guidelines, headings) if label.guidelines else None
    if page is not None:
        heading, blocks = page
        return LabelGuidelines(layer=layer, label=label, blocks=blocks, description="", examples=(),
                               direction="rtl" if heading == "العربية" else "ltr")
    shown = language if language in label.description else "en"
    return LabelGuidelines(
        layer=layer, label=label, blocks=None, description=label.description.get(shown, ""),
        examples=tuple(label.examples.get(shown) or label.examples.get("en", ())),
        direction="rtl" if shown == "ar" else "ltr")


def _page_section(guidelines_dir: str, relative: str,
                  headings: tuple[str, ...]) -> tuple[str, list[Block]] | None:
    """(the section's heading, its blocks) from the label's page, or None without one."""
    root = Path(guidelines_dir).resolve()
    path = (root / relative).resolve()
    # The scheme names the page; it may not point outside the guidelines folder.
    if root not in path.parents or not path.is_file():
        return None
    mtime = path.stat().st_mtime
    key = (str(path), headings[0])
    cached = _CACHE.get(key)
    if cached and cached[0] == mtime:
        return cached[1]
    found = section(path.read_text(encoding="utf-8"), headings)
    page = (found[0], parse(found[1])) if found and found[1] else None
    _CACHE[key] = (mtime, page)
    return page
