"""The proposal: every unit of a document, agreed or open, with the decisions already taken.

Agreement comes from the project's thresholds per layer (records.Thresholds). A unit is:

* ``decided`` when a decision covers it (its items meet the decision's sources, or its key is the
  decision's key): rebuilding a proposal after a set reopened, or after the setting changed, keeps
  every decision;
* ``agreed`` when enough annotators hold one version (spans: label, boundaries and attributes;
  links: the type, and both ends accepted or agreed; stances: the value, with the median
  intensity of those who agree; frames: the primary frame, and each secondary frame chosen);
* ``open`` otherwise: it needs the adjudicator.

Nothing here writes gold: agreed units enter gold only when the adjudicator accepts them.
"""
from __future__ import annotations

import hashlib
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .records import DecisionRef, SourceFrame, SourceLink, SourceSpan, SourceStance, Thresholds, fingerprint
from .units import Version, agreed_version, span_groups, span_unit_key, versions_of


@dataclass(eq=False)  # not frozen: --auto makes hundreds of thousands, and frozen ones cost more
class Unit:
    kind: str  # span | link | stance | frame
    key: str
    versions: tuple[Version, ...]
    coders: tuple[str, ...]  # everyone whose done set counts
    required: int
    agreed: Version | None
    decision: DecisionRef | None = None
    paragraph: int | None = None
    # Links: the units of their two ends; a link whose ends fell into one unit is "collapsed".
    ends: tuple[str, str] | None = None
    note: str = ""

    @property
    def items(self) -> tuple:
        if len(self.versions) == 1:
            return self.versions[0].items
        return tuple(item for v in self.versions for item in v.items)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.items)

    @property
    def state(self) -> str:
        if self.decision is not None:
            return "decided"
        return "agreed" if self.agreed is not None else "open"

    @property
    def missing(self) -> tuple[str, ...]:
        """Coders who have no item in this unit (they did not mark it)."""
        present = {o for v in self.versions for o in v.owners}
        return tuple(c for c in self.coders if c not in present)

    @property
    def label(self) -> str | None:
        shape = (self.agreed or self.versions[0]).shape if self.versions else None
        return str(shape[0]) if shape else None

    def proposed_intensity(self) -> int | None:
        """Stances: the median intensity among those who agree (the lower middle for an even count)."""
        if self.agreed is None:
            return None
        values = [i.intensity for i in self.agreed.items if getattr(i, "intensity", None) is not None]
        return statistics.median_low(values) if values else None


@dataclass(frozen=True)
class Proposal:
    coders: tuple[str, ...]
    thresholds: Thresholds
    spans: tuple[Unit, ...]
    links: tuple[Unit, ...]
    stances: tuple[Unit, ...]
    frames: tuple[Unit, ...]
    collapsed_links: tuple[Unit, ...] = ()
    unit_of_span: dict = field(default_factory=dict, repr=False, compare=False)

    def units(self) -> Iterable[Unit]:
        yield from self.spans
        yield from self.links
        yield from self.stances
        yield from self.frames

    def find(self, key: str) -> Unit | None:
        return next((u for u in (*self.units(), *self.collapsed_links) if u.key == key), None)

    def counts(self) -> dict[str, int]:
        counts = {"open": 0, "agreed": 0, "decided": 0}
        for unit in self.units():
            counts[unit.state] += 1
        return counts

    @property
    def open_units(self) -> tuple[Unit, ...]:
        return tuple(u for u in self.units() if u.state == "open")

    @property
    def agreed_units(self) -> tuple[Unit, ...]:
        return tuple(u for u in self.units() if u.state == "agreed")


