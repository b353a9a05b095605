import datetime
from pathlib import Path

import pytest

from annotator.importing.errors import ImportFileError
from annotator.importing.html_format import declared_charset
from annotator.importing.parsers import parse_file

FIXTURES = Path(__file__).parent / "fixtures"

ARABIC_CHROME = [
    "تخطى إلى المحتوى",  # skip link
    "الرئيسية",  # navigation
    "اتصل بنا",
    "شارك على فيسبوك",  # share buttons
    "شارك على تويتر",
    "أغفلت دور البلديات",  # readers' comments
    "تعطّلت البطاريات بعد سنتين",
    "تعليقان على المقال",
    "أضف تعليقاً",  # comment form
    "إرسال التعليق",
    "لن يتم نشر عنوان بريدك",
    "المقالات الأكثر قراءة",  # popular posts teaser
    "أزمة المياه في المدن الكبرى",
    "اشترك في النشرة البريدية",
    "جميع الحقوق محفوظة",  # footer
    "سياسة الخصوصية",
]


@pytest.fixture(scope="module")
def arabic_article():
    [article] = parse_file("arabic_blog.html", (FIXTURES / "arabic_blog.html").read_bytes())
    return article


def test_arabic_blog_keeps_only_the_article(arabic_article):
    everything = "\n".join(p.text for p in arabic_article.paragraphs)
    for chrome in ARABIC_CHROME:
        assert chrome not in everything, chrome
    assert len([p for p in arabic_article.paragraphs if p.kind == "body"]) == 7


def test_arabic_blog_structure(arabic_article):
    title = "هل تُنقذ الطاقة الشمسية القرى النائية؟"
    assert arabic_article.title == title
    assert [(p.kind, p.text) for p in arabic_article.paragraphs if p.kind != "body"] == [
        ("title", title),
        ("heading", "الوعـــود والأرقام"),  # tatweel kept
        ("heading", "ما الذي ينبغي فعلُه؟"),
    ]
    kinds = [p.kind for p in arabic_article.paragraphs]
    assert kinds == ["title", "body", "body", "heading", "body", "body", "heading", "body", "body", "body"]
    # The <h1> is the title, not repeated as a heading.
    assert sum(p.text == title for p in arabic_article.paragraphs) == 1


def test_arabic_blog_metadata(arabic_article):
    assert arabic_article.author == "سلمى الحدّاد"
    assert arabic_article.published == datetime.date(2024, 3, 14)
    assert arabic_article.source_url == "https://blog.example.org/2024/03/solar-villages"
    assert arabic_article.metadata["site_name"] == "مدونة الرأي الحر"
    assert arabic_article.metadata["format"] == "html"
    assert arabic_article.metadata["title_source"] == "metadata"
    assert (arabic_article.language, arabic_article.direction) == ("ar", "rtl")
    assert arabic_article.external_id is None


def test_arabic_blog_text_kept_exactly(arabic_article):
    first = arabic_article.paragraphs[1].text
    assert first.startswith("تَعِدُ الحكوماتُ منذ عقدٍ كامل")  # diacritics kept
    assert "لإحدى القرى البعيـــدة،" in arabic_article.paragraphs[5].text  # tatweel kept
    # The signature stays as the last body paragraph.
    assert arabic_article.paragraphs[-1].text == "بقلم: سلمى الحدّاد"


def test_english_blog():
    [article] = parse_file("english_blog.htm", (FIXTURES / "english_blog.html").read_bytes())
    everything = "\n".join(p.text for p in article.paragraphs)
    for chrome in ["Skip to content", "cookies", "Subscribe now", "Share on Facebook",
                   "Related posts", "rural hospitals", "Leave a Reply", "Copyright"]:
        assert chrome not in everything, chrome
    assert article.title == "Why Local Newsrooms Still Matter"
    assert article.author == "Daniel Reyes"
    assert article.published == datetime.date(2023, 11, 2)
    assert [p.kind for p in article.paragraphs] == [
        "title", "body", "body", "heading", "body", "quote", "body", "heading", "body",
    ]
    assert article.paragraphs[5].text.startswith("Nobody was in the room")
    assert article.metadata["description"] == "An opinion piece on the decline of local journalism."
    assert (article.language, article.direction) == ("en", "ltr")


