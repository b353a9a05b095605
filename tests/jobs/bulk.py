"""Many spans quickly (bulk inserts): enough work for an export to take a few seconds."""
from __future__ import annotations

from sqlalchemy import insert

from annotator.models import AnnotationSet, Document, Paragraph, Span, new_public_id, utcnow

TEXT = "قالَ الكاتبُ إن السياسة الخارجية تتجه نحو إفريقيا 😀، وإن الجزائر تراقب ذلك بقلق شديد في ظل تحولات الساحل."
SPANS_PER_DOCUMENT = 200


def seed_spans(session, project, users, spans: int) -> None:
    now = utcnow()
    for d in range(max(1, spans // SPANS_PER_DOCUMENT)):
        doc_id = session.scalar(insert(Document).values(
            project_id=project.id, external_id=f"bulk-{d:05d}", title=f"Article {d}", content_hash=f"{d:064x}",
            language="ar", direction="rtl", public_id=new_public_id(), meta={}).returning(Document.id))
        texts = [f"Article {d}"] + [f"{TEXT} ({p})" for p in range(1, 6)]
        paragraph_ids = session.scalars(insert(Paragraph).returning(Paragraph.id, sort_by_parameter_order=True), [
            {"document_id": doc_id, "index": i, "kind": "title" if i == 0 else "body", "text": t}
            for i, t in enumerate(texts)]).all()
        set_ids = session.scalars(insert(AnnotationSet).returning(AnnotationSet.id, sort_by_parameter_order=True), [
            {"document_id": doc_id, "owner_kind": "user", "owner_key": f"user:{u.id}", "user_id": u.id,
             "status": "done", "assigned": True, "public_id": new_public_id(), "updated_at": now}
            for u in users]).all()
        rows = []
        for k in range(SPANS_PER_DOCUMENT):
            paragraph = 1 + k % 5
            start = (k * 7) % 40
            end = start + 10 + (k * 13) % 40
            rows.append({"set_id": set_ids[k % len(set_ids)], "paragraph_id": paragraph_ids[paragraph],
                         "layer": "argument", "label": "claim", "start": start, "end": end,
                         "text": texts[paragraph][start:end], "attributes": {}, "origin": "manual",
                         "scheme_version_id": project.current_scheme_id, "public_id": new_public_id(),
                         "created_at": now, "updated_at": now})
        session.execute(insert(Span), rows)
    session.commit()
