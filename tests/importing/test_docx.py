import datetime
import io
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE

from annotator.importing.docx_format import UNPACKED_FACTOR
from annotator.importing.errors import ImportFileError
from annotator.importing.parsers import parse_file


def to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_docx(*, author="Office User", title="", created=datetime.datetime(2024, 4, 1, 8, 0)):
    document = docx.Document()
    properties = document.core_properties
    properties.author = author
    properties.title = title
    properties.created = created
    return document


def test_styles_become_paragraph_kinds():
    document = build_docx(title="النقل العام")
    document.add_paragraph("مقال رأي", style="Normal")  # a kicker above the title
    document.add_paragraph("النقل العامّ حقٌّ لا امتياز", style="Title")
    document.add_paragraph("يقضي العامل ساعتين يومياً في الطريق إلى عمله.", style="Normal")
    document.add_paragraph("الكلفة الخفية", style="Heading 1")
    document.add_paragraph("كلّ ساعةٍ في الزحام ساعةٌ تُقتطع من الأسرة.")
    document.add_paragraph("التنقّل جزءٌ من الحقّ في المدينة.", style="Quote")
    document.add_paragraph("ما العمل؟", style="Heading 2")
    document.add_paragraph("خطوطٌ سريعة للحافلات، وأسعارٌ مدعومة للطلاب.", style="List Bullet")
    document.add_paragraph("بقلم: هالة يوسف")
    [article] = parse_file("transport.docx", to_bytes(document))
    assert [(p.kind, p.text) for p in article.paragraphs] == [
        ("title", "النقل العامّ حقٌّ لا امتياز"),
        ("body", "مقال رأي"),
        ("body", "يقضي العامل ساعتين يومياً في الطريق إلى عمله."),
        ("heading", "الكلفة الخفية"),
        ("body", "كلّ ساعةٍ في الزحام ساعةٌ تُقتطع من الأسرة."),
        ("quote", "التنقّل جزءٌ من الحقّ في المدينة."),
        ("heading", "ما العمل؟"),
        ("body", "خطوطٌ سريعة للحافلات، وأسعارٌ مدعومة للطلاب."),
        ("body", "بقلم: هالة يوسف"),
    ]
    assert article.metadata["title_source"] == "explicit"
    # The byline beats the file's author property (usually whoever saved the file).
    assert article.author == "هالة يوسف"
    assert article.metadata["docx_author"] == "Office User"
    assert article.metadata["docx_title"] == "النقل العام"
    assert article.metadata["docx_created"] == "2024-04-01T08:00:00+00:00"
    assert article.metadata["format"] == "docx"
    assert article.published is None
    assert (article.language, article.direction) == ("ar", "rtl")


def test_first_heading_becomes_title_and_author_property_is_the_fallback():
    document = build_docx(author="Jeanne Martin")
    document.add_paragraph("Les trains de nuit reviennent", style="Heading 1")
    document.add_paragraph("Après des années d'abandon, les trains de nuit sont de retour sur les rails.")
    document.add_paragraph("Une ligne par an", style="Heading 2")
    document.add_paragraph("Le gouvernement promet une nouvelle ligne chaque année.", style="Intense Quote")
    [article] = parse_file("trains.DOCX", to_bytes(document))
    assert article.title == "Les trains de nuit reviennent"
    assert article.metadata["title_source"] == "first_heading"
    assert [p.kind for p in article.paragraphs] == ["title", "body", "heading", "quote"]
    assert article.author == "Jeanne Martin"
    assert article.metadata["author_source"] == "properties"
    assert (article.language, article.direction) == ("fr", "ltr")


def test_title_property_used_when_text_has_no_title():
    document = build_docx(title="Water meters", author="")
    document.add_paragraph("The city will install smart water meters in every home by next year.")
    [article] = parse_file("water.docx", to_bytes(document))
    assert article.title == "Water meters"
    assert article.metadata["title_source"] == "properties"
    assert article.author is None
    assert [p.kind for p in article.paragraphs] == ["title", "body"]


def test_custom_style_based_on_heading_and_tables_and_line_breaks():
    document = build_docx()
    style = document.styles.add_style("Article Subhead", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Heading 2"]
    document.add_paragraph("Budget day", style="Title")
    paragraph = document.add_paragraph("First line")
    paragraph.add_run().add_break()
    paragraph.add_run("second line")
    document.add_paragraph("Where the money goes", style="Article Subhead")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Schools"
    table.cell(0, 1).text = "40%"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "Merged cell"
    [article] = parse_file("budget.docx", to_bytes(document))
    assert [(p.kind, p.text) for p in article.paragraphs] == [
        ("title", "Budget day"),
        ("body", "First line\nsecond line"),
        ("heading", "Where the money goes"),
        ("body", "Schools"),
        ("body", "40%"),
        ("body", "Merged cell"),
    ]


def test_empty_docx():
    document = build_docx()
    document.add_paragraph("   ")
    with pytest.raises(ImportFileError) as caught:
        parse_file("blank.docx", to_bytes(document))
    assert caught.value.reason.startswith("empty")


def test_not_a_docx():
    with pytest.raises(ImportFileError) as caught:
        parse_file("fake.docx", b"this is plain text, not a zip archive")
    assert str(caught.value) == "fake.docx: not a valid .docx file (not a zip archive)"


def test_zip_without_word_document():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(ImportFileError, match="not a valid .docx file"):
        parse_file("other.docx", buffer.getvalue())


def test_zip_bomb_guard():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (UNPACKED_FACTOR * 1000 + 1))
    data = buffer.getvalue()
    assert len(data) < 1000
    with pytest.raises(ImportFileError, match="too large: unpacks to"):
        parse_file("bomb.docx", data, max_bytes=1000)
