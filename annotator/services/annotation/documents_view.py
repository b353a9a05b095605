"""What the annotation pages show, loaded in a fixed number of queries whatever the document's size.

A document page is: the set (with its access check), the document, the project and its scheme,
all paragraphs in one query and all the set's spans in one more; marks are cut server-side by
annotator.domain.rendering. "My documents" is one query for the sets and one per count.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...domain.rendering import Segment, SpanMark, segment_paragraph
from ...domain.scheme import Scheme
from ...errors import NotFound, Phrase
from ...models import AnnotationSet, Document, Paragraph, Project, SchemeVersion, Span, User
from ..recommenders.ordering import uncertainty_by_project
from ..team.projects import cached_scheme, scheme_of
from .span_queries import MARK_COLUMNS, PARAGRAPH_COLUMNS
from .sets import readable_set

KIND_TAGS = {"title": "h1", "heading": "h2", "body": "p", "quote": "blockquote"}


@dataclass
class ParagraphView:
    index: int
    kind: str
    tag: str
    direction: str
    language: str | None
    text: str
    marks: list[SpanMark]
    segments: list[Segment]

    @property
    def span_count(self) -> int:
        return len(self.marks)


@dataclass
class DocumentView:
    aset: AnnotationSet
    document: Document
    project: Project
    scheme: Scheme
    scheme_version_id: int
    paragraphs: list[ParagraphView]
    editable: bool  # the reader owns the set and it is not done
    owner: bool  # the reader is the set's annotator (a lead reading someone's set is not)

    @property
    def span_count(self) -> int:
        return sum(p.span_count for p in self.paragraphs)

    @property
    def has_title_paragraph(self) -> bool:
        return any(p.kind == "title" for p in self.paragraphs)


@dataclass
class MyDocument:
    set_public_id: str
    document_public_id: str
    project_public_id: str
    project_name: str
    title: str
    language: str
    direction: str
    status: str
    skip_reason: str | None
    paragraphs: int = 0
    spans: int = 0


@dataclass
class MyDocuments:
    rows: list[MyDocument]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def finished(self) -> int:
        return self.counts.get("done", 0) + self.counts.get("skipped", 0)


def mark_of(span) -> SpanMark:
    """A Span, or a row of MARK_COLUMNS (public_id, label, layer, start, end, version, attributes)."""
    attributes = span.attributes
    if isinstance(attributes, str):  # the raw JSON of MARK_COLUMNS: most spans have none
        attributes = json.loads(attributes) if attributes != "{}" else None
    return SpanMark(span.public_id, span.label, span.layer, span.start, span.end, span.version,
                    tuple(sorted(attributes.items())) if attributes else ())


def marks_in(session: Session, set_id: int, paragraph_id: int | None = None) -> list[SpanMark]:
    """The set's spans (in one paragraph): read on the connection, so changes still pending in the
    session are not flushed first."""
    query = select(*MARK_COLUMNS).where(Span.set_id == set_id)
    if paragraph_id is not None:
        query = query.where(Span.paragraph_id == paragraph_id)
    return [mark_of(row) for row in session.connection().execute(query)]


def scheme_for(session: Session, project: Project | int) -> tuple[Scheme, int]:
    """The current scheme of a project (or project id) and its version id, in one small query."""
    project_id = project if isinstance(project, int) else project.id
    version_id, content_hash = session.execute(
        select(SchemeVersion.id, SchemeVersion.content_hash)
        .join(Project, Project.current_scheme_id == SchemeVersion.id).where(Project.id == project_id)).one()
    return scheme_of_version(session, version_id, content_hash), version_id


def scheme_of_version(session: Session, version_id: int, content_hash: str) -> Scheme:
    """A version never changes, so its parsed scheme is kept by content hash (ids repeat across
    databases) and the large version row is read once per process."""
    return cached_scheme(content_hash) or scheme_of(session.get(SchemeVersion, version_id))


def paragraph_view(paragraph, document: Document, marks: list[SpanMark]) -> ParagraphView:
    """``paragraph`` is a Paragraph or a row of PARAGRAPH_COLUMNS."""
    marks = sorted(marks, key=lambda m: (m.start, -m.end, m.span_id))
    return ParagraphView(
        index=paragraph.index, kind=paragraph.kind, tag=KIND_TAGS.get(paragraph.kind, "p"),
        direction=paragraph.direction or document.direction, language=paragraph.language or document.language,
        text=paragraph.text, marks=marks, segments=segment_paragraph(paragraph.text, marks))


def document_view(session: Session, user: User, set_public_id: str) -> DocumentView:
    aset = readable_set(session, user, set_public_id)
    document = session.get(Document, aset.document_id)
    project = session.get(Project, document.project_id)
    scheme, version_id = scheme_for(session, project)
    db = session.connection()
    paragraphs = db.execute(
        select(*PARAGRAPH_COLUMNS).where(Paragraph.document_id == document.id).order_by(Paragraph.index)).all()
    marks_by_paragraph: dict[int, list[SpanMark]] = defaultdict(list)
    for row in db.execute(select(*MARK_COLUMNS).where(Span.set_id == aset.id)):
        marks_by_paragraph[row.paragraph_id].append(mark_of(row))
    owner = aset.user_id == user.id
    return DocumentView(
        aset=aset, document=document, project=project, scheme=scheme, scheme_version_id=version_id,
        paragraphs=[paragraph_view(p, document, marks_by_paragraph[p.id]) for p in paragraphs],
        editable=owner and aset.status != "done", owner=owner)


def one_paragraph(session: Session, aset: AnnotationSet, index: int) -> ParagraphView:
    """One paragraph of a set's document as it stands now: what a swap after a change draws."""
    document = session.get(Document, aset.document_id)
    paragraph = session.execute(select(*PARAGRAPH_COLUMNS).where(
        Paragraph.document_id == document.id, Paragraph.index == index)).first()
    if paragraph is None:
        raise NotFound(Phrase("the document has no paragraph {index}", index=index), "paragraph")
    return paragraph_view(paragraph, document, marks_in(session, aset.id, paragraph.id))


