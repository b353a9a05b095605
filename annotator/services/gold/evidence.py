"""A gold stance's evidence: the spans the chosen annotators' stances cite, as they are in gold.

An annotator's evidence span enters gold through the decision on its span unit; the gold stance
cites the gold span that decision wrote. Evidence whose span was rejected (or is still open) is
not carried: gold never cites a span it does not hold. Inside the caller's transaction."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, aliased

from ...models import AdjudicationDecision, Span, Stance, StanceEvidence

ID_CHUNK = 900


def carry_evidence(session: Session, adjudication_ids: Sequence[int],
                   chosen: Mapping[str, Sequence[str]]) -> int:
    """``chosen``: gold stance public id -> the public ids of the annotators' stances it was taken
    from. Returns how many evidence rows gold received."""
    source_ids = sorted({s for ids in chosen.values() for s in ids})
    if not source_ids:
        return 0
    cited = aliased(Span)
    evidence: dict[str, list[str]] = {}
    for at in range(0, len(source_ids), ID_CHUNK):
        for stance_id, span_id in session.execute(
                select(Stance.public_id, cited.public_id).join(StanceEvidence, StanceEvidence.stance_id == Stance.id)
                .join(cited, cited.id == StanceEvidence.span_id).where(Stance.public_id.in_(source_ids[at:at + ID_CHUNK]))):
            evidence.setdefault(stance_id, []).append(span_id)
    if not evidence:
        return 0
    gold_of_source: dict[str, str] = {}
    for sources, gold_id in session.execute(
            select(AdjudicationDecision.sources, AdjudicationDecision.gold_item_id)
            .where(AdjudicationDecision.adjudication_id.in_(list(adjudication_ids)),
                   AdjudicationDecision.unit_kind == "span", AdjudicationDecision.gold_item_id.is_not(None))):
        for source in sources or []:
            gold_of_source[source["id"]] = gold_id
    wanted = {gold: {gold_of_source[span] for s in sources for span in evidence.get(s, []) if span in gold_of_source}
              for gold, sources in chosen.items()}
    public = sorted({*chosen, *(g for spans in wanted.values() for g in spans)})
    ids = {}
    for model in (Stance, Span):
        for at in range(0, len(public), ID_CHUNK):
            ids.update(session.execute(select(model.public_id, model.id)
                                       .where(model.public_id.in_(public[at:at + ID_CHUNK]))).all())
    rows = [{"stance_id": ids[gold], "span_id": ids[span]} for gold, spans in wanted.items() if gold in ids
            for span in sorted(spans) if span in ids]
    if rows:
        session.execute(insert(StanceEvidence.__table__), rows)
    return len(rows)
