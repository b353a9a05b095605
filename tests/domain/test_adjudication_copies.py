"""The grouping shortcut for documents whose annotators marked alike gives the matcher's units.

span_groups puts copies together without the matcher when every annotator of a document holds
the same stretches and labels; these tests compare it with the matcher's grouping
(units._matched_groups) on documents built to hit and to miss the shortcut."""
from __future__ import annotations

import random

from annotator.domain.adjudication.records import SourceSpan
from annotator.domain.adjudication.units import _copies, _matched_groups, span_groups

CODERS = ("amal", "karim", "sara")
LABELS = ("claim", "evidence")


def _as_sets(groups) -> set[frozenset[str]]:
    return {frozenset(s.id for s in group) for group in groups}


def _document(rng: random.Random, doc: str, *, alike: bool) -> list[SourceSpan]:
    """Each coder marks the same stretches (alike) or a perturbed copy: a span dropped, moved,
    relabelled, duplicated or overlapping another, and attributes that differ now and then."""
    base = []
    for paragraph in range(3):
        at = 0
        for _ in range(rng.randint(0, 5)):
            at += rng.randint(0, 6)
            length = rng.randint(1, 9)
            base.append((paragraph, rng.choice(("argument", "persuasion")), rng.choice(LABELS), at, at + length))
            at += length if rng.random() < 0.8 else -rng.randint(0, length)  # sometimes the next overlaps
    spans = []
    for coder in CODERS[:rng.randint(1, 3)]:
        mine = list(base)
        if not alike and mine:
            k = rng.randrange(len(mine))
            paragraph, layer, label, start, end = mine[k]
            change = rng.choice(("drop", "move", "relabel", "duplicate"))
            if change == "drop":
                del mine[k]
            elif change == "move":
                mine[k] = (paragraph, layer, label, start, end + 1)
            elif change == "relabel":
                mine[k] = (paragraph, layer, LABELS[1 - LABELS.index(label)], start, end)
            else:
                mine.append(mine[k])
        for n, (paragraph, layer, label, start, end) in enumerate(mine):
            attributes = {"certainty": "low"} if rng.random() < 0.1 else None
            spans.append(SourceSpan(f"{doc}-{coder}-{n:02d}", coder, 1, doc, paragraph, layer, label, start, end,
                                    "x" * (end - start), attributes))
    rng.shuffle(spans)
    return spans


def test_the_shortcut_gives_the_matchers_units_on_many_random_documents():
    rng = random.Random(7)
    taken = 0
    for round_ in range(300):
        spans = [s for d in range(4) for s in _document(rng, f"r{round_}d{d}", alike=rng.random() < 0.6)]
        slot = {c: n for n, c in enumerate(CODERS)}
        slots = [slot[s.owner] for s in spans]
        assert _as_sets(span_groups(spans, slots)) == _as_sets(_matched_groups(spans, slots))
        for doc in {s.document for s in spans}:
            members = [i for i, s in enumerate(spans) if s.document == doc]
            taken += _copies(spans, slots, members) is not None
    assert taken > 300  # the shortcut was taken often, and missed often (4 documents a round)
    assert taken < 1100


def test_documents_marked_alike_take_the_shortcut_and_overlaps_do_not():
    alike = [SourceSpan(f"{c}-{n}", c, 1, "d", 0, "argument", "claim", 10 * n, 10 * n + 5, "x") for c in CODERS
             for n in range(3)]
    assert _copies(alike, [CODERS.index(s.owner) for s in alike], list(range(len(alike)))) is not None
    overlapping = alike + [SourceSpan(f"{c}-x", c, 1, "d", 0, "argument", "evidence", 2, 12, "x") for c in CODERS]
    slots = [CODERS.index(s.owner) for s in overlapping]
    assert _copies(overlapping, slots, list(range(len(overlapping)))) is None
    assert _as_sets(span_groups(overlapping, slots)) == _as_sets(_matched_groups(overlapping, slots))
