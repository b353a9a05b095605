"""Span suggestions from phrases the project has marked, found again on folded text.

The phrases are compiled into the actor matcher (annotator.domain.actor_matching) with
(layer, label) in place of an actor: the same folding, whole words, Arabic prefixes.  A
phrase is kept when, in the training texts, it was marked with that label at least
``min_share`` of the times the matcher finds it; that share is its score.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from ..actor_matching import Alias, AliasMatcher
from ..arabic_fold import fold_with_map
from ..spans import overlaps
from .data import DoneSet

MAX_WORDS = 12
SEP = "\x1f"


def _matcher(phrases: Iterable[tuple[str, str, str]]) -> AliasMatcher:
    aliases = []
    for n, (layer, label, text) in enumerate(phrases):
        try:
            AliasMatcher([Alias(str(n), layer + SEP + label, text)])
        except ValueError:  # nothing left to match (punctuation only)
            continue
        aliases.append(Alias(str(n), layer + SEP + label, text))
    return AliasMatcher(aliases)


class Gazetteer:
    def __init__(self, sets: Sequence[DoneSet], layers: Sequence[str],
                 cue_phrases: Mapping[tuple[str, str], Sequence[str]] | None = None, min_share: float = 0.5) -> None:
        marked: Counter[tuple[str, str, str]] = Counter()
        written: dict[tuple[str, str, str], str] = {}
        for s in sets:
            for m in s.spans:
                if m.layer in layers and 0 < len(m.text.split()) <= MAX_WORDS:
                    key = (m.layer, m.label, fold_with_map(m.text.strip())[0])
                    marked[key] += 1
                    written.setdefault(key, m.text.strip())
        cues = {(layer, label, fold_with_map(p)[0]): p
                for (layer, label), ps in (cue_phrases or {}).items() for p in ps}
        candidates = {**cues, **written}
        found: Counter[tuple[str, str, str]] = Counter()
        hits: Counter[tuple[str, str, str]] = Counter()
        probe = _matcher(candidates and [(k[0], k[1], t) for k, t in candidates.items()])
        keys = list(candidates)
        for s in sets:
            for p, text in enumerate(s.paragraphs):
                spans = [m for m in s.spans if m.paragraph == p]
                for mention in probe.find(text):
                    key = keys[int(mention.alias_id)]
                    found[key] += 1
                    if any(m.layer == key[0] and m.label == key[1] and overlaps(m.start, m.end, mention.start, mention.end)
                           for m in spans):
                        hits[key] += 1
        self.share: dict[str, float] = {}
        kept = []
        for key in keys:
            share = hits[key] / found[key] if found[key] else (1.0 if key in cues else 0.0)
            if share >= min_share:
                kept.append((key[0], key[1], candidates[key]))
                self.share[str(len(kept) - 1)] = share
        self.matcher = _matcher(kept)
        self.size = len(kept)

    def find(self, text: str) -> list[tuple[str, str, int, int, str, float]]:
        """(layer, label, start, end, text, score); overlapping finds of one label: the best one."""
        out: list[tuple[str, str, int, int, str, float]] = []
        for mention in self.matcher.find(text):
            layer, label = mention.actor_id.split(SEP, 1)
            score = self.share.get(mention.alias_id, 0.0) * (0.5 if mention.uncertain else 1.0)
            clash = next((i for i, o in enumerate(out) if o[1] == label and overlaps(o[2], o[3], mention.start, mention.end)), None)
            if clash is None:
                out.append((layer, label, mention.start, mention.end, mention.text, score))
            elif score > out[clash][5]:
                out[clash] = (layer, label, mention.start, mention.end, mention.text, score)
        return out
