"""A project with enough done Arabic sets for the recommenders to learn from (rows written directly)."""
from __future__ import annotations

from sqlalchemy import select

from annotator.models import Actor
from tests.factories import add_frame, add_mention, add_span, add_stance, assign, make_actor, make_document, set_status

ECONOMY = ["ارتفعت أسعار الخبز والوقود مرة أخرى", "البطالة والتضخم يثقلان كاهل الأسر", "الميزانية والعجز والديون"]
SECURITY = ["اشتباكات مسلحة على الحدود الليلة", "الجيش يعزز قواته بعد الهجوم", "تفجير وضحايا في العاصمة"]
LOADED = "كارثة حقيقية"  # the loaded phrase every article carries, marked every time


def paragraphs(n: int) -> list[tuple[str, str]]:
    economy = n % 2 == 0
    lines = ECONOMY if economy else SECURITY
    first = f"{lines[n % 3]} {LOADED} في المقال {n}"
    return [("body", first), ("body", lines[(n + 1) % 3]), ("body", "الحكومة " + lines[(n + 2) % 3])]


def done_corpus(session, project, user, count: int = 14, first: int = 0):
    """``count`` done sets of ``user`` (articles ``first``…): frames, the loaded-language span, a stance."""
    government = session.scalar(select(Actor).where(Actor.project_id == project.id, Actor.canonical_name == "الحكومة"))
    government = government or make_actor(session, project, "الحكومة")
    for n in range(first, first + count):
        document = make_document(session, project, paragraphs(n), language="ar", title=f"مقال {n}")
        add_mention(session, document, government, paragraph=2, start=0, end=7)
        aset = assign(session, document, user)
        economy = n % 2 == 0
        start = paragraphs(n)[0][1].index(LOADED)
        add_span(session, aset, 0, "loaded_language", start, start + len(LOADED))
        add_frame(session, aset, "economic" if economy else "security_and_defense", primary=True)
        add_stance(session, aset, government, "against" if economy else "favor")
        set_status(session, aset, "done")
    return government


def new_article(session, project, user, government):
    """An unseen economy article assigned to ``user``, the government mentioned in paragraph 2."""
    text = [("body", "الأسعار والبطالة " + LOADED + " للأسر"), ("body", "العجز والديون"), ("body", "الحكومة والتضخم")]
    document = make_document(session, project, text, language="ar", title="مقال جديد")
    add_mention(session, document, government, paragraph=2, start=0, end=7)
    return assign(session, document, user)
