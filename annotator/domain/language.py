"""Language and writing-direction detection for imported articles.

Deliberately simple and explainable (documented in docs/import.md): letters are
counted by script, Arabic vs Latin, and Latin text is told apart as English or
French by counting common function words.  The result is a hint shown to
annotators, not a classification they depend on.
"""

from __future__ import annotations

import codecs
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable

import regex

from .code_points import code_points


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
assert _ENGLISH.isdisjoint(_FRENCH)  # _latin_language counts each list on its own

_RTL_CLASSES = frozenset({"R", "AL"})


# ASCII text (most English paragraphs): its letters are exactly what \p{L} finds there, and
# lower() is its casefold, so one bytes.translate (letters lowered, everything else a space) and
# split() give its words, several times faster than the regex module's Unicode pass.
_ASCII_WORDS_TABLE = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 else 32 for c in range(256))
_ENGLISH_ASCII = frozenset(word.encode("ascii") for word in _ENGLISH)
_FRENCH_ASCII = frozenset(word.encode("ascii") for word in _FRENCH if word.isascii())


def _latin_language(text: str) -> str:
    # The lists are disjoint, so each count is a C-level filter rather than a Python loop per word.
    if text.isascii():
        words = text.encode("ascii").translate(_ASCII_WORDS_TABLE).split()
        english_words, french_words = _ENGLISH_ASCII, _FRENCH_ASCII
    else:
        words, english_words, french_words = _WORD.findall(text.casefold()), _ENGLISH, _FRENCH
    english = len(list(filter(english_words.__contains__, words)))
    french = len(list(filter(french_words.__contains__, words)))
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
    return _language(text, *_counts(text)[:2])


def _language(text: str, arabic: int, latin: int) -> str:
    if arabic > latin:
        return "ar"
    if latin > arabic:
        return _latin_language(text)
    return UNDETERMINED


# Tables are strings indexed by code point (str.translate takes any mapping; a code point past
# the end is left as it is, and no such character is one of the ASCII symbols counted). They are
# built with C-level passes over all code points below U+30000 (a few ms each) rather than a
# Python loop per code point, which cost every new process (every CLI import) about 0.3 s.
_TABLE_SIZE = 0x30000
# The first code points only (Latin, Greek, Cyrillic, Hebrew, Arabic, Syriac, Thaana): what nearly
# every paragraph is written in. Each char's entry is the same in both tables; this one is built in
# a millisecond, where the whole one cost every new process (every CLI import) 0.07 s.
_SMALL_TABLE_SIZE = 0x800
_BEYOND_SMALL_TABLE = re.compile("[^\x00-\u07ff]")
_NOTHING = " "


def _all_code_points(size: int = _TABLE_SIZE) -> str:
    return code_points(size)


@functools.cache
def _script_table(size: int = _TABLE_SIZE) -> str:
    # Arabic-script letters to "A", Latin letters to "T", the rest to a space: the same sets as
    # _ARABIC_LETTER and _LATIN_LETTER. Latin first: the "A"s of the second pass are not Latin letters.
    table = _LATIN_LETTER.sub("T", _all_code_points(size))
    table = _ARABIC_LETTER.sub("A", table)
    return regex.sub("[^AT]", _NOTHING, table)


_BIDI_SYMBOL = {"R": "R", "AL": "R", "L": "L"}


@functools.cache
def _strong_table(size: int = _TABLE_SIZE) -> str:
    # Every code point's bidi class (unicodedata, as _first_strong) as "R" (R/AL), "L" or a space.
    classes = map(unicodedata.bidirectional, _all_code_points(size))
    return "".join(map(_BIDI_SYMBOL.get, classes, itertools.repeat(_NOTHING)))


# One symbol per (script, strong direction) pair, so one translate gives all four counts:
# symbol = "a" + 3 * script + direction, with script and direction indices in "AT " and "RL ".
_CLASS_SYMBOLS = "abcdefghi"


