"""Finding actor mentions in paragraph text by alias, Arabic-aware.

The rule (for annotators, with examples: guidelines/actor-matching.md):

1. Matching runs on a folded copy (annotator.domain.arabic_fold: NFKC, casefold,
   alef, ta marbuta and ya unified, harakat and tatweel removed); stored text
   never changes and mentions carry stored code point offsets.
2. Whole words only: no letter, digit or mark may touch a match (prefix
   included): "مالي" is not in "الماليزي", "Mali" not in "Malian".  Words of a
   multiword alias may be apart by any whitespace, nothing else.  Punctuation
   at the edges of an alias is dropped ("U.S." → "U.S").
3. Arabic aliases take the attached prefixes (و|ف)?(ب|ك|ل)?(ال)?, ل + ال
   written لل: المغرب بالمغرب للمغرب والمغرب فالمغرب وللمغرب.
4. The article is optional both ways (alias المغرب finds مغرب; alias مغرب finds
   المغرب), but bare and definite forms are often other words (بحرين "two
   seas", المالي "financial"): if the text's article differs from the alias
   as written, the mention is ``uncertain``.  An alias has an article only if
   it opens with bare alef + lam and 3+ letters follow (not ألمانيا, not الله).
   In ل + a name starting with ل (لليكود) the article is invisible: no doubt.
5. ``allow_adjective`` (one-word Arabic aliases): the nisba too, article free:
   a final يه/يا/ا/ه/ي is dropped and ي يه يان يين يون يات يتان يتين added
   (المغرب → مغربي المغربية; ليبيا → ليبي; مالي → مالية).  Irregular forms
   (آسيوي, مغاربة) need their own alias.
6. ``ambiguous`` aliases give ``uncertain`` mentions; so does a form shared by
   aliases of several actors (one mention per actor, all uncertain).
7. Overlapping candidates: the longest alias form wins, then the earlier one.
8. A mention covers the whole written token, prefixes included ("بالمغرب"),
   like a word-snapped selection, plus the diacritics/tatweel after its last
   letter, so it always ends on a grapheme boundary.

Not handled: combining marks outside the BMP (Brahmi…) count as non-word.
Speed: every alias form with every prefix sits in a set; a paragraph's words
are intersected with it in C, and only hits are examined.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

from .arabic_fold import REMOVED, fold, fold_with_map, tables

__all__ = ["Alias", "Mention", "AliasMatcher", "fold"]

_NISBA_ENDINGS = ("يه", "يا", "ا", "ه", "ي")
_NISBA_SUFFIXES = ("ي", "يه", "يان", "يين", "يون", "يات", "يتان", "يتين")
# (prefix, whether it contains the article): (و|ف)?(ب|ك)?(ال)? and (و|ف)?ل(ل)?
_PREFIXES = [(c + p + a, bool(a)) for c in ("", "و", "ف") for p in ("", "ب", "ك") for a in ("", "ال")] + [
    (c + "ل" + a, bool(a)) for c in ("", "و", "ف") for a in ("", "ل")]



@dataclass(frozen=True)
class Alias:
    alias_id: str
    actor_id: str
    text: str
    ambiguous: bool = False
    allow_adjective: bool = False


class Mention(NamedTuple):
    """A found mention. A named tuple, not a frozen dataclass: an import makes 20,000 of them,
    and a frozen dataclass sets each field through object.__setattr__ (twice the time)."""

    actor_id: str
    alias_id: str
    start: int  # stored code points; the whole token, attached prefixes included
    end: int
    text: str
    uncertain: bool


# A Mention straight from its fields' tuple, in C (the named tuple's own __new__ is Python).
_new_mention = tuple.__new__
_BY_START_THEN_ACTOR = itemgetter(2, 0)


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\u08a0" <= ch <= "\u08ff"


class _Head(NamedTuple):
    article: bool | None  # article seen in the text; None: Latin, or invisible (ل + ل…)
    form: str
    tail: str | None  # the pattern of the rest of a multiword form, matched after the head


class AliasMatcher:
    """A project's aliases, compiled once; :meth:`find` is then reused for every paragraph."""

    def __init__(self, aliases: Iterable[Alias]) -> None:
        word = tables().word
        edges = re.compile(f"^[^{word}]+|[^{word}]+$")
        self._aliases: list[tuple[Alias, bool]] = []  # (alias, written with article)
        self._forms: dict[str, list[tuple[int, bool]]] = {}  # form -> [(alias index, adjective)]
        arabic_forms: set[str] = set()
        for alias in aliases:
            words = edges.sub("", fold(alias.text)[0]).split()
            if not words:
                raise ValueError(f"alias {alias.alias_id!r}: nothing to match in {alias.text!r}")
            arabic = _is_arabic(words[0][0])
            # Decided before alef unification: ألمانيا opens with hamza-alef, no article.
            plain = "".join(c for c in alias.text if c not in REMOVED)
            plain = edges.sub("", unicodedata.normalize("NFKC", plain))
            article = arabic and len(words[0]) >= 5 and plain.startswith(("ال", "ٱل"))
            if article:
                words[0] = words[0][2:]
            forms = [(" ".join(words), False)]
            if alias.allow_adjective and arabic and len(words) == 1:
                stem = next((words[0][: -len(e)] for e in _NISBA_ENDINGS
                             if words[0].endswith(e) and len(words[0]) > len(e) + 1), words[0])
                forms += [(stem + suffix, True) for suffix in _NISBA_SUFFIXES]
            for form, adjective in forms:
                self._forms.setdefault(form, []).append((len(self._aliases), adjective))
                if arabic:
                    arabic_forms.add(form)
            self._aliases.append((alias, article))
        self._heads: dict[str, list[_Head]] = {}
        head_re = re.compile(f"[{word}]+")
        for form in self._forms:
            head = head_re.match(form).group()
            rest = form[len(head):]
            tail = None
            if rest:  # whitespace in the alias: any whitespace run in the text
                parts = (r"\s+" if p.isspace() else re.escape(p) for p in re.split(r"(\s+)", rest) if p)
                tail = "".join(parts)  # then no word char may follow: see find()
            prefixes = _PREFIXES if form in arabic_forms else [("", None)]
            for prefix, article in prefixes:
                if article is False and prefix.endswith("ل") and form.startswith("ل"):
                    article = None
                self._heads.setdefault(prefix + head, []).append(_Head(article, form, tail))
        self._head_set = frozenset(self._heads)
        self._punct_re = tables().bmp_punct_re
        self._resolved: dict[tuple[str, bool | None], list[tuple[str, str, bool]]] = {}
        self._non_word = re.compile(f"[^\\s{word}]")  # exact but slower than the BMP table
        # One pattern for the end of every multiword form: compiling the word class into each
        # form's own pattern cost a new process 0.6 s for 200 actors.
        self._word_char = re.compile(f"[{word}]")
        self._tails: dict[str, re.Pattern[str]] = {}  # compiled when a head is first found

    def find(self, text: str) -> list[Mention]:
        """Mentions in ``text`` (stored offsets into ``text``), sorted by start, then actor."""
        folded, omap = fold_with_map(text)
        # Punctuation becomes space (same length), so split() yields exactly
        # the words, which one C-level set intersection checks against every
        # head form with every prefix: one pass over the paragraph; only hits are looked at.
        spaced = self._punct_re.sub(" ", folded)
        if omap is not None and omap.astral:  # the BMP table does not know astral chars
            spaced = self._non_word.sub(" ", spaced)
        hits = self._head_set.intersection(spaced.split())
        if not hits:
            return []
        # (-len(form), start, end, form, seq): longest form first, then leftmost; seq keeps the
        # order found on full ties, as a stable sort on the first four would.
        candidates: list[tuple[int, int, int, str, int]] = []
        found_heads: list[_Head] = []
        length = len(spaced)
        for token in hits:
            heads, size = self._heads[token], len(token)
            i = spaced.find(token)
            while i >= 0:
                end = i + size
                if (i == 0 or spaced[i - 1].isspace()) and (end == length or spaced[end].isspace()):
                    for head in heads:
                        if head.tail is None:
                            candidates.append((-len(head.form), i, end, head.form, len(found_heads)))
                            found_heads.append(head)
                        elif (m := self._tail(head.tail).match(folded, end)) and not self._word_char.match(folded, m.end()):
                            candidates.append((-len(head.form), i, m.end(), head.form, len(found_heads)))
                            found_heads.append(head)
                    i = spaced.find(token, end)
                else:
                    i = spaced.find(token, i + 1)
        if len(candidates) > 1:
            candidates.sort()
        taken: list[tuple[int, int]] = []
        mentions: list[Mention] = []
        for _, fs, fe, form, seq in candidates:
            overlaps = False
            for s, e in taken:
                if fs < e and s < fe:
                    overlaps = True
                    break
            if overlaps:
                continue
            taken.append((fs, fe))
            start, end = (fs, fe) if omap is None else (omap.start(fs), omap.end(fe))
            surface = text[start:end]
            mentions += [_new_mention(Mention, (actor, alias, start, end, surface, uncertain))
                         for actor, alias, uncertain in self._resolve(form, found_heads[seq].article)]
        if len(mentions) > 1:
            mentions.sort(key=_BY_START_THEN_ACTOR)
        return mentions

    def _tail(self, pattern: str) -> re.Pattern[str]:
        if (compiled := self._tails.get(pattern)) is None:
            compiled = self._tails[pattern] = re.compile(pattern)
        return compiled

    def _resolve(self, form: str, article: bool | None) -> list[tuple[str, str, bool]]:
        """(actor_id, alias_id, uncertain) for each actor a form found with or without article names."""
        if (key := (form, article)) in self._resolved:
            return self._resolved[key]
        best: dict[str, tuple[tuple[bool, bool, int], Alias, bool]] = {}
        for index, adjective in self._forms[form]:
            alias, alias_article = self._aliases[index]
            uncertain = alias.ambiguous or (not adjective and article is not None and article != alias_article)
            rank = (uncertain, adjective, index)  # certain first, then the name itself, then registry order
            if alias.actor_id not in best or rank < best[alias.actor_id][0]:
                best[alias.actor_id] = (rank, alias, uncertain)
        shared = len(best) > 1  # one form, several actors: no way to tell which
        self._resolved[key] = [(a.actor_id, a.alias_id, u or shared) for _, a, u in best.values()]
        return self._resolved[key]
