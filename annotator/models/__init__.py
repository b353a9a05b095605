"""The database tables. Import models from here."""
from .adjudication import (
    ADJUDICATION_STATUSES, DECISION_METHODS, DISAGREEMENT_CAUSES, NOTE_TARGETS, UNIT_KINDS, Adjudication,
    AdjudicationDecision, AdjudicatorNote, DisagreementCause,
)
from .actors import ACTOR_KINDS, Actor, ActorAlias, Mention, MentionConfirmation
from .annotations import (
    OWNER_KINDS,
    SET_STATUSES,
    SPAN_ORIGINS,
    AnnotationSet,
    FrameChoice,
    Link,
    Span,
    Stance,
    StanceEvidence,
)
from .base import Base, new_public_id, utcnow
from .documents import PARAGRAPH_KINDS, Document, Paragraph
from .events import AgreementCache, Event
from .events import SignIn
from .users import ROLES, Membership, Project, SchemeVersion, User
from .sessions import END_REASONS, LoginSession
from .tokens import TOKEN_SCOPES, ApiToken

__all__ = [
    "ACTOR_KINDS", "OWNER_KINDS", "PARAGRAPH_KINDS", "ROLES", "SET_STATUSES", "SPAN_ORIGINS",
    "Actor", "ActorAlias", "AgreementCache", "AnnotationSet", "Base", "Document", "Event",
    "FrameChoice", "Link", "Membership", "Mention", "MentionConfirmation", "Paragraph", "Project",
    "SchemeVersion", "Span", "Stance", "StanceEvidence", "User", "new_public_id", "utcnow",
    "END_REASONS", "LoginSession",
    "SignIn",
    "ADJUDICATION_STATUSES", "DECISION_METHODS", "DISAGREEMENT_CAUSES", "NOTE_TARGETS", "UNIT_KINDS",
    "Adjudication", "AdjudicationDecision", "AdjudicatorNote", "DisagreementCause",
    "TOKEN_SCOPES", "ApiToken",
]
from .jobs import ACTIVE_STATES, JOB_KINDS, JOB_STATES, Job, JobWorker  # noqa: E402

__all__ += ["ACTIVE_STATES", "JOB_KINDS", "JOB_STATES", "Job", "JobWorker"]
from .imports import ImportRun, StagedDocument, StagedMention, StagedParagraph  # noqa: E402  (import staging)

__all__ += ["ImportRun", "StagedDocument", "StagedMention", "StagedParagraph"]
from .recommenders import DECISIONS, SUGGESTION_KINDS, RecommenderModel, SuggestionDecision  # noqa: E402

__all__ += ["DECISIONS", "SUGGESTION_KINDS", "RecommenderModel", "SuggestionDecision"]
