"""Accepting agreed units in bulk: plain inserts, a few statements per batch whatever the count.

Used by "accept everything agreed" on the page and by ``adjudicate --auto`` over thousands of
documents. Each gold item gets its decision (method "agreed", the annotators' units as sources).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.adjudication import Proposal
from ...domain.spans import find_duplicate
from ...models import AdjudicationDecision, FrameChoice, Link, Span, Stance, new_public_id, utcnow
from ..interchange.bulk_insert import bulk_insert
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


SPAN_COLUMNS = ("public_id", "set_id", "paragraph_id", "layer", "label", "start", "end", "text", "attributes",
                "origin", "version", "scheme_version_id", "created_at", "updated_at")
STANCE_COLUMNS = ("public_id", "set_id", "actor_id", "paragraph_id", "value", "holder", "version", "intensity",
                  "scheme_version_id", "created_at", "updated_at")
FRAME_COLUMNS = ("public_id", "set_id", "frame", "paragraph_id", "is_primary", "scheme_version_id", "created_at")
LINK_COLUMNS = ("public_id", "set_id", "source_span_id", "target_span_id", "link_type", "version",
                "scheme_version_id", "created_at", "updated_at")
DECISION_COLUMNS = ("public_id", "adjudication_id", "unit_kind", "unit_key", "paragraph", "method", "sources",
                    "gold_item_id", "decided_by_id", "decided_at")
_NO_ATTRIBUTES: dict = {}  # one object for every span without attributes: bulk_insert converts it once


def _sources(items, chosen) -> list[dict]:
    chosen_ids = {i.id for i in chosen}
    return [{"owner": i.owner, "id": i.id, "version": i.version, "chosen": i.id in chosen_ids} for i in items]


def write_agreed(session: Session, targets: Sequence[Target], *, user_id: int | None,
                 scheme_version_id: int) -> AgreedCounts:
    """Rows go in as tuples by the database's fastest bulk path (bulk_insert): SQLAlchemy's
    per-row parameter processing cost more than the inserts themselves over 10,000 documents."""
    now = utcnow()
    counts = AgreedCounts()
    spans, stances, frames, decisions = [], [], [], []
    chosen: dict[str, list[str]] = {}  # gold stance -> the annotators' stances it was taken from

    def decide(target, unit, gold_id, paragraph=None):
        decisions.append((new_public_id(), target.adjudication_id, unit.kind, unit.key, paragraph, "agreed",
                          _sources(unit.items, unit.agreed.items), gold_id, user_id, now))

    for t in targets:
        by_paragraph = defaultdict(list)
        for paragraph_id, public_id, label, start, end in t.gold_spans:
            by_paragraph[paragraph_id].append((public_id, label, start, end))
        for unit in t.proposal.spans:
            if unit.decision is not None or unit.agreed is None:
                continue  # not "agreed"
            s = unit.agreed.first
            paragraph_id, text = t.paragraphs[s.paragraph]
            known = by_paragraph[paragraph_id]
            if known and find_duplicate((s.label, s.start, s.end), known) is not None:
                counts.skipped += 1
                continue
            public_id = new_public_id()
            known.append((public_id, s.label, s.start, s.end))
            spans.append((public_id, t.gold_set_id, paragraph_id, s.layer, s.label, s.start, s.end,
                          text[s.start:s.end], dict(s.attributes) if s.attributes else _NO_ATTRIBUTES, "manual", 1,
                          scheme_version_id, now, now))
            t.gold_ids_of_units[unit.key] = public_id
            decide(t, unit, public_id, s.paragraph)
        for unit in t.proposal.stances:
            if unit.state == "agreed":
                s = unit.agreed.first
                public_id = new_public_id()
                value = unit.agreed.shape[0]
                stances.append((public_id, t.gold_set_id, s.actor,
                                t.paragraphs[s.paragraph][0] if s.paragraph is not None else None, value, s.holder, 1,
                                unit.proposed_intensity() if value in ("favor", "against") else None,
                                scheme_version_id, now, now))
                decide(t, unit, public_id)
                chosen[public_id] = [i.id for i in unit.agreed.items]
        for unit in t.proposal.frames:
            if unit.state == "agreed":
                f = unit.agreed.first
                public_id = new_public_id()
                frames.append((public_id, t.gold_set_id, f.frame,
                               t.paragraphs[f.paragraph][0] if f.paragraph is not None else None,
                               unit.key.startswith("f:p:"), scheme_version_id, now))
                decide(t, unit, public_id)
    bulk_insert(session, Span.__table__, SPAN_COLUMNS, spans)
    bulk_insert(session, Stance.__table__, STANCE_COLUMNS, stances)
    bulk_insert(session, FrameChoice.__table__, FRAME_COLUMNS, frames)
    counts.spans, counts.stances, counts.frames = len(spans), len(stances), len(frames)
    link_rows = _agreed_links(session, targets, scheme_version_id, now, decide)
    bulk_insert(session, Link.__table__, LINK_COLUMNS, link_rows)
    counts.links = len(link_rows)
    bulk_insert(session, AdjudicationDecision.__table__, DECISION_COLUMNS, decisions)
    if chosen:
        carry_evidence(session, sorted({t.adjudication_id for t in targets}), chosen)
    return counts


def _agreed_links(session, targets, scheme_version_id, now, decide) -> list[tuple]:
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
        rows.append((public_id, t.gold_set_id, ids[ends[0]], ids[ends[1]], unit.agreed.shape[0], 1,
                     scheme_version_id, now, now))
        decide(t, unit, public_id)
    return rows
