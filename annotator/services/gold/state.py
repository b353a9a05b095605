"""Who may adjudicate, a document's adjudication state, and its proposal as it stands.

Adjudicators are not blind: they see every done set of the document. Everyone else (annotators,
people outside the project) gets 404 for every gold route, exactly as for a document that does
not exist: an annotator never learns that a gold set exists.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from ...domain.adjudication import DecisionRef, Proposal, Thresholds, match_spans, proposal_from_match
from ...errors import Conflict, NotFound, Phrase
from ...models import Adjudication, AnnotationSet, Document, Project, User, utcnow
from ..annotation.documents_view import scheme_for
from ..annotation.sets import note_change
from ..annotation.span_queries import PARAGRAPH_AT
from ..events import record_event
from ..team.projects import role_in
from ..tx import transaction
from . import proposal_cache
from . import sources as src

GOLD_ROLES = ("admin", "lead", "adjudicator")
GOLD_OWNER_KEY = "gold"


def require_adjudicator(session: Session, user: User, project: Project) -> str:
    role = role_in(session, user, project)
    if role not in GOLD_ROLES:
        raise NotFound("no such document", "document")
    return role


def document_for(session: Session, user: User, document_public_id: str) -> tuple[Document, Project]:
    found = session.execute(select(Document, Project).join(Project, Project.id == Document.project_id)
                            .where(Document.public_id == document_public_id)).first()
    if found is None:
        raise NotFound("no such document", "document")
    document, project = found
    require_adjudicator(session, user, project)
    return document, project


@dataclass
class DocumentState:
    document: Document
    project: Project
    sets: list[src.CoderSet]  # every assigned set
    adjudication: Adjudication | None
    gold_set: AnnotationSet | None
    # Paragraphs already matched with this state (a decision, then its paragraph's redraw, in one request).
    paragraph_matches: dict = field(default_factory=dict, repr=False, compare=False)
    # What one request reads once however many steps use it: paragraph rows by index (the text
    # never changes), the project's current scheme.
    paragraph_rows: dict = field(default_factory=dict, repr=False, compare=False)
    current_scheme: tuple | None = field(default=None, repr=False, compare=False)

    @property
    def coders(self) -> list[src.CoderSet]:
        return src.done_sets(self.sets)

    @property
    def ready(self) -> bool:
        return src.is_ready(self.sets)

    @property
    def thresholds(self) -> Thresholds:
        return Thresholds.from_settings(self.project.settings)

    def scheme(self, session: Session):
        """(scheme, version id): the project's current scheme, read once for this state."""
        if self.current_scheme is None:
            self.current_scheme = scheme_for(session, self.project)
        return self.current_scheme

    def paragraph_row(self, session: Session, index: int | None):
        """The paragraph at ``index`` (a row of PARAGRAPH_COLUMNS), or None: read once for this state."""
        if index is None:
            return None
        if index not in self.paragraph_rows:
            self.paragraph_rows[index] = session.connection().execute(
                PARAGRAPH_AT, {"document_id": self.document.id, "paragraph_index": index}).first()
        return self.paragraph_rows[index]


def load_state(session: Session, document: Document, project: Project) -> DocumentState:
    found = session.execute(select(Adjudication, AnnotationSet)
                            .join(AnnotationSet, AnnotationSet.id == Adjudication.gold_set_id, isouter=True)
                            .where(Adjudication.document_id == document.id)).first()
    adjudication, gold = found if found is not None else (None, None)
    return DocumentState(document, project, src.coder_sets(session, [document.id]).get(document.id, []),
                         adjudication, gold)


def not_ready_message(state: DocumentState) -> Phrase:
    if not state.sets:
        return Phrase("this document is not ready for adjudication: nobody is assigned to it")
    return Phrase("this document is not ready for adjudication: {done} of {count} assigned sets are done",
                  done=len(state.coders), count=len(state.sets))


def gold_set_of(session: Session, document: Document) -> AnnotationSet:
    """The document's gold set (created on demand): owned by the project, not by a person."""
    gold = session.scalar(select(AnnotationSet).where(AnnotationSet.document_id == document.id,
                                                      AnnotationSet.owner_key == GOLD_OWNER_KEY))
    if gold is None:
        gold = AnnotationSet(document_id=document.id, owner_kind="gold", owner_key=GOLD_OWNER_KEY, user_id=None,
                             status="in_progress", assigned=True, assigned_at=utcnow(), started_at=utcnow())
        session.add(gold)
        session.flush()
    return gold


def start(session: Session, user: User, document_public_id: str) -> DocumentState:
    """Open a document for adjudication: the first opening creates its state and gold set."""
    document, project = document_for(session, user, document_public_id)
    state = load_state(session, document, project)
    if state.adjudication is not None:
        return state
    if not state.ready:
        raise Conflict(not_ready_message(state), "document")
    with transaction(session):
        gold = gold_set_of(session, document)
        adjudication = Adjudication(document_id=document.id, gold_set_id=gold.id, started_by_id=user.id)
        session.add(adjudication)
        session.flush()
        record_event(session, action="gold.start", entity="document", entity_id=document.public_id,
                     user_id=user.id, project_id=project.id, set_id=gold.id)
    return load_state(session, document, project)


