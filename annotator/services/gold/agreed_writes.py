"""Accepting agreed units in bulk: plain inserts, a few statements per batch whatever the count.

Used by "accept everything agreed" on the page and by ``adjudicate --auto`` over thousands of
documents. Each gold item gets its decision (method "agreed", the annotators' units as sources).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ...domain.adjudication import Proposal
from ...domain.spans import find_duplicate
from ...models import AdjudicationDecision, FrameChoice, Link, Span, Stance, new_public_id, utcnow
from .evidence import carry_evidence


@dataclass
class Target:
    """One document's gold set and what the inserts need to know about it."""

    adjudication_id: int
    gold_set_id: int
    proposal: Proposal
    paragraphs: dict[int, tuple[int, str]]  # index -> (paragraph id, text)
    gold_spans: list[tuple] = field(default_factory=list)  # (paragraph id, public id, label, start, end)
    gold_ids_of_units: dict[str, str] = field(default_factory=dict)  # span unit key -> gold span public id


@dataclass
class AgreedCounts:
    spans: int = 0
    links: int = 0
    stances: int = 0
    frames: int = 0
    skipped: int = 0  # agreed, but gold already holds the label over that text

    def total(self) -> int:
        return self.spans + self.links + self.stances + self.frames


def _sources(items, chosen) -> list[dict]:
    chosen_ids = {i.id for i in chosen}
    return [{"owner": i.owner, "id": i.id, "version": i.version, "chosen": i.id in chosen_ids} for i in items]


def write_agreed(session: Session, targets: Sequence[Target], *, user_id: int | None,
                 scheme_version_id: int) -> AgreedCounts:
    now = utcnow()
    counts = AgreedCounts()
    spans, links, stances, frames, decisions = [], [], [], [], []

    def decide(target, unit, gold_id, paragraph=None):
        decisions.append({"public_id": new_public_id(), "adjudication_id": target.adjudication_id,
                          "unit_kind": unit.kind, "unit_key": unit.key, "paragraph": paragraph, "method": "agreed",
                          "sources": _sources(unit.items, unit.agreed.items), "gold_item_id": gold_id,
                          "decided_by_id": user_id, "decided_at": now})

    for t in targets:
        by_paragraph = defaultdict(list)
        for paragraph_id, public_id, label, start, end in t.gold_spans:
            by_paragraph[paragraph_id].append((public_id, label, start, end))
        for unit in t.proposal.spans:
            if unit.state != "agreed":
                continue
            s = unit.agreed.first
            paragraph_id, text = t.paragraphs[s.paragraph]
            if find_duplicate((s.label, s.start, s.end), by_paragraph[paragraph_id]) is not None:
                counts.skipped += 1
                continue
            public_id = new_public_id()
            by_paragraph[paragraph_id].append((public_id, s.label, s.start, s.end))
            spans.append({"public_id": public_id, "set_id": t.gold_set_id, "paragraph_id": paragraph_id,
                          "layer": s.layer, "label": s.label, "start": s.start, "end": s.end,
                          "text": text[s.start:s.end], "attributes": dict(s.attributes or {}), "origin": "manual",
                          "version": 1, "scheme_version_id": scheme_version_id, "created_at": now,
                          "updated_at": now})
            t.gold_ids_of_units[unit.key] = public_id
            decide(t, unit, public_id, s.paragraph)
        for unit in t.proposal.stances:
            if unit.state == "agreed":
                s = unit.agreed.first
                public_id = new_public_id()
                value = unit.agreed.shape[0]
                stances.append({"public_id": public_id, "set_id": t.gold_set_id, "actor_id": s.actor,
                                "paragraph_id": t.paragraphs[s.paragraph][0] if s.paragraph is not None else None,
                                "value": value, "holder": s.holder, "version": 1,
                                "intensity": unit.proposed_intensity() if value in ("favor", "against") else None,
                                "scheme_version_id": scheme_version_id, "created_at": now, "updated_at": now})
                decide(t, unit, public_id)
        for unit in t.proposal.frames:
            if unit.state == "agreed":
                f = unit.agreed.first
                public_id = new_public_id()
                frames.append({"public_id": public_id, "set_id": t.gold_set_id, "frame": f.frame,
                               "paragraph_id": t.paragraphs[f.paragraph][0] if f.paragraph is not None else None,
                               "is_primary": unit.key.startswith("f:p:"), "scheme_version_id": scheme_version_id,
                               "created_at": now})
                decide(t, unit, public_id)
    # Core inserts on the tables: the ORM's bulk path would inspect every row again.
    if spans:
        session.execute(insert(Span.__table__), spans)
    counts.spans, counts.stances, counts.frames = len(spans), len(stances), len(frames)
    if stances:
        session.execute(insert(Stance.__table__), stances)
    if frames:
        session.execute(insert(FrameChoice.__table__), frames)
    link_rows = _agreed_links(session, targets, scheme_version_id, now, decide)
    if link_rows:
        session.execute(insert(Link.__table__), link_rows)
    counts.links = len(link_rows)
    if decisions:
        session.execute(insert(AdjudicationDecision.__table__), decisions)
    chosen = {d["gold_item_id"]: [s["id"] for s in d["sources"] if s["chosen"]] for d in decisions
              if d["unit_kind"] == "stance"}
    if chosen:
        carry_evidence(session, sorted({t.adjudication_id for t in targets}), chosen)
    return counts


def _agreed_links(session, targets, scheme_version_id, now, decide) -> list[dict]:
    """Agreed links between gold spans: both ends were agreed (now accepted) or already in gold."""
    wanted = [(t, unit) for t in targets for unit in t.proposal.links if unit.state == "agreed"]
    if not wanted:
        return []
    gold_set_ids = sorted({t.gold_set_id for t, _u in wanted})
    ids = dict(session.execute(select(Span.public_id, Span.id).where(Span.set_id.in_(gold_set_ids))).all())
    rows = []
    for t, unit in wanted:
        ends = []
        for key in unit.ends:
            end = t.proposal.find(key)
            ends.append(t.gold_ids_of_units.get(key) or (end.decision.gold_item_id if end and end.decision else None))
        if None in ends or ends[0] not in ids or ends[1] not in ids:
            continue
        public_id = new_public_id()
        rows.append({"public_id": public_id, "set_id": t.gold_set_id, "source_span_id": ids[ends[0]],
                     "target_span_id": ids[ends[1]], "link_type": unit.agreed.shape[0], "version": 1,
                     "scheme_version_id": scheme_version_id, "created_at": now, "updated_at": now})
        decide(t, unit, public_id)
    return rows
