"""Arabic-aware folding for matching: a folded copy of a text, and a map back to stored offsets.

Per character: NFKC (presentation forms, lam-alef ligatures), casefold, أ إ آ ٱ → ا, ة → ه,
ى → ي (and ی ک → ي ك); removed: U+0610–061A, U+064B–065F, U+0670, U+06D6–06ED, tatweel U+0640,
Arabic Extended-A marks, ZWNJ, ZWJ, soft hyphen. The Quranic signs U+06DD, U+06DE, U+06E9 are
symbols, not marks: they stay. Stored text never changes; annotator.domain.actor_matching
matches on the folded copy and maps what it finds back.

Speed: all folding is C-level string work except for the rare characters whose fold changes
length (harakat, ligatures), taken one by one to build the offset map.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from functools import cache
from typing import NamedTuple

from .code_points import code_points

__all__ = ["REMOVED", "fold", "fold_with_map", "tables"]

_REMOVED_RANGES = ((0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED), (0x0640, 0x0640))
_UNIFY = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ی": "ي", "ک": "ك"}

REMOVED = frozenset(
    {chr(c) for lo, hi in _REMOVED_RANGES for c in range(lo, hi + 1)} - {"\u06dd", "\u06de", "\u06e9"}
    | {chr(c) for c in range(0x08CA, 0x0900) if unicodedata.category(chr(c)) == "Mn"}
    | {"\u00ad", "\u200c", "\u200d"})


def _fold_char(ch: str) -> str:
    if ch in REMOVED:
        return ""
    nfkc = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", ch).casefold())
    out = "".join(_UNIFY.get(c, c) for c in nfkc if c not in REMOVED)
    # Spacing harakat (U+FE70…) decompose to space + haraka: still a haraka, not a word break.
    return "" if len(out) < len(nfkc) and not out.strip() else out


def _char_class(chars: Iterable[str]) -> str:
    cps, parts = sorted({ord(c) for c in chars}), []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        parts.append(_class_char(cps[i]) + (f"-{_class_char(cps[j])}" if j > i else ""))
        i = j + 1
    return "".join(parts)


def _class_char(cp: int) -> str:
    # The char itself where a class may hold it plainly: re parses a plain char in a third of an
    # escape's time (the matcher's word classes hold thousands). Escaped: what a class gives a
    # meaning, or a warning when doubled (&& ~~ || --), and the unprintable.
    ch = chr(cp)
    return ch if ch.isprintable() and ch not in "\\[]^-&~|" else f"\\U{cp:08x}"


_NON_WORD = re.compile(r"[^\s\w]")
_BLOCK = 256


def _changing(chars: str) -> Iterable[str]:
    """The chars that casefold or NFKC change, or that are removed or unified: a block that
    casefold and NFKC leave alone has no such char (both act char by char, and NFKC never
    composes a char that it would change alone), so only the other blocks are looked at one by
    one. Building the tables a char at a time took each new process 0.1 s."""
    kept = REMOVED | _UNIFY.keys()
    for i in range(0, len(chars), _BLOCK):
        block = chars[i:i + _BLOCK]
        if block.casefold() == block and unicodedata.is_normalized("NFKC", block) and kept.isdisjoint(block):
            continue
        for ch in block:
            if ch.casefold() != ch or ch in kept or not unicodedata.is_normalized("NFKC", ch):
                yield ch


class Tables(NamedTuple):
    special: dict[str, str]  # chars folded one by one ("" = removed)
    special_re: re.Pattern[str]
    cased_re: re.Pattern[str]  # chars that str.casefold() alone folds correctly
    word: str  # regex class body: word characters of the folded text
    bmp_punct_re: re.Pattern[str]  # BMP chars neither word nor whitespace


class TableParts(NamedTuple):
    """What the tables are made of, before their patterns are compiled: what
    annotator.domain.fold_tables_stored keeps (char class bodies as _char_class writes them)."""

    special: dict[str, str]
    bmp_special: str
    cased: str
    marks: str
    punct: str


@cache
def tables() -> Tables:
    # Stored with the code for the Unicode version they were computed with: computing them took a
    # new process (every CLI import) ~45 ms; another Unicode version computes its own.
    parts = _stored_parts() or computed_table_parts()
    return Tables(parts.special, re.compile(f"[{parts.bmp_special}\\U00010000-\\U0010ffff]"),
                  re.compile(f"[{parts.cased}]"), f"\\w{parts.marks}", re.compile(f"[{parts.punct}]"))


def _stored_parts() -> TableParts | None:
    from . import fold_tables_stored as stored

    if stored.UNIDATA_VERSION != unicodedata.unidata_version:
        return None
    return TableParts(dict(zip(stored.SPECIAL_CHARS, stored.SPECIAL_FOLDS.split(_FOLD_SEPARATOR))),
                      stored.BMP_SPECIAL, stored.CASED, stored.MARKS, stored.PUNCT)


# Between the stored folds: no fold holds it (U+0000 folds to itself, so it is no special char).
_FOLD_SEPARATOR = "\x00"


def stored_tables_source() -> str:
    """The text of fold_tables_stored for this Unicode version (a test checks the file is it)."""
    parts = computed_table_parts()

    def literal(name: str, text: str) -> str:
        chunks = [ascii(text[i:i + 100]) for i in range(0, len(text), 100)] or ["''"]
        return f"{name} = (\n" + "".join(f"    {chunk}\n" for chunk in chunks) + ")\n"

    return ('"""The folding tables of annotator.domain.arabic_fold, computed (generated file: write it with\n'
            'annotator.domain.arabic_fold.stored_tables_source(); a test checks it)."""\n'
            f"UNIDATA_VERSION = {unicodedata.unidata_version!r}\n"
            + literal("SPECIAL_CHARS", "".join(parts.special))
            + literal("SPECIAL_FOLDS", _FOLD_SEPARATOR.join(parts.special.values()))
            + literal("BMP_SPECIAL", parts.bmp_special) + literal("CASED", parts.cased)
            + literal("MARKS", parts.marks) + literal("PUNCT", parts.punct))


