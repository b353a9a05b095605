"""What the format tests share: a project's annotations written down in a comparable form."""
from __future__ import annotations

import io

from sqlalchemy import select

from annotator.models import AnnotationSet, Document, FrameChoice, Link, Paragraph, Span, User
from annotator.services.interchange.export import export_project


def export_bytes(session, project, fmt: str, **kwargs) -> bytes:
    out = io.BytesIO()
    export_project(session, project, fmt, out, **kwargs)
    return out.getvalue()


def owner_label(aset: AnnotationSet, usernames: dict[int, str]) -> str:
    return {"gold": "gold", "model": f"model:{aset.model_name}"}.get(aset.owner_kind) or usernames[aset.user_id]


def annotations(session, project, *, attributes=True, frames=True, layers=None, trimmed=False) -> dict:
    """(document, owner) -> spans, links and document-level frames, as plain values."""
    session.expire_all()
    usernames = dict(session.execute(select(User.id, User.username)).all())
    out = {}
    sets = session.scalars(select(AnnotationSet).join(Document).where(Document.project_id == project.id))
    for aset in sets:
        external = session.get(Document, aset.document_id).external_id
        spans = {}
        for span in session.scalars(select(Span).where(Span.set_id == aset.id)):
            if layers and span.layer not in layers:
                continue
            index = session.get(Paragraph, span.paragraph_id).index
            start, end, text = span.start, span.end, span.text
            if trimmed:  # the format's tokens never hold white space: a span's own is left out
                start, end, text = start + len(text) - len(text.lstrip()), end - len(text) + len(text.rstrip()), text.strip()
            spans[span.id] = (index, start, end, span.layer, span.label, text,
                              tuple(sorted(span.attributes.items())) if attributes else ())
        links = {(spans[link.source_span_id], spans[link.target_span_id], link.link_type)
                 for link in session.scalars(select(Link).where(Link.set_id == aset.id))
                 if link.source_span_id in spans and link.target_span_id in spans}
        chosen = {(f.frame, f.is_primary) for f in session.scalars(
            select(FrameChoice).where(FrameChoice.set_id == aset.id, FrameChoice.paragraph_id.is_(None)))}
        if frames == "names":  # the format keeps which frames, not which one is primary
            chosen = {name for name, _ in chosen}
        entry = {"spans": sorted(spans.values()), "links": links, "frames": chosen if frames else set()}
        if entry["spans"] or entry["links"] or entry["frames"]:
            out[(external, owner_label(aset, usernames))] = entry
    return out
