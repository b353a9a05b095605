"""The plain checks that load a JSONL/CSV record without marshmallow take exactly what the schema
takes, and make the same of it; anything else goes through the schema, with its words."""
from __future__ import annotations

import subprocess
import sys

import pytest
from marshmallow import ValidationError

from annotator.importing.records import _SCHEMA, _load

VALUES = {
    "id": [7, 0, -3, True, False, 7.0, " a ", "", "x" * 200, " " + "x" * 200 + " ", "x" * 201, [1], {"a": 1}, b"id"],
    "title": ["T", " T ", "", 1, 1.5, True, ["t"], b"t"],
    "text": ["t", " ", 0, False, ["t"], {"t": 1}, b"t"],
    "author": ["A", "x" * 300, "x" * 301, " " * 301, 3, ["a"]],
    "source": ["https://example.org/a", "Le Monde", 5, None],
    "date": ["2024-03-14", " 2024-03-14 ", "2024-02-30", "20240314", "2024-3-14", "٢٠٢٤-٠٣-١٤", "2024-03-14T00:00",
             20240314, None, ["2024-03-14"]],
    "language": ["ar", " AR ", "En", "fr\n", "de", "", 1, None, ["ar"], "\u0130"],
}


def _schema_result(record):
    try:
        return "loaded", _SCHEMA.load(record)
    except ValidationError as exc:
        return "refused", exc.messages


def _plain_result(record):
    try:
        return "loaded", _load(record)
    except ValidationError as exc:
        return "refused", exc.messages


@pytest.mark.parametrize("name, value", [(name, value) for name, values in VALUES.items() for value in values])
def test_each_value_loads_or_is_refused_as_the_schema_does(name, value):
    record = {"text": "body", name: value, "extra": [1]} if name != "text" else {"text": value, "extra": [1]}
    expected = _schema_result(record)
    assert _plain_result(record) == expected
    if expected[0] == "loaded":
        assert list(_load(record)) == list(expected[1])  # the same keys in the same order
        assert [type(v) for v in _load(record).values()] == [type(v) for v in expected[1].values()]


def test_a_jsonl_import_of_good_records_loads_no_marshmallow_and_no_trafilatura(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": 1, "title": "T", "text": "Body one.\\n\\nBody two.", "language": "en"}\n', encoding="utf-8")
    code = ("import sys\nfrom annotator.importing.parsers import parse_file\n"
            f"parse_file('a.jsonl', open({str(path)!r}, 'rb').read())\n"
            "print(' '.join(m for m in sys.modules if m.split('.')[0] in ('marshmallow', 'trafilatura', 'docx')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
