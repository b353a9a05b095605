"""A small annotated project for the export tests, built directly with the models.

One Arabic article (diacritics, an emoji) annotated by ann1, ann2 and gold, and one English article
whose texts are formula-injection attempts, annotated by ann1 and a model. Times are fixed, so
expected values can be written down.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from annotator.domain.text import content_hash
from annotator.services.tx import transaction
from annotator.models import (
    Actor, ActorAlias, AnnotationSet, Document, FrameChoice, Link, Paragraph, Span, Stance, StanceEvidence,
)

T0 = datetime(2024, 3, 1, 12, 30, 15, 123456)  # UTC; 13:30:15 in Africa/Casablanca
T1 = datetime(2024, 3, 2, 8, 0, 0)

AR_TITLE = "أوروبا والساحل: لا مجالَ للتجاهل"
AR_P1 = "لم يَعُدْ بوسعِ أوروبا تجاهلُ منطقةِ الساحل 🌍 بعد اليوم."
AR_P2 = "ارتفعت أسعارُ الغذاء بنسبة 40% في السنة الأولى، وهذا دليلٌ على فشل العقوبات."
EN_TITLE = "=1+1 Arctic notes"
INJECTIONS = ['=HYPERLINK("http://x.test","click")', "+1", "-2", "@SUM(A1:A2)", "\tx"]
EN_P1 = " | ".join(INJECTIONS) + " end"
EN_AUTHOR = "\rx"  # a carriage return cannot live in normalized paragraph text, so it sits here
LONG_P = "Long paragraph. " * 8  # 128 characters: cut when tests lower the cell limit


@dataclass
class Built:
    documents: dict[str, Document] = field(default_factory=dict)
    sets: dict[str, AnnotationSet] = field(default_factory=dict)
    spans: dict[str, Span] = field(default_factory=dict)
    actor: Actor | None = None


def _document(session, project, external_id, title, body, *, language, direction, author=None):
    doc = Document(project_id=project.id, external_id=external_id, title=title, author=author,
                   source_url=f"https://news.test/{external_id}", published_date=date(2024, 2, 29),
                   language=language, direction=direction, content_hash=content_hash(title, body),
                   meta={"source": "Test Daily"}, imported_at=T0,
                   paragraphs=[Paragraph(index=0, kind="title", text=title)]
                   + [Paragraph(index=i, kind="body", text=t) for i, t in enumerate(body, 1)])
    session.add(doc)
    session.flush()
    return doc


def _set(session, doc, owner, status, *, user=None, model=None):
    key = {"gold": "gold", "model": f"model:{model}"}.get(owner, f"user:{user.id if user else 0}")
    aset = AnnotationSet(document_id=doc.id, owner_kind=owner, user_id=user.id if user else None, model_name=model,
                         owner_key=key, status=status, assigned=owner == "user", assigned_at=T0 if user else None,
                         started_at=T0 if status != "not_started" else None,
                         done_at=T1 if status == "done" else None, updated_at=T1)
    session.add(aset)
    session.flush()
    return aset


def _span(session, aset, doc, index, quote, layer, label, *, attributes=None, origin="manual", version):
    text = doc.paragraphs[index].text
    start = text.index(quote)
    span = Span(set_id=aset.id, paragraph_id=doc.paragraphs[index].id, layer=layer, label=label, start=start,
                end=start + len(quote), text=quote, attributes=attributes or {}, origin=origin,
                scheme_version_id=version, created_at=T0, updated_at=T1)
    session.add(span)
    session.flush()
    return span


def build(session, seeded, *, project=None, suffix: str = "") -> Built:
    """The two articles and their annotations; ``suffix`` tells copies apart in one project."""
    project, built = project or seeded.project, Built()
    version = project.current_scheme_id
    with transaction(session):
        ar = built.documents["ar"] = _document(session, project, "sahel-001" + suffix, AR_TITLE, [AR_P1, AR_P2, LONG_P],
                                               language="ar", direction="rtl")
        en = built.documents["en"] = _document(session, project, "arctic-002" + suffix, EN_TITLE, [EN_P1],
                                               language="en", direction="ltr", author=EN_AUTHOR)
        eu = built.actor = Actor(project_id=project.id, canonical_name="الاتحاد الأوروبي" + suffix, kind="organisation",
                                 aliases=[ActorAlias(text="أوروبا", language="ar")])
        session.add(eu)
        session.flush()

        s = built.sets
        s["ar1"] = _set(session, ar, "user", "done", user=seeded.ann1)
        s["ar2"] = _set(session, ar, "user", "in_progress", user=seeded.ann2)
        s["argold"] = _set(session, ar, "gold", "in_progress")
        s["en1"] = _set(session, en, "user", "done", user=seeded.ann1)
        s["enmodel"] = _set(session, en, "model", "not_started", model="gpt")

        sp = built.spans
        sp["major"] = _span(session, s["ar1"], ar, 1, "لم يَعُدْ بوسعِ أوروبا تجاهلُ منطقةِ الساحل 🌍",
                            "argument", "major_claim", version=version)
        sp["evidence"] = _span(session, s["ar1"], ar, 2, "ارتفعت أسعارُ الغذاء بنسبة 40%", "argument", "evidence",
                               attributes={"evidence_type": "statistic"}, version=version)
        sp["claim"] = _span(session, s["ar1"], ar, 2, "وهذا دليلٌ على فشل العقوبات", "argument", "claim",
                            version=version)
        sp["claim"].target_actor_id, sp["claim"].target_polarity = eu.id, "against"
        sp["ann2claim"] = _span(session, s["ar2"], ar, 1, "تجاهلُ منطقةِ الساحل", "argument", "claim", version=version)
        sp["technique"] = _span(session, s["ar2"], ar, 2, "فشل العقوبات", "technique", "loaded_language",
                                version=version)
        sp["long"] = _span(session, s["argold"], ar, 3, LONG_P.strip(), "technique", "repetition", version=version)
        for i, quote in enumerate(INJECTIONS):
            sp[f"inj{i}"] = _span(session, s["en1"], en, 1, quote, "argument", "claim", version=version)
        sp["suggested"] = _span(session, s["enmodel"], en, 1, "end", "argument", "claim", origin="suggestion",
                                version=version)

        session.add_all([
            Link(set_id=s["ar1"].id, source_span_id=sp["evidence"].id, target_span_id=sp["claim"].id,
                 link_type="supports", scheme_version_id=version, created_at=T0, updated_at=T1),
            Link(set_id=s["ar1"].id, source_span_id=sp["claim"].id, target_span_id=sp["major"].id,
                 link_type="supports", scheme_version_id=version, created_at=T0, updated_at=T1),
        ])
        stances = [
            Stance(set_id=s["ar1"].id, actor_id=eu.id, value="favor", intensity=2, scheme_version_id=version,
                   created_at=T0, updated_at=T1),
            Stance(set_id=s["ar1"].id, actor_id=eu.id, paragraph_id=ar.paragraphs[2].id, value="against",
                   intensity=3, holder="وزير الخارجية", scheme_version_id=version, created_at=T0, updated_at=T1),
            Stance(set_id=s["ar2"].id, actor_id=eu.id, value="favor", intensity=1, scheme_version_id=version,
                   created_at=T0, updated_at=T1),
            Stance(set_id=s["argold"].id, actor_id=eu.id, value="against", intensity=2, scheme_version_id=version,
                   created_at=T0, updated_at=T1),
        ]
        session.add_all(stances)
        session.flush()
        session.add(StanceEvidence(stance_id=stances[0].id, span_id=sp["major"].id))
        session.add_all([
            FrameChoice(set_id=s["ar1"].id, frame="economic", is_primary=True, scheme_version_id=version,
                        created_at=T0),
            FrameChoice(set_id=s["ar1"].id, frame="security_and_defense", is_primary=False,
                        scheme_version_id=version, created_at=T0),
            FrameChoice(set_id=s["ar2"].id, frame="economic", is_primary=True, scheme_version_id=version,
                        created_at=T0),
        ])
    return built
