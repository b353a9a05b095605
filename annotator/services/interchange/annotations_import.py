"""`annotator import-annotations`: load an interchange file (docs/formats.md), all of it or nothing.

Three steps, and nothing is written unless the first two find no error at all:
1. read and check the file on its own and against the scheme (annotator.export.jsonl_reader,
   jsonl_checks), collecting every error with its line and field;
2. match it to the project: existing documents (by external id, then content hash), actors (by
   name), users, and annotation sets; spans on existing documents are re-anchored by their
   quoted text;
3. write it in one transaction (interchange_writes), with events and revision bumps.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...domain import usernames
from ...domain.scheme import Scheme
from ...errors import Invalid, Phrase, Plural
from ...export.anchoring import anchor
from ...export.jsonl_checks import Owner, check_interchange, document_of, owner_of
from ...export.jsonl_reader import InterchangeFile, Record, read_interchange
from ...models import (
    Actor, AnnotationSet, Document, FrameChoice, Link, Paragraph, Project, Span, Stance, User,
)
from .annotations_writes import write_interchange
from .gold_import import match_adjudications
from ..team.projects import current_scheme
from ..annotation.stances import _check_scheme as check_stance_against_scheme
from ..tx import transaction

LISTED_ERRORS = 50


@dataclass
class ImportSummary:
    created: dict[str, int]
    notes: list[str] = field(default_factory=list)


@dataclass
class ImportPlan:
    """What the file's records become: existing rows they join, and where spans land."""

    owners: dict[str, Owner] = field(default_factory=dict)  # set id -> owner
    users: dict[str, User | None] = field(default_factory=dict)  # username -> user (None: create)
    actors: dict[str, Actor | None] = field(default_factory=dict)  # actor id -> actor (None: create)
    documents: dict[str, Document | None] = field(default_factory=dict)  # document id -> document
    paragraphs: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # document -> (id, text)
    reused_sets: dict[str, AnnotationSet] = field(default_factory=dict)  # set id -> empty existing set
    anchors: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # span id -> paragraph, start, end
    notes: list[str] = field(default_factory=list)
    deciders: dict[str, int] = field(default_factory=dict)  # username -> user id (adjudication records)


def import_interchange(session: Session, project: Project, lines: Iterable[bytes], *, create_users: bool = False,
                       model_name: str | None = None, user: User | None = None) -> ImportSummary:
    if model_name is not None and not 0 < len(model_name) <= 190:
        raise Invalid("a model name has 1 to 190 characters", "model")
    return import_parsed(session, project, read_interchange(lines), create_users=create_users,
                         model_name=model_name, user=user)


def import_parsed(session: Session, project: Project, parsed: InterchangeFile, *, create_users: bool = False,
                  model_name: str | None = None, user: User | None = None,
                  scheme: Scheme | None = None) -> ImportSummary:
    """Check and write records already read (from our JSONL, or converted from another format)."""
    # Lines that do not read stop here: checking references to them would only echo their errors.
    _refuse_if_wrong(parsed)
    scheme = scheme or current_scheme(session, project)
    check_interchange(parsed, scheme, model_name=model_name)
    for stance in parsed.records["stance"].values():
        try:  # the stance rules of the annotation page, applied as they are
            check_stance_against_scheme(scheme, stance["value"], stance["intensity"], stance["paragraph"])
        except Invalid as exc:
            parsed.error(stance, f"stance.{exc.field}", exc.template if isinstance(exc.template, Phrase) else
                         Phrase(exc.message))
    with transaction(session):
        plan = _plan(session, project, parsed, create_users=create_users, model_name=model_name)
        _refuse_if_wrong(parsed)  # raised inside the transaction: it rolls back, nothing is kept
        created = write_interchange(session, project, parsed, plan, model_name=model_name, user=user)
    return ImportSummary(created, plan.notes)


def _refuse_if_wrong(parsed: InterchangeFile) -> None:
    if not parsed.errors:
        return
    errors = sorted(parsed.errors, key=lambda e: (e.line, e.field))
    listed = Phrase("{lines}", "\n", lines=[Phrase("  {error}", error=e.phrase) for e in errors[:LISTED_ERRORS]])
    more = Phrase("\n  ... and {count} more", count=len(errors) - LISTED_ERRORS) if len(errors) > LISTED_ERRORS else ""
    # Each listed error names its own line and field; the problem as a whole has no single field.
    raise Invalid(Plural("{count} error(s), nothing was imported:\n{listed}{more}",
                         "{count} error(s), nothing was imported:\n{listed}{more}", len(errors), listed=listed, more=more),
                  None,
                  errors=[e.to_dict() for e in errors])


def _plan(session: Session, project: Project, parsed: InterchangeFile, *, create_users: bool,
          model_name: str | None) -> ImportPlan:
    plan = ImportPlan()
    records = parsed.records
    plan.owners = {sid: owner_of(s["annotator"], model_name) for sid, s in records["set"].items()}
    _match_users(session, parsed, plan, create_users)
    names = {a["name"] for a in records["actor"].values()}
    existing_actors = {a.canonical_name: a for a in session.scalars(
        select(Actor).where(Actor.project_id == project.id, Actor.canonical_name.in_(names)))} if names else {}
    plan.actors = {aid: existing_actors.get(a["name"]) for aid, a in records["actor"].items()}
    _match_documents(session, project, parsed, plan)
    _match_sets(session, parsed, plan)
    _anchor_spans(parsed, plan)
    match_adjudications(session, parsed, plan)
    return plan


