"""The example files of each format (tests/export/format_examples.py) import with exact offsets,
through the command line in one command; written back, they give the same file up to the
documented normalisation (our label names, ids renumbered, LF line ends)."""
from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import func, select

from annotator.export.formats import format_module
from annotator.export.formats.label_map import LabelMap, Resolver
from annotator.models import AdjudicatorNote, AnnotationSet, Document, FrameChoice, Span
from annotator.services.interchange.annotations_import import import_interchange
from annotator.services.interchange.formats import import_format
from annotator.services.team import projects
from tests.conftest import DEFAULT_SCHEME
from tests.export import format_examples as ex
from tests.export.formats_support import annotations, export_bytes
from tests.export_fixtures import build


def spans_of(session, project, owner_kind="user"):
    return {(s.label, s.text, tuple(sorted(s.attributes.items()))) for s in session.scalars(
        select(Span).join(AnnotationSet).join(Document).where(Document.project_id == project.id,
                                                              AnnotationSet.owner_kind == owner_kind))}


def normalised(fmt: str, files, label_map: bytes | None, scheme) -> dict:
    """What a file says, as our labels and quoted texts: ids, order and line ends left out."""
    resolver = Resolver(LabelMap.parse(label_map), scheme)
    read = format_module(fmt).read(files)
    assert not read.errors
    out = {}
    for document in read.documents:
        for aset in document.sets:
            quote = {s.id: document.text[s.fragments[0][0]:s.fragments[-1][1]].replace("\r\n", "\n")
                     for s in aset.spans}
            spans = {(resolver.span_label(s.label), quote[s.id],
                      tuple(sorted(resolver.attribute(resolver.span_label(s.label)[1], k, v)
                                   for k, v in s.attributes.items()))) for s in aset.spans}
            links = {(quote[link.source], quote[link.target], resolver.link_type(link.label)) for link in aset.links}
            out[(document.external_id, resolver.annotator(aset.owner))] = (spans, links)
    return out


def test_a_brat_folder_imports_in_one_command(runner, session, seeded, tmp_path):
    folder = ex.brat_folder(tmp_path / "corpus")
    (tmp_path / "map.yaml").write_bytes(ex.LABEL_MAP)
    result = runner.invoke(["import-annotations", "--project", "Demo", "--format", "brat", str(folder),
                            "--label-map", str(tmp_path / "map.yaml")])
    assert result.exit_code == 0, result.output
    assert "1 documents, 2 sets, 7 spans, 3 links" in result.output
    document = session.scalar(select(Document).where(Document.external_id == "sahel-brat"))
    # CRLF became LF; the title line is paragraph 0; offsets landed on the same characters
    assert [p.text for p in document.paragraphs] == [
        "أوروبا والساحل 🌍", "ارتفعت أسعارُ الغذاء بنسبة 40%، وهذا دليلٌ على فشل العقوبات.\nلم يَعُدْ بوسعِ أوروبا تجاهلُ الساحل.",
        "The EU — الاتحاد الأوروبي — must act 🇪🇺."]
    assert spans_of(session, seeded.project) == {
        ("evidence", "ارتفعت أسعارُ الغذاء بنسبة 40%", (("evidence_type", "statistic"),)),
        ("claim", "وهذا دليلٌ على فشل العقوبات", ()),
        ("major_claim", "لم يَعُدْ بوسعِ أوروبا تجاهلُ الساحل", ()),
        ("loaded_language", "العقوبات.\nلم يَعُدْ", ()),  # two fragments around a line break: one span
        ("name_calling_labeling", "The EU — الاتحاد الأوروبي", ()),
        ("claim", "أوروبا والساحل", ()),
        ("evidence", "must act 🇪🇺", (("evidence_type", "example"),)),
    }
    span = session.scalar(select(Span).where(Span.label == "major_claim"))
    assert (span.start, span.end) == (61, 97)  # 82-118 in the file, less the title and one CR


