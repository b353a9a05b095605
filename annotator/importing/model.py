"""What a parser hands to the import service: plain data, no database."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

PARAGRAPH_KINDS = ("title", "heading", "body", "quote")
DIRECTIONS = ("rtl", "ltr")


@dataclass
class ParsedParagraph:
    """One paragraph, normalized and trimmed.

    ``language``/``direction`` are set only where they differ from the
    article's (e.g. an English quote inside an Arabic article); None means
    "same as the article".
    """

    kind: str
    text: str
    language: str | None = None
    direction: str | None = None

    def __post_init__(self) -> None:
        # Fail at the parser that built a bad paragraph, not later in the database.
        if self.kind not in PARAGRAPH_KINDS:
            raise ValueError(f"unknown paragraph kind {self.kind!r}")
        if self.direction is not None and self.direction not in DIRECTIONS:
            raise ValueError(f"unknown direction {self.direction!r}")


@dataclass
class ParsedArticle:
    """One article read from an import file.

    ``paragraphs[0]`` is always the title paragraph (kind "title", text equal
    to ``title``); the others are headings, body paragraphs and quotes in
    reading order.  ``content_hash`` covers the title and the other
    paragraphs' texts (see annotator.domain.text.content_hash).
    ``external_id`` is the record's own id (JSONL/CSV) or None, in which case
    the service derives one from the hash.  ``source_name`` is the name of the
    file the article was read from; the publication's name, when known, is in
    ``metadata``.  ``metadata`` holds JSON-serializable values only.
    """

    external_id: str | None
    title: str
    author: str | None
    source_url: str | None
    published: datetime.date | None
    language: str
    direction: str
    metadata: dict
    paragraphs: list[ParsedParagraph]
    content_hash: str
    source_name: str

    def __post_init__(self) -> None:
        if not self.paragraphs or self.paragraphs[0].kind != "title":
            raise ValueError("paragraphs[0] must be the title paragraph")
        if self.paragraphs[0].text != self.title:
            raise ValueError("the title paragraph's text must equal the title")
        if any(p.kind == "title" for p in self.paragraphs[1:]):
            raise ValueError("only paragraphs[0] may be a title paragraph")
        if self.direction not in DIRECTIONS:
            raise ValueError(f"unknown direction {self.direction!r}")

    @property
    def body(self) -> list[ParsedParagraph]:
        """All paragraphs after the title."""
        return self.paragraphs[1:]
