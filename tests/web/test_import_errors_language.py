"""Why an import file was refused reads in the lead's interface language (issue 15): the import
parsers' file errors, the label map's, and marshmallow's own validation words are phrases now,
and read exactly as before in English (what the CLI, the API and scripts see)."""
from __future__ import annotations

import html
import io
import re

import pytest
from sqlalchemy import func, select

from annotator.importing.parsers import parse_file
from annotator.models import Document
from annotator.schemas.words import phrase_of
from tests.web.test_service_messages_language import _choose

BAD_CSV = ("articles.csv", b"id,text,Text\n1,x,y\n")
# Two bad records: a line the JSON reader refuses and a field the record schema refuses.
BAD_JSONL = ("articles.jsonl", b'{"text": "A body.", "date": "2024-13-01"}\n{"text": 3}\n')


def _upload(client, auth, project, files, path="import", **form):
    data = {"csrf_token": auth.csrf_token(), **form,
            "files": [(io.BytesIO(content), name) for name, content in files]}
    return client.post(f"/projects/{project.public_id}/{path}", data=data, content_type="multipart/form-data",
                       headers={"HX-Request": "true"})


def _refusal(response) -> str:
    found = re.search(r'<p class="problem-message">(.*?)</p>', response.get_data(as_text=True), re.S)
    assert found, response.get_data(as_text=True)
    return html.unescape(found.group(1)).strip()


@pytest.mark.parametrize("language, files, expected", [
    ("ar", [BAD_CSV], "articles.csv الصف 1: عمود مكرّر في صف العناوين: text"),
    ("fr", [BAD_CSV], "articles.csv ligne 1 : colonne en double dans la ligne d'en-tête : text"),
    ("en", [BAD_CSV], "articles.csv row 1: duplicate column(s) in the header row: text"),
    ("ar", [BAD_JSONL], "articles.jsonl السطر 1: الحقل «date»: ليس تاريخاً حقيقياً: '2024-13-01'\n"
                        "articles.jsonl السطر 2: الحقل «text»: يجب أن يكون نصاً"),
    ("en", [BAD_JSONL], "articles.jsonl line 1: field 'date': not a real date: '2024-13-01'\n"
                        "articles.jsonl line 2: field 'text': must be a string"),
    ("ar", [("notes.pdf", b"%PDF-1.4")],
     "notes.pdf: صيغة غير معروفة «.pdf» (المتوقَّع .txt, .md, .docx, .html, .htm, .jsonl, .csv)"),
    ("ar", [("empty.txt", b"  \n")], "empty.txt: فارغ: لا محتوى في الملف"),
])
def test_a_refused_import_file_reads_in_the_leads_language(client, auth, session, seeded, language, files, expected):
    auth.login("lead")
    _choose(client, language)
    refused = _upload(client, auth, seeded.project, [("good.txt", b"Title\n\nA body paragraph."), *files])
    assert refused.status_code == 422
    assert _refusal(refused) == expected
    if language == "ar":
        assert "header row" not in refused.get_data(as_text=True) and "must be" not in refused.get_data(as_text=True)
    assert session.scalar(select(func.count()).select_from(Document)) == 0


def test_the_english_words_are_the_same_for_the_cli_the_api_and_the_logs():
    """str() of the error is its English, as before; the Arabic is only what a page shows."""
    with pytest.raises(Exception) as raised:
        parse_file(*BAD_JSONL)
    assert str(raised.value) == ("articles.jsonl line 1: field 'date': not a real date: '2024-13-01'\n"
                                 "articles.jsonl line 2: field 'text': must be a string")
    assert raised.value.message.in_language("ar").startswith("articles.jsonl السطر 1: ")
    many = b"".join(b'{"text": 3}\n' for _ in range(23))
    with pytest.raises(Exception) as raised:
        parse_file("many.jsonl", many)
    assert str(raised.value).endswith("\nmany.jsonl: ... and 3 more")
    assert raised.value.message.in_language("ar").endswith("\nmany.jsonl: ... و3 أخرى")
    assert raised.value.reason == "23 invalid record fields"


def test_a_bad_label_map_and_marshmallows_own_words_read_in_arabic(client, auth, seeded):
    auth.login("lead")
    _choose(client, "ar")
    label_map = (io.BytesIO(b'{"sections": {}}'), "map.json")
    refused = _upload(client, auth, seeded.project, [("a.ann", b"")], path="import-annotations", format="brat",
                      label_map=label_map)
    assert refused.status_code == 422
    assert _refusal(refused) == "قسم غير معروف (المتوقَّع labels, links, attributes, values, frames, annotators)"
    wrong = _upload(client, auth, seeded.project, [("a.ann", b"")], path="import-annotations", format="nonsense")
    assert wrong.status_code == 422
    assert _refusal(wrong).startswith("format: يجب أن يكون واحداً من: ")
    _choose(client, "en")
    wrong = _upload(client, auth, seeded.project, [("a.ann", b"")], path="import-annotations", format="nonsense")
    assert _refusal(wrong).startswith("format: Must be one of: ")


def test_marshmallows_words_keep_their_english_and_values():
    read_back = phrase_of("Must be greater than or equal to 0 and less than or equal to 9.")
    assert read_back == "Must be greater than or equal to 0 and less than or equal to 9."
    assert read_back.in_language("fr") == "Doit être supérieur ou égal à 0 et inférieur ou égal à 9."
    assert phrase_of("Not a valid integer.").in_language("ar") == "ليس عدداً صحيحاً صالحاً."
    assert phrase_of("something of ours not in the catalogs").in_language("ar") == "something of ours not in the catalogs"


def test_a_refused_annotations_file_lists_its_errors_in_arabic(client, auth, seeded):
    auth.login("lead")
    _choose(client, "ar")
    refused = _upload(client, auth, seeded.project, [("spans.jsonl", b'{"type": "span"}\n[1]\n')],
                      path="import-annotations", format="jsonl")
    assert refused.status_code == 422
    words = _refusal(refused)
    assert "  السطر 1: type: يجب أن يبدأ الملف بسجل ترويسة، لا بسجل span\n" in words
    assert "  السطر 1: span.start: بيانات ناقصة في حقل مطلوب.\n" in words
    assert "  السطر 2: _line: يجب أن يكون كل سطر كائن JSON واحداً" in words
    assert "Missing data" not in words and "must begin" not in words


@pytest.mark.parametrize("fmt, files, place", [
    ("doccano", [("ann1.jsonl", b'{"text": "x", "entities": [{"label": "claim"}]}\n')], "ann1.jsonl السطر 1 entities.0"),
    ("labelstudio", [("tasks.json", b'[{"data": {"text": "x"}, "annotations": [{"result": 3}]}]')],
     "tasks.json المهمة 1 التوسيم 1"),
])
def test_a_place_in_another_tools_file_is_named_in_arabic(client, auth, seeded, fmt, files, place):
    auth.login("lead")
    _choose(client, "ar")
    refused = _upload(client, auth, seeded.project, files, path="import-annotations", format=fmt)
    assert refused.status_code == 422
    words = _refusal(refused)
    assert place in words and " line " not in words and " task " not in words and " annotation " not in words
