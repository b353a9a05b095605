"""Mentions found by alias, stored with exact offsets; refreshed without losing verdicts."""
import pytest
from sqlalchemy import func, select

from annotator.errors import Conflict, Invalid, NotFound
from annotator.models import Document, Mention, MentionConfirmation
from annotator.schemas.actors import ActorSpec, AliasSpec
from annotator.services.actors import registry as actors
from annotator.services.actors import mention_edits
from annotator.services.actors import mentions
from annotator.services.interchange.importing import import_files
from tests.factories import assign, make_document

# Diacritics on مُسْتَقْبَل, tatweel in الســاحل and جـــداً, a prefix on بالمغرب.
ARTICLE = "الأَمْن في الســاحل لن يُستورد من باريس، والحقيقة أن بالمغرب جـــداً. وقال وزير مالي إن مالي"


def _actor(session, project, name, *aliases, ambiguous=(), adjective=()):
    spec = ActorSpec(name, "state", tuple(AliasSpec(a, a in ambiguous, a in adjective) for a in aliases))
    return actors.create_actor(session, project, spec)


def _stored(session, document):
    session.expire_all()
    return session.execute(select(Mention.start, Mention.end, Mention.text, Mention.uncertain)
                           .where(Mention.document_id == document.id).order_by(Mention.start)).all()


def test_imported_documents_get_mentions_with_exact_offsets(session, seeded):
    _actor(session, seeded.project, "Sahel", "الساحل")
    _actor(session, seeded.project, "France", "فرنسا", "باريس")
    _actor(session, seeded.project, "Morocco", "المغرب")
    summary = import_files(session, seeded.project, [("a.txt", f"عنوان\n\n{ARTICLE}".encode())])
    document = session.get(Document, summary.document_ids[0])
    body = document.paragraphs[1].text
    found = _stored(session, document)
    assert [(t, u) for _, _, t, u in found] == [("الســاحل", False), ("باريس", False), ("بالمغرب", False)]
    for start, end, text, _ in found:
        assert body[start:end] == text


def test_refresh_adds_and_removes_but_keeps_verdicts(session, seeded):
    document = make_document(session, seeded.project, (("body", ARTICLE),), language="ar")
    aset = assign(session, document, seeded.ann1)
    mali = _actor(session, seeded.project, "Mali", "مالي", ambiguous=("مالي",))
    found = _stored(session, document)
    assert [(t, u) for _, _, t, u in found] == [("مالي", True), ("مالي", True)]
    first = session.scalar(select(Mention).where(Mention.document_id == document.id).order_by(Mention.start))
    mention_edits.set_verdict(session, seeded.ann1, aset.public_id, first.public_id, False)  # "financial"
    # A new actor and a changed alias list: Mali's mentions are found again, the verdict stays.
    _actor(session, seeded.project, "France", "باريس")
    actors.update_actor(session, seeded.project, mali.public_id,
                        ActorSpec("Mali", "state", (AliasSpec("مالي", True), AliasSpec("باماكو"))))
    session.expire_all()
    assert session.get(Mention, first.id) is not None
    assert session.get(MentionConfirmation, (aset.id, first.id)).confirmed is False
    assert len(_stored(session, document)) == 3
    # An alias dropped: its mentions go, with their verdicts.
    actors.update_actor(session, seeded.project, mali.public_id,
                        ActorSpec("Mali", "state", (AliasSpec("باماكو"),)))
    assert [t for _, _, t, _ in _stored(session, document)] == ["باريس"]
    assert session.scalar(select(func.count()).select_from(MentionConfirmation)) == 0


def test_ambiguous_mentions_count_only_once_confirmed(session, seeded):
    document = make_document(session, seeded.project, (("body", ARTICLE),), language="ar")
    aset = assign(session, document, seeded.ann1)
    other = assign(session, document, seeded.ann2)
    _actor(session, seeded.project, "Mali", "مالي", ambiguous=("مالي",))
    _actor(session, seeded.project, "France", "باريس")
    views = mentions.mentions_for_set(session, aset)
    counts = mentions.counted_by_actor(views)
    mali_id = next(v.actor_id for v in views if v.text == "مالي")
    assert counts[mali_id] == 0 and {v.state for v in views if v.actor_id == mali_id} == {"uncertain"}
    second = [v for v in views if v.actor_id == mali_id][1]
    mention_edits.set_verdict(session, seeded.ann1, aset.public_id, second.public_id, True)
    assert mentions.counted_by_actor(mentions.mentions_for_set(session, aset))[mali_id] == 1
    # Verdicts belong to the set: the other annotator's count is unchanged.
    assert mentions.counted_by_actor(mentions.mentions_for_set(session, other))[mali_id] == 0
    mention_edits.set_verdict(session, seeded.ann1, aset.public_id, second.public_id, None)
    assert mentions.counted_by_actor(mentions.mentions_for_set(session, aset))[mali_id] == 0


def test_manual_mentions_are_blind_and_absorbed_by_a_new_alias(session, seeded):
    document = make_document(session, seeded.project, (("body", ARTICLE),), language="ar")
    aset = assign(session, document, seeded.ann1)
    other = assign(session, document, seeded.ann2)
    morocco = _actor(session, seeded.project, "Morocco", "الرباط")
    start = ARTICLE.index("بالمغرب")
    mention = mention_edits.add_manual_mention(session, seeded.ann1, aset.public_id, actor_id=morocco.public_id,
                                               paragraph=0, start=start, end=start + 7)
    assert mention.text == "بالمغرب" and mention.set_id == aset.id
    with pytest.raises(Conflict):
        mention_edits.add_manual_mention(session, seeded.ann1, aset.public_id, actor_id=morocco.public_id,
                                         paragraph=0, start=start, end=start + 7)
    assert [v.text for v in mentions.mentions_for_set(session, aset)] == ["بالمغرب"]
    assert mentions.mentions_for_set(session, other) == []
    with pytest.raises(NotFound):
        mention_edits.delete_manual_mention(session, seeded.ann2, other.public_id, mention.public_id)
    # The lead adds the alias: the hand-marked mention becomes ann1's confirmation of the found one.
    actors.update_actor(session, seeded.project, morocco.public_id,
                        ActorSpec("Morocco", "state", (AliasSpec("الرباط"), AliasSpec("المغرب"))))
    views = mentions.mentions_for_set(session, aset)
    assert [(v.text, v.source, v.verdict) for v in views] == [("بالمغرب", "alias", True)]
    assert [(v.source, v.verdict) for v in mentions.mentions_for_set(session, other)] == [("alias", None)]


def test_manual_mention_offsets_are_checked(session, seeded):
    document = make_document(session, seeded.project, (("body", "مُسْتَقْبَل المنطقة"),), language="ar")
    aset = assign(session, document, seeded.ann1)
    actor = _actor(session, seeded.project, "Region", "المنطقة")
    for start, end in ((5, 5), (0, 99), (11, 12)):
        with pytest.raises(Invalid):
            mention_edits.add_manual_mention(session, seeded.ann1, aset.public_id, actor_id=actor.public_id,
                                             paragraph=0, start=start, end=end)
    # A selection ending between a letter and its sukun is widened to the whole grapheme.
    mention = mention_edits.add_manual_mention(session, seeded.ann1, aset.public_id, actor_id=actor.public_id,
                                               paragraph=0, start=0, end=3)
    assert mention.text == "مُسْ"
    assert session.scalar(select(func.count(Mention.id)).where(Mention.source == "manual")) == 1