def lock(session: Session, adjudication: Adjudication) -> None:
    """The decision's first write: the row lock two adjudicators take turns on."""
    session.connection().execute(_LOCK, {"adjudication_id": adjudication.id, "now": utcnow()})


_LOCK = (update(Adjudication.__table__).where(Adjudication.__table__.c.id == bindparam("adjudication_id"))
         .values(version=Adjudication.__table__.c.version + 1, updated_at=bindparam("now")))


def note_gold_change(session: Session, state: DocumentState) -> None:
    """What annotation.sets.note_change does to the gold set and its document (the caches key on
    both), as two plain updates, the objects in the session given the same values: a decision's
    writes then need no flush of the unit of work."""
    if state.gold_set.status == "not_started":  # the set starts too: the ordinary way
        note_change(session, state.gold_set, state.document)
        return
    now, revision = utcnow(), (state.document.revision or 0) + 1
    db = session.connection()
    db.execute(update(AnnotationSet.__table__).where(AnnotationSet.__table__.c.id == state.gold_set.id)
               .values(updated_at=now))
    db.execute(update(Document.__table__).where(Document.__table__.c.id == state.document.id)
               .values(revision=revision))
    set_committed_value(state.gold_set, "updated_at", now)
    set_committed_value(state.document, "revision", revision)


def proposal(session: Session, state: DocumentState, *, paragraph: int | None = None,
             extra_decisions: tuple[DecisionRef, ...] = (), decisions: list[DecisionRef] | None = None) -> Proposal:
    """The proposal for the whole document, or only the span units of one paragraph (a decision's
    redraw: spans never match across paragraphs, so this is the same units, read in less time).
    The whole document's matched spans and links come from proposal_cache while the done sets
    are unchanged; one paragraph is matched afresh (it is quicker than the cache's key).
    ``decisions``: the ones read_decisions gives for the same scope, when the caller already has them."""
    coders = state.coders
    if decisions is None:
        decisions = src.read_decisions(session, state.adjudication.id, kind="span" if paragraph is not None else None,
                                       paragraph=paragraph) if state.adjudication else []
    decisions = [*decisions, *extra_decisions]
    if paragraph is not None:
        match = state.paragraph_matches.get(paragraph)
        if match is None:
            row = state.paragraph_row(session, paragraph)
            if row is None:
                raise NotFound(Phrase("no paragraph {paragraph} in this document", paragraph=paragraph), "paragraph")
            match = match_spans([c.owner for c in coders], src.read_spans(session, coders, row.id))
            state.paragraph_matches[paragraph] = match
        return proposal_from_match(match, thresholds=state.thresholds, decisions=decisions)
    kept = kept_sources(session, state)
    return proposal_from_match(kept.match, kept.links, src.read_stances(session, coders, state.project.id),
                               src.read_frames(session, coders), thresholds=state.thresholds, decisions=decisions)


def sources_key(session: Session, state: DocumentState) -> tuple:
    return proposal_cache.sources_key(state.document.public_id, state.document.content_hash,
                                      state.project.current_scheme_id, state.coders,
                                      src.contents_fingerprint(session, state.coders))


def kept_sources(session: Session, state: DocumentState) -> proposal_cache.KeptSources:
    """The document's matched spans and links: kept, or matched now and kept."""
    key = sources_key(session, state)
    kept = proposal_cache.sources.get(key)
    if kept is None:
        coders = state.coders
        kept = proposal_cache.KeptSources(match_spans([c.owner for c in coders], src.read_spans(session, coders)),
                                          tuple(src.read_links(session, coders)))
        proposal_cache.sources.put(key, kept)
    return kept


def snapshot_of_sources(session: Session, state: DocumentState) -> dict:
    """What each coder's set holds now: {owner: {"status", "spans": {id: version}}}."""
    spans = src.read_spans(session, state.sets)
    found = {s.owner: {"status": s.status, "spans": {}} for s in state.sets}
    for span in spans:
        found[span.owner]["spans"][span.id] = span.version
    return found


def staleness(session: Session, state: DocumentState) -> list[Phrase]:
    """What changed in the source sets since the document was adjudicated (empty: not stale).
    Nothing in gold changes by itself: the adjudicator decides what to do about it."""
    adjudication = state.adjudication
    if adjudication is None or adjudication.status != "adjudicated":
        return []
    before, now = adjudication.sources_snapshot or {}, snapshot_of_sources(session, state)
    changes = []
    for owner in sorted(set(before) | set(now)):
        was, is_ = before.get(owner), now.get(owner)
        if was is None:
            changes.append(Phrase("{owner}'s set was assigned after adjudication", owner=owner))
            continue
        if is_ is None:
            changes.append(Phrase("{owner}'s set was unassigned after adjudication", owner=owner))
            continue
        if is_["status"] != "done":
            changes.append(Phrase("{owner} reopened their set ({status})", owner=owner,
                                  status=is_["status"].replace("_", " ")))
        added = len(set(is_["spans"]) - set(was["spans"]))
        removed = len(set(was["spans"]) - set(is_["spans"]))
        changed = sum(1 for k, v in is_["spans"].items() if k in was["spans"] and was["spans"][k] != v)
        if added or removed or changed:
            changes.append(Phrase("{owner}: {added} spans added, {changed} changed, {removed} removed",
                                  owner=owner, added=added, changed=changed, removed=removed))
    return changes