def test_a_brat_zip_goes_out_and_back_the_same_up_to_normalisation(session, seeded):
    import_format(session, seeded.project, "brat", [("corpus.zip", ex.brat_zip())], label_map=ex.LABEL_MAP)
    exported = export_bytes(session, seeded.project, "brat")
    entries = zipfile.ZipFile(io.BytesIO(exported)).namelist()
    assert {"annotation.conf", "ann1/sahel-brat.txt", "ann1/sahel-brat.ann", "ann2/sahel-brat.ann"} <= set(entries)
    scheme = projects.current_scheme(session, seeded.project)
    assert normalised("brat", [("out.zip", exported)], None, scheme) == \
        normalised("brat", [("in.zip", ex.brat_zip())], ex.LABEL_MAP, scheme)


def test_a_label_studio_export_imports_in_one_command(runner, session, seeded, tmp_path):
    (tmp_path / "export.json").write_bytes(ex.ls_json())
    (tmp_path / "map.yaml").write_bytes(ex.LS_LABEL_MAP)
    result = runner.invoke(["import-annotations", "--project", "Demo", "--format", "labelstudio",
                            str(tmp_path / "export.json"), "--label-map", str(tmp_path / "map.yaml")])
    assert result.exit_code == 0, result.output
    owners = set(session.scalars(select(AnnotationSet.owner_key)))
    assert owners == {f"user:{seeded.ann1.id}", f"user:{seeded.ann2.id}", "model:argmin-1"}
    assert ("evidence", "ارتفعت أسعارُ الغذاء بنسبة 40%", (("evidence_type", "statistic"),)) in spans_of(
        session, seeded.project)
    # one region, two labels: two spans; and the prediction is the model's set
    assert {("loaded_language", "فشل العقوبات", ()), ("claim", "فشل العقوبات", ())} <= spans_of(session, seeded.project)
    assert spans_of(session, seeded.project, "model") == {("claim", "أوروبا", ())}
    assert {(f.frame, f.is_primary) for f in session.scalars(select(FrameChoice))} == {
        ("economic", True), ("security_and_defense", False)}
    # a relation drawn right to left runs from the claim to the major claim
    found = annotations(session, seeded.project)[("sahel-ls", "ann1")]["links"]
    assert any(link[0][4] == "claim" and link[1][4] == "major_claim" for link in found)


def test_label_studio_out_and_back_and_its_label_config(session, seeded):
    import_format(session, seeded.project, "labelstudio", [("export.json", ex.ls_json())], label_map=ex.LS_LABEL_MAP)
    exported = export_bytes(session, seeded.project, "labelstudio")
    archive = zipfile.ZipFile(io.BytesIO(exported))
    config = archive.read("label_config.xml").decode()
    assert '<Label value="major_claim"' in config and '<Relation value="supports"/>' in config
    assert 'whenLabelValue="evidence"' in config and '<Choices name="primary_frame"' in config
    scheme = projects.current_scheme(session, seeded.project)
    assert normalised("labelstudio", [("out.zip", exported)], None, scheme) == \
        normalised("labelstudio", [("in.json", ex.ls_json())], ex.LS_LABEL_MAP, scheme)


def test_webanno_tsv_multi_token_stacked_and_relations(session, seeded):
    summary = import_format(session, seeded.project, "webanno",
                            [("annotation/sahel-tsv.txt/ann1.tsv", ex.WEBANNO_TSV.encode())],
                            label_map=ex.WEBANNO_LABEL_MAP)
    assert summary.created["spans"] == 5 and summary.created["links"] == 2
    assert spans_of(session, seeded.project) == {
        ("major_claim", "أوروبا 🌍 والساحل", ()),
        ("evidence", "ارتفعت الأسعار 40%", (("evidence_type", "statistic"),)),
        ("claim", "العقوبات", ()), ("evidence", "العقوبات", (("evidence_type", "example"),)),
        ("loaded_language", "العقوبات", ()),
    }
    links = annotations(session, seeded.project)[("sahel-tsv", "ann1")]["links"]
    assert {(a[4], a[5], b[4], b[5], t) for a, b, t in links} == {
        ("evidence", "ارتفعت الأسعار 40%", "major_claim", "أوروبا 🌍 والساحل", "supports"),
        ("evidence", "العقوبات", "claim", "العقوبات", "supports")}
    exported = export_bytes(session, seeded.project, "webanno")
    scheme = projects.current_scheme(session, seeded.project)
    assert normalised("webanno", [("out.zip", exported)], None, scheme) == \
        normalised("webanno", [("annotation/sahel-tsv.txt/ann1.tsv", ex.WEBANNO_TSV.encode())],
                   ex.WEBANNO_LABEL_MAP, scheme)