def _match_users(session: Session, parsed: InterchangeFile, plan: ImportPlan, create_users: bool) -> None:
    first_line: dict[str, Record] = {}
    for sid, owner in plan.owners.items():
        if owner is not None and owner.kind == "user":
            first_line.setdefault(owner.name, parsed.records["set"][sid])
    found = {u.username: u for u in session.scalars(select(User).where(User.username.in_(first_line)))}
    for username, record in first_line.items():
        if username in found:
            plan.users[username] = found[username]
        elif create_users:
            # Under the same name rule as any new user (services.accounts.rules), look-alikes included.
            problem = _name_problem(username, [n for n, u in plan.users.items() if u is None], session)
            if problem:
                parsed.error(record, "set.annotator", Phrase("cannot create the user '{name}': {problem}",
                                                                   name=username, problem=problem))
            else:
                plan.users[username] = None
        else:
            parsed.error(record, "set.annotator", Phrase("no user named '{name}' here (import with --create-users "
                                                         "to create the annotators a file names)", name=username))


def _name_problem(username: str, also_new: list[str], session: Session) -> Phrase | None:
    try:
        name = usernames.check(username)
    except usernames.UsernameProblem as exc:
        return Phrase("the user name {problem}", problem=exc.args[0] if exc.args else str(exc))
    if name != username:
        return Phrase("the user name must be written in its normal form ('{name}')", name=name)
    existing = list(session.scalars(select(User.username))) + also_new
    lookalike = usernames.confusable_with(name, existing)
    return Phrase("it looks too much like the user '{name}'", name=lookalike) if lookalike else None


def _match_documents(session: Session, project: Project, parsed: InterchangeFile, plan: ImportPlan) -> None:
    rows = session.scalars(select(Document).where(Document.project_id == project.id))
    by_external = {d.external_id: d for d in rows}
    by_hash = {d.content_hash: d for d in by_external.values()}
    for did, record in parsed.records["document"].items():
        existing = by_external.get(record["external_id"]) or by_hash.get(record["content_hash"] or "")
        plan.documents[did] = existing
    known = [d.id for d in plan.documents.values() if d is not None]
    if not known:
        return
    for document_id, paragraph_id, text in session.execute(
            select(Paragraph.document_id, Paragraph.id, Paragraph.text)
            .where(Paragraph.document_id.in_(known)).order_by(Paragraph.document_id, Paragraph.index)):
        plan.paragraphs.setdefault(document_id, []).append((paragraph_id, text))
    plan.notes.append(Plural("{count} document(s) already in the project: their annotations were anchored on the "
                             "stored text", "{count} document(s) already in the project: their annotations were "
                             "anchored on the stored text", len(known)))


def _match_sets(session: Session, parsed: InterchangeFile, plan: ImportPlan) -> None:
    """A set the project already has is filled only while it is empty: work is never overwritten."""
    known = {d.id for d in plan.documents.values() if d is not None}
    if not known:
        return
    existing = {(s.document_id, s.owner_key): s for s in session.scalars(
        select(AnnotationSet).where(AnnotationSet.document_id.in_(known)))}
    set_ids = [s.id for s in existing.values()]
    busy = set()
    for model in (Span, Link, Stance, FrameChoice):
        busy |= set(session.scalars(select(model.set_id).where(model.set_id.in_(set_ids)).distinct()))
    user_ids = {name: u.id for name, u in plan.users.items() if u is not None}
    for sid, record in parsed.records["set"].items():
        document, owner = plan.documents.get(record["document"]), plan.owners[sid]
        if document is None or owner is None:
            continue
        key = {"user": f"user:{user_ids.get(owner.name)}", "gold": "gold"}.get(owner.kind, f"model:{owner.name}")
        found = existing.get((document.id, key))
        if found is None:
            continue
        if found.id in busy:
            parsed.error(record, "set.annotator", Phrase("document '{document}' already has annotations by {owner}; "
                                                         "they are never overwritten", document=document.external_id,
                                                         owner=owner.label))
        else:
            plan.reused_sets[sid] = found


def _anchor_spans(parsed: InterchangeFile, plan: ImportPlan) -> None:
    moved = 0
    texts_of: dict[str, list[str]] = {}  # document id in the file -> the paragraph texts spans go into
    for did, record in parsed.records["document"].items():
        stored = plan.documents.get(did)
        texts_of[did] = ([text for _, text in plan.paragraphs.get(stored.id, [])] if stored is not None
                         else [p["text"] for p in record["paragraphs"]])
    for span_id, span in parsed.records["span"].items():
        document = document_of(parsed, span)
        if document is None:
            continue  # a missing set or document: already an error of its own
        stored = plan.documents.get(document["id"])
        if stored is None and span["paragraph"] >= len(document["paragraphs"]):
            continue  # likewise a missing paragraph
        place = anchor(texts_of[document["id"]], span["paragraph"], span["start"], span["end"], span["text"],
                       search=stored is not None)
        if place is None:
            where = (Phrase("the quoted text is not in document '{document}'", document=document["external_id"])
                     if stored is not None else
                     Phrase("the quoted text is not in paragraph {number} at {start}-{end}", number=span["paragraph"],
                            start=span["start"], end=span["end"]))
            parsed.error(span, "span.text", where)
            continue
        moved += place != (span["paragraph"], span["start"], span["end"])
        plan.anchors[span_id] = place
    for kind in ("stance", "frame"):
        for record in parsed.records[kind].values():
            document = document_of(parsed, record)
            stored = plan.documents.get(document["id"]) if document else None
            if stored is not None and record["paragraph"] is not None \
                    and record["paragraph"] >= len(plan.paragraphs.get(stored.id, [])):
                parsed.error(record, f"{kind}.paragraph",
                             Phrase("document '{document}' has no paragraph {number}",
                                    document=stored.external_id, number=record["paragraph"]))
    if moved:
        plan.notes.append(Plural("{count} span(s) re-anchored by their quoted text",
                                 "{count} span(s) re-anchored by their quoted text", moved))
