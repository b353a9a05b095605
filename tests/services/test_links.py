"""Links between spans: created, retyped and removed; every refusal leaves nothing behind."""
import pytest
from sqlalchemy import func, select

from annotator.errors import Conflict, Invalid, NotFound
from annotator.models import Document, Event, Link
from annotator.services.annotation import links
from tests.factories import add_span, assign, make_document

TEXT = "Sanctions hurt people. Food prices rose by 40%. The regime is fine."


@pytest.fixture
def doc(session, seeded):
    document = make_document(session, seeded.project, (("title", "Sanctions"), ("body", TEXT)))
    aset = assign(session, document, seeded.ann1)
    claim = add_span(session, aset, 1, "claim", 0, 22)
    evidence = add_span(session, aset, 1, "evidence", 23, 47)
    major = add_span(session, aset, 0, "major_claim", 0, 9)
    return document, aset, claim, evidence, major


def _count(session):
    session.expire_all()
    return session.scalar(select(func.count(Link.id)))


def test_evidence_supports_claim(session, seeded, doc):
    document, aset, claim, evidence, _ = doc
    revision = document.revision
    link = links.create_link(session, seeded.ann1, aset.public_id, source_id=evidence.public_id,
                             target_id=claim.public_id, link_type="supports")
    session.expire_all()
    assert (link.source_span_id, link.target_span_id, link.link_type) == (evidence.id, claim.id, "supports")
    assert session.get(Document, document.id).revision == revision + 1
    assert session.get(type(aset), aset.id).status == "in_progress"
    event = session.scalar(select(Event).where(Event.action == "link.create"))
    assert event.after["source_label"] == "evidence" and event.set_id == aset.id
    listed = links.links_of_set(session, aset)
    assert [(v.number, v.source_label, v.target_label) for v in listed] == [(1, "evidence", "claim")]


@pytest.mark.parametrize("case", ["missing_source", "missing_target", "self", "not_allowed_pair", "technique",
                                  "other_set"])
def test_refusals_save_nothing(session, seeded, doc, case):
    document, aset, claim, evidence, major = doc
    other = assign(session, make_document(session, seeded.project, (("body", TEXT),)), seeded.ann1)
    foreign = add_span(session, other, 0, "evidence", 23, 47)
    technique = add_span(session, aset, 1, "loaded_language", 48, 58)
    source, target, expected = {
        "missing_source": ("nope", claim.public_id, NotFound),
        "missing_target": (evidence.public_id, "nope", NotFound),
        "self": (claim.public_id, claim.public_id, Invalid),
        "not_allowed_pair": (claim.public_id, evidence.public_id, Invalid),  # claim -> evidence: no rule
        "technique": (technique.public_id, claim.public_id, Invalid),
        "other_set": (foreign.public_id, claim.public_id, NotFound),
    }[case]
    with pytest.raises(expected):
        links.create_link(session, seeded.ann1, aset.public_id, source_id=source, target_id=target,
                          link_type="supports")
    assert _count(session) == 0
    assert session.scalar(select(func.count(Event.id)).where(Event.action == "link.create")) == 0


def test_unknown_type_is_refused(session, seeded, doc):
    _, aset, claim, evidence, _ = doc
    with pytest.raises(Invalid) as exc:
        links.create_link(session, seeded.ann1, aset.public_id, source_id=evidence.public_id,
                          target_id=claim.public_id, link_type="rebuts")
    assert exc.value.field == "link_type"


def test_duplicates_either_way_are_refused(session, seeded, doc):
    _, aset, claim, _, major = doc
    links.create_link(session, seeded.ann1, aset.public_id, source_id=claim.public_id, target_id=major.public_id,
                      link_type="attacks")
    with pytest.raises(Conflict):
        links.create_link(session, seeded.ann1, aset.public_id, source_id=claim.public_id,
                          target_id=major.public_id, link_type="supports")
    assert _count(session) == 1


def test_only_the_owner_may_link_and_not_when_done(session, seeded, doc):
    _, aset, claim, evidence, _ = doc
    with pytest.raises(NotFound):
        links.create_link(session, seeded.ann2, aset.public_id, source_id=evidence.public_id,
                          target_id=claim.public_id, link_type="supports")
    aset.status = "done"
    session.commit()
    with pytest.raises(Conflict):
        links.create_link(session, seeded.ann1, aset.public_id, source_id=evidence.public_id,
                          target_id=claim.public_id, link_type="supports")
    assert _count(session) == 0


def test_retype_and_delete(session, seeded, doc):
    _, aset, claim, evidence, _ = doc
    link = links.create_link(session, seeded.ann1, aset.public_id, source_id=evidence.public_id,
                             target_id=claim.public_id, link_type="supports")
    changed = links.retype_link(session, seeded.ann1, aset.public_id, link.public_id, link_type="attacks",
                                version=link.version)
    assert changed.link_type == "attacks" and changed.version == 2
    with pytest.raises(Conflict):
        links.retype_link(session, seeded.ann1, aset.public_id, link.public_id, link_type="supports", version=1)
    with pytest.raises(Invalid):
        links.retype_link(session, seeded.ann1, aset.public_id, link.public_id, link_type="rebuts")
    with pytest.raises(NotFound):
        links.delete_link(session, seeded.ann2, aset.public_id, link.public_id)
    links.delete_link(session, seeded.ann1, aset.public_id, link.public_id)
    assert _count(session) == 0
    actions = session.scalars(select(Event.action).where(Event.entity == "link").order_by(Event.id)).all()
    assert actions == ["link.create", "link.update", "link.delete"]


def test_links_of_span_count(session, seeded, doc):
    _, aset, claim, evidence, major = doc
    for source, target in ((evidence, claim), (claim, major)):
        links.create_link(session, seeded.ann1, aset.public_id, source_id=source.public_id,
                          target_id=target.public_id, link_type="supports")
    assert links.links_of_span_count(session, claim) == 2
    assert links.links_of_span_count(session, evidence) == 1