def paragraph_data(view: ParagraphView) -> dict:
    """A paragraph as JSON clients get it with a 409: its text and the set's spans in it."""
    return {"index": view.index, "text": view.text, "spans": [
        {"id": m.span_id, "label": m.label, "layer": m.layer, "start": m.start, "end": m.end,
         "version": m.version, "attributes": dict(m.attributes)} for m in view.marks]}


def my_documents(session: Session, user: User, project: Project | None = None) -> MyDocuments:
    """The user's assigned sets (optionally in one project) with progress, unfinished ones first."""
    query = (select(AnnotationSet, Document.public_id, Document.title, Document.language, Document.direction,
                    Project.public_id, Project.name, Document.id, Project.id)
             .join(Document, AnnotationSet.document_id == Document.id)
             .join(Project, Document.project_id == Project.id)
             .where(AnnotationSet.user_id == user.id, AnnotationSet.assigned, AnnotationSet.owner_kind == "user"))
    if project is not None:
        query = query.where(Project.id == project.id)
    rows = session.execute(query).all()
    set_ids = [row[0].id for row in rows]
    document_ids = [row[7] for row in rows]
    span_counts = dict(session.execute(
        select(Span.set_id, func.count(Span.id)).where(Span.set_id.in_(set_ids)).group_by(Span.set_id)).all()) \
        if set_ids else {}
    paragraph_counts = dict(session.execute(
        select(Paragraph.document_id, func.count(Paragraph.id)).where(Paragraph.document_id.in_(document_ids))
        .group_by(Paragraph.document_id)).all()) if document_ids else {}
    order = {"in_progress": 0, "not_started": 1, "skipped": 2, "done": 3}
    found = [
        MyDocument(set_public_id=aset.public_id, document_public_id=doc_pid, project_public_id=project_pid,
                   project_name=project_name, title=title or "", language=language, direction=direction,
                   status=aset.status, skip_reason=aset.skip_reason, paragraphs=paragraph_counts.get(doc_id, 0),
                   spans=span_counts.get(aset.id, 0))
        for aset, doc_pid, title, language, direction, project_pid, project_name, doc_id, _project_id in rows
    ]
    assigned_at = {row[0].public_id: (row[0].assigned_at or row[0].updated_at) for row in rows}
    # Active ordering (a lead's option): not-started documents most uncertain first, by the scores
    # the last training stored (services.recommenders.ordering); unscored ones after, as before.
    scores = uncertainty_by_project(session, {row[8] for row in rows})
    uncertain = {row[0].public_id: scores[row[8]][row[1]] for row in rows
                 if row[0].status == "not_started" and row[1] in scores.get(row[8], {})}
    found.sort(key=lambda d: (order.get(d.status, 9), d.set_public_id not in uncertain,
                              -uncertain.get(d.set_public_id, 0.0), assigned_at[d.set_public_id], d.title))
    counts: dict[str, int] = defaultdict(int)
    for row in found:
        counts[row.status] += 1
    return MyDocuments(found, dict(counts))