def test_doccano_jsonl_one_file_per_user(session, seeded):
    summary = import_format(session, seeded.project, "doccano", [("ann2.jsonl", ex.doccano_jsonl())],
                            label_map=ex.LABEL_MAP)
    assert summary.created == {"documents": 2, "sets": 2, "spans": 3, "links": 1, "frames": 1}
    assert ("evidence", "ارتفعت أسعارُ الغذاء 🌍 بنسبة 40%", ()) in spans_of(session, seeded.project)
    exported = export_bytes(session, seeded.project, "doccano")
    assert zipfile.ZipFile(io.BytesIO(exported)).namelist() == ["ann2.jsonl"]
    scheme = projects.current_scheme(session, seeded.project)
    assert normalised("doccano", [("out.zip", exported)], None, scheme) == \
        normalised("doccano", [("ann2.jsonl", ex.doccano_jsonl())], ex.LABEL_MAP, scheme)


def test_aif_from_ova_is_found_in_the_article(session, seeded):
    build(session, seeded)
    summary = import_format(session, seeded.project, "aif", [("sahel-001.json", ex.aif_json())], annotator="lead")
    assert summary.created["spans"] == 3 and summary.created["links"] == 2
    found = annotations(session, seeded.project)[("sahel-001", "lead")]
    assert {(s[0], s[5]) for s in found["spans"]} == {
        (1, "لم يَعُدْ بوسعِ أوروبا تجاهلُ منطقةِ الساحل 🌍"), (2, "ارتفعت أسعارُ الغذاء بنسبة 40%"),
        (2, "وهذا دليلٌ على فشل العقوبات")}
    exported = export_bytes(session, seeded.project, "aif", selection=_only("lead"))
    graph = zipfile.ZipFile(io.BytesIO(exported)).read("lead/sahel-001.json")
    assert b'"type": "RA"' in graph and b'"annotator"' in graph


def test_an_aif_node_not_in_the_article_is_named_by_its_id(session, seeded):
    build(session, seeded)
    graph = {**ex.AIF_GRAPH, "nodes": [dict(n, text="نص غير موجود") if n["nodeID"] == "3" else n
                                       for n in ex.AIF_GRAPH["nodes"]]}
    with pytest.raises(Exception) as caught:
        import_format(session, seeded.project, "aif", [("sahel-001.json", ex.aif_json(graph))], annotator="lead")
    assert "sahel-001.json node 3: span.text: the text of '3' is not found in the article" in str(caught.value)


def _only(*annotators):
    from annotator.export.dataset import Selection

    return Selection((), annotators)


def test_the_export_page_and_import_page_offer_every_format(client, auth, session, seeded):
    auth.login("lead")
    page = client.get(f"/projects/{seeded.project.public_id}/import").get_data(as_text=True)
    for fmt in ("brat", "labelstudio", "webanno", "doccano", "aif"):
        assert f'<option value="{fmt}">' in page
    response = client.post(f"/projects/{seeded.project.public_id}/import-annotations",
                           data={"csrf_token": auth.csrf_token(), "format": "labelstudio",
                                 "files": [(io.BytesIO(ex.ls_json()), "export.json")],
                                 "label_map": (io.BytesIO(ex.LS_LABEL_MAP), "map.yaml")},
                           content_type="multipart/form-data", headers={"HX-Request": "true"})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert "Imported annotations" in response.get_data(as_text=True)
    download = client.get(f"/projects/{seeded.project.public_id}/export.brat")
    assert download.status_code == 200 and download.mimetype == "application/zip"
    download.close()