@dataclass(frozen=True)
class SpanMatch:
    """What the matcher makes of a document's spans, before thresholds and decisions: the units in
    page order, each (key, versions, paragraph, span ids). It depends on the done sets only, so a
    service may keep it while they do not change and build proposals from it in a fraction of the time."""

    coders: tuple[str, ...]
    units: tuple[tuple[str, tuple[Version, ...], int, tuple[str, ...]], ...]
    unit_of_span: dict = field(default_factory=dict, repr=False, compare=False)

    def in_paragraph(self, paragraph: int) -> "SpanMatch":
        units = tuple(u for u in self.units if u[2] == paragraph)
        return SpanMatch(self.coders, units, {i: u[0] for u in units for i in u[3]})


def match_spans(coders: Sequence[str], spans: Sequence[SourceSpan]) -> SpanMatch:
    """One document's spans matched into units (the slow part of a proposal)."""
    coders = tuple(sorted(coders))
    slot = {c: n for n, c in enumerate(coders)}
    return _span_match(coders, span_groups(spans, [slot[s.owner] for s in spans]))


def _span_match(coders: tuple[str, ...], groups) -> SpanMatch:
    entries, unit_of_span = [], {}
    for group in groups:
        key = span_unit_key(group)
        ids = tuple(s.id for s in group)
        for i in ids:
            unit_of_span[i] = key
        entries.append((group[0].paragraph, min(s.start for s in group), key, versions_of(group), ids))
    entries.sort(key=lambda e: e[:3])
    return SpanMatch(coders, tuple((key, versions, paragraph, ids) for paragraph, _start, key, versions, ids in entries),
                     unit_of_span)


def _decision_for(keys_and_ids: tuple[str, Iterable[str]], by_key: dict, by_source: dict) -> DecisionRef | None:
    key, ids = keys_and_ids
    if key in by_key:
        return by_key[key]
    return next((by_source[i] for i in ids if i in by_source), None)


def build_proposal(coders: Sequence[str], spans: Sequence[SourceSpan], links: Sequence[SourceLink] = (),
                   stances: Sequence[SourceStance] = (), frames: Sequence[SourceFrame] = (), *,
                   thresholds: Thresholds = Thresholds(), decisions: Sequence[DecisionRef] = ()) -> Proposal:
    """The proposal for one document, from its done sets' items (see the module doc)."""
    return proposal_from_match(match_spans(coders, spans), links, stances, frames, thresholds=thresholds,
                               decisions=decisions)


def proposal_from_match(match: SpanMatch, links: Sequence[SourceLink] = (), stances: Sequence[SourceStance] = (),
                        frames: Sequence[SourceFrame] = (), *, thresholds: Thresholds = Thresholds(),
                        decisions: Sequence[DecisionRef] = ()) -> Proposal:
    """The proposal from spans already matched: the same as build_proposal on the same spans."""
    return _assemble(match.coders, match, links, stances, frames, thresholds, decisions)


def build_proposals(coders: Mapping[str, Sequence[str]], spans: Sequence[SourceSpan],
                    links: Sequence[SourceLink] = (), stances: Sequence[SourceStance] = (),
                    frames: Sequence[SourceFrame] = (), *, thresholds: Thresholds = Thresholds(),
                    decisions: Mapping[str, Sequence[DecisionRef]] | None = None) -> dict[str, Proposal]:
    """Proposals for many documents at once ({document: coders}): the matcher runs once per pair of
    coder positions over all documents, not once per document (``adjudicate --auto``)."""
    coders = {doc: tuple(sorted(names)) for doc, names in coders.items()}
    slots = {doc: {c: n for n, c in enumerate(names)} for doc, names in coders.items()}
    groups_by_doc: dict[str, list] = defaultdict(list)
    for group in span_groups(spans, [slots[s.document][s.owner] for s in spans]):
        groups_by_doc[group[0].document].append(group)
    by_doc = {kind: _by_document(items) for kind, items in (("links", links), ("stances", stances),
                                                            ("frames", frames))}
    decisions = decisions or {}
    return {doc: _assemble(names, _span_match(names, groups_by_doc.get(doc, [])), by_doc["links"].get(doc, ()),
                           by_doc["stances"].get(doc, ()), by_doc["frames"].get(doc, ()), thresholds,
                           decisions.get(doc, ()))
            for doc, names in coders.items()}


