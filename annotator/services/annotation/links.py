"""Directed, typed links between two spans of one set (evidence -> claim, claim -> major claim...).

Which labels may be linked, and with which types, is the scheme's link rules. Every refusal
names the field at fault; a refused link leaves nothing behind.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from ...domain.scheme import Scheme
from ...errors import Conflict, Invalid, NotFound, Phrase
from ...models import AnnotationSet, Document, Link, Project, Span, User, utcnow
from ..events import record_event
from ..team.projects import current_scheme
from .sets import check_version, note_change, writable_set
from ..tx import transaction


@dataclass(frozen=True)
class LinkView:
    """A link as the page lists it: numbered in reading order of the source span."""

    number: int
    public_id: str
    link_type: str
    version: int
    source_id: str
    source_label: str
    source_text: str
    target_id: str
    target_label: str
    target_text: str


def project_of_set(session: Session, aset: AnnotationSet) -> Project:
    return session.get(Project, session.get(Document, aset.document_id).project_id)


def span_in_set(session: Session, aset: AnnotationSet, span_public_id: str | None, field: str) -> Span:
    """A span of this set, or 404 naming the field: a span of any other set is not found (blindness)."""
    span = session.scalar(select(Span).where(Span.public_id == (span_public_id or ""), Span.set_id == aset.id))
    if span is None:
        raise NotFound("no span with this id in this annotation set", field)
    return span


def allowed_types(scheme: Scheme, source: Span, target: Span) -> tuple[str, ...]:
    return scheme.allowed_link_types(source.label, target.label)


def check_link(session: Session, aset: AnnotationSet, scheme: Scheme, source: Span, target: Span,
               link_type: str | None) -> tuple[str, ...]:
    """Every rule a new link must pass; returns the types the pair allows."""
    if source.id == target.id:
        raise Invalid("a span cannot be linked to itself", "target")
    types = allowed_types(scheme, source, target)
    names = label_names(scheme, source=source.label, target=target.label)
    if not types:
        raise Invalid("the scheme allows no link from {source} to {target}", "target", names=names)
    if link_type is not None and link_type not in types:
        raise Invalid("a link from {source} to {target} may not be of this type", "link_type", names=names)
    existing = session.scalar(select(Link.link_type).where(or_(
        (Link.source_span_id == source.id) & (Link.target_span_id == target.id),
        (Link.source_span_id == target.id) & (Link.target_span_id == source.id))))
    if existing is not None:
        raise Conflict("these two spans are already linked", "target")
    return types


def label_names(scheme: Scheme, **labels: str) -> dict[str, dict[str, str]]:
    """Placeholder -> the label's name in each language, for a Problem's ``names``."""
    names = {}
    for placeholder, key in labels.items():
        found = scheme.find_label(key)
        names[placeholder] = dict(found[1].names) if found else {"en": key.replace("_", " ")}
    return names


def link_choice(session: Session, user: User, set_public_id: str, source_id: str, target_id: str):
    """The types a link between two spans may take, checked as creation would check them."""
    aset = writable_set(session, user, set_public_id)
    scheme = current_scheme(session, project_of_set(session, aset))
    source = span_in_set(session, aset, source_id, "source")
    target = span_in_set(session, aset, target_id, "target")
    return aset, source, target, check_link(session, aset, scheme, source, target, None)


def create_link(session: Session, user: User, set_public_id: str, *, source_id: str, target_id: str,
                link_type: str, public_id: str | None = None) -> Link:
    """``public_id``: an undone deletion (services.history) brings the link back under its own id."""
    with transaction(session):
        aset = writable_set(session, user, set_public_id)
        project = project_of_set(session, aset)
        scheme = current_scheme(session, project)
        source = span_in_set(session, aset, source_id, "source")
        target = span_in_set(session, aset, target_id, "target")
        check_link(session, aset, scheme, source, target, link_type)
        link = Link(set_id=aset.id, source_span_id=source.id, target_span_id=target.id, link_type=link_type,
                    scheme_version_id=project.current_scheme_id)
        if public_id:
            link.public_id = public_id
        session.add(link)
        session.flush()
        note_change(session, aset)
        record_event(session, action="link.create", entity="link", entity_id=link.public_id, user_id=user.id,
                     project_id=project.id, set_id=aset.id, after=_snapshot(link, source, target))
    return link


def retype_link(session: Session, user: User, set_public_id: str, link_public_id: str, *, link_type: str,
                version: int | None = None) -> Link:
    with transaction(session):
        aset = writable_set(session, user, set_public_id)
        project = project_of_set(session, aset)
        link = _link_in_set(session, aset, link_public_id)
        if version is not None and version != link.version:
            raise Conflict("this link was changed elsewhere: reload to see its current type", "version")
        source, target = session.get(Span, link.source_span_id), session.get(Span, link.target_span_id)
        scheme = current_scheme(session, project)
        if link_type not in allowed_types(scheme, source, target):
            raise Invalid("a link from {source} to {target} may not be of this type", "link_type",
                          names=label_names(scheme, source=source.label, target=target.label))
        before = _snapshot(link, source, target)
        link.link_type = link_type
        link.updated_at = utcnow()
        session.flush()
        note_change(session, aset)
        record_event(session, action="link.update", entity="link", entity_id=link.public_id, user_id=user.id,
                     project_id=project.id, set_id=aset.id, before=before, after=_snapshot(link, source, target))
    return link


def delete_link(session: Session, user: User, set_public_id: str, link_public_id: str,
                version: int | None = None) -> None:
    with transaction(session):
        aset = writable_set(session, user, set_public_id)
        link = _link_in_set(session, aset, link_public_id)
        check_version(link, version, Phrase("this link"))
        before = _snapshot(link, session.get(Span, link.source_span_id), session.get(Span, link.target_span_id))
        session.delete(link)
        note_change(session, aset)
        record_event(session, action="link.delete", entity="link", entity_id=link.public_id, user_id=user.id,
                     project_id=project_of_set(session, aset).id, set_id=aset.id, before=before)


def links_of_set(session: Session, aset: AnnotationSet) -> list[LinkView]:
    """All links of a set in one query, numbered by where their source span starts in the text."""
    from ...models import Paragraph

    source, target = aliased(Span), aliased(Span)
    source_paragraph = aliased(Paragraph)
    rows = session.execute(
        select(Link, source, target)
        .join(source, Link.source_span_id == source.id)
        .join(target, Link.target_span_id == target.id)
        .join(source_paragraph, source.paragraph_id == source_paragraph.id)
        .where(Link.set_id == aset.id)
        .order_by(source_paragraph.index, source.start, Link.created_at, Link.id))
    return [LinkView(i, link.public_id, link.link_type, link.version, s.public_id, s.label, s.text,
                     t.public_id, t.label, t.text)
            for i, (link, s, t) in enumerate(rows, start=1)]


def links_of_span_count(session: Session, span: Span) -> int:
    """How many links go when this span is deleted (they cascade with it)."""
    return session.scalar(select(func.count(Link.id)).where(
        or_(Link.source_span_id == span.id, Link.target_span_id == span.id))) or 0


def _link_in_set(session: Session, aset: AnnotationSet, link_public_id: str) -> Link:
    link = session.scalar(select(Link).where(Link.public_id == link_public_id, Link.set_id == aset.id))
    if link is None:
        raise NotFound("no link with this id in this annotation set", "link")
    return link


def _snapshot(link: Link, source: Span, target: Span) -> dict:
    return {"type": link.link_type, "source": source.public_id, "source_label": source.label,
            "target": target.public_id, "target_label": target.label}
