"""Text normalization, paragraph splitting and content hashing for imported articles.

The normalization table (which characters change and why) is in docs/import.md;
keep the two in step.  Annotations point into the normalized text by offset, so
normalization must be deterministic and must never change what a reader sees.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

# Bidi embeddings/overrides (LRE RLE PDF LRO RLO) and isolates (LRI RLI FSI PDI)
# are stateful: an unbalanced one left in a paragraph reorders everything after
# it in the annotation view, and they are invisible, so annotators cannot see
# why.  Direction is set per paragraph by the app instead.
_BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))

# The BOM is an encoding artefact; inside text it is a zero-width no-break space
# that only breaks searching and hashing.
_BOM = "\ufeff"

# Tab and newline are the only control characters with a meaning in article text.
_KEPT_CONTROLS = frozenset("\t\n")

_REMOVED = _BIDI_CONTROLS | {_BOM}

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
_WHITESPACE_RUN = re.compile(r"\s+")

# Record separator: normalize_text removes it, so it can never occur inside a
# paragraph and the joined hash input is unambiguous.
_HASH_SEPARATOR = "\x1e"


def _is_removed(char: str) -> bool:
    if char in _REMOVED:
        return True
    return unicodedata.category(char) == "Cc" and char not in _KEPT_CONTROLS


# The same set as _is_removed, as one character class: category Cc is exactly U+0000–001F and
# U+007F–009F, so the class is complete. A regex pass is ~30x faster than a Python loop, and
# a test checks the two agree on every code point. Written out rather than computed from
# _is_removed over the BMP, which cost every command that imports this module ~20 ms.
_REMOVED_PATTERN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")


def normalize_text(s: str) -> str:
    """Return ``s`` with line endings unified, invisible noise removed, and NFC applied.

    Removal happens before NFC so that a stray control character between a base
    letter and its combining mark does not prevent composition.
    """
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    s = _REMOVED_PATTERN.sub("", s)
    return unicodedata.normalize("NFC", s)


def split_paragraphs(text: str) -> list[str]:
    """Split on blank lines (lines holding only whitespace); trim each paragraph; drop empty ones.

    Single newlines inside a paragraph are kept: they may be verse or deliberate
    line breaks, and the text is otherwise kept exactly.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = (part.strip() for part in _BLANK_LINE.split(text))
    return [part for part in parts if part]


def _hash_key(text: str) -> str:
    # Whitespace-only differences (re-wrapped lines, NBSP vs space, trailing
    # spaces) do not make a different article, so they do not change the hash.
    return _normalized_hash_key(normalize_text(text))


def content_hash(title: str, paragraphs: Iterable[str], *, normalized: bool = False) -> str:
    """SHA-256 hex digest identifying an article's text.

    ``paragraphs`` are the body paragraph texts, excluding the title paragraph
    (the title is passed separately).  Paragraph kinds are deliberately not
    hashed, so the same article imported from .txt and .docx hashes the same.
    Empty paragraphs are ignored.  ``normalized``: the texts already went through
    normalize_text (as an import's have), which is idempotent, so it is not run again.
    """
    key = _normalized_hash_key if normalized else _hash_key
    keys = [key(title)]
    keys.extend(filter(None, map(key, paragraphs)))
    return hashlib.sha256(_HASH_SEPARATOR.join(keys).encode("utf-8")).hexdigest()


def _normalized_hash_key(text: str) -> str:
    # What _WHITESPACE_RUN.sub(" ", text).strip() gives (str.split and re's \s know the same
    # whitespace, a test checks every code point), at a sixth of its time on Arabic text.
    return " ".join(text.split())


_HEX_PREFIX = re.compile(r"[0-9a-f]{12}")


def stable_external_id(content_hash: str) -> str:
    """External id derived from a content hash: ``"doc-"`` + its first 12 hex digits."""
    prefix = content_hash[:12].lower()
    if not _HEX_PREFIX.fullmatch(prefix):
        raise ValueError(f"not a hex content hash: {content_hash!r}")
    return "doc-" + prefix
