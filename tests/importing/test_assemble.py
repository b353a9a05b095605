"""The rules every format shares: title choice, bylines, language, hashing."""

import datetime

import pytest

from annotator.domain.text import content_hash
from annotator.importing.assemble import Block, build_article, derive_title, signature_author
from annotator.importing.errors import ImportFileError
from annotator.importing.model import ParsedArticle, ParsedParagraph


def build(blocks, **kwargs):
    return build_article(filename="f.txt", blocks=[Block(*b) for b in blocks], **kwargs)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("بقلم: سلمى الحدّاد", "سلمى الحدّاد"),
        ("بقلم سلمى الحدّاد", "سلمى الحدّاد"),
        ("كتبه: د. أحمد خالد", "د. أحمد خالد"),
        ("By Dr. Ann Lee", "Dr. Ann Lee"),
        ("By the way. Nobody asked", None),
        ("إعداد: فريق التحرير", "فريق التحرير"),
        ("By Daniel Reyes", "Daniel Reyes"),
        ("by Daniel Reyes.", "Daniel Reyes"),
        ("Written by Ana Lopez", "Ana Lopez"),
        ("Par Jeanne Martin", "Jeanne Martin"),
        ("— Maya Lindqvist", "Maya Lindqvist"),
        ("– كريم", "كريم"),
        ("- a list item", None),  # a hyphen is a list marker, not a signature dash
        ("By 2030 the city will grow", None),  # digits
        ("كتب الوزير في رسالته أن الخطة جاهزة وأن التنفيذ سيبدأ قريباً جداً", None),  # too many words
        ("By the way, nobody asked.", None),
        ("بقلم: سلمى\nالحدّاد", None),  # two lines
        ("Daniel Reyes", None),  # no byline marker
    ],
)
def test_signature_author(line, name):
    assert signature_author(line) == name


def test_derive_title():
    assert derive_title("First sentence. Second sentence.") == "First sentence."
    assert derive_title("هل ينجح الحوار؟ ربما.") == "هل ينجح الحوار؟"
    assert derive_title("Line one\nline two") == "Line one"
    long = "كلمة " * 40
    title = derive_title(long)
    assert title.endswith("…") and len(title) <= 121
    assert not title[:-1].endswith(" ")
    assert derive_title("x" * 200) == "x" * 120 + "…"


def test_title_precedence():
    body = ("body", "Some body text here.")
    assert build([("heading", "Kicker"), ("title", "Real title"), body]).title == "Real title"
    article = build([("heading", "Kicker"), ("title", "Real title"), body])
    assert [(p.kind, p.text) for p in article.paragraphs][:2] == [("title", "Real title"), ("heading", "Kicker")]
    assert build([("heading", "Heading"), body]).metadata["title_source"] == "first_heading"
    assert build([body, ("heading", "Later")]).metadata["title_source"] == "derived"
    assert build([body], fallback_title="From properties").title == "From properties"
    assert build([("heading", "H"), body], fallback_title="Props").title == "H"
    # A second title-kind block becomes a heading.
    second = build([("title", "One"), body, ("title", "Two")])
    assert [p.kind for p in second.paragraphs] == ["title", "body", "heading"]


def test_given_title_and_repeated_heading():
    body = ("body", "Body text.")
    article = build([("heading", "Headline"), body], title="Headline | The Site")
    assert article.title == "Headline"
    assert [p.kind for p in article.paragraphs] == ["title", "body"]
    other = build([("heading", "Section"), body], title="Headline")
    assert [(p.kind, p.text) for p in other.paragraphs] == [
        ("title", "Headline"), ("heading", "Section"), ("body", "Body text."),
    ]
    # A heading that merely starts the title is not the title.
    assert build([("heading", "Water"), body], title="Water crisis").paragraphs[1].text == "Water"


def test_author_precedence():
    blocks = [("title", "T"), ("body", "Text of the article."), ("body", "By Sam Hill")]
    assert build(blocks).author == "Sam Hill"
    given = build(blocks, author="Given Name", author_source="record")
    assert (given.author, given.metadata["author_source"]) == ("Given Name", "record")
    fallback = build(blocks, fallback_author="Office User")
    assert fallback.author == "Sam Hill"
    no_signature = build(blocks[:2], fallback_author="Office User")
    assert (no_signature.author, no_signature.metadata["author_source"]) == ("Office User", "properties")
    # A byline in the middle of the text is not looked for.
    middle = build([("title", "T"), ("body", "a."), ("body", "By Sam Hill"), ("body", "b.")])
    assert middle.author is None and "author_source" not in middle.metadata


def test_build_article_fields():
    article = build(
        [("title", "\u202bعنوان\u202c"), ("body", "  نصّ المقال.  "), ("quote", ""), ("body", "\x07")],
        source_url="https://example.org/a",
        published=datetime.date(2024, 1, 2),
        external_id="ext-1",
        metadata={"format": "txt", "empty": None, "blank": "", "none": []},
    )
    assert isinstance(article, ParsedArticle)
    assert article.title == "عنوان"
    assert [(p.kind, p.text) for p in article.paragraphs] == [("title", "عنوان"), ("body", "نصّ المقال.")]
    assert article.metadata == {"format": "txt", "title_source": "explicit"}
    assert article.content_hash == content_hash("عنوان", ["نصّ المقال."])
    assert (article.external_id, article.source_name) == ("ext-1", "f.txt")
    assert (article.source_url, article.published) == ("https://example.org/a", datetime.date(2024, 1, 2))


def test_kinds_do_not_change_the_hash():
    as_heading = build([("title", "T"), ("heading", "Part"), ("body", "Text.")])
    as_body = build([("title", "T"), ("body", "Part"), ("body", "Text.")])
    assert as_heading.content_hash == as_body.content_hash


def test_nothing_left():
    with pytest.raises(ImportFileError, match="empty: no text paragraphs found"):
        build([("body", " \u202b ")])
    with pytest.raises(ImportFileError, match="empty: only a title"):
        build([("heading", "Same")], title="Same")


def test_model_invariants():
    with pytest.raises(ValueError):
        ParsedParagraph("footnote", "x")
    with pytest.raises(ValueError):
        ParsedParagraph("body", "x", direction="up")
    title = ParsedParagraph("title", "T")
    common = dict(external_id=None, author=None, source_url=None, published=None, language="en",
                  metadata={}, content_hash="0" * 64, source_name="f")
    ParsedArticle(title="T", direction="ltr", paragraphs=[title], **common)
    with pytest.raises(ValueError):
        ParsedArticle(title="T", direction="ltr", paragraphs=[ParsedParagraph("body", "T")], **common)
    with pytest.raises(ValueError):
        ParsedArticle(title="Other", direction="ltr", paragraphs=[title], **common)
    with pytest.raises(ValueError):
        ParsedArticle(title="T", direction="ltr", paragraphs=[title, title], **common)
    with pytest.raises(ValueError):
        ParsedArticle(title="T", direction="auto", paragraphs=[title], **common)