PAGE = """<html><head><meta charset="{charset}"><title>{title}</title></head><body>
<nav><a href="/">Home</a></nav><article><h1>{title}</h1>
<p>{p1}</p><ul><li>{li1}</li><li>{li2}</li></ul><p>{p2}<br>{p3}</p></article></body></html>"""

ARABIC_PAGE = dict(
    title="قانون الإيجار الجديد",
    p1="صادق البرلمان أمس على قانونٍ جديد ينظّم العلاقة بين المالكين والمستأجرين بعد سنواتٍ من النقاش.",
    li1="تحديد سقفٍ سنويّ للزيادة في الإيجار لا يتجاوز خمسة في المئة.",
    li2="إلزام المالك بإشعارٍ مكتوب قبل ثلاثة أشهر من إنهاء العقد.",
    p2="ويرى المستأجرون أنّ القانون خطوةٌ أولى مهمّة في الاتجاه الصحيح.",
    p3="أمّا المالكون فيعتبرونه تدخّلاً مفرطاً في السوق.",
)


def test_declared_windows_1256_charset_is_honoured():
    data = PAGE.format(charset="windows-1256", **ARABIC_PAGE).encode("cp1256")
    assert declared_charset(data) == "windows-1256"
    [article] = parse_file("rent.html", data)
    assert article.title == ARABIC_PAGE["title"]
    texts = [p.text for p in article.paragraphs]
    assert ARABIC_PAGE["li1"] in texts and ARABIC_PAGE["li2"] in texts  # list items
    assert ARABIC_PAGE["p2"] + "\n" + ARABIC_PAGE["p3"] in texts  # <br> kept as a newline
    assert article.metadata["encoding"] == "cp1256"


def test_undeclared_legacy_page_needs_an_encoding():
    data = PAGE.replace('<meta charset="{charset}">', "").format(**ARABIC_PAGE).encode("cp1256")
    assert declared_charset(data) is None
    with pytest.raises(ImportFileError, match="--encoding cp1256"):
        parse_file("rent.html", data)
    [article] = parse_file("rent.html", data, encoding="cp1256")
    assert article.title == ARABIC_PAGE["title"]


def test_unknown_declared_charset_falls_back_to_utf8():
    data = PAGE.format(charset="x-made-up", **ARABIC_PAGE).encode("utf-8")
    assert declared_charset(data) is None
    [article] = parse_file("rent.html", data)
    assert article.title == ARABIC_PAGE["title"]


def test_page_without_article_text():
    data = b"<html><head><title>Nothing</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(ImportFileError) as caught:
        parse_file("empty.html", data)
    assert caught.value.reason.startswith("empty")


def test_byte_order_mark_outranks_the_meta_charset():
    page = PAGE.format(charset="windows-1256", **ARABIC_PAGE)
    [article] = parse_file("rent.html", b"\xef\xbb\xbf" + page.encode("utf-8"))
    assert article.title == ARABIC_PAGE["title"]
    assert article.metadata["encoding"] == "utf-8"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">', "windows-1256"),
        (b"<meta charset='ISO-8859-6' />", "ISO-8859-6"),
        (b"<META CHARSET=utf-8>", "utf-8"),
        (b"<title>no declaration</title>", None),
    ],
)
def test_declared_charset_forms(head, expected):
    assert declared_charset(b"<html><head>" + head + b"</head><body></body></html>") == expected


def test_declared_charset_only_near_the_start():
    late = b"<html><head>" + b" " * 5000 + b'<meta charset="windows-1256"></head></html>'
    assert declared_charset(late) is None
