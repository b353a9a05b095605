"""Documents for tests, built straight into the database (the import service is tested on its own)."""
from __future__ import annotations

import hashlib
import itertools
from datetime import datetime

from sqlalchemy import select

from annotator.models import AnnotationSet, Document, Paragraph, Project, User, utcnow
from annotator.models import Actor, Event, FrameChoice, Link, Mention, MentionConfirmation, Span, Stance
from annotator.services.annotation.sets import user_set
from annotator.services.tx import transaction

_numbers = itertools.count(1)


def make_document(session, project: Project, paragraphs=None, language: str = "en",
                  direction: str | None = None, *, title: str | None = None,
                  external_id: str | None = None) -> Document:
    """A document with ``paragraphs`` as (kind, text) pairs, in order; rtl for Arabic unless told."""
    paragraphs = list(paragraphs if paragraphs is not None else [("title", "A title"), ("body", "Some text.")])
    direction = direction or ("rtl" if language == "ar" else "ltr")
    if title is None:
        title = next((text for kind, text in paragraphs if kind == "title"), "Untitled")
    digest = hashlib.sha256("\x1e".join(text for _, text in paragraphs).encode()).hexdigest()
    with transaction(session):
        document = Document(project_id=project.id, external_id=external_id or f"doc-{next(_numbers)}",
                            title=title, language=language, direction=direction, content_hash=digest)
        document.paragraphs = [Paragraph(index=i, kind=kind, text=text) for i, (kind, text) in enumerate(paragraphs)]
        session.add(document)
    return document


def assign(session, document: Document, user: User) -> AnnotationSet:
    """The user's set for the document, assigned now."""
    with transaction(session):
        aset = user_set(session, document, user)
        aset.assigned = True
        aset.assigned_at = utcnow()
    return aset


# --- below: helpers for assignment, progress and agreement tests (rows written directly) ---

def _scheme_version_id(session, aset) -> int:
    document = session.get(Document, aset.document_id)
    return session.get(Project, document.project_id).current_scheme_id


def paragraph_of(session, aset_or_document, index: int) -> Paragraph:
    document_id = getattr(aset_or_document, "document_id", None) or aset_or_document.id
    return session.scalar(select(Paragraph).where(Paragraph.document_id == document_id, Paragraph.index == index))


def add_span(session, aset, paragraph: int, label: str, start: int, end: int, *, layer: str | None = None,
             attributes: dict | None = None) -> Span:
    para = paragraph_of(session, aset, paragraph)
    layer = layer or ("argument" if label in ("major_claim", "claim", "evidence") else "technique")
    span = Span(set_id=aset.id, paragraph_id=para.id, layer=layer, label=label, start=start, end=end,
                text=para.text[start:end], attributes=attributes or {},
                scheme_version_id=_scheme_version_id(session, aset))
    session.add(span)
    session.commit()
    return span


def add_link(session, aset, source: Span, target: Span, link_type: str = "supports") -> Link:
    link = Link(set_id=aset.id, source_span_id=source.id, target_span_id=target.id, link_type=link_type,
                scheme_version_id=_scheme_version_id(session, aset))
    session.add(link)
    session.commit()
    return link


def make_actor(session, project, name: str, **fields) -> Actor:
    actor = Actor(project_id=project.id, canonical_name=name, **fields)
    session.add(actor)
    session.commit()
    return actor


def add_stance(session, aset, actor, value: str, intensity: int | None = None, *,
               paragraph: int | None = None) -> Stance:
    paragraph_id = paragraph_of(session, aset, paragraph).id if paragraph is not None else None
    stance = Stance(set_id=aset.id, actor_id=actor.id, paragraph_id=paragraph_id, value=value,
                    intensity=intensity, scheme_version_id=_scheme_version_id(session, aset))
    session.add(stance)
    session.commit()
    return stance


def add_frame(session, aset, frame: str, *, primary: bool = False) -> FrameChoice:
    choice = FrameChoice(set_id=aset.id, frame=frame, is_primary=primary,
                         scheme_version_id=_scheme_version_id(session, aset))
    session.add(choice)
    session.commit()
    return choice


def add_mention(session, document, actor, *, paragraph: int = 0, start: int = 0, end: int = 1,
                uncertain: bool = False, aset=None) -> Mention:
    para = paragraph_of(session, document, paragraph)
    mention = Mention(document_id=document.id, paragraph_id=para.id, actor_id=actor.id,
                      set_id=aset.id if aset is not None else None, start=start, end=end,
                      text=para.text[start:end], source="manual" if aset is not None else "alias",
                      uncertain=uncertain)
    session.add(mention)
    session.commit()
    return mention


