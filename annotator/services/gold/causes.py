"""Disagreement causes: the adjudicator's tag on a unit, and the project's report of them."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain.activity import active_seconds_by_person
from ...errors import Invalid, Phrase
from ...models import (
    DISAGREEMENT_CAUSES, Adjudication, AdjudicationDecision, DisagreementCause, Document, Event, Project, User,
    utcnow,
)
from ..events import record_event
from ..tx import transaction
from .state import document_for, load_state, proposal


KEEP = object()  # a field not sent: tagging a cause keeps the note, writing a note keeps the cause


def tag_cause(session: Session, user: User, document_public_id: str, unit_key: str, cause=KEEP,
              note=KEEP) -> DisagreementCause:
    """The adjudicator's cause and note on a unit, open or decided (the note says why they decided:
    it goes to the gold sheets beside the item). An empty cause and note clear them."""
    if cause is KEEP and note is KEEP:
        raise Invalid("send a cause or a note", "cause")
    if cause is not KEEP and cause and cause not in DISAGREEMENT_CAUSES:
        raise Invalid(Phrase("cause must be one of {choices}", ", ", choices=list(DISAGREEMENT_CAUSES)), "cause")
    document, project = document_for(session, user, document_public_id)
    state = load_state(session, document, project)
    if state.adjudication is None:
        raise Invalid("this document has not been opened for adjudication yet", "document")
    unit = proposal(session, state).find(unit_key)
    if unit is None:
        raise Invalid(Phrase("no unit '{unit}' in this document's proposal", unit=unit_key), "unit")
    differing = differing_owners(unit)
    with transaction(session):
        row = session.scalar(select(DisagreementCause).where(
            DisagreementCause.adjudication_id == state.adjudication.id, DisagreementCause.unit_key == unit_key))
        if row is None:
            row = DisagreementCause(adjudication_id=state.adjudication.id, unit_key=unit_key, unit_kind=unit.kind)
            session.add(row)
        if cause is not KEEP:
            row.cause = cause or None
        if note is not KEEP:
            row.note = (note or "").strip()
        row.label, row.owners = unit.label, differing
        row.tagged_by_id, row.tagged_at = user.id, utcnow()
        record_event(session, action="gold.cause", entity=unit.kind, entity_id=unit_key[:64], user_id=user.id,
                     project_id=project.id, set_id=state.gold_set.id, after={"cause": row.cause, "note": row.note})
    return row


def differing_owners(unit) -> list[str]:
    """Whom a cause is counted against: those away from the version most annotators hold (when one
    leads), and those who did not mark the unit; with no leading version, everyone."""
    versions = unit.versions
    leading = versions[0] if versions and (len(versions) == 1 or
                                           len(versions[1].owners) < len(versions[0].owners)) else None
    everyone = {o for v in versions for o in v.owners}
    return sorted((everyone - set(leading.owners) if leading else everyone) | set(unit.missing))


@dataclass
class CausesReport:
    by_label: dict[str, Counter] = field(default_factory=dict)
    by_annotator: dict[str, Counter] = field(default_factory=dict)
    decisions: int = 0
    needed_a_decision: int = 0  # decisions other than accepting what the annotators agreed on
    seconds_by_document: dict[str, float] = field(default_factory=dict)

    @property
    def share_needing_decision(self) -> float | None:
        return self.needed_a_decision / self.decisions if self.decisions else None


def causes_report(session: Session, project: Project) -> CausesReport:
    report = CausesReport()
    by_label, by_annotator = defaultdict(Counter), defaultdict(Counter)
    rows = session.execute(select(DisagreementCause.label, DisagreementCause.owners, DisagreementCause.cause)
                           .join(Adjudication, Adjudication.id == DisagreementCause.adjudication_id)
                           .join(Document, Document.id == Adjudication.document_id)
                           .where(Document.project_id == project.id, DisagreementCause.cause.is_not(None)))
    for label, owners, cause in rows:
        by_label[label or "—"][cause] += 1
        for owner in owners or []:
            by_annotator[owner][cause] += 1
    report.by_label, report.by_annotator = dict(by_label), dict(by_annotator)
    methods = session.execute(select(AdjudicationDecision.method)
                              .join(Adjudication, Adjudication.id == AdjudicationDecision.adjudication_id)
                              .join(Document, Document.id == Adjudication.document_id)
                              .where(Document.project_id == project.id)).scalars().all()
    report.decisions = len(methods)
    report.needed_a_decision = sum(1 for m in methods if m != "agreed")
    events = session.execute(select(Event.entity_id, Event.set_id, Event.at).where(
        Event.project_id == project.id, Event.action.like("gold.%"), Event.action != "gold.auto"))
    gold_docs = dict(session.execute(select(Adjudication.gold_set_id, Document.external_id)
                                     .join(Document, Document.id == Adjudication.document_id)
                                     .where(Document.project_id == project.id)).all())
    # Active time, as for annotators: gaps longer than the activity rule's pause do not count.
    ordered = sorted((gold_docs.get(set_id, "?"), at) for _e, set_id, at in events)
    seconds = active_seconds_by_person(ordered)
    report.seconds_by_document = {doc: s for doc, s in sorted(seconds.items()) if doc != "?"}
    return report
