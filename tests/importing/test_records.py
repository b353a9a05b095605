import datetime
import json
from pathlib import Path

import pytest

from annotator.importing.errors import ImportFileError, InvalidRecordsError
from annotator.importing.parsers import parse_file

FIXTURES = Path(__file__).parent / "fixtures"


def test_good_jsonl():
    articles = parse_file("articles.jsonl", (FIXTURES / "articles.jsonl").read_bytes())
    assert len(articles) == 3
    first, second, third = articles

    assert first.external_id == "op-101"
    assert first.title == "الدعم الحكومي للخبز: إلى متى؟"
    assert first.author == "ليلى بن عمر"
    assert first.source_url == "https://news.example.net/opinion/bread"
    assert first.published == datetime.date(2024, 5, 2)
    assert (first.language, first.direction) == ("ar", "rtl")
    assert [p.kind for p in first.paragraphs] == ["title", "body", "body"]
    assert first.metadata["extra"] == {"section": "اقتصاد"}
    assert first.metadata["record"] == "line 1"
    assert first.source_name == "articles.jsonl"

    # Integer ids become strings; a non-URL source is kept as metadata.
    assert second.external_id == "102"
    assert second.source_url is None
    assert second.metadata["source"] == "The Town Crier"
    assert second.metadata["record"] == "line 3"  # blank line 2 skipped, numbering kept
    assert second.metadata["title_source"] == "derived"
    assert "extra" not in second.metadata  # no unknown fields, no empty entry
    assert second.title == "Public libraries are the last free indoor spaces in many towns."
    assert (second.language, second.direction) == ("en", "ltr")

    # No id: the service derives one from the hash.  "FR" is accepted as "fr".
    assert third.external_id is None
    assert third.author is None
    assert (third.language, third.direction) == ("fr", "ltr")


def test_declared_language_overrides_detection():
    line = {"text": "Ce texte est en français, mais le fichier dit autre chose.", "language": "en"}
    [article] = parse_file("x.jsonl", json.dumps(line).encode())
    assert (article.language, article.direction) == ("en", "ltr")
    # Detection still marks the paragraph that differs from the declared language.
    assert article.paragraphs[1].language == "fr"


def test_bad_jsonl_lists_every_problem():
    with pytest.raises(InvalidRecordsError) as caught:
        parse_file("articles.jsonl", (FIXTURES / "articles_bad.jsonl").read_bytes())
    assert str(caught.value).split("\n") == [
        "articles.jsonl line 2: field 'text': missing or empty",
        "articles.jsonl line 3: field 'date': must be a date as YYYY-MM-DD, got '14/03/2024'",
        "articles.jsonl line 3: field 'language': must be one of ar, en, fr, got 'de'",
        "articles.jsonl line 4: invalid JSON: Expecting property name enclosed in double quotes (column 37)",
        "articles.jsonl line 5: expected a JSON object",
        "articles.jsonl line 6: field 'id': duplicate of line 1",
        "articles.jsonl line 7: field 'text': must be a string",
        "articles.jsonl line 7: field 'title': must be a string",
    ]
    first = caught.value.errors[0]
    assert (first.filename, first.location, first.field, first.reason) == (
        "articles.jsonl",
        "line 2",
        "text",
        "missing or empty",
    )
    assert isinstance(caught.value, ImportFileError)


def test_single_bad_record_message():
    data = b'{"id": "1", "text": "ok text"}\n{"text": "fine"}\n{"title": "x"}\n'
    with pytest.raises(ImportFileError) as caught:
        parse_file("articles.jsonl", data)
    assert str(caught.value) == "articles.jsonl line 3: field 'text': missing or empty"


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"text": "t", "date": "2024-02-30"}, "field 'date': not a real date: '2024-02-30'"),
        ({"text": "t", "date": "20240301"}, "field 'date': must be a date as YYYY-MM-DD, got '20240301'"),
        ({"text": "t", "date": "2024-3-1"}, "field 'date': must be a date as YYYY-MM-DD, got '2024-3-1'"),
        ({"text": "t", "id": True}, "field 'id': must be a string or an integer"),
        ({"text": "t", "id": "x" * 201}, "field 'id': longer than 200 characters"),
        ({"text": "\u202b\u202c\x07"}, "field 'text': empty: no text paragraphs found"),
        ({"text": "   "}, "field 'text': missing or empty"),
        ({"text": None}, "field 'text': missing or empty"),
    ],
)
def test_record_field_errors(record, message):
    with pytest.raises(ImportFileError) as caught:
        parse_file("a.jsonl", json.dumps(record).encode())
    assert str(caught.value) == f"a.jsonl line 1: {message}"


