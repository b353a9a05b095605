"""Projects, members and scheme versions."""
from __future__ import annotations

import hashlib
import json
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ...domain.scheme import DEFAULT_LANGUAGES, Scheme, SchemeChangeError, check_change
from ...errors import Conflict, Invalid, NotFound, Phrase
from ...models import ROLES, Membership, Project, SchemeVersion, Span, User
from ..events import record_event
from ..tx import transaction


def get_project(session: Session, name: str) -> Project:
    project = session.scalar(select(Project).where(Project.name == name))
    if project is None:
        raise NotFound(Phrase("no project named '{name}'", name=name), "project")
    return project


def create_project(session: Session, name: str, scheme_text: str, *, time_zone: str = "UTC",
                   user: User | None = None) -> Project:
    try:
        ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise Invalid(Phrase("unknown time zone '{zone}'", zone=time_zone), "time_zone") from exc
    scheme, data = _parse(scheme_text)
    with transaction(session):
        if session.scalar(select(Project).where(Project.name == name)):
            raise Conflict(Phrase("a project named '{name}' already exists", name=name), "name")
        project = Project(name=name, time_zone=time_zone, settings={"annotators_per_document": 2})
        session.add(project)
        session.flush()
        version = _add_version(session, project, scheme_text, data, user)
        project.current_scheme_id = version.id
        record_event(session, action="project.create", entity="project", entity_id=project.public_id,
                     user_id=user.id if user else None, project_id=project.id,
                     after={"name": name, "time_zone": time_zone, "scheme_version": version.version})
    return project


def load_scheme(session: Session, project: Project, scheme_text: str, *,
                renames: dict[str, str] | None = None, user: User | None = None) -> SchemeVersion:
    """Store a changed scheme as a new version (an unchanged one returns the current version)."""
    scheme, data = _parse(scheme_text)
    renames = renames or {}
    with transaction(session):
        current = session.get(SchemeVersion, project.current_scheme_id)
        if current is not None and current.content_hash == _hash(data) and not renames:
            return current
        in_use = _labels_in_use(session, project)
        try:
            check_change(scheme, in_use, renames)
        except SchemeChangeError as exc:
            raise Invalid(exc.problem, exc.field) from exc
        version = _add_version(session, project, scheme_text, data, user)
        moved = _apply_renames(session, project, scheme, renames)
        project.current_scheme_id = version.id
        record_event(session, action="scheme.load", entity="project", entity_id=project.public_id,
                     user_id=user.id if user else None, project_id=project.id,
                     after={"version": version.version, "renames": renames, "moved": moved})
    return version


def current_scheme(session: Session, project: Project) -> Scheme:
    version = session.get(SchemeVersion, project.current_scheme_id)
    return scheme_of(version)


_SCHEME_CACHE: dict[str, Scheme] = {}


def cached_scheme(content_hash: str) -> Scheme | None:
    return _SCHEME_CACHE.get(content_hash)


def scheme_of(version: SchemeVersion) -> Scheme:
    """Versions are immutable, so their parsed form is cached for the process's life, by content
    hash: an id names different content in another database (each test has its own)."""
    scheme = _SCHEME_CACHE.get(version.content_hash)
    if scheme is None:
        # Here, not at the top: `annotator import` reads no scheme, and the scheme's schema costs
        # marshmallow (and YAML) to import.
        from ...schemas.scheme import load_scheme_data

        scheme = _SCHEME_CACHE[version.content_hash] = load_scheme_data(version.content)
    return scheme


def scheme_name_and_languages(version: SchemeVersion) -> tuple[str, tuple[str, ...]]:
    """What the interchange file's header and an export's language check need, read from the
    stored content (validated on the way in) when the parsed scheme is not cached: parsing it
    would import marshmallow, a tenth of `annotator export --format jsonl`'s time."""
    scheme = _SCHEME_CACHE.get(version.content_hash)
    if scheme is not None:
        return scheme.name, scheme.languages
    return version.content["name"], tuple(version.content.get("languages", DEFAULT_LANGUAGES))


