"""How much of the project's annotation came from suggestions: per label and per annotator, the
suggestions accepted and rejected, and of the spans in the annotators' sets, those that were
accepted suggestions (origin "suggested"). Counted in the database, two grouped queries."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models import AnnotationSet, Document, Project, Span, SuggestionDecision, User


@dataclass
class ShareRow:
    name: str  # a label key, or a username
    accepted: int = 0
    rejected: int = 0
    spans: int = 0
    suggested_spans: int = 0

    @property
    def accepted_share(self) -> float | None:
        decided = self.accepted + self.rejected
        return self.accepted / decided if decided else None

    @property
    def span_share(self) -> float | None:
        return self.suggested_spans / self.spans if self.spans else None


@dataclass
class Shares:
    by_label: list[ShareRow]
    by_annotator: list[ShareRow]


def suggestion_shares(session: Session, project: Project) -> Shares | None:
    """None while nobody has decided a suggestion in the project."""
    in_project = (AnnotationSet.owner_kind == "user", Document.project_id == project.id)
    decisions = session.execute(
        select(SuggestionDecision.label, User.username, SuggestionDecision.decision, func.count())
        .join(AnnotationSet, AnnotationSet.id == SuggestionDecision.set_id)
        .join(Document, Document.id == AnnotationSet.document_id).join(User, User.id == AnnotationSet.user_id)
        .where(*in_project).group_by(SuggestionDecision.label, User.username, SuggestionDecision.decision)).all()
    if not decisions:
        return None
    spans = session.execute(
        select(Span.label, User.username, Span.origin, func.count())
        .join(AnnotationSet, AnnotationSet.id == Span.set_id)
        .join(Document, Document.id == AnnotationSet.document_id).join(User, User.id == AnnotationSet.user_id)
        .where(*in_project).group_by(Span.label, User.username, Span.origin)).all()
    labels: dict[str, ShareRow] = defaultdict(lambda: ShareRow(""))
    people: dict[str, ShareRow] = defaultdict(lambda: ShareRow(""))
    for label, username, decision, n in decisions:
        for row in (labels[label], people[username]):
            setattr(row, decision, getattr(row, decision) + n)
    for label, username, origin, n in spans:
        for row in (labels[label], people[username]):
            row.spans += n
            row.suggested_spans += n if origin == "suggested" else 0
    for table in (labels, people):
        for name, row in table.items():
            row.name = name
    decided = lambda table: sorted((r for r in table.values() if r.accepted + r.rejected), key=lambda r: r.name)  # noqa: E731
    return Shares(decided(labels), decided(people))
