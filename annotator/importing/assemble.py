"""Turn a parser's raw blocks and metadata into a ParsedArticle.

Every format goes through build_article, so normalization, the choice of title,
author signatures, language detection and hashing follow one set of rules
(documented in docs/import.md).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import regex

from annotator.domain.language import (
    direction_for_language,
    document_language,
    paragraph_language,
)
from annotator.domain.text import content_hash, normalize_text
from annotator.importing.errors import ImportFileError
from annotator.importing.model import ParsedArticle, ParsedParagraph

TITLE_MAX_CHARS = 120


@dataclass
class Block:
    """A paragraph as a parser found it, before normalization."""

    kind: str
    text: str


# A byline such as "بقلم: ..." / "By ..." / "— Name": a short line naming a
# person.  The name is 1-6 words without digits or sentence punctuation, which
# keeps "كتب الوزير في رسالته أن..." (a sentence starting with "wrote") out;
# an abbreviated title in front ("د.", "Dr.") is allowed.
_NAME = r"(?P<name>(?:\p{L}{1,3}\.\s*)?[^\d.!?؟:،,;؛\n]{2,60}?)"
_SIGNATURE = regex.compile(
    rf"^(?:(?:بقلم|كتبه|كتبته|كتبت|كتب|الكاتب|الكاتبة|إعداد)\s*[:：]?\s*"
    rf"|(?:(?i:written\s+by|by|par)\s*:?\s+)"
    rf"|(?:[—–]{{1,2}}\s*)){_NAME}\.?$"
)
_MAX_NAME_WORDS = 6


AUTHOR_MAX_CHARS = 300  # the documents.author column


def signature_author(text: str) -> str | None:
    """The name in a byline/signature line, or None if ``text`` is not one."""
    if "\n" in text:
        return None
    match = _SIGNATURE.match(text.strip())
    if match is None:
        return None
    name = match.group("name").strip()
    if not name or len(name.split()) > _MAX_NAME_WORDS or not regex.search(r"\p{L}", name):
        return None
    return name


_SENTENCE_END = regex.compile(r"(?<=[.!?؟…۔])\s")


def derive_title(text: str) -> str:
    """A title made from the first line/sentence, cut at a word boundary to ~120 chars."""
    first = text.strip().split("\n", 1)[0]
    first = _SENTENCE_END.split(first, maxsplit=1)[0].strip()
    if len(first) <= TITLE_MAX_CHARS:
        return first
    cut = first[:TITLE_MAX_CHARS]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,،;؛:-—–") + "…"


def _comparable(text: str) -> str:
    return " ".join(text.split()).casefold()


# How pages append their site name to the <title>: "Headline | Site".
_SITE_SUFFIX_SEPARATORS = (" | ", " - ", " – ", " — ", " · ", " :: ")


def _is_same_title(given: str, heading: str) -> bool:
    given, heading = _comparable(given), _comparable(heading)
    return given == heading or given.startswith(
        tuple(heading + sep for sep in _SITE_SUFFIX_SEPARATORS)
    )


def _choose_title(
    blocks: list[Block], given: str | None, fallback: str | None
) -> tuple[str, str, list[Block]]:
    """(title, how it was chosen, body blocks).  See docs/import.md, "Title"."""
    if given:
        first = blocks[0] if blocks else None
        if first and first.kind in ("title", "heading") and _is_same_title(given, first.text):
            # The visible heading repeats the metadata title (perhaps without the
            # site name): it is the title, and is not kept twice.
            return first.text, "metadata", blocks[1:]
        return given, "metadata", blocks
    explicit = next((i for i, b in enumerate(blocks) if b.kind == "title"), None)
    # A lone title/heading is still the article's only text: it becomes body.
    if explicit is not None and len(blocks) > 1:
        # A kicker line above a Title-styled paragraph follows the title instead.
        return blocks[explicit].text, "explicit", blocks[:explicit] + blocks[explicit + 1 :]
    if len(blocks) > 1 and blocks[0].kind == "heading":
        return blocks[0].text, "first_heading", blocks[1:]
    if len(blocks) == 1 and blocks[0].kind in ("title", "heading"):
        blocks = [Block("body", blocks[0].text)]
    if fallback:
        return fallback, "properties", blocks
    return derive_title(blocks[0].text), "derived", blocks


def _find_signature(body: list[Block]) -> str | None:
    # Bylines sit right under the title or at the very end.
    candidates = [body[0], body[-1]] if body else []
    for block in candidates:
        if block.kind == "body" and len(block.text) <= 80:
            name = signature_author(block.text)
            if name:
                return name
    return None


def _clean(text: str | None) -> str | None:
    return (normalize_text(text).strip() or None) if text else None


def build_article(
    *,
    filename: str,
    blocks: list[Block],
    title: str | None = None,
    fallback_title: str | None = None,
    author: str | None = None,
    fallback_author: str | None = None,
    author_source: str | None = None,
    source_url: str | None = None,
    published: datetime.date | None = None,
    language: str | None = None,
    external_id: str | None = None,
    metadata: dict | None = None,
) -> ParsedArticle:
    """Normalize, pick the title, find the author, detect language, hash.

    ``title``/``author`` come from the source's metadata and win; the
    ``fallback_*`` ones (document properties) are used only when the text
    itself offers no title (Title style, first heading) or no byline.

    ``language`` (a declared "ar"/"en"/"fr") overrides document-level detection;
    per-paragraph detection still runs.  Raises ImportFileError if no text is left.
    """
    cleaned = [Block(b.kind, normalize_text(b.text).strip()) for b in blocks]
    cleaned = [b for b in cleaned if b.text]
    if not cleaned:
        raise ImportFileError(filename, "empty: no text paragraphs found")
    title_text, title_source, body = _choose_title(
        cleaned, _clean(title), _clean(fallback_title)
    )
    # Only paragraphs[0] may be a title; a second Title-styled paragraph is a heading.
    body = [Block("heading" if b.kind == "title" else b.kind, b.text) for b in body]
    if not body:
        raise ImportFileError(filename, "empty: only a title, no body text")

    meta = {k: v for k, v in (metadata or {}).items() if v not in (None, "", [], {})}
    meta["title_source"] = title_source
    author = _clean(author)
    if author:
        meta["author_source"] = author_source or "metadata"
    elif author := _find_signature(body):
        meta["author_source"] = "signature"
    elif author := _clean(fallback_author):
        meta["author_source"] = "properties"
    if author and len(author) > AUTHOR_MAX_CHARS:
        # Metadata a page or a file carries (a record's author is refused instead, in records.py):
        # the column holds 300 characters, so it is shortened there and kept whole in the metadata.
        meta["author_full"] = author
        author = author[:AUTHOR_MAX_CHARS - 1].rstrip() + "…"

    texts = [title_text] + [b.text for b in body]
    if language:
        doc_language, doc_direction = language, direction_for_language(language)
    else:
        doc_language, doc_direction = document_language(texts)
    kinds = ["title"] + [b.kind for b in body]
    paragraphs = [
        ParsedParagraph(kind, text, *paragraph_language(text, doc_language, doc_direction))
        for kind, text in zip(kinds, texts)
    ]
    return ParsedArticle(
        external_id=external_id,
        title=title_text,
        author=author,
        source_url=source_url,
        published=published,
        language=doc_language,
        direction=doc_direction,
        metadata=meta,
        paragraphs=paragraphs,
        content_hash=content_hash(title_text, texts[1:], normalized=True),
        source_name=filename,
    )
