"""Bad files in other tools' formats: a clear error naming the file, the line or record and the
field, and nothing imported (the same all-or-nothing rule as our JSONL)."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from annotator.errors import Invalid
from annotator.export.formats.flat_text import FlatText
from annotator.models import AnnotationSet, Document, Event, Span
from annotator.services.interchange.formats import import_format
from tests.export import format_examples as ex

ANN = ex.BRAT_ANN1


def counts(session):
    return tuple(session.scalar(select(func.count()).select_from(model)) for model in (Document, AnnotationSet, Span,
                                                                                       Event))


@pytest.mark.parametrize("ann, expected", [
    (ANN.replace("T1\tPremise 20 50", "T1\tPremise 20 500"), "ann1/sahel-brat.ann line 1: T: offsets 20-500 are "
                                                             "outside the text (0-165)"),
    (ANN + "T9\tClaim twenty 30\tx\n", "ann1/sahel-brat.ann line 11: T: does not parse"),
    (ANN + "R3\tSupport Arg1:T1 Arg2:T99\n", "ann1/sahel-brat.ann line 11: link: refers to 'T99', which is no "
                                             "span of this set"),
    (ANN.replace("40%\n", "41%\n", 1), "ann1/sahel-brat.ann line 1: T: the text 'ارتفعت أسعارُ الغذاء بنسبة 41%' "
                                       "does not match its offsets"),
    (ANN.replace("Claim 52 79", "Thesis 52 79"), "ann1/sahel-brat.ann line 2: span.label: 'Thesis' is not a label "
                                                 "of the project's scheme and the label map does not map it "
                                                 "(used 1 time(s)"),
    (ANN + "T6\tClaim 0 6;20 26\tأوروبا ارتفعت\n", "ann1/sahel-brat.ann line 11: span.fragments: a discontinuous "
                                                  "span (2 fragments)"),
    (ANN + "A9\tType T42 Statistic\n", "ann1/sahel-brat.ann line 11: A: an attribute of 'T42'"),
    (ANN + "E1\tAttack:T1 Arg:T2\n", "ann1/sahel-brat.ann line 11: E: brat events are not supported"),
    (ANN.replace("R1\tSupport", "R1\tCauses"), "'Causes' is not a link type and the label map does not map it"),
    (ANN + "T7\tClaim 112 119;123 126\tالساحل. The\n", "ann1/sahel-brat.ann line 11: span.start: 112-126 runs "
                                                        "across a paragraph break"),
])
def test_a_bad_brat_file_names_file_line_and_field_and_imports_nothing(session, seeded, ann, expected):
    before = counts(session)
    with pytest.raises(Invalid) as caught:
        import_format(session, seeded.project, "brat", [("c.zip", ex.brat_zip(ann1=ann))], label_map=ex.LABEL_MAP)
    assert expected.split("\n")[0] in caught.value.message, caught.value.message
    assert "nothing was imported" in caught.value.message
    assert counts(session) == before


def test_unknown_labels_are_listed_once_each_with_their_count(session, seeded):
    with pytest.raises(Invalid) as caught:
        import_format(session, seeded.project, "brat", [("c.zip", ex.brat_zip())])
    message = caught.value.message
    assert message.count("'Premise' is not a label") == 1 and "used 2 time(s)" in message
    assert "label_map" not in message.split("'Premise'")[0]


@pytest.mark.parametrize("fmt, files, expected", [
    ("brat", [("tasks.json", ex.ls_json())], "import: file: no .txt and .ann files found: not a brat corpus"),
    ("labelstudio", [("c.zip", ex.brat_zip())], "no .json file of Label Studio tasks found"),
    ("labelstudio", [("t.json", b'{"nodes": 1}')], "t.json task 1: data.text: required"),
    ("webanno", [("d.tsv", b"not a tsv")], "d.tsv line 1: #FORMAT: not WebAnno TSV 3"),
    ("doccano", [("ann1.jsonl", b'{"text": "x", "entities": [{"label": "claim"}]}\n')],
     "ann1.jsonl line 1 entities.0: entities: an entity needs label, start_offset and end_offset"),
    ("aif", [("sahel.json", ex.ls_json())], "sahel.json: file: not AIF JSON"),
    ("labelstudio", [("t.json", ex.ls_json([{"data": {"text": "abc"}, "annotations": [{"completed_by": {
        "email": "ann1@x"}, "result": [{"id": "a", "type": "labels", "value": {"start": 0, "end": 9, "labels": [
            "claim"]}}]}]}]))], "t.json task 1 annotation 1 result 1: span.start: 0-9 is outside the text (0-3)"),
])
def test_a_file_in_the_wrong_shape_is_refused(session, seeded, fmt, files, expected):
    before = counts(session)
    with pytest.raises(Invalid) as caught:
        import_format(session, seeded.project, fmt, files, annotator="ann1")
    assert expected in caught.value.message, caught.value.message
    assert counts(session) == before


def test_a_bad_label_map_names_its_entry(session, seeded):
    with pytest.raises(Invalid) as caught:
        import_format(session, seeded.project, "brat", [("c.zip", ex.brat_zip())], label_map=b"labels:\n  Premise: proof\n")
    assert caught.value.field == "label_map.labels.Premise" and "'proof' is not a label" in caught.value.message


def test_the_cli_exits_2_and_names_the_place(runner, session, seeded, tmp_path):
    (tmp_path / "c.zip").write_bytes(ex.brat_zip(ann1=ANN.replace("20 50", "20 500")))
    result = runner.invoke(["import-annotations", "--project", "Demo", "--format", "brat", str(tmp_path / "c.zip")])
    assert result.exit_code == 2
    assert "corpus/ann1/sahel-brat.ann line 1: T: offsets 20-500 are outside the text" in result.output


def test_flat_text_offsets_land_on_the_same_characters():
    # CRLF, a byte-order mark, bidi controls and decomposed Arabic (alef + madda) in the file
    raw = "\ufeffعنوان\r\n\r\nقال \u202bالوزير\u202c: آ\u0627\u0653 🇲🇦 نعم"
    flat = FlatText(raw)
    assert flat.paragraphs == ["عنوان", "قال الوزير: آآ 🇲🇦 نعم"]
    start = raw.index("الوزير")
    assert flat.locate(start, start + 6) == (1, 4, 10)
    decomposed = raw.index("\u0627\u0653")
    assert flat.locate(decomposed, decomposed + 2) == (1, 13, 14)  # two code points became one
    flag = raw.index("🇲🇦")
    para, s, e = flat.locate(flag, flag + 2)
    assert flat.paragraphs[para][s:e] == "🇲🇦"
    assert flat.locate(1, 12).startswith("1-12 runs across a paragraph break")
