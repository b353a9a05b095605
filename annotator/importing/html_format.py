"""Saved web pages: the article is extracted with trafilatura, page chrome dropped.

trafilatura.bare_extraction returns the main content as an XML tree (its own
vocabulary: <head> for headings, <p>, <quote>, <list>/<item>, <table>/<row>/
<cell>, <lb/> for line breaks) plus metadata (title, author, date, canonical
URL, site name).  Navigation, skip links, share buttons, comment forms and
teaser sidebars are what trafilatura removes; comments are excluded.
"""

from __future__ import annotations

import codecs
import datetime
import re

import trafilatura
from lxml import etree

from annotator.importing.assemble import Block, build_article
from annotator.importing.decoding import decode_bytes, detect_bom, encoding_label
from annotator.importing.errors import ImportFileError
from annotator.importing.model import ParsedArticle

# A page may declare its charset (saved Arabic pages are often windows-1256).
# Honouring a declaration is not guessing; it is read only from the start of
# the file, as browsers do, and only when the user named no encoding.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_SNIFF_BYTES = 4096

# Dates only from the page's metadata and markup, not guessed from free text
# such as a copyright line.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}



def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag, if Python knows it."""
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    if match is None:
        return None
    name = match.group(1).decode("ascii")
    try:
        codecs.lookup(name)
    except LookupError:
        return None  # an unknown declaration is ignored; UTF-8 rules then apply
    return name


def _element_text(element: etree._Element) -> str:
    # <lb/> is trafilatura's <br>; without this the words on either side merge.
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _element_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _blocks(body: etree._Element) -> list[Block]:
    blocks: list[Block] = []
    for element in body:
        tag = element.tag
        if tag == "head":
            blocks.append(Block("heading", _element_text(element)))
        elif tag == "quote":
            inner = [child for child in element if child.tag == "p"]
            texts = [_element_text(p) for p in inner] if inner else [_element_text(element)]
            blocks.extend(Block("quote", text) for text in texts)
        elif tag == "list":
            # Direct items only: a nested list is part of its item's text.
            blocks.extend(Block("body", _element_text(item)) for item in element.findall("item"))
        elif tag == "table":
            blocks.extend(Block("body", _element_text(cell)) for cell in element.iter("cell"))
        else:
            blocks.append(Block("body", _element_text(element)))
    return blocks


def _date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def parse_html(filename: str, data: bytes, *, encoding: str | None) -> list[ParsedArticle]:
    # A byte order mark outranks a <meta> declaration, as in browsers.
    if encoding is None and detect_bom(data) is None:
        encoding = declared_charset(data)
    text = decode_bytes(data, filename, encoding)
    document = trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if document is None or document.body is None or not len(document.body):
        raise ImportFileError(filename, "empty: no article text found in the page")
    return [
        build_article(
            filename=filename,
            blocks=_blocks(document.body),
            title=document.title,
            author=document.author,
            author_source="html",
            source_url=document.url,
            published=_date(document.date),
            metadata={
                "format": "html",
                "encoding": encoding_label(data, encoding),
                "site_name": document.sitename,
                "description": document.description,
                "categories": list(document.categories or []),
                "tags": list(document.tags or []),
            },
        )
    ]
