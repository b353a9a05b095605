"""Input records for the agreement engine.

The service layer builds these from the database; the engine never sees an
ORM object.  Semantics (also in docs/agreement.md):

* Only DONE annotation sets count.  A record whose annotator is not in
  ``done_sets[document]`` is ignored (and counted as left out).
* A done set without spans is a continuum without units: it says "nothing
  here", it is not missing data.
* For a stance unit (document, actor), a done annotator without a stance
  record means ``not_stated``.
* For frames, a done annotator without a frame record chose no frames (empty
  set) and no primary frame (missing value for the primary-frame measure).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping, Sequence

STANCE_VALUES = ("favor", "against", "neutral", "not_stated")
LINK_TYPES = ("supports", "attacks")
# Intensity assumed when a favor/against stance has none recorded: the middle
# of the 1..3 scale, so a missing intensity neither inflates nor shrinks it.
DEFAULT_INTENSITY = 2


@dataclass(frozen=True, slots=True)
class SpanRecord:
    """One span of one annotator; offsets are code points, half-open."""

    span_id: str
    annotator: str
    document: str
    paragraph: int
    layer: str
    label: str
    start: int
    end: int
    # Excluded from hashing because mappings are not hashable; frozen as a
    # read-only proxy so the record still cannot change after creation.
    attributes: Mapping[str, str] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        # Refused here, so that no measure counts a span another would skip (an empty span has no
        # place on a continuum but would count as an unmatched span in F1).
        if self.start < 0 or self.end <= self.start:
            raise ValueError(f"span {self.span_id!r}: [{self.start}, {self.end}) is "
                             f"{'empty' if self.end == self.start else 'not a span (negative start or length)'}")
        if not isinstance(self.attributes, MappingProxyType):
            object.__setattr__(self, "attributes", MappingProxyType(dict(self.attributes)))


@dataclass(frozen=True, slots=True)
class LinkRecord:
    annotator: str
    document: str
    source_span_id: str
    target_span_id: str
    link_type: str


@dataclass(frozen=True, slots=True)
class StanceRecord:
    annotator: str
    document: str
    actor: str
    paragraph: int | None
    value: str
    intensity: int | None


@dataclass(frozen=True, slots=True)
class FrameRecord:
    annotator: str
    document: str
    frames: frozenset[str]
    primary: str | None


@dataclass
class AgreementDataset:
    done_sets: Mapping[str, frozenset[str]]
    paragraph_lengths: Mapping[tuple[str, int], int]
    spans: Sequence[SpanRecord]
    links: Sequence[LinkRecord]
    stances: Sequence[StanceRecord]
    frames: Sequence[FrameRecord]
    stance_units: Mapping[str, frozenset[str]]
    document_weeks: Mapping[str, str] = field(default_factory=dict)
    span_layers: Mapping[str, Sequence[str]] = field(default_factory=dict)


def signed_stance(value: str, intensity: int | None) -> int | None:
    """Stance on the -3..+3 interval scale; None where the scale has no place."""
    if value == "favor":
        return intensity or DEFAULT_INTENSITY
    if value == "against":
        return -(intensity or DEFAULT_INTENSITY)
    if value == "neutral":
        return 0
    return None  # not_stated has no position on a favor/against axis
