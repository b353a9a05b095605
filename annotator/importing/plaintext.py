"""Plain text and Markdown: paragraphs from blank lines, headings from layout.

Plain text carries no structure, so headings are recognised by shape: a short
single line without final punctuation.  Markdown's own "#" headings and ">"
quotes are honoured in both .txt and .md (hashtags like "#وسم" have no space
after "#" and are not headings).  Inline Markdown (**bold**, links) is kept as
written: the text is annotated exactly as the author wrote it.
"""

from __future__ import annotations

import regex

from annotator.domain.text import normalize_text, split_paragraphs
from annotator.importing.assemble import TITLE_MAX_CHARS, Block, build_article, signature_author
from annotator.importing.decoding import decode_bytes, encoding_label
from annotator.importing.model import ParsedArticle

HEADING_MAX_CHARS = 80

_MD_HEADING = regex.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_QUOTE_LINE = regex.compile(r"^ {0,3}>[ \t]?")
_LIST_ITEM = regex.compile(r"^\s*(?:[-*+•]|\d+[.)])\s")
# Sentence-final punctuation: Latin . ! ? : … and Arabic ؟ (question mark),
# ۔ (full stop), plus , ; ، ؛ which end a clause and never a heading.
_FINAL_PUNCTUATION = frozenset(".!?:…؟۔,;،؛")
# Closing quotes/brackets are looked through: «... انتهى.» still ends with a stop.
_CLOSERS = "\"'”’»)]}›"


def _ends_with_punctuation(line: str) -> bool:
    stripped = line.rstrip().rstrip(_CLOSERS).rstrip()
    return bool(stripped) and stripped[-1] in _FINAL_PUNCTUATION


def _is_heading_shaped(text: str) -> bool:
    return (
        "\n" not in text
        and len(text) <= HEADING_MAX_CHARS
        and not _ends_with_punctuation(text)
        and not _LIST_ITEM.match(text)
        and signature_author(text) is None
        and regex.search(r"\p{L}", text) is not None
    )


def _markdown_blocks(paragraph: str) -> list[tuple[str, str]]:
    """Split one blank-line paragraph into (kind, text) pieces; kind "text" is unclassified.

    Markdown allows a heading line directly above its paragraph, so heading
    lines are cut out of the paragraph rather than requiring blank lines.
    """
    if "#" not in paragraph and ">" not in paragraph:
        return [("text", paragraph)]  # no heading line, no quote line: what the loop gives, at once
    pieces: list[tuple[str, str]] = []
    pending: list[str] = []

    def flush() -> None:
        if not pending:
            return
        if all(_QUOTE_LINE.match(line) for line in pending):
            text = "\n".join(_QUOTE_LINE.sub("", line, count=1) for line in pending)
            pieces.append(("quote", text))
        else:
            pieces.append(("text", "\n".join(pending)))
        pending.clear()

    for line in paragraph.split("\n"):
        match = _MD_HEADING.match(line)
        if match:
            flush()
            pieces.append(("heading", match.group(1)))
        else:
            pending.append(line)
    flush()
    return pieces


def text_blocks(text: str, *, detect_title: bool = True) -> list[Block]:
    """Classify the paragraphs of plain/Markdown text (see the module docstring).

    With ``detect_title`` the first paragraph becomes the title when it is a
    Markdown heading or a single line of at most 120 characters that does not
    end with a full stop (headlines may end with "?" or "!"), and more text follows.
    """
    pieces = [piece for para in split_paragraphs(text) for piece in _markdown_blocks(para)]
    blocks: list[Block] = []
    for index, (kind, body) in enumerate(pieces):
        body = body.strip()
        if not body:
            continue
        first = not blocks
        more_follows = len(pieces) > index + 1
        if first and detect_title and more_follows and _is_title_shaped(kind, body):
            blocks.append(Block("title", body))
        elif kind in ("heading", "quote"):
            blocks.append(Block(kind, body))
        elif _is_heading_shaped(body):
            blocks.append(Block("heading", body))
        else:
            blocks.append(Block("body", body))
    return blocks


def _is_title_shaped(kind: str, text: str) -> bool:
    if kind == "heading":
        return True
    if kind != "text" or "\n" in text or len(text) > TITLE_MAX_CHARS:
        return False
    stripped = text.rstrip(_CLOSERS)
    return not stripped.endswith((".", "۔", ",", "،", ";", "؛", ":")) and signature_author(text) is None


def parse_text(
    filename: str, data: bytes, *, encoding: str | None, fmt: str
) -> list[ParsedArticle]:
    text = normalize_text(decode_bytes(data, filename, encoding))
    return [
        build_article(
            filename=filename,
            blocks=text_blocks(text),
            metadata={"format": fmt, "encoding": encoding_label(data, encoding)},
        )
    ]

