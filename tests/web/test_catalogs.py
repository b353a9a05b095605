"""The gettext catalogs are complete: every string the templates and the code mark for translation
(what `make extract-messages` extracts) is in the Arabic, French and English catalogs, translated,
not fuzzy, with the same placeholders; and no template shows interface text outside _()."""
from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from tests.web.interface_words import LATIN_WORD

REPO = Path(__file__).resolve().parents[2]
CATALOGS = REPO / "annotator" / "translations"
LANGUAGES = ("ar", "fr", "en")
# As in the Makefile's BABEL_KEYWORDS: N_() marks, and a Problem's (or Phrase's) first argument.
KEYWORDS = {**DEFAULT_KEYWORDS, **{name: None for name in (
    "N_", "Problem", "Invalid", "BadRequest", "NotFound", "Forbidden", "Conflict", "Phrase")}, "Plural": (1, 2), "NP_": (1, 2),
    "ImportFileError": (2,)}
METHODS = [("annotator/**.py", "python"), ("templates/**.html", "jinja2")]


def _extracted() -> set:
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
            str(REPO), METHODS, keywords=KEYWORDS, comment_tags=(), strip_comment_tags=True):
        if isinstance(message, tuple):
            message = tuple(m for m in message if m is not None) if len(message) > 1 else message[0]
            message = message if isinstance(message, str) else message[:2]
        if message:
            found.add((context, message))
    return found


@pytest.fixture(scope="module")
def extracted() -> set:
    return _extracted()


def _placeholders(text: str) -> set:
    braces = {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name} if "{" in text else set()
    return braces | set(re.findall(r"%\(\w+\)[sd]", text))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_string_is_in_the_catalog_translated(extracted, language):
    with (CATALOGS / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=language)
    entries = {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)[:2]): m for m in catalog if m.id}
    missing = sorted(str(key) for key in extracted if key not in entries)
    assert missing == [], f"not in the {language} catalog: run `make extract-messages` and translate"
    untranslated = sorted(str(key) for key, m in entries.items()
                          if not (m.string if isinstance(m.string, str) else all(m.string)))
    assert untranslated == []
    fuzzy = sorted(str(key) for key, m in entries.items() if m.fuzzy)
    assert fuzzy == []
    for key, m in entries.items():
        singular = m.id if isinstance(m.id, str) else m.id[0]
        translated = m.string if isinstance(m.string, str) else m.string[-1]
        assert _placeholders(translated) <= _placeholders(singular if isinstance(m.id, str) else m.id[-1]) | \
            _placeholders(singular), (language, key)


# Text a template may show outside _(): signs, numbers, and names that stay as they are.
BARE_ALLOWED = {"annotator", "English", "Français", "brat", "doccano", "Label", "Studio", "UTC", "JSONL", "CSV",
                "XLSX", "Authorization", "Bearer", "canonical_name", "kind", "aliases", "ambiguous_aliases",
                "adjective_aliases", "audit", "export", "project", "utf"}
_TOKEN = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|<(?:[^>{]|\{\{.*?\}\}|\{%.*?%\}|\{)*?>)", re.S)
_READ_ATTRIBUTE = re.compile(r'\b(?:title|placeholder|aria-label|alt)="([^"{}]*)"')


def test_no_template_shows_interface_text_outside_gettext():
    bare = []
    for path in sorted((REPO / "templates").rglob("*.html")):
        if path.parts[-2] == "api":  # the API reference: Swagger UI's page, English like the API
            continue
        parts = _TOKEN.split(path.read_text(encoding="utf-8"))
        skipping = False
        for i, part in enumerate(parts):
            if i % 2:
                low = part.lower()
                skipping = (skipping or low.startswith(("<script", "<style", "<code", "<kbd"))) and \
                    not low.startswith(("</script", "</style", "</code", "</kbd"))
                texts = _READ_ATTRIBUTE.findall(part) if part.startswith("<") else []
            else:
                after_class_block = i and "block body_class" in parts[i - 1]  # a CSS class, not words
                texts = [] if skipping or after_class_block else [part]
            for text in texts:
                words = [w for w in LATIN_WORD.findall(text) if w not in BARE_ALLOWED]
                if words:
                    bare.append(f"{path.relative_to(REPO)}: {text.strip()[:60]!r}")
    assert bare == []
