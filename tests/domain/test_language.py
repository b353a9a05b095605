import pytest

from annotator.domain.language import (
    detect_language,
    direction_for_language,
    direction_of,
    document_language,
    paragraph_language,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("تتوسّع المدن العربية بسرعةٍ لا تترك مكاناً للأشجار.", "ar"),
        ("كَتَبَ الطَّالِبُ الدَّرْسَ", "ar"),
        ("The council voted on the budget and the plan was approved.", "en"),
        ("Le conseil a voté le budget et le plan est adopté par les élus.", "fr"),
        ("L'État et l'Europe: qu'en pense-t-on dans les régions ?", "fr"),
        # Arabic letters outnumber the Latin ones of an acronym and a name.
        ("قالت هيئة BBC إنّ المراسل John وصل إلى المدينة صباح اليوم", "ar"),
        ("", "und"),
        ("2024 — 15 / 7 %", "und"),
        ("٢٠٢٤", "und"),  # Arabic-Indic digits are not letters
        ("Zoning Hearing", "und"),  # Latin, but no function word to decide by
        ("the le", "und"),  # one English and one French word: a tie
        ("abc دج", "und"),  # equal letter counts
    ],
)
def test_detect_language(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("مرحبا بكم", "rtl"),
        ("Hello world", "ltr"),
        # Majority, not first strong character: opens with Latin, mostly Arabic.
        ("BBC: قالت الهيئة إن الوضع مستقر", "rtl"),
        # Opens with Arabic, mostly Latin.
        ("قال: The situation is stable and calm today", "ltr"),
        ("1234 !?", "ltr"),  # no strong character: the Unicode default
        ("", "ltr"),
        ("ab جد", "ltr"),  # tie: first strong character decides
        ("جد ab", "rtl"),
        ("שלום", "rtl"),  # Hebrew is strong right-to-left too
    ],
)
def test_direction_of(text, expected):
    assert direction_of(text) == expected


def test_document_language_uses_all_paragraphs():
    texts = ["Breaking news", "المجلس يصوّت على الميزانية الجديدة اليوم", "وسط خلافات"]
    assert document_language(texts) == ("ar", "rtl")
    assert document_language(["The plan", "is approved by the council"]) == ("en", "ltr")
    assert document_language(["Le plan", "est adopté par le conseil"]) == ("fr", "ltr")


def test_document_language_undetermined_takes_direction_from_text():
    assert document_language(["1 2 3"]) == ("und", "ltr")
    assert document_language(["Zoning Hearing"]) == ("und", "ltr")
    assert document_language([]) == ("und", "ltr")


def test_direction_for_language():
    assert direction_for_language("ar") == "rtl"
    assert direction_for_language("en") == "ltr"
    assert direction_for_language("fr") == "ltr"


def test_paragraph_language_only_where_it_differs():
    # English quote inside an Arabic article: both recorded.
    assert paragraph_language("The city was designed for cars, not for people.", "ar", "rtl") == (
        "en",
        "ltr",
    )
    # Same language as the document: nothing recorded.
    assert paragraph_language("المدينة للناس", "ar", "rtl") == (None, None)
    # French in an English article: same direction, so only the language.
    assert paragraph_language("C'est la fin du monde et de la presse.", "en", "ltr") == ("fr", None)
    # Undetermined Latin heading in an Arabic article: only the direction.
    assert paragraph_language("Zoning Hearing", "ar", "rtl") == (None, "ltr")
    # No strong characters: nothing to say.
    assert paragraph_language("٢٠٢٤ - 15%", "ar", "rtl") == (None, None)
    # Arabic paragraph inside an English article.
    assert paragraph_language("هذا اقتباس بالعربية", "en", "ltr") == ("ar", "rtl")


def test_the_translate_tables_count_what_unicodedata_and_the_script_classes_say():
    import unicodedata

    from annotator.domain.language import _ARABIC_LETTER, _LATIN_LETTER, _script_table, _strong_counts

    sample = "".join(chr(c) for c in range(0x20, 0x30000, 7))
    rtl = sum(unicodedata.bidirectional(ch) in ("R", "AL") for ch in sample)
    ltr = sum(unicodedata.bidirectional(ch) == "L" for ch in sample)
    assert _strong_counts(sample) == (rtl, ltr)
    scripts = sample.translate(_script_table())
    assert scripts.count("A") == len(_ARABIC_LETTER.findall(sample))
    assert scripts.count("T") == len(_LATIN_LETTER.findall(sample))


def test_one_translate_counts_scripts_and_directions_as_the_separate_tables_do():
    from annotator.domain.language import _ARABIC_LETTER, _LATIN_LETTER, _all_code_points, _counts, _strong_counts

    assert _all_code_points() == "".join(map(chr, range(0x30000)))
    sample = "".join(chr(c) for c in range(0x20, 0x30000, 3)) + "\U00030000\U000e0041 AT"
    arabic, latin, rtl, ltr = _counts(sample)
    assert (arabic, latin) == (len(_ARABIC_LETTER.findall(sample)), len(_LATIN_LETTER.findall(sample)))
    assert (rtl, ltr) == _strong_counts(sample)
    assert _counts("قال Biden إن") == (5, 5, 5, 5)