def add_member(session: Session, project: Project, user: User, role: str, *, by: User | None = None) -> Membership:
    if role not in ROLES:
        raise Invalid(Phrase("unknown role '{role}' (expected one of {choices})", ", ", role=role, choices=list(ROLES)), "role")
    with transaction(session):
        membership = session.scalar(
            select(Membership).where(Membership.project_id == project.id, Membership.user_id == user.id))
        before = {"role": membership.role} if membership else None
        if membership is None:
            membership = Membership(project_id=project.id, user_id=user.id, role=role)
            session.add(membership)
        membership.role = role
        session.flush()
        record_event(session, action="member.set", entity="membership", entity_id=user.public_id,
                     user_id=by.id if by else None, project_id=project.id, before=before,
                     after={"user": user.username, "role": role})
    return membership


def role_in(session: Session, user: User, project: Project) -> str | None:
    if user.is_admin:
        return "admin"
    return session.scalar(
        select(Membership.role).where(Membership.project_id == project.id, Membership.user_id == user.id))


def projects_for(session: Session, user: User) -> list[tuple[Project, str]]:
    if user.is_admin:
        return [(p, "admin") for p in session.scalars(select(Project).order_by(Project.name))]
    rows = session.execute(
        select(Project, Membership.role).join(Membership, Membership.project_id == Project.id)
        .where(Membership.user_id == user.id).order_by(Project.name))
    return [(p, role) for p, role in rows]


def _parse(text: str) -> tuple[Scheme, dict]:
    from ...schemas.scheme import SchemeFileError, parse_scheme_text

    try:
        return parse_scheme_text(text)
    except SchemeFileError as exc:
        raise Invalid(Phrase("scheme: {field}: {problem}", field=exc.field, problem=exc.problem), exc.field) from exc


def _hash(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _add_version(session, project, text, data, user) -> SchemeVersion:
    latest = session.scalar(select(func.max(SchemeVersion.version)).where(SchemeVersion.project_id == project.id))
    version = SchemeVersion(project_id=project.id, version=(latest or 0) + 1, content=data, source_text=text,
                            content_hash=_hash(data), created_by_id=user.id if user else None)
    session.add(version)
    session.flush()
    return version


def _labels_in_use(session: Session, project: Project) -> set[str]:
    """Span labels and frames that annotations of the project carry."""
    from ...models import AnnotationSet, Document, FrameChoice

    in_use: set[str] = set()
    for column, model in ((Span.label, Span), (FrameChoice.frame, FrameChoice)):
        in_use.update(session.scalars(
            select(column).join(AnnotationSet, model.set_id == AnnotationSet.id)
            .join(Document, AnnotationSet.document_id == Document.id)
            .where(Document.project_id == project.id).distinct()))
    return in_use


def _apply_renames(session: Session, project: Project, scheme: Scheme, renames: dict[str, str]) -> int:
    """Move annotations from old label keys to new ones (span labels and frames alike)."""
    from ...models import AnnotationSet, Document, FrameChoice

    set_ids = select(AnnotationSet.id).join(Document, AnnotationSet.document_id == Document.id).where(
        Document.project_id == project.id)
    frame_keys = {label.key for label in scheme.frames.labels}
    moved = 0
    for old, new in renames.items():
        if new in frame_keys:
            statement = update(FrameChoice).where(FrameChoice.frame == old, FrameChoice.set_id.in_(set_ids)).values(frame=new)
        else:
            layer_key = scheme.find_label(new)[0].key
            statement = update(Span).where(Span.label == old, Span.set_id.in_(set_ids)).values(label=new, layer=layer_key)
        result = session.execute(statement.execution_options(synchronize_session=False))
        moved += result.rowcount or 0
    return moved