@functools.cache
def _class_table(size: int = _TABLE_SIZE) -> str:
    scripts = _script_table(size).encode("ascii").translate(bytes.maketrans(b"AT ", b"\x00\x03\x06"))
    strong = _strong_table(size).encode("ascii").translate(bytes.maketrans(b"RL ", b"\x00\x01\x02"))
    # Byte-wise sums as one big-integer addition (no byte exceeds 8, so nothing carries).
    pairs = (int.from_bytes(scripts, "little") + int.from_bytes(strong, "little")).to_bytes(size, "little")
    return pairs.translate(bytes.maketrans(bytes(range(9)), _CLASS_SYMBOLS.encode())).decode("ascii")


@functools.cache
def _ascii_class_table() -> bytes:
    """_class_table's entries for the first 256 code points, for bytes.translate."""
    return _class_table(_SMALL_TABLE_SIZE)[:256].encode("ascii")


# ASCII and U+0600-067F (the Arabic letters, harakat, tatweel, digits and punctuation of nearly every
# Arabic paragraph) fit in a byte each: the C codec takes them there through a charmap built once, and
# bytes.translate gives their classes, where str.translate looks every char up in Python objects.
_ASCII_AND_ARABIC = "".join(map(chr, range(128))) + "".join(map(chr, range(0x600, 0x680)))
_BEYOND_ASCII_AND_ARABIC = re.compile("[^\x00-\x7f\u0600-\u067f]")


@functools.cache
def _ascii_and_arabic() -> tuple[object, bytes]:
    """(the charmap encoding _ASCII_AND_ARABIC as bytes 0-255, _class_table's entries for those bytes)."""
    small = _class_table(_SMALL_TABLE_SIZE)
    return codecs.charmap_build(_ASCII_AND_ARABIC), "".join(small[ord(c)] for c in _ASCII_AND_ARABIC).encode("ascii")


# "i" (neither script nor strong direction) is in no count.
_COUNTED = _CLASS_SYMBOLS[:8]
_COUNTED_BYTES = [symbol.encode("ascii") for symbol in _COUNTED]


def _counts(text: str) -> tuple[int, int, int, int]:
    """(Arabic letters, Latin letters, right-to-left strong, left-to-right strong) in ``text``."""
    if text.isascii():  # English paragraphs: bytes.translate is a few times faster than str's
        classes = text.encode("ascii").translate(_ascii_class_table())
        n = list(map(classes.count, _COUNTED_BYTES))
    elif _BEYOND_ASCII_AND_ARABIC.search(text) is None:  # Arabic paragraphs: a byte a char, then the same
        charmap, byte_classes = _ascii_and_arabic()
        classes = codecs.charmap_encode(text, "strict", charmap)[0].translate(byte_classes)
        n = list(map(classes.count, _COUNTED_BYTES))
    else:
        table = _class_table(_SMALL_TABLE_SIZE if _BEYOND_SMALL_TABLE.search(text) is None else _TABLE_SIZE)
        classes = text.translate(table)
        n = list(map(classes.count, _COUNTED))
    return n[0] + n[1] + n[2], n[3] + n[4] + n[5], n[0] + n[3] + n[6], n[1] + n[4] + n[7]


def _strong_counts(text: str) -> tuple[int, int]:
    """(right-to-left, left-to-right) strong characters by Unicode bidi class."""
    return _counts(text)[2:]


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
    return _direction(text, *_strong_counts(text))


def _direction(text: str, rtl: int, ltr: int) -> str:
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
    arabic, latin, rtl, ltr = _counts(text)  # one pass over the text for all four
    language = _language(text, arabic, latin)
    own_language = language if language not in (UNDETERMINED, document_language) else None
    own_direction = None
    if rtl or ltr:
        direction = _direction(text, rtl, ltr)
        if direction != document_direction:
            own_direction = direction
    return own_language, own_direction
