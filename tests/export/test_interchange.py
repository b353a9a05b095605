"""The interchange format: export -> import -> export comes out the same; bad files name line and field
and change nothing; pre-annotations load as a model's sets; spans re-anchor on existing documents."""
from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import func, select

from annotator.errors import Invalid
from annotator.models import AnnotationSet, Document, Event, Membership, Span
from annotator.services.team import projects
from annotator.services.interchange.export import export_project
from annotator.services.interchange.annotations_import import import_interchange
from tests.conftest import DEFAULT_SCHEME
from tests.export_fixtures import AR_P1, AR_P2, AR_TITLE, LONG_P, build


def export_jsonl(session, project) -> bytes:
    out = io.BytesIO()
    export_project(session, project, "jsonl", out)
    return out.getvalue()


def records(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.splitlines()]


def lines(recs: list[dict]) -> list[bytes]:
    return [json.dumps(r, ensure_ascii=False).encode() for r in recs]


@pytest.fixture
def exported(session, seeded) -> bytes:
    build(session, seeded)
    return export_jsonl(session, seeded.project)


@pytest.fixture
def empty_project(session, seeded):
    return projects.create_project(session, "Copy", DEFAULT_SCHEME, time_zone="Africa/Casablanca")


def test_header_first_then_records_with_local_ids(exported):
    recs = records(exported)
    assert recs[0] == {"type": "header", "format": "annotator-interchange", "version": 1,
                       "scheme": {"name": "Argument, stance and framing", "version": 1,
                                  "content_hash": recs[0]["scheme"]["content_hash"]}}
    kinds = [r["type"] for r in recs]
    assert kinds[1:4] == ["actor", "document", "document"] and kinds[4] == "set"
    sahel = next(r for r in recs if r.get("external_id") == "sahel-001")
    assert [p["text"] for p in sahel["paragraphs"]] == [AR_TITLE, AR_P1, AR_P2, LONG_P]
    assert len(sahel["content_hash"]) == 64
    evidence = next(r for r in recs if r["type"] == "span" and r["label"] == "evidence")
    assert evidence["attributes"] == {"evidence_type": "statistic"}
    assert evidence["created_at"] == "2024-03-01T12:30:15.123456Z"
    stance = next(r for r in recs if r["type"] == "stance" and r["evidence"])
    assert next(r for r in recs if r.get("id") == stance["evidence"][0])["label"] == "major_claim"


def test_round_trip_into_an_empty_project_is_identical(session, seeded, exported, empty_project):
    summary = import_interchange(session, empty_project, exported.splitlines(), user=seeded.lead)
    assert summary.created == {"memberships": 2, "actors": 1, "documents": 2, "sets": 5, "spans": 12, "links": 2,
                               "stances": 4, "frames": 3}
    assert export_jsonl(session, empty_project) == exported
    # the owners of the sets became annotators of the new project, and the import left events
    members = set(session.scalars(select(Membership.user_id).where(Membership.project_id == empty_project.id)))
    assert members == {seeded.ann1.id, seeded.ann2.id}
    actions = set(session.scalars(select(Event.action).where(Event.project_id == empty_project.id)))
    assert {"interchange.import", "set.import", "member.set"} <= actions
    revisions = set(session.scalars(select(Document.revision).where(Document.project_id == empty_project.id)))
    assert revisions == {1}


def project_counts(session, project) -> tuple:
    documents = session.scalar(select(func.count(Document.id)).where(Document.project_id == project.id))
    sets = session.scalar(select(func.count(AnnotationSet.id)).join(Document).where(Document.project_id == project.id))
    events = session.scalar(select(func.count(Event.id)))
    return documents, sets, events


def refused(session, project, data: list[bytes], **options) -> list[tuple[int, str]]:
    before = project_counts(session, project)
    with pytest.raises(Invalid) as caught:
        import_interchange(session, project, data, **options)
    session.rollback()
    assert project_counts(session, project) == before, "nothing may be saved"
    return [(e["line"], e["field"]) for e in caught.value.extra["errors"]]


def test_lines_that_do_not_read_name_their_line_and_field(session, seeded, exported, empty_project):
    recs = records(exported)
    span = next(i for i, r in enumerate(recs) if r["type"] == "span")
    recs[span]["end"] = recs[span]["start"]
    recs[span + 1]["colour"] = "red"
    data = lines(recs)
    data[3] = b'{"type": "document", '
    data.insert(5, b'{"type": "comment"}')
    errors = refused(session, empty_project, data)
    assert errors == [(4, "_line"), (6, "type"), (span + 2, "span.end"), (span + 3, "span.colour")]


def test_records_that_do_not_fit_together_or_the_scheme(session, seeded, exported, empty_project):
    recs = records(exported)
    spans = [i for i, r in enumerate(recs) if r["type"] == "span"]
    recs[spans[0]]["label"] = "rumour"
    recs[spans[1]]["text"] = "not what the paragraph says"
    evidence = next(i for i, r in enumerate(recs) if r["type"] == "span" and r["label"] == "evidence")
    recs[evidence]["attributes"] = {"evidence_type": "gossip"}
    link = next(i for i, r in enumerate(recs) if r["type"] == "link")
    recs[link]["target"] = "sp999"
    stance = next(i for i, r in enumerate(recs) if r["type"] == "stance")
    recs[stance]["intensity"] = 5
    errors = refused(session, empty_project, lines(recs))
    assert errors == sorted([(spans[0] + 1, "span.label"), (spans[1] + 1, "span.text"),
                             (evidence + 1, "span.attributes.evidence_type"), (link + 1, "link.target"),
                             (stance + 1, "stance.intensity")])


