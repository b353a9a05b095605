"""The words of the interface a page shows (text and the attributes a person or a screen reader
reads), without the article's own text, scripts and styles: what the Arabic-interface tests read."""
from __future__ import annotations

import re
from html.parser import HTMLParser

READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
LATIN_WORD = re.compile(r"(?<![/\w])[A-Za-z][A-Za-z'’]+(?![/\w])")
BADGE = re.compile(r"[A-Z]{2,3}")  # a label's badge (CD, LL): the scheme's own letters, in every language
# A word inside a path or a version (/api/v1/docs, Werkzeug/3.1) is not read as a word.
# Names that are the same in every language: the keys printed on the keyboard, formats' own names.
NOT_WORDS = {"Ctrl", "Shift", "Esc", "Enter", "Del", "Tab", "Alt", "UTC", "CSV", "XLSX", "JSONL", "JSON", "API",
             "English", "Français", "ZIP", "YAML", "PostgreSQL", "SQLite", "NATO"}


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self._skip = 0  # inside <script>, <style>, or the article's text (class ptext / lang set by the article)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self._skip or tag in ("script", "style", "template", "code", "kbd") or "ptext" in (attributes.get("class") or "") \
                or attributes.get("data-article") is not None:
            if tag not in ("br", "input", "img", "meta", "link", "hr", "wbr"):
                self._skip += 1
            return
        for name in READ_ATTRIBUTES:
            if attributes.get(name):
                self.words.append(attributes[name])

    def handle_endtag(self, tag):
        if self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.words.append(data)


def english_words(html: str, *, allowed: set[str] = frozenset()) -> list[str]:
    """The Latin-letter words of the interface, less the universal names and ``allowed``."""
    reader = _Reader()
    reader.feed(html)
    found = LATIN_WORD.findall(" ".join(reader.words))
    return [word for word in found if word not in NOT_WORDS and word not in allowed and not BADGE.fullmatch(word)]
