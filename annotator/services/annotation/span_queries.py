"""The statements of a span save, built once at import.

Saving a span is the request annotators make most, a whole team at once. Building a SQLAlchemy
statement costs several times more than running one already built (its compiled form is cached
on it), and the ORM's unit of work costs more again; so the save path runs these Core statements
on the session's connection, inside the service's transaction: two reads, two small updates, one
read of the paragraph's marks and two inserts.
"""
from __future__ import annotations

from sqlalchemy import Text, bindparam, case, func, insert, or_, select, type_coerce, update
from sqlalchemy.orm import aliased

from ...models import AnnotationSet, Document, Event, Link, Paragraph, Project, SchemeVersion, Span

# The columns of a paragraph, and of a span as services.annotation.documents_view.mark_of reads it. A long
# document holds a thousand spans: columns rather than ORM objects, read on the connection rather
# than through the ORM, and the attributes as raw JSON decoded only when not empty (PostgreSQL's
# driver decodes them itself) each made reading them several times faster.
MARK_COLUMNS = (Span.paragraph_id, Span.public_id, Span.label, Span.layer, Span.start, Span.end, Span.version,
                type_coerce(Span.attributes, Text).label("attributes"))
PARAGRAPH_COLUMNS = (Paragraph.id, Paragraph.index, Paragraph.kind, Paragraph.text, Paragraph.language,
                     Paragraph.direction)

# A set to write into, with what a save needs from its document and project: the owner and status
# for the access check, the direction and language for the redrawn paragraph, the current scheme.
SET_TO_WRITE = (
    select(AnnotationSet.id, AnnotationSet.user_id, AnnotationSet.assigned, AnnotationSet.status,
           Document.id.label("document_id"), Document.project_id, Document.direction, Document.language,
           SchemeVersion.id.label("scheme_version_id"), SchemeVersion.content_hash)
    .join(Document, Document.id == AnnotationSet.document_id)
    .join(Project, Project.id == Document.project_id)
    .join(SchemeVersion, SchemeVersion.id == Project.current_scheme_id)
    .where(AnnotationSet.public_id == bindparam("set_public_id"))
)

OWN_SET = select(AnnotationSet.id).where(
    AnnotationSet.public_id == bindparam("set_public_id"), AnnotationSet.user_id == bindparam("user_id"),
    AnnotationSet.assigned.is_(True))

PARAGRAPH_AT = select(*PARAGRAPH_COLUMNS).where(Paragraph.document_id == bindparam("document_id"),
                                                 Paragraph.index == bindparam("paragraph_index"))

MARKS_OF_PARAGRAPH = select(*MARK_COLUMNS).where(Span.set_id == bindparam("set_id"),
                                                Span.paragraph_id == bindparam("paragraph_id"))

# The transaction's first write, and so its write lock: a set marked done (another tab) or taken
# from the user (a lead) since the check matches no row. A first change starts the set.
_STARTING = AnnotationSet.status == "not_started"
START_CHANGE = (
    update(AnnotationSet)
    .where(AnnotationSet.id == bindparam("set_id"), AnnotationSet.user_id == bindparam("owner_id"),
           AnnotationSet.assigned.is_(True), AnnotationSet.status != "done")
    .values(status=case((_STARTING, "in_progress"), else_=AnnotationSet.status),
            started_at=case((_STARTING, bindparam("now")), else_=AnnotationSet.started_at),
            updated_at=bindparam("now"))
)

# Caches of derived results (agreement) key on the document's revision.
BUMP_REVISION = (update(Document).where(Document.id == bindparam("document_id"))
                 .values(revision=func.coalesce(Document.revision, 0) + 1))

# The links that hold a span, each with its two spans' public ids: what a deleted span's event
# keeps so that an undo brings them back (services.annotation.spans.held_by).
_SOURCE, _TARGET = aliased(Span), aliased(Span)
LINKS_HOLDING = (select(Link.public_id, Link.link_type, _SOURCE.public_id.label("source"),
                        _TARGET.public_id.label("target"))
                 .join(_SOURCE, _SOURCE.id == Link.source_span_id).join(_TARGET, _TARGET.id == Link.target_span_id)
                 .where(or_(Link.source_span_id == bindparam("span_id"), Link.target_span_id == bindparam("span_id")))
                 .order_by(Link.id))

INSERT_SPAN = insert(Span)
INSERT_EVENT = insert(Event)