def test_an_annotator_cannot_import_annotations(client, auth, session, seeded):
    auth.login("ann1")
    response = client.post(f"/projects/{seeded.project.public_id}/import-annotations",
                           data={"csrf_token": auth.csrf_token(), "format": "labelstudio",
                                 "files": [(io.BytesIO(ex.ls_json()), "export.json")]},
                           content_type="multipart/form-data")
    assert response.status_code in (403, 404)
    assert session.scalar(select(func.count(Span.id))) == 0


def _notes(session, project) -> set[tuple[str, str]]:
    """(the span's text, the note on it) for every span note of the project."""
    return set(session.execute(
        select(Span.text, AdjudicatorNote.text).join(AdjudicatorNote, AdjudicatorNote.target_id == Span.public_id)
        .join(AnnotationSet, AnnotationSet.id == Span.set_id).join(Document)
        .where(Document.project_id == project.id, AdjudicatorNote.target_kind == "span")).all())


def test_brat_notes_are_kept_as_the_spans_notes_and_written_back(session, seeded):
    ann = ex.BRAT_ANN1 + "#2\tAnnotatorNotes T2\tsecond thought\n#3\tAnnotatorNotes T5\tThe EU: 🇪🇺\n"
    summary = import_format(session, seeded.project, "brat", [("c.zip", ex.brat_zip(ann1=ann))],
                            label_map=ex.LABEL_MAP)
    assert summary.created["notes"] == 2
    assert _notes(session, seeded.project) == {("وهذا دليلٌ على فشل العقوبات", "نقطة مهمة\nsecond thought"),
                                               ("The EU — الاتحاد الأوروبي", "The EU: 🇪🇺")}
    exported = export_bytes(session, seeded.project, "brat")
    written = zipfile.ZipFile(io.BytesIO(exported)).read("ann1/sahel-brat.ann").decode()
    quoted = {line.split("\t")[0]: line.split("\t")[2] for line in written.splitlines() if line.startswith("T")}
    notes = {quoted[line.split("\t")[1].split()[1]]: line.split("\t")[2]
             for line in written.splitlines() if line.startswith("#")}
    # brat's note is one line: the two notes on T2 come back as one, their line break a space
    assert notes == {"وهذا دليلٌ على فشل العقوبات": "نقطة مهمة second thought", "The EU — الاتحاد الأوروبي": "The EU: 🇪🇺"}
    copy = projects.create_project(session, "Copy", DEFAULT_SCHEME)
    import_format(session, copy, "brat", [("export.zip", exported)], user=seeded.lead)
    assert _notes(session, copy) == {("وهذا دليلٌ على فشل العقوبات", "نقطة مهمة second thought"),
                                     ("The EU — الاتحاد الأوروبي", "The EU: 🇪🇺")}


def test_a_span_note_travels_once_through_our_jsonl(session, seeded):
    # JSONL writes a span's note on the span (what the other formats read) and as a note record: one copy back
    ann = ex.BRAT_ANN1 + "#3\tAnnotatorNotes T5\tThe EU: 🇪🇺\n"
    import_format(session, seeded.project, "brat", [("c.zip", ex.brat_zip(ann1=ann))], label_map=ex.LABEL_MAP)
    exported = export_bytes(session, seeded.project, "jsonl")
    copy = projects.create_project(session, "Copy", DEFAULT_SCHEME)
    summary = import_interchange(session, copy, exported.splitlines(), user=seeded.lead)
    assert summary.created["notes"] == 2
    assert sorted(_notes(session, copy)) == sorted(_notes(session, seeded.project))
    count = select(func.count(AdjudicatorNote.id)).join(AnnotationSet).join(Document).where(Document.project_id == copy.id)
    assert session.scalar(count) == 2