def confirm_mention(session, aset, mention, confirmed: bool = True) -> MentionConfirmation:
    row = MentionConfirmation(set_id=aset.id, mention_id=mention.id, confirmed=confirmed)
    session.add(row)
    session.commit()
    return row


def set_status(session, aset, status: str, *, at: datetime | None = None, reason: str | None = None):
    """Change a set's status as the annotation page would, bumping the document's revision."""
    at = at or utcnow()
    aset.status = status
    aset.done_at = at if status == "done" else None
    aset.started_at = aset.started_at or at
    aset.skip_reason = reason if status == "skipped" else None
    document = session.get(Document, aset.document_id)
    document.revision = (document.revision or 0) + 1
    session.commit()
    return aset


def add_event(session, user, project, at: datetime, action: str = "span.create", aset=None) -> Event:
    event = Event(at=at, user_id=user.id, project_id=project.id, set_id=aset.id if aset else None,
                  action=action, entity="span", entity_id="x")
    session.add(event)
    session.commit()
    return event


ARABIC_PARAGRAPHS = [
    ("title", "مالي والساحل: أزمة لا تنتهي"),
    ("body", "تقول الحكومة إن الوضع الأمني تحسن كثيرا في الشمال."),
    ("body", "لكن تقارير الأمم المتحدة تشير إلى ارتفاع عدد الضحايا بنسبة 40% هذا العام."),
]


def agreement_scenario(session, seeded):
    """Four documents with the cases agreement must tell apart (see tests/services/test_agreement_service.py).

    d-agree: both annotators done; a matched claim, a partly matched evidence, an evidence only
    ann2 marked, a link of ann1, opposite stances on Mali, overlapping frames; the lead also done.
    d-single: ann1 done, ann2 still in progress (missing data).
    d-empty: both done, ann2 marked nothing (a continuum with no units).
    d-skip: ann1 skipped, ann2 not started.
    """
    project, ann1, ann2, lead = seeded.project, seeded.ann1, seeded.ann2, seeded.lead
    docs = {name: make_document(session, project, ARABIC_PARAGRAPHS, external_id=name, language="ar")
            for name in ("d-agree", "d-single", "d-empty", "d-skip")}
    sets = {(name, user.username): assign(session, doc, user)
            for name, doc in docs.items() for user in (ann1, ann2)}
    sets[("d-agree", "lead")] = assign(session, docs["d-agree"], lead)
    mali = make_actor(session, project, "Mali")
    add_mention(session, docs["d-agree"], mali, paragraph=0, start=0, end=4)

    a1, a2 = sets[("d-agree", "ann1")], sets[("d-agree", "ann2")]
    claim1 = add_span(session, a1, 1, "claim", 0, 20)
    add_span(session, a2, 1, "claim", 0, 20)
    evidence1 = add_span(session, a1, 2, "evidence", 4, 40)
    add_span(session, a2, 2, "evidence", 10, 40)
    add_span(session, a2, 1, "evidence", 25, 45)
    add_link(session, a1, evidence1, claim1, "supports")
    add_stance(session, a1, mali, "favor", 2)
    add_stance(session, a2, mali, "against", 3)
    add_frame(session, a1, "economic", primary=True)
    add_frame(session, a2, "economic", primary=True)
    add_frame(session, a2, "security")
    add_span(session, sets[("d-agree", "lead")], 1, "claim", 0, 10)
    add_span(session, sets[("d-single", "ann1")], 1, "claim", 0, 20)
    add_span(session, sets[("d-single", "ann2")], 1, "claim", 0, 20)
    add_span(session, sets[("d-empty", "ann1")], 1, "claim", 5, 20)

    week = datetime(2025, 5, 5, 10, 0)  # a Monday, UTC
    for key in (("d-agree", "ann1"), ("d-agree", "lead"), ("d-single", "ann1"), ("d-empty", "ann1"),
                ("d-empty", "ann2")):
        set_status(session, sets[key], "done", at=week)
    set_status(session, a2, "done", at=datetime(2025, 5, 11, 23, 30))  # Sunday in UTC, Monday in Casablanca (UTC+1)
    set_status(session, sets[("d-single", "ann2")], "in_progress")
    set_status(session, sets[("d-skip", "ann1")], "skipped", reason="not an opinion piece")
    return docs, sets
