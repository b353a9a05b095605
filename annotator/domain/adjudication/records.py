"""What adjudication reads: the annotators' items of a document, and the project's agreement setting.

Plain frozen records, built by the services from the done sets; ``owner`` is the annotator's
username (the page may show it as A, B, C in blind mode).
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

LAYER_KINDS = ("spans", "links", "stances", "frames")


# The source records are named tuples, not dataclasses: --auto builds a million of them, and a
# frozen dataclass costs several times more to create.
class SourceSpan(NamedTuple):
    id: str  # public id
    owner: str
    version: int
    document: str
    paragraph: int
    layer: str
    label: str
    start: int
    end: int
    text: str
    attributes: Mapping[str, str] | None = None

    @property
    def shape(self) -> tuple:
        """What two annotators must share to agree: label, exact boundaries and attributes."""
        return (self.label, self.start, self.end, tuple(sorted(self.attributes.items())) if self.attributes else ())


class SourceLink(NamedTuple):
    id: str
    owner: str
    version: int
    document: str
    source: str  # span public id
    target: str
    link_type: str

    @property
    def shape(self) -> tuple:
        return (self.link_type,)


class SourceStance(NamedTuple):
    id: str
    owner: str
    version: int
    document: str
    actor: int  # the registry's actor, aliases and merges resolved
    paragraph: int | None  # None: the whole document
    holder: str
    value: str
    intensity: int | None

    @property
    def shape(self) -> tuple:
        # Annotators agree on the value; the intensity proposed is the median of those who agree.
        return (self.value,)


class SourceFrame(NamedTuple):
    id: str
    owner: str
    version: int
    document: str
    frame: str
    paragraph: int | None
    primary: bool

    @property
    def shape(self) -> tuple:
        return (self.frame,)


@dataclass(frozen=True)
class Thresholds:
    """Agreement needed per layer: None means every annotator who coded the document (unanimous);
    k means at least k of them. Never fewer than two: one annotator alone agrees with nobody."""

    spans: int | None = None
    links: int | None = None
    stances: int | None = None
    frames: int | None = None

    def required(self, layer: str, coders: int) -> int:
        k = getattr(self, layer)
        return max(2, coders if k is None else min(k, coders))

    @classmethod
    def from_settings(cls, settings: Mapping | None, override: int | None = None) -> Thresholds:
        """From ``project.settings["adjudication"]["min_agree"]`` ({layer: k or null}); an override
        (the CLI's --min-agree) applies to every layer."""
        if override is not None:
            return cls(*(override for _ in LAYER_KINDS))
        chosen = ((settings or {}).get("adjudication") or {}).get("min_agree") or {}
        return cls(**{layer: chosen.get(layer) for layer in LAYER_KINDS})

    def to_dict(self) -> dict:
        return {layer: getattr(self, layer) for layer in LAYER_KINDS}


@dataclass(frozen=True)
class DecisionRef:
    """A decision already taken, as a rebuilt proposal needs it."""

    unit_kind: str
    unit_key: str
    method: str
    source_ids: frozenset[str]
    gold_item_id: str | None  # None: rejected
    id: str = ""  # the decision's public id

    @property
    def accepted(self) -> bool:
        return self.gold_item_id is not None


def fingerprint(items: Iterable) -> str:
    """Names a unit's content: a decision based on another fingerprint was taken on an older unit."""
    text = ";".join(sorted(f"{item.id}@{item.version}" for item in items))
    return hashlib.sha1(text.encode()).hexdigest()[:16]