def test_unknown_annotators_are_refused_unless_created(session, seeded, exported, empty_project):
    recs = records(exported)
    first_set = next(i for i, r in enumerate(recs) if r["type"] == "set")
    recs[first_set]["annotator"] = "newcomer"
    assert refused(session, empty_project, lines(recs)) == [(first_set + 1, "set.annotator")]
    summary = import_interchange(session, empty_project, lines(recs), create_users=True)
    assert summary.created["users"] == 1


def test_work_already_in_a_set_is_never_overwritten(session, seeded, exported):
    errors = refused(session, seeded.project, exported.splitlines())
    assert errors and all(field == "set.annotator" for _, field in errors)


def test_model_pre_annotations_load_as_sets_of_the_model(session, seeded, exported):
    recs = [r for r in records(exported) if r["type"] not in ("set", "span", "link", "stance", "frame")]
    recs += [{"type": "set", "id": "m1", "document": "d2"},
             {"type": "span", "id": "x1", "set": "m1", "paragraph": 2, "start": 0, "end": 6, "layer": "argument",
              "label": "evidence", "text": "ارتفعت"}]
    summary = import_interchange(session, seeded.project, lines(recs), model_name="tagger-v2")
    assert summary.created == {"sets": 1, "spans": 1}
    aset = session.scalar(select(AnnotationSet).where(AnnotationSet.owner_key == "model:tagger-v2"))
    assert aset.owner_kind == "model" and aset.model_name == "tagger-v2" and aset.user_id is None
    span = session.scalar(select(Span).where(Span.set_id == aset.id))
    assert (span.origin, span.text) == ("suggestion", "ارتفعت")


def test_spans_re_anchor_on_a_document_that_already_exists(session, seeded, exported, empty_project):
    from annotator.models import Paragraph

    # The copy's version of the Arabic article has an extra paragraph before the others.
    intro = "مقدمة أضيفت لاحقاً."
    document = Document(project_id=empty_project.id, external_id="sahel-001", title=AR_TITLE, language="ar",
                        direction="rtl", content_hash="0" * 64,
                        paragraphs=[Paragraph(index=i, kind=k, text=t) for i, (k, t) in enumerate(
                            [("title", AR_TITLE), ("body", intro), ("body", AR_P1), ("body", AR_P2),
                             ("body", LONG_P)])])
    session.add(document)
    session.commit()
    summary = import_interchange(session, empty_project, exported.splitlines())
    assert any("re-anchored" in note for note in summary.notes)
    spans = session.execute(select(Span.text, Span.start, Span.end, Span.paragraph_id).join(AnnotationSet)
                            .where(AnnotationSet.document_id == document.id)).all()
    by_id = {p.id: p.index for p in document.paragraphs}
    evidence = next(s for s in spans if s.text == "ارتفعت أسعارُ الغذاء بنسبة 40%")
    assert (by_id[evidence.paragraph_id], evidence.start, evidence.end) == (3, 0, 30)


def test_a_quote_missing_from_an_existing_document_is_an_error(session, seeded, exported, empty_project):
    recs = records(exported)
    sahel = next(r for r in recs if r.get("external_id") == "sahel-001")
    document = Document(project_id=empty_project.id, external_id="sahel-001", title="", language="ar",
                        direction="rtl", content_hash="1" * 64)
    from annotator.models import Paragraph

    document.paragraphs = [Paragraph(index=0, kind="title", text=AR_TITLE), Paragraph(index=1, kind="body",
                                                                                       text="نص آخر تماماً")]
    session.add(document)
    session.commit()
    errors = refused(session, empty_project, lines(recs))
    assert errors and {field for _, field in errors} <= {"span.text", "stance.paragraph"}
    assert sahel["id"] == "d2"


@pytest.mark.parametrize("data, expected", [
    ([], [(1, "type")]),
    ([b'{"type":"frame","id":"f1","set":"s1","frame":"economic"}'], [(1, "type")]),
    ([b'{"type":"header","format":"other","version":1}'], [(1, "header.format")]),
    ([b'{"type":"header","format":"annotator-interchange","version":1}', b"[1, 2]", b"\xff\xfe"],
     [(2, "_line"), (3, "_line")]),
])
def test_the_header_and_the_shape_of_lines(session, seeded, empty_project, data, expected):
    assert refused(session, empty_project, data) == expected


def test_a_byte_order_mark_before_the_header_is_tolerated(session, seeded, exported, empty_project):
    data = exported.splitlines()
    data[0] = b"\xef\xbb\xbf" + data[0]
    assert import_interchange(session, empty_project, data).created["spans"] == 12


def test_a_model_name_is_checked(session, seeded, exported, empty_project):
    with pytest.raises(Invalid) as caught:
        import_interchange(session, empty_project, exported.splitlines(), model_name="x" * 191)
    assert caught.value.field == "model"


def test_annotators_created_from_a_file_follow_the_name_rule(session, seeded, exported, empty_project):
    recs = records(exported)
    first_set = next(i for i, r in enumerate(recs) if r["type"] == "set")
    for bad in ("new comer", "x" * 300, "ANN1", "k\u0430rim"):
        recs[first_set]["annotator"] = bad
        assert refused(session, empty_project, lines(recs), create_users=True) == [(first_set + 1, "set.annotator")]
