"""Scheme files: validation errors name the key and the problem; changes make new versions."""
from __future__ import annotations

import pytest
import yaml
from sqlalchemy import func, select

from annotator.errors import Invalid
from annotator.models import AnnotationSet, Paragraph, SchemeVersion, Span
from annotator.services.team import projects
from tests.conftest import DEFAULT_SCHEME

SMALL = {
    "name": "Small",
    "layers": [{"key": "argument", "names": {"en": "Argument", "ar": "حجاج"}, "labels": [
        {"key": "claim", "names": {"en": "Claim", "ar": "ادعاء"}, "color": "#9fd3f7", "shortcut": "KeyC"},
        {"key": "premise", "names": {"en": "Premise", "ar": "مقدمة"}, "color": "#b8e6a8", "shortcut": "KeyE"},
    ]}],
}


def _text(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True)


def _with(path: str, value):
    data = yaml.safe_load(_text(SMALL))
    target = data
    keys = path.split(".")
    for key in keys[:-1]:
        target = target[int(key)] if key.isdigit() else target[key]
    last = keys[-1]
    if value is None:
        del target[int(last) if last.isdigit() else last]
    elif last.isdigit():
        target[int(last)] = value
    else:
        target[last] = value
    return data


@pytest.mark.parametrize("data, field, words", [
    (_with("layers.0.labels.1.shortcut", "KeyC"), "shortcut", "duplicate shortcut"),
    (_with("layers.0.labels.1.shortcut", "KeyJ"), "shortcut", "reserved"),
    (_with("layers.0.labels.1.shortcut", "c"), "shortcut", "physical key"),
    (_with("layers.0.labels.1.key", "claim"), "key", "duplicate label key"),
    (_with("layers.0.labels.1.key", "Bad Key"), "key", "lower_snake_case"),
    (_with("layers.0.labels.1.color", "#101010"), "color", "too dark"),
    (_with("layers.0.labels.1.color", "blue"), "color", "colour like"),
    (_with("layers.0.labels.1.names", {"en": "Premise"}), "names", "ar"),
    (_with("layers.0.labels.1.guidelines", "../../etc/passwd"), "guidelines", "relative path"),
    (_with("layers.0.labels", []), "labels", "Shorter than minimum"),
    (_with("name", None), "name", "Missing data"),
])
def test_bad_scheme_names_the_key_and_the_problem(session, data, field, words):
    with pytest.raises(Invalid) as caught:
        projects.create_project(session, "P", _text(data))
    assert field in caught.value.field and words.lower() in caught.value.message.lower()
    assert session.scalar(select(func.count()).select_from(SchemeVersion)) == 0


def test_not_yaml_at_all(session):
    with pytest.raises(Invalid) as caught:
        projects.create_project(session, "P", "name: [unclosed")
    assert "YAML" in caught.value.message


def test_default_scheme_loads_as_version_one(session):
    project = projects.create_project(session, "P", DEFAULT_SCHEME)
    assert project.current_scheme.version == 1
    scheme = projects.current_scheme(session, project)
    assert scheme.layer("argument").label("claim").shortcut == "KeyC"


def test_unchanged_scheme_keeps_its_version(session):
    project = projects.create_project(session, "P", _text(SMALL))
    again = projects.load_scheme(session, project, _text(SMALL))
    assert again.version == 1


def _span(session, project, label: str) -> None:
    from annotator.models import Document

    doc = Document(project_id=project.id, external_id="d1", title="t", content_hash="h")
    session.add(doc)
    session.flush()
    paragraph = Paragraph(document_id=doc.id, index=0, kind="title", text="claim text")
    aset = AnnotationSet(document_id=doc.id, owner_kind="gold", owner_key="gold")
    session.add_all([paragraph, aset])
    session.flush()
    session.add(Span(set_id=aset.id, paragraph_id=paragraph.id, layer="argument", label=label, start=0, end=5,
                     text="claim", scheme_version_id=project.current_scheme_id))
    session.commit()


def test_dropping_a_label_in_use_is_refused(session):
    project = projects.create_project(session, "P", _text(SMALL))
    _span(session, project, "premise")
    dropped = _with("layers.0.labels.1", None)
    with pytest.raises(Invalid) as caught:
        projects.load_scheme(session, project, _text(dropped))
    assert caught.value.field == "labels.premise" and "retired" in caught.value.message
    assert session.scalar(select(func.count()).select_from(SchemeVersion)) == 1


def test_retiring_and_renaming_labels_make_new_versions(session):
    project = projects.create_project(session, "P", _text(SMALL))
    _span(session, project, "premise")
    retired = _with("layers.0.labels.1.retired", True)
    version = projects.load_scheme(session, project, _text(retired))
    assert version.version == 2
    assert projects.current_scheme(session, project).layer("argument").label("premise").retired

    renamed = _with("layers.0.labels.1", {"key": "evidence", "names": {"en": "Evidence", "ar": "دليل"},
                                           "color": "#b8e6a8", "shortcut": "KeyE"})
    version = projects.load_scheme(session, project, _text(renamed), renames={"premise": "evidence"})
    assert version.version == 3
    assert session.scalars(select(Span.label)).all() == ["evidence"]
    first = session.scalar(select(SchemeVersion).where(SchemeVersion.version == 1))
    assert [lab["key"] for lab in first.content["layers"][0]["labels"]] == ["claim", "premise"]


def test_rename_to_an_unknown_label_is_refused(session):
    project = projects.create_project(session, "P", _text(SMALL))
    with pytest.raises(Invalid) as caught:
        projects.load_scheme(session, project, _text(_with("name", "Small 2")), renames={"premise": "nothing"})
    assert "nothing" in caught.value.message
