"""Language and writing-direction detection for imported articles.

Deliberately simple and explainable (documented in docs/import.md): letters are
counted by script, Arabic vs Latin, and Latin text is told apart as English or
French by counting common function words.  The result is a hint shown to
annotators, not a classification they depend on.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable

import regex


LANGUAGES = ("ar", "en", "fr")
UNDETERMINED = "und"

_ARABIC_LETTER = regex.compile(r"[\p{Script=Arabic}&&\p{L}]", regex.V1)
_LATIN_LETTER = regex.compile(r"[\p{Script=Latin}&&\p{L}]", regex.V1)
_WORD = regex.compile(r"\p{L}+")

# Function words frequent in one language and (nearly) absent from the other.
# Words spelled the same in both ("on", "a", "as", "an", "son"...) are left
# out on purpose: they would count for both sides.  Elided French forms appear
# as "l", "d", "qu" because "l'État" splits into "l" + "état".
_ENGLISH = frozenset(
    """the and of to in is that for it with was are be this by not or have from
    but they which has their were been would will its he she we you his her who
    what there than these those more also into can about at our all had after
    when said new over up out one only other some could just because""".split()
)
_FRENCH = frozenset(
    """le la les de des du et est une un que qui dans pour pas sur au aux avec
    ce cette ces il elle ils elles nous vous mais ou où par plus sont sa ses leur
    leurs été être à comme tout aussi entre l d qu ne se même très sans après
    contre depuis donc lors dont encore selon""".split()
)

_RTL_CLASSES = frozenset({"R", "AL"})


def _latin_language(text: str) -> str:
    english = french = 0
    for word in _WORD.findall(text.casefold()):
        if word in _ENGLISH:
            english += 1
        elif word in _FRENCH:
            french += 1
    if english > french:
        return "en"
    if french > english:
        return "fr"
    return UNDETERMINED


def detect_language(text: str) -> str:
    """Return "ar", "en", "fr" or "und".

    Arabic-script letters vs Latin letters decide the script (the larger count
    wins; a tie or no letters at all is "und").  Arabic-script text is reported
    as "ar" (Persian or Urdu would be too).  Latin text is "en" or "fr" by which
    function-word list matches more words; a tie (including no matches) is "und".
    """
    scripts = text.translate(_script_table())
    arabic, latin = scripts.count("A"), scripts.count("T")
    if arabic > latin:
        return "ar"
    if latin > arabic:
        return _latin_language(text)
    return UNDETERMINED


@functools.cache
def _script_table() -> dict[int, str | None]:
    # Arabic-script letters to "A", Latin letters to "T", the rest deleted: the same sets as
    # _ARABIC_LETTER and _LATIN_LETTER, counted in C after str.translate.
    table: dict[int, str | None] = {}
    for code in range(0x30000):
        char = chr(code)
        table[code] = "A" if _ARABIC_LETTER.match(char) else "T" if _LATIN_LETTER.match(char) else None
    return table


@functools.cache
def _strong_table() -> dict[int, str | None]:
    # Every assigned code point mapped to "R" (bidi R/AL), "L" (bidi L) or deleted: counting
    # after str.translate runs in C, where a Python loop over unicodedata.bidirectional made
    # language detection most of an import's time.
    table: dict[int, str | None] = {}
    for code in range(0x30000):
        bidi = unicodedata.bidirectional(chr(code))
        table[code] = "R" if bidi in _RTL_CLASSES else "L" if bidi == "L" else None
    return table


def _strong_counts(text: str) -> tuple[int, int]:
    """(right-to-left, left-to-right) strong characters by Unicode bidi class."""
    marks = text.translate(_strong_table())
    return marks.count("R"), marks.count("L")


def _first_strong(text: str) -> str | None:
    for char in text:
        bidi = unicodedata.bidirectional(char)
        if bidi in _RTL_CLASSES:
            return "rtl"
        if bidi == "L":
            return "ltr"
    return None


def direction_of(text: str) -> str:
    """Return "rtl" or "ltr" by the MAJORITY of strong characters.

    Not the first strong character (the Unicode/``dir=auto`` rule): Arabic
    paragraphs often open with a Latin name, acronym or quote ("BBC: ...") and
    would be laid out left-to-right.  A tie falls back to the first strong
    character; text with no strong character at all is "ltr" (Unicode default).
    """
    rtl, ltr = _strong_counts(text)
    if rtl > ltr:
        return "rtl"
    if ltr > rtl:
        return "ltr"
    return _first_strong(text) or "ltr"


def _direction_for(language: str, text: str) -> str:
    # A known language fixes the direction, so the document's language and
    # direction can never contradict each other.
    if language == "ar":
        return "rtl"
    if language in ("en", "fr"):
        return "ltr"
    return direction_of(text)


def document_language(paragraph_texts: Iterable[str]) -> tuple[str, str]:
    """(language, direction) of a whole document, from all its paragraphs together."""
    text = "\n".join(paragraph_texts)
    language = detect_language(text)
    return language, _direction_for(language, text)


def direction_for_language(language: str) -> str:
    """Writing direction implied by a declared language code ("ar" → "rtl")."""
    return "rtl" if language == "ar" else "ltr"


def paragraph_language(
    text: str, document_language: str, document_direction: str
) -> tuple[str | None, str | None]:
    """A paragraph's own (language, direction), each None where it adds nothing.

    The language is recorded only when it is determined and differs from the
    document's; the direction only when the paragraph has strong characters and
    their majority differs from the document's direction.  So an English quote
    in an Arabic article gets ("en", "ltr"), a French paragraph in an English
    article ("fr", None), and a number-only paragraph (None, None).
    """
    language = detect_language(text)
    own_language = language if language not in (UNDETERMINED, document_language) else None
    rtl, ltr = _strong_counts(text)
    own_direction = None
    if rtl or ltr:
        direction = direction_of(text)
        if direction != document_direction:
            own_direction = direction
    return own_language, own_direction
