"""The default scheme's layers over HTTP (technique spans overlapping argument spans; what done
requires) and a project with a custom scheme: fewer layers, other labels, stance switched off."""
import pytest
from sqlalchemy import select

from annotator.models import AnnotationSet, FrameChoice, Link, Span
from tests.conftest import prepare_project
from tests.factories import add_frame, add_span, assign, make_document
from tests.layer_factories import LayerUser, layer_counts, registry
from tests.web.annotate_support import ARABIC_ARTICLE, arabic_set

CUSTOM = """
name: Theses only
layers:
  - key: argument
    names: {en: Argument, ar: الحجاج}
    labels:
      - {key: thesis, names: {en: Thesis, ar: أطروحة}, color: "#f9c784", shortcut: KeyT}
      - {key: reason, names: {en: Reason, ar: سبب}, color: "#9fd3f7", shortcut: KeyR}
links:
  - {source: reason, target: thesis, types: [supports]}
frames:
  require_primary: true
  labels:
    - {key: war, names: {en: War, ar: حرب}, color: "#dddddd"}
    - {key: peace, names: {en: Peace, ar: سلام}, color: "#eeeeee"}
"""


def test_technique_spans_overlap_argument_spans_and_bad_labels_are_refused(app, session, seeded):
    _document, aset = arabic_set(session, seeded)
    ann1 = LayerUser(app, "ann1")
    assert ann1.tag(aset, 1, "الاتفاق سيصمد", "claim").status_code == 201
    technique = ann1.tag(aset, 1, "سيصمد رغم كل الضغوط", "loaded_language")
    assert technique.status_code == 201, technique.get_data(as_text=True)
    html = technique.get_data(as_text=True)
    assert 'data-label="loaded_language"' in html and 'class="m ul' in html and 'class="m hl' in html
    before = layer_counts(session), session.scalar(select(Span.id).order_by(Span.id.desc()))
    assert ann1.tag(aset, 1, "الضغوط", "name_calling").status_code == 422
    assert (layer_counts(session), session.scalar(select(Span.id).order_by(Span.id.desc()))) == before
    page = ann1.client.get(f"/annotate/{aset.public_id}").get_data(as_text=True)
    assert 'id="palette-technique"' in page and "اللغة المشحونة" in page  # the palette, Arabic names too


def test_done_names_what_the_scheme_requires(app, session, seeded):
    _document, aset = arabic_set(session, seeded)
    actors = registry(session, seeded.project)
    ann1 = LayerUser(app, "ann1")
    refused = ann1.status(aset, "done")
    html = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert "primary frame" in html and "The President" in html and "Egypt" not in html  # Egypt: one mention
    ann1.post(aset, "frames", {"frame": "political", "role": "primary"})
    ann1.post(aset, "stances", {"actor": actors["The President"].public_id, "value": "neutral"})
    assert ann1.status(aset, "done").status_code == 200
    session.expire_all()
    assert session.get(AnnotationSet, aset.id).status == "done"
    assert ann1.post(aset, "frames", {"frame": "economic", "role": "secondary"}).status_code == 409


@pytest.fixture
def custom(app, session):
    seeded = prepare_project(session, scheme_text=CUSTOM)
    document = make_document(session, seeded.project, ARABIC_ARTICLE, "ar")
    aset = assign(session, document, seeded.ann1)
    return seeded, aset


def test_a_custom_scheme_works_end_to_end(app, session, custom):
    seeded, aset = custom
    ann1 = LayerUser(app, "ann1")
    page = ann1.client.get(f"/annotate/{aset.public_id}").get_data(as_text=True)
    assert 'id="stance-panel"' not in page and 'id="frames-panel"' in page and 'id="links-panel"' in page
    assert "palette-technique" not in page and '<option value="war">' in page
    assert ann1.tag(aset, 1, "الاتفاق سيصمد", "thesis").status_code == 201
    assert ann1.tag(aset, 2, "أضرّت العقوبات", "reason").status_code == 201
    assert ann1.tag(aset, 1, "الضغوط", "claim").status_code == 422  # not a label of this scheme
    thesis, reason = (session.scalar(select(Span).where(Span.label == k)) for k in ("thesis", "reason"))
    link = {"source": reason.public_id, "target": thesis.public_id}
    before = layer_counts(session)
    assert ann1.post(aset, "links", {**link, "link_type": "attacks"}).status_code == 422
    assert ann1.post(aset, "links", {"source": thesis.public_id, "target": reason.public_id,
                                     "link_type": "supports"}).status_code == 422
    assert ann1.post(aset, "stances", {"actor": "x", "value": "favor"}).status_code in (404, 422)
    assert ann1.post(aset, "frames", {"frame": "economic", "role": "primary"}).status_code == 422
    assert layer_counts(session) == before
    assert ann1.post(aset, "links", {**link, "link_type": "supports"}).status_code == 201
    assert "primary frame" in ann1.status(aset, "done").get_data(as_text=True)
    assert ann1.post(aset, "frames", {"frame": "war", "role": "primary"}).status_code == 200
    assert ann1.status(aset, "done").status_code == 200
    session.expire_all()
    assert session.scalar(select(Link.link_type)) == "supports"
    assert session.scalar(select(FrameChoice.frame)) == "war"
    graph = ann1.client.get(f"/annotate/{aset.public_id}/argument-map").get_data(as_text=True)
    assert graph.count('class="edge edge-supports"') == 1 and 'data-label="thesis"' in graph


def test_stance_switched_off_is_refused_with_a_reason(app, session, custom):
    seeded, aset = custom
    from annotator.schemas.actors import ActorSpec, AliasSpec
    from annotator.services.actors.registry import create_actor

    egypt = create_actor(session, seeded.project, ActorSpec("Egypt", "state", (AliasSpec("مصر"),)))
    response = LayerUser(app, "ann1").post(aset, "stances", {"actor": egypt.public_id, "value": "favor"})
    assert response.status_code == 422 and "switched off" in response.get_data(as_text=True)


def test_argument_map_escapes_span_text(app, session, seeded):
    document = make_document(session, seeded.project, (("body", 'A <script>alert("x")</script> claim & more'),))
    aset = assign(session, document, seeded.ann1)
    add_span(session, aset, 0, "claim", 0, 41)
    add_frame(session, aset, "economic", primary=True)
    html = LayerUser(app, "ann1").client.get(f"/annotate/{aset.public_id}/argument-map").get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;" in html