def test_many_errors_are_capped():
    data = b"{}\n" * 25
    with pytest.raises(InvalidRecordsError) as caught:
        parse_file("a.jsonl", data)
    lines = str(caught.value).split("\n")
    assert len(caught.value.errors) == 25
    assert len(lines) == 21
    assert lines[-1] == "a.jsonl: ... and 5 more"


def test_empty_jsonl():
    with pytest.raises(ImportFileError) as caught:
        parse_file("a.jsonl", b"\n\n  \n")
    assert str(caught.value) == "a.jsonl: empty: the file has no content"


def test_good_csv_with_bom_crlf_and_quoted_multiline_cells():
    articles = parse_file("articles.csv", (FIXTURES / "articles.csv").read_bytes())
    assert len(articles) == 2
    first, second = articles
    assert first.external_id == "op-201"
    assert first.title == "هل تنجح الزراعة الحضرية؟"
    assert [p.text for p in first.body] == [
        "تنتشر حدائق الأسطح في المدن المزدحمة.",
        "لكنّ أثرها على الأمن الغذائي ما زال محدوداً، \"بحسب الخبراء\".",
    ]
    assert first.author == "نادية فرحات"
    assert first.published == datetime.date(2024, 6, 10)
    assert first.metadata["extra"] == {"section": "بيئة"}
    assert first.metadata["record"] == "row 2"
    assert second.metadata["record"] == "row 3"
    assert second.title == "Bike lanes are not a luxury."
    assert second.metadata["source"] == "City Desk"
    assert second.published is None


def test_bad_csv_semicolons_and_spreadsheet_row_numbers():
    with pytest.raises(InvalidRecordsError) as caught:
        parse_file("articles.csv", (FIXTURES / "articles_bad.csv").read_bytes())
    assert str(caught.value).split("\n") == [
        "articles.csv row 3: field 'text': missing or empty",
        "articles.csv row 4: field 'date': not a real date: '2023-02-29'",
        "articles.csv row 5: 5 cells but the header has 4 columns",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"id,title\n1,x\n", "articles.csv row 1: no 'text' column in the header row (found: id, title)"),
        (b"id,text,Text\n1,x,y\n", "articles.csv row 1: duplicate column(s) in the header row: text"),
        (b"id,,text\n1,x,y\n", "articles.csv row 1: column 2 has no name in the header row"),
        (b"text\n", "articles.csv: empty: no records"),
        (b'text\n"unterminated\n', "articles.csv row 2: malformed CSV: unexpected end of data"),
        (b'text\n"quoted"tail\n', "articles.csv row 2: malformed CSV: ',' expected after '\"'"),
    ],
)
def test_csv_file_problems(data, message):
    with pytest.raises(ImportFileError) as caught:
        parse_file("articles.csv", data)
    assert str(caught.value) == message


def test_csv_tab_separated_and_header_case():
    data = "ID\tText\tLanguage\n7\tUn article en français, avec le texte.\tfr\n".encode()
    [article] = parse_file("a.csv", data)
    assert article.external_id == "7"
    assert article.language == "fr"


def test_csv_blank_rows_are_skipped():
    data = b"text\nfirst article body.\n,\n\nsecond article body.\n"
    articles = parse_file("a.csv", data)
    assert [a.metadata["record"] for a in articles] == ["row 2", "row 5"]


def test_csv_in_cp1256():
    data = "text,title\nنصّ المقال هنا.,عنوان\n".encode("cp1256")
    with pytest.raises(ImportFileError, match="--encoding cp1256"):
        parse_file("a.csv", data)
    [article] = parse_file("a.csv", data, encoding="cp1256")
    assert article.title == "عنوان"


@pytest.mark.parametrize("record", [
    {"text": "t", "id": 7, "title": " T ", "author": "A", "source": "https://example.org/a", "date": "2024-03-14",
     "language": " AR ", "zeta": 1, "alpha": [1, 2], "dotted.key": "x", **{f"extra{i}": i for i in range(20)}},
    {"text": "t", "id": " a ", "author": "x" * 301},  # refused by a field: through the schema
    {"title": "no text"},
])
def test_records_load_as_the_schema_loads_them(record):
    from marshmallow import ValidationError

    from annotator.importing.records import _SCHEMA, _load

    try:
        expected = _SCHEMA.load(record)
    except ValidationError as exc:
        with pytest.raises(ValidationError) as caught:
            _load(record)
        assert caught.value.messages == exc.messages
    else:
        loaded = _load(record)
        assert loaded == expected
        assert [k for k in loaded if k not in _SCHEMA.fields] == [k for k in expected if k not in _SCHEMA.fields]
