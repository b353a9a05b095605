"""What a whole-project file carries (docs/formats.md, "JSONL, whole"): every table of a project,
row by row, with its own ids replaced by keys that mean the same on any server.

Each table is written as one record type. Public ids are kept as they are (URLs and the event log
name records by them); integer ids never leave the server: a reference becomes the key of the row
it points to (a username, a scheme version's number, a public id, a paragraph's document and
index, an alias's actor and text). Not carried: password hashes and session tokens (people set a
password on the new server), and the agreement cache (computed again).
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Table

from ...models import (
    Actor, ActorAlias, Adjudication, AdjudicationDecision, AdjudicatorNote, AnnotationSet, DisagreementCause, Document,
    Event, FrameChoice, Link, Membership, Mention, MentionConfirmation, Paragraph, SchemeVersion, Span, Stance,
    StanceEvidence, SuggestionDecision,
)

FORMAT = "annotator-project"
VERSION = 2
# Version 1 files (before the adjudication records and events' ``reverts``) still read: a field
# added since is taken as empty when a version 1 file leaves it out.
READABLE_VERSIONS = (1, 2)
ADDED_IN_2 = {"event": {"reverts"}}
USER_COLUMNS = ("public_id", "username", "display_name", "is_admin", "is_active", "created_at")


@dataclass(frozen=True)
class TableSpec:
    kind: str  # the record type
    model: type
    # reference column -> the table it points to (when the schema has no foreign key for it)
    extra_refs: tuple[tuple[str, str], ...] = ()

    @property
    def table(self) -> Table:
        return self.model.__table__


# In the order they are written and read: every reference points to a table earlier in the list
# (the actor an actor was merged into, its own table, is filled in once all actors are in).
TABLES = (
    TableSpec("member", Membership),
    TableSpec("scheme_version", SchemeVersion),
    TableSpec("document", Document),
    TableSpec("paragraph", Paragraph),
    TableSpec("set", AnnotationSet),
    TableSpec("actor", Actor),
    TableSpec("alias", ActorAlias),
    TableSpec("span", Span),
    TableSpec("suggestion_decision", SuggestionDecision),
    TableSpec("link", Link),
    TableSpec("stance", Stance),
    TableSpec("stance_evidence", StanceEvidence),
    TableSpec("frame", FrameChoice),
    # The gold set's adjudication: its JSON (sources, snapshots) names owners by username and
    # units by public id, which mean the same on any server.
    TableSpec("adjudication", Adjudication),
    TableSpec("adjudication_decision", AdjudicationDecision),
    TableSpec("disagreement_cause", DisagreementCause),
    TableSpec("adjudicator_note", AdjudicatorNote),
    TableSpec("mention", Mention),
    TableSpec("mention_confirmation", MentionConfirmation),
    # An undo or redo names the change it takes back (reverts_id, another event of the project):
    # written as that event's place among the file's events, counted from 0.
    TableSpec("event", Event, extra_refs=(("set_id", "annotation_sets"), ("reverts_id", "events"))),
)
NOT_CARRIED = {
    "agreement_cache": "computed again on the new server",
    # This server's own: secrets and the state of its queue, never moved with a project.
    "api_tokens": "secrets of this server", "login_sessions": "secrets of this server",
    "sign_ins": "this server's sign-in log", "jobs": "this server's queue", "job_workers": "this server's queue",
    # An import under way on this server (SQLite staging): emptied when it ends, nothing to move.
    "import_runs": "an import under way here", "import_staged_documents": "an import under way here",
    "import_staged_paragraphs": "an import under way here", "import_staged_mentions": "an import under way here",
    # Trained again on the new server from the moved done sets (the bytes are a pickle of this version).
    "recommender_models": "trained again from the moved done sets",
}


def references(spec: TableSpec) -> dict[str, str]:
    """Column -> referenced table name, for every column that holds another row's integer id."""
    refs = {fk.parent.name: fk.column.table.name for fk in spec.table.foreign_keys}
    refs.update(dict(spec.extra_refs))
    refs.pop("project_id", None)  # the project itself: the file's header
    return refs


def field_name(column: str) -> str:
    """How a reference column is named in the file: ``set_id`` -> ``set``."""
    return column[:-3] if column.endswith("_id") else column


def carried_columns(spec: TableSpec) -> list[str]:
    return [c.name for c in spec.table.columns if c.name not in ("id", "project_id")]


# The key of each table's rows, as (columns); a reference is written as this key.
KEYS = {
    "users": ("username",),
    "scheme_versions": ("version",),
    "paragraphs": ("document_id", "index"),
    "actor_aliases": ("actor_id", "text"),
}
