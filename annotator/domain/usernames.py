"""User names: one normal form, a documented set of characters, and no look-alikes of a name in use.

The rule (docs in README, "Accounts"):
- NFC, surrounding whitespace trimmed; 2 to 40 characters.
- Letters of any script (Arabic, Latin, Cyrillic, Tifinagh…), their combining marks, digits of any
  script, and ``.`` ``_`` ``-``; it starts and ends with a letter or digit. Nothing else: no spaces,
  no control, format or zero-width characters, no HTML.
- The letters come from one script (Han with Hiragana/Katakana or with Hangul counts as one), so a
  Cyrillic ``а`` inside a Latin name is refused.
- Its skeleton differs from the skeleton of every existing name: case, accents and harakat,
  tatweel, Arabic letter variants, and the well-known cross-script and digit look-alikes
  (Cyrillic ``а`` = Latin ``a``, ``0`` = ``o``, ``1`` = ``l``, ``rn`` = ``m``) all fold away.
  A small fold in the spirit of Unicode TS #39's skeleton, for the scripts a team here meets.
"""
from __future__ import annotations

import unicodedata

import regex

from ..i18n import Phrase
from .arabic_fold import fold as arabic_fold

MIN_LENGTH, MAX_LENGTH = 2, 40
PUNCTUATION = "._-"
_ALLOWED = regex.compile(r"[\p{L}\p{M}\p{Nd}._\-]+")
_ENDS = regex.compile(r"^[\p{L}\p{Nd}].*(?<=[\p{L}\p{M}\p{Nd}])$", regex.DOTALL)
_SCRIPTS = ("Latin", "Arabic", "Cyrillic", "Greek", "Hebrew", "Armenian", "Georgian", "Tifinagh", "Syriac",
            "Thaana", "Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Tamil", "Telugu", "Kannada", "Malayalam",
            "Sinhala", "Thai", "Lao", "Tibetan", "Myanmar", "Khmer", "Ethiopic", "Han", "Hiragana", "Katakana",
            "Hangul", "Mongolian", "Cherokee", "Canadian_Aboriginal")
_SCRIPT_RE = {name: regex.compile(rf"\p{{Script={name}}}") for name in _SCRIPTS}
_SHARED = regex.compile(r"[\p{Script=Common}\p{Script=Inherited}]")
_ONE_SCRIPT_GROUPS = ({"Han", "Hiragana", "Katakana"}, {"Han", "Hangul"})

# Look-alikes folded onto one prototype (after casefolding and removing marks).
_LOOKALIKES = str.maketrans({
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d", "һ": "h", "ԛ": "q",
    "ԝ": "w", "ӏ": "l", "ь": "b", "г": "r", "п": "n", "ш": "w", "з": "3", "ч": "4",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "ω": "w", "μ": "u", "γ": "y",
    # Latin look-alikes and digits
    "ı": "i", "1": "l", "|": "l", "0": "o", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d",
    "ł": "l", "ħ": "h", "ŋ": "n", "5": "s", "_": "-", ".": "-",
    # Arabic-Indic and Persian digits onto ASCII ones (٠ looks like a dot, ١ like a bar)
    **{chr(0x0660 + d): str(d) for d in range(10)}, **{chr(0x06F0 + d): str(d) for d in range(10)},
})


class UsernameProblem(ValueError):
    """What is wrong with a proposed name, in words a person can act on."""


def normalise(name: str) -> str:
    return unicodedata.normalize("NFC", name).strip()


def scripts_of(name: str) -> set[str]:
    found = set()
    for ch in name:
        if unicodedata.category(ch).startswith("L") and not _SHARED.match(ch):  # tatweel is shared
            found.add(next((s for s, pattern in _SCRIPT_RE.items() if pattern.match(ch)), "other"))
    return found


def check(name: str) -> str:
    """The name in its normal form, or UsernameProblem saying which rule it breaks."""
    name = normalise(name)
    if not name:
        raise UsernameProblem(Phrase("must not be empty"))
    if len(name) < MIN_LENGTH or len(name) > MAX_LENGTH:
        raise UsernameProblem(Phrase("must be {minimum} to {maximum} characters long (this one has {length})",
                                     minimum=MIN_LENGTH, maximum=MAX_LENGTH, length=len(name)))
    bad = [ch for ch in name if not _ALLOWED.fullmatch(ch)]
    if bad:
        shown = ", ".join(sorted({f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')}" for ch in bad}))
        raise UsernameProblem(Phrase("may hold only letters, digits and . _ - (not {characters})", characters=shown))
    if not _ENDS.match(name):
        raise UsernameProblem(Phrase("must start and end with a letter or a digit"))
    scripts = scripts_of(name)
    if len(scripts) > 1 and not any(scripts <= group for group in _ONE_SCRIPT_GROUPS):
        raise UsernameProblem(Phrase("mixes scripts ({scripts}): use the letters of one", scripts=", ".join(sorted(scripts))))
    return name


def skeleton(name: str) -> str:
    """What the name looks like, as a key: two names with one skeleton are too easily confused."""
    folded = arabic_fold(unicodedata.normalize("NFKC", name))[0]
    bare = "".join(ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch))
    key = bare.casefold().translate(_LOOKALIKES)
    for wide, narrow in (("rn", "m"), ("vv", "w"), ("cl", "d")):
        key = key.replace(wide, narrow)
    return key


def confusable_with(name: str, existing: list[str]) -> str | None:
    """The first existing name that looks like ``name`` (the same name included), else None."""
    key = skeleton(name)
    return next((other for other in existing if skeleton(other) == key), None)
