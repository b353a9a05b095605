import codecs
from pathlib import Path

import pytest

from annotator.domain.text import content_hash
from annotator.importing.errors import ImportFileError
from annotator.importing.parsers import parse_file
from annotator.importing.plaintext import text_blocks

FIXTURES = Path(__file__).parent / "fixtures"


def kinds_and_texts(article):
    return [(p.kind, p.text) for p in article.paragraphs]


def parse_one(name, data, **kwargs):
    articles = parse_file(name, data, **kwargs)
    assert len(articles) == 1
    return articles[0]


def test_arabic_txt_fixture():
    article = parse_one("opinion.txt", (FIXTURES / "arabic_opinion.txt").read_bytes())
    assert article.title == "المدينة التي نسيت حدائقها"
    assert article.paragraphs[0].kind == "title"
    assert article.author == "كريم المنصوري"
    assert article.metadata["author_source"] == "signature"
    assert article.metadata["title_source"] == "explicit"
    assert article.metadata["format"] == "txt"
    assert (article.language, article.direction) == ("ar", "rtl")
    kinds = [p.kind for p in article.paragraphs]
    assert kinds == ["title", "body", "body", "heading", "body", "body", "body", "body"]
    # The byline stays in the text as a body paragraph.
    assert article.paragraphs[1].text == "بقلم: كريم المنصوري"
    # Lines of one paragraph keep their newline.
    assert article.paragraphs[2].text.count("\n") == 1
    assert article.paragraphs[3].text == "لماذا نحتاج إلى الظلّ"
    # The English paragraph is marked; the Arabic one quoting two words is not.
    english = article.paragraphs[6]
    assert english.text.startswith("The city was designed")
    assert (english.language, english.direction) == ("en", "ltr")
    assert (article.paragraphs[5].language, article.paragraphs[5].direction) == (None, None)
    assert article.source_name == "opinion.txt"
    assert article.external_id is None
    assert article.content_hash == content_hash(article.title, [p.text for p in article.body])


def test_markdown_fixture():
    article = parse_one("notes.md", (FIXTURES / "english_notes.md").read_bytes())
    assert kinds_and_texts(article) == [
        ("title", "The Case for Slower News"),
        (
            "body",
            "Breaking news rewards speed over accuracy. Every newsroom knows this, and yet "
            "the incentives keep pushing in the same direction.",
        ),
        ("heading", "A different rhythm"),
        ("body", "Some outlets now publish a single daily briefing instead of a constant stream of updates."),
        ("quote", "Readers told us they felt calmer and better informed.\nThey also read more of each story."),
        ("body", "We should take that seriously, even if it costs clicks."),
        ("body", "— Maya Lindqvist"),
    ]
    assert article.author == "Maya Lindqvist"
    assert (article.language, article.direction) == ("en", "ltr")
    assert article.metadata["format"] == "md"


@pytest.mark.parametrize(
    "line",
    [
        "هذه جملة قصيرة.",
        "هل هذا عنوان؟",
        "Is this a heading?",
        "Wait!",
        "As follows:",
        "وقال الوزير،",
        "ثم انتهى…",
        "«انتهى الكلام.»",
        "- a list item",
        "1. numbered item",
        "2024",
    ],
)
def test_lines_that_are_not_headings(line):
    blocks = text_blocks(f"Title\n\n{line}\n\nSome body text follows here.")
    assert blocks[1].kind == "body"


@pytest.mark.parametrize("line", ["الوعود والأرقام", "What we can still do", "Chapitre 2 «la suite»"])
def test_short_unpunctuated_lines_are_headings(line):
    blocks = text_blocks(f"Title\n\n{line}\n\nSome body text follows here.")
    assert blocks[1].kind == "heading"


def test_long_line_is_not_a_heading():
    long_line = "كلمة " * 20
    blocks = text_blocks(f"Title\n\n{long_line.strip()}\n\nBody.")
    assert blocks[1].kind == "body"


def test_first_paragraph_is_title_only_when_title_shaped():
    assert text_blocks("A headline that asks?\n\nBody.")[0].kind == "title"
    assert text_blocks("This first line is a sentence.\n\nBody.")[0].kind == "body"
    assert text_blocks("Two\nlines\n\nBody.")[0].kind == "body"
    assert text_blocks("x" * 121 + "\n\nBody.")[0].kind == "body"
    assert text_blocks("Only one line")[0].kind == "heading"


def test_markdown_heading_directly_above_text_and_hashtags():
    blocks = text_blocks("# Title\n\nIntro.\n## Section ##\nText under it.\n\n#وسم_شائع ليس عنواناً.")
    assert [(b.kind, b.text) for b in blocks] == [
        ("title", "Title"),
        ("body", "Intro."),
        ("heading", "Section"),
        ("body", "Text under it."),
        ("body", "#وسم_شائع ليس عنواناً."),
    ]


def test_mixed_quote_and_text_lines_stay_one_body_paragraph():
    blocks = text_blocks("Title\n\n> quoted\nnot quoted.\n\nEnd.")
    assert blocks[1].kind == "body"
    assert blocks[1].text == "> quoted\nnot quoted."


def test_single_paragraph_file_gets_a_derived_title_copy():
    article = parse_one("one.txt", "كانت الساحة فارغة. ثم جاء الناس.".encode())
    assert article.title == "كانت الساحة فارغة."
    assert article.metadata["title_source"] == "derived"
    assert [(p.kind, p.text) for p in article.paragraphs] == [
        ("title", "كانت الساحة فارغة."),
        ("body", "كانت الساحة فارغة. ثم جاء الناس."),
    ]


def test_cp1256_file_with_encoding():
    text = "قانون الإيجارات الجديد\n\nيطالب المستأجرون بحمايةٍ أكبر من الزيادات المفاجئة."
    data = text.encode("cp1256")
    with pytest.raises(ImportFileError, match="--encoding cp1256"):
        parse_file("rent.txt", data)
    article = parse_one("rent.txt", data, encoding="cp1256")
    assert article.title == "قانون الإيجارات الجديد"
    assert article.paragraphs[1].text == "يطالب المستأجرون بحمايةٍ أكبر من الزيادات المفاجئة."
    assert article.metadata["encoding"] == "cp1256"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_bom_file(codec):
    text = "Titre de l'article\r\n\r\nLe texte de l'article est ici, avec des accents: été, à, où."
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    article = parse_one("fr.txt", bom + text.encode(codec))
    assert article.title == "Titre de l'article"
    assert article.paragraphs[1].text.endswith("été, à, où.")
    assert (article.language, article.direction) == ("fr", "ltr")
    assert article.metadata["encoding"] == codec


def test_text_is_normalized():
    data = "\ufeff\u202bعنوان\u202c\r\n\r\nنص\x07 e\u0301\u200f".encode()
    article = parse_one("n.txt", data)
    assert article.title == "عنوان"
    assert article.paragraphs[1].text == "نص é\u200f"


def test_uppercase_extension():
    assert parse_one("NOTES.TXT", b"Title\n\nBody text.").title == "Title"
