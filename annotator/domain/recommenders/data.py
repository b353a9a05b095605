"""What the recommenders learn from and what they give back: plain frozen records."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SpanMark:
    paragraph: int  # index into DoneSet.paragraphs
    layer: str
    label: str
    start: int  # code points of the stored NFC paragraph text
    end: int
    text: str


@dataclass(frozen=True)
class DoneSet:
    """One done annotation set, flattened: the document's paragraphs and the set's labels."""

    document: str
    paragraphs: tuple[str, ...]
    spans: tuple[SpanMark, ...] = ()
    frames: tuple[str, ...] = ()  # primary first
    stances: Mapping[str, str] = field(default_factory=dict)  # actor -> document-level stance value
    mentions: Mapping[str, tuple[int, ...]] = field(default_factory=dict)  # actor -> paragraphs naming it
    gold: bool = False


@dataclass(frozen=True)
class SpanSuggestion:
    recommender: str
    paragraph: int
    layer: str
    label: str
    start: int
    end: int
    text: str
    score: float


@dataclass(frozen=True)
class LabelSuggestion:
    """A label for a whole paragraph (persuasion techniques per paragraph)."""

    recommender: str
    paragraph: int
    label: str
    score: float


@dataclass(frozen=True)
class FrameSuggestion:
    recommender: str
    label: str
    score: float
    primary: bool


@dataclass(frozen=True)
class StanceSuggestion:
    recommender: str
    actor: str
    value: str
    score: float


class TooFewDoneSets(ValueError):
    def __init__(self, have: int, need: int) -> None:
        self.have, self.need = have, need
        super().__init__(f"too few done sets: {have} of {need}; need {need - have} more")


def one_per_document(sets: Iterable[DoneSet]) -> list[DoneSet]:
    """Gold first; otherwise the first done set given for the document (the caller's order)."""
    chosen: dict[str, DoneSet] = {}
    for s in sets:
        if s.document not in chosen or (s.gold and not chosen[s.document].gold):
            chosen[s.document] = s
    return sorted(chosen.values(), key=lambda s: s.document)


def held_out(document: str, fraction: float) -> bool:
    """A stable split by document: the same documents stay held out from one training to the next."""
    digest = hashlib.sha256(document.encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < fraction


def split(sets: list[DoneSet], fraction: float = 0.2) -> tuple[list[DoneSet], list[DoneSet]]:
    """(train, held out); at least one set on each side."""
    test = [s for s in sets if held_out(s.document, fraction)]
    train = [s for s in sets if not held_out(s.document, fraction)]
    if not test:
        test, train = train[-1:], train[:-1]
    elif not train:
        train, test = test[:1], test[1:]
    return train, test
