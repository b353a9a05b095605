"""The interchange file's writer, made faster (issue #17), writes what it wrote before: every line is
what the standard JSON encoder makes of its record, and the header names the scheme without the
scheme being parsed."""
from __future__ import annotations

import io
import json

import pytest

from annotator.export.jsonl import _ENCODE
from annotator.services.interchange.export import export_project, jsonl_stream
from annotator.services.team import projects
from tests.conftest import DEFAULT_SCHEME
from tests.export_fixtures import build


def standard(record) -> str:
    return json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode(record)


def test_every_line_is_what_the_standard_encoder_writes(session, seeded):
    build(session, seeded)
    out = io.BytesIO()
    export_project(session, seeded.project, "jsonl", out)
    written = out.getvalue().decode("utf-8").split("\n")
    assert written[-1] == "" and len(written) > 20
    assert [standard(json.loads(line)) for line in written[:-1]] == written[:-1]
    streamed = b"".join(jsonl_stream(session, seeded.project)).decode("utf-8")
    assert streamed == out.getvalue().decode("utf-8")


@pytest.mark.parametrize("record", [
    {"type": "span", "text": "قالَ \"الكاتبُ\"\n\t\u2028\u0000 é", "attributes": {"k": ["a", 1, 2.5, None, True]}},
    {"float": 1e-7, "big": 10**30, "nan": float("nan"), "inf": float("-inf"), "empty": {}, "list": []},
    {"nested": {"a": {"b": [{"c": False}]}}, "ordered": {"z": 1, "a": 2}},
])
def test_the_encoder_writes_as_the_standard_one(record):
    assert _ENCODE(record) == standard(record)


def test_the_encoder_refuses_what_the_standard_one_refuses():
    with pytest.raises(TypeError):
        _ENCODE({"when": object()})


@pytest.mark.parametrize("languages", ["", "languages: [ar, en, fr]\n"])
def test_the_scheme_is_named_without_being_parsed(session, seeded, monkeypatch, languages):
    text = DEFAULT_SCHEME.replace("languages: [ar, en, fr]\n", languages)
    project = projects.create_project(session, f"Named {len(languages)}", text)
    version = session.get(type(project.current_scheme), project.current_scheme_id)
    monkeypatch.setattr(projects, "_SCHEME_CACHE", {})
    named = projects.scheme_name_and_languages(version)
    assert projects._SCHEME_CACHE == {}  # read from the content, not parsed
    scheme = projects.scheme_of(version)
    assert named == (scheme.name, scheme.languages)
    assert projects.scheme_name_and_languages(version) == named  # and the same from the parsed one