def computed_table_parts() -> TableParts:
    # Every non-special character folds by str.casefold() plus the _UNIFY
    # replacements, both C-speed.  Nothing folds above U+2FFFF.  Classes stay
    # in the BMP, where re tests them in constant time (astral members are
    # ranges tried one by one): changing astral chars are special, and
    # special_re takes the whole astral range (unchanged ones fold to themselves).
    special: dict[str, str] = {}
    cased, marks, punct = [], [], []
    every = code_points(0x30000)  # in a few ms: joining chr() over the range took 20
    bmp = every[:0xD800] + every[0xE000:0x10000]
    # Neither space nor alphanumeric nor "_" is what re's [^\s\w] finds (re uses str.isspace and
    # str.isalnum): in C, then only those few thousand are asked their category.
    for ch in _NON_WORD.findall(bmp):
        (marks if unicodedata.category(ch)[0] == "M" else punct).append(ch)
    for ch in _changing(bmp + every[0x10000:]):
        cp = ord(ch)
        lower = ch.casefold()
        folded = _fold_char(ch)
        if cp >= 0x10000 or len(lower) != 1 or folded != _UNIFY.get(lower, lower):
            if folded != ch or cp < 0x10000:  # in the BMP even if unchanged: keep ΰ away from casefold()
                special[ch] = folded
        elif lower != ch:
            cased.append(ch)
    bmp_special = _char_class(c for c in special if c < "\U00010000")
    return TableParts(special, bmp_special, _char_class(cased), _char_class(marks), _char_class(punct))


class OffsetMap:
    """Folded index -> stored index, by segments: a run of 1:1 chars, or one char's fold."""

    __slots__ = ("f", "o", "whole", "astral")

    def __init__(self, segments: list[tuple[int, int, bool]], astral: bool) -> None:
        self.f, self.o, self.whole = (list(column) for column in zip(*segments))
        self.astral = astral

    def start(self, i: int) -> int:
        k = bisect_right(self.f, i) - 1
        return self.o[k] if self.whole[k] else self.o[k] + i - self.f[k]

    def end(self, i: int) -> int:
        # Ending inside one char's expansion (within ﷺ) takes the whole char.
        # Otherwise the end is where the next kept char starts, so harakat or
        # tatweel after the last letter stay with it.
        k = bisect_right(self.f, i) - 1
        return self.o[k + 1] if self.whole[k] and i > self.f[k] else self.start(i)


def fold_with_map(text: str) -> tuple[str, OffsetMap | None]:
    """The folded copy of ``text`` and its offset map (None when folding kept every length)."""
    table = tables()
    lower = table.cased_re.search(text) is not None
    first = table.special_re.search(text)
    if first is None:
        folded, omap = (text.casefold() if lower else text), None
    else:
        pieces: list[str] = []
        segments: list[tuple[int, int, bool]] = []  # (folded start, stored start, whole)
        f = o = 0
        for m in table.special_re.finditer(text, first.start()):
            j = m.start()
            # Runs are casefolded one by one, never the joined text: a
            # special's fold (e.g. ΰ) is not always stable under casefold().
            for piece, at, whole in ((text[o:j], o, False), (table.special.get(text[j], text[j]), j, True)):
                if piece:
                    pieces.append(piece.casefold() if lower and not whole else piece)
                    segments.append((f, at, whole))
                    f += len(piece)
            o = j + 1
        if o < len(text):
            pieces.append(text[o:].casefold() if lower else text[o:])
            segments.append((f, o, False))
            f += len(text) - o
        segments.append((f, len(text), False))  # sentinel: the two ends
        astral = any(text[at] >= "\U00010000" for _, at, whole in segments if whole)
        folded, omap = "".join(pieces), OffsetMap(segments, astral)
    for src, dst in _UNIFY.items():
        if src in folded:
            folded = folded.replace(src, dst)
    return folded, omap


def fold(text: str) -> tuple[str, list[int]]:
    """The folded copy of ``text`` and, per folded index, the stored index it came from.

    The map has ``len(folded) + 1`` entries, the last being ``len(text)``, so
    end offsets map too.  Removed characters have no entry: an end offset maps
    to the next kept character, i.e. after the diacritics of the last letter.
    """
    folded, omap = fold_with_map(text)
    if omap is None:
        return folded, list(range(len(text) + 1))
    return folded, [omap.start(i) for i in range(len(folded))] + [len(text)]