def _by_document(items) -> dict[str, list]:
    found: dict[str, list] = defaultdict(list)
    for item in items:
        found[item.document].append(item)
    return found


def _assemble(coders, match: SpanMatch, links, stances, frames, thresholds, decisions) -> Proposal:
    by_key = {d.unit_key: d for d in decisions}
    by_source = {i: d for d in decisions for i in d.source_ids}
    required = thresholds.required("spans", len(coders))
    unit_of_span = match.unit_of_span
    span_units = [Unit("span", key, versions, coders, required, agreed_version(versions, required),
                       _decision_for((key, ids), by_key, by_source) if decisions else None, paragraph=paragraph)
                  for key, versions, paragraph, ids in match.units]
    ends_state = {u.key: _end_state(u) for u in span_units}
    link_units, collapsed = _link_units(coders, links, unit_of_span, ends_state, thresholds, by_key, by_source)
    return Proposal(coders, thresholds, tuple(span_units), link_units,
                    _keyed_units("stance", coders, stances, _stance_key, thresholds.required("stances", len(coders)),
                                 by_key),
                    _frame_units(coders, frames, thresholds.required("frames", len(coders)), by_key),
                    collapsed, unit_of_span)


def _end_state(unit: Unit) -> str:
    if unit.decision is not None:
        return "gold" if unit.decision.accepted else "rejected"
    return unit.state


def _link_units(coders, links, unit_of_span, ends_state, thresholds, by_key, by_source):
    grouped: dict[tuple[str, str], list[SourceLink]] = defaultdict(list)
    for link in links:
        ends = (unit_of_span.get(link.source), unit_of_span.get(link.target))
        if None not in ends:
            grouped[ends].append(link)
    required = thresholds.required("links", len(coders))
    units, collapsed = [], []
    for (source, target), group in sorted(grouped.items()):
        key = f"l:{source}>{target}"
        versions = versions_of(group)
        decision = _decision_for((key, (link.id for link in group)), by_key, by_source)
        if source == target:
            collapsed.append(Unit("link", key, versions, coders, required, None, decision, ends=(source, target),
                                  note="both ends fell into one unit: a link to itself cannot enter gold"))
            continue
        agreed = agreed_version(versions, required)
        if agreed is not None and not {ends_state[source], ends_state[target]} <= {"agreed", "gold"}:
            agreed = None  # a link is proposed only when both of its ends are
        units.append(Unit("link", key, versions, coders, required, agreed, decision, ends=(source, target)))
    return tuple(units), tuple(collapsed)


def _stance_key(stance: SourceStance) -> str:
    scope = "d" if stance.paragraph is None else str(stance.paragraph)
    holder = hashlib.sha1(stance.holder.encode()).hexdigest()[:10] if stance.holder else ""
    return f"t:{stance.actor}:{scope}:{holder}"


def _keyed_units(kind, coders, items, key_of, required, by_key) -> tuple[Unit, ...]:
    grouped: dict[str, list] = defaultdict(list)
    for item in items:
        grouped[key_of(item)].append(item)
    units = []
    for key, group in sorted(grouped.items()):
        versions = versions_of(group)
        units.append(Unit(kind, key, versions, tuple(coders), required, agreed_version(versions, required),
                          by_key.get(key), paragraph=getattr(group[0], "paragraph", None)))
    return tuple(units)


def _frame_units(coders, frames: Sequence[SourceFrame], required: int, by_key) -> tuple[Unit, ...]:
    """The primary frame of each scope is one unit (its versions are the frames chosen); each
    secondary frame anyone chose is a unit of its own, agreed when enough chose it."""
    def key_of(frame: SourceFrame) -> str:
        scope = "d" if frame.paragraph is None else str(frame.paragraph)
        return f"f:p:{scope}" if frame.primary else f"f:s:{scope}:{frame.frame}"

    return _keyed_units("frame", coders, frames, key_of, required, by_key)
