"""Word .docx files: structure comes from paragraph styles, read with python-docx."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import XMLSyntaxError

from annotator.i18n import Phrase
from annotator.importing.assemble import Block, build_article
from annotator.importing.errors import ImportFileError
from annotator.importing.model import ParsedArticle

# A .docx is a zip: a small file can unpack to gigabytes.  Text XML compresses
# about tenfold, so twenty times the byte limit leaves honest files alone.
UNPACKED_FACTOR = 20

# Built-in style names are stored in English whatever the language of Word's UI.
_QUOTE_STYLES = frozenset({"quote", "intense quote"})
_MAX_STYLE_DEPTH = 10


def _kind(paragraph: Paragraph) -> str:
    # Custom styles ("Article heading") usually derive from a built-in one, so
    # the chain of base styles is followed.
    style = paragraph.style
    for _ in range(_MAX_STYLE_DEPTH):
        if style is None:
            break
        name = (style.name or "").strip().casefold()
        if name == "title":
            return "title"
        if name.startswith("heading") or name == "subtitle":
            return "heading"
        if name in _QUOTE_STYLES:
            return "quote"
        style = style.base_style
    return "body"


def _table_blocks(table: Table) -> list[Block]:
    # Tables are rare in articles but their text must not vanish silently:
    # each cell paragraph becomes a body paragraph, merged cells once.
    blocks: list[Block] = []
    # The XML elements themselves, not id()s: holding them keeps lxml from
    # recycling proxies, so a merged cell is recognised on every row it spans.
    seen: set = set()
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            blocks.extend(Block("body", p.text) for p in cell.paragraphs)
    return blocks


def _check_unpacked_size(data: bytes, filename: str, max_bytes: int) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ImportFileError(filename, "not a valid .docx file (not a zip archive)") from None
    if unpacked > UNPACKED_FACTOR * max_bytes:
        raise ImportFileError(
            filename,
            Phrase("too large: unpacks to {size} bytes (limit {limit} unpacked)",
                   size=format(unpacked, ","), limit=format(UNPACKED_FACTOR * max_bytes, ",")),
        )


def parse_docx(filename: str, data: bytes, *, max_bytes: int) -> list[ParsedArticle]:
    _check_unpacked_size(data, filename, max_bytes)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, XMLSyntaxError, zipfile.BadZipFile) as exc:
        raise ImportFileError(filename, Phrase("not a valid .docx file ({problem})", problem=str(exc))) from None

    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            blocks.append(Block(_kind(item), item.text))
        else:
            blocks.extend(_table_blocks(item))

    properties = document.core_properties
    created = properties.created
    return [
        build_article(
            filename=filename,
            blocks=blocks,
            fallback_title=properties.title,
            fallback_author=properties.author,
            metadata={
                "format": "docx",
                "docx_title": properties.title,
                "docx_author": properties.author,
                "docx_created": created.isoformat() if created else None,
            },
        )
    ]
