"""Actor mentions by alias: folding, prefixes, article, adjectives, boundaries, offsets."""
from __future__ import annotations

import random

import pytest

from annotator.domain.actor_matching import Alias, AliasMatcher, Mention, fold
from annotator.domain.offsets import is_grapheme_boundary

REGISTRY = [
    Alias("ma-ar", "MA", "المغرب", allow_adjective=True),
    Alias("ma-en", "MA", "Morocco"),
    Alias("ma-rabat", "MA", "الرباط"),
    Alias("ml-ar", "ML", "مالي", ambiguous=True, allow_adjective=True),
    Alias("ml-en", "ML", "Mali"),
    Alias("ly-ar", "LY", "ليبيا", allow_adjective=True),
    Alias("eg-ar", "EG", "مصر"),
    Alias("lb-ar", "LB", "لبنان"),
    Alias("il-likud", "LIKUD", "الليكود"),
    Alias("sa-ar", "SA", "السعودية", allow_adjective=True),
    Alias("de-ar", "DE", "ألمانيا"),
    Alias("us-short", "US", "الولايات المتحدة"),
    Alias("us-long", "US", "الولايات المتحدة الأمريكية"),
    Alias("us-en", "US", "United States"),
    Alias("ru-kremlin", "RU", "الكرملين"),
]


@pytest.fixture(scope="module")
def matcher() -> AliasMatcher:
    return AliasMatcher(REGISTRY)


def found(matcher: AliasMatcher, text: str) -> list[tuple[str, str, bool]]:
    """(alias_id, mention text, uncertain), after checking offsets against the text."""
    mentions = matcher.find(text)
    for m in mentions:
        assert text[m.start:m.end] == m.text
        assert is_grapheme_boundary(text, m.start) and is_grapheme_boundary(text, m.end)
    return [(m.alias_id, m.text, m.uncertain) for m in mentions]


# --- prefixes and article ---------------------------------------------------


@pytest.mark.parametrize(
    "word", ["المغرب", "بالمغرب", "للمغرب", "والمغرب", "فالمغرب", "وللمغرب", "فللمغرب", "كالمغرب", "وبالمغرب"])
def test_attached_prefixes_find_the_actor_and_the_mention_covers_the_token(matcher, word):
    text = f"قال الوزير إن {word}، حسب المصدر"
    [mention] = matcher.find(text)
    assert (mention.actor_id, mention.text, mention.uncertain) == ("MA", word, False)
    assert mention.start == text.index(word)


def test_prefixes_on_a_name_without_article(matcher):
    assert found(matcher, "في مصر وبمصر ولمصر") == [
        ("eg-ar", "مصر", False), ("eg-ar", "وبمصر", False), ("eg-ar", "ولمصر", False)]


def test_lam_before_a_name_starting_with_lam(matcher):
    # للبنان = ل + لبنان; لليكود = ل + الليكود, whose article cannot be seen.
    assert found(matcher, "دعم للبنان ولليكود") == [("lb-ar", "للبنان", False), ("il-likud", "ولليكود", False)]
    assert found(matcher, "بالليكود") == [("il-likud", "بالليكود", False)]


def test_a_missing_article_is_found_but_uncertain(matcher):
    assert found(matcher, "صلاة مغرب") == [("ma-ar", "مغرب", True)]


def test_alias_without_article_finds_the_definite_form_uncertain():
    matcher = AliasMatcher([Alias("m", "MA", "مغرب"), Alias("b", "BH", "البحرين")])
    assert found(matcher, "المغرب وللمغرب ومغرب") == [
        ("m", "المغرب", True), ("m", "وللمغرب", True), ("m", "ومغرب", False)]
    assert found(matcher, "بين بحرين") == [("b", "بحرين", True)]


def test_hamza_alef_is_not_an_article(matcher):
    assert found(matcher, "زار ألمانيا وبألمانيا") == [("de-ar", "ألمانيا", False), ("de-ar", "وبألمانيا", False)]
    assert found(matcher, "هوس مانيا") == []


# --- adjectives -------------------------------------------------------------


@pytest.mark.parametrize(
    "word", ["المغربية", "المغربي", "المغربيين", "المغربيون", "مغربي", "ومغربيات", "للمغربية"])
def test_nisba_adjective_when_the_alias_allows_it(matcher, word):
    assert found(matcher, f"الحكومة {word} اليوم") == [("ma-ar", word, False)]


def test_nisba_of_names_ending_in_alef_or_ta_marbuta(matcher):
    assert found(matcher, "الشعب الليبي والحكومة الليبية") == [
        ("ly-ar", "الليبي", False), ("ly-ar", "الليبية", False)]
    assert found(matcher, "مسؤول سعودي") == [("sa-ar", "سعودي", False)]


def test_no_adjective_without_the_flag():
    matcher = AliasMatcher([Alias("ma", "MA", "المغرب"), Alias("eg", "EG", "مصر")])
    assert found(matcher, "الحكومة المغربية والمغربي والجيش المصري ومصريون") == []
    assert found(matcher, "المغرب ومصر") == [("ma", "المغرب", False), ("eg", "ومصر", False)]


# --- boundaries -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ماليزيا والشعب الماليزي",  # مالي inside a longer word
        "مصرف مصرع مصراته",  # مصر inside longer words
        "ليبياتنا",
        "المغربلة",
        "Malik in Somalia, Malian",
        "Moroccan Moroccos",
        "مصر2024",  # digits touch the name
    ],
)
def test_never_inside_a_longer_word(matcher, text):
    assert matcher.find(text) == []


def test_the_word_is_found_where_it_stands_alone_not_inside_an_earlier_word(matcher):
    text = "مصرف مصرع في مصر"
    assert [(m.start, m.text) for m in matcher.find(text)] == [(13, "مصر")]


def test_punctuation_and_mixed_direction_are_boundaries(matcher):
    text = "قال ماكرون (Morocco) إن «المغرب»، ثم 2024-المغرب."
    assert found(matcher, text) == [
        ("ma-en", "Morocco", False), ("ma-ar", "المغرب", False), ("ma-ar", "المغرب", False)]


# --- Latin ------------------------------------------------------------------


def test_latin_aliases_ignore_case_only(matcher):
    assert found(matcher, "MOROCCO, morocco and Morocco's") == [
        ("ma-en", "MOROCCO", False), ("ma-en", "morocco", False), ("ma-en", "Morocco", False)]
    assert found(matcher, "MALI") == [("ml-en", "MALI", False)]


def test_latin_multiword_alias_accepts_any_whitespace(matcher):
    assert found(matcher, "the United\n  STATES said") == [("us-en", "United\n  STATES", False)]
    assert found(matcher, "United-States") == []


# --- ambiguity, sharing, longest wins ---------------------------------------


def test_ambiguous_alias_gives_uncertain_mentions(matcher):
    assert found(matcher, "جمهورية مالي") == [("ml-ar", "مالي", True)]
    # "financial": the adjective of an ambiguous alias is uncertain too.
    assert found(matcher, "موارد مالية") == [("ml-ar", "مالية", True)]


def test_unambiguous_alias_is_certain(matcher):
    assert found(matcher, "Mali") == [("ml-en", "Mali", False)]


def test_a_form_shared_by_two_actors_gives_two_uncertain_mentions():
    matcher = AliasMatcher([Alias("om", "OM", "عمان"), Alias("amman", "JO-AMMAN", "عَمّان")])
    mentions = matcher.find("وصل إلى عمان")
    assert [(m.actor_id, m.uncertain) for m in mentions] == [("JO-AMMAN", True), ("OM", True)]
    assert {(m.start, m.end) for m in mentions} == {(8, 12)}


def test_longest_alias_wins(matcher):
    assert found(matcher, "في الولايات المتحدة الأمريكية") == [("us-long", "الولايات المتحدة الأمريكية", False)]
    assert found(matcher, "في الولايات المتحدة وحدها") == [("us-short", "الولايات المتحدة", False)]


def test_longest_wins_across_different_starts():
    matcher = AliasMatcher([Alias("a", "A", "الولايات المتحدة"), Alias("b", "B", "المتحدة الأمريكية الكبرى")])
    assert found(matcher, "الولايات المتحدة الأمريكية الكبرى") == [("b", "المتحدة الأمريكية الكبرى", False)]


def test_multiword_alias_allows_whitespace_runs_but_not_punctuation(matcher):
    assert found(matcher, "والولايات  \n المتحدة") == [("us-short", "والولايات  \n المتحدة", False)]
    assert found(matcher, "الولايات، المتحدة") == []


def test_metonyms_are_plain_aliases(matcher):
    assert found(matcher, "ردّ الكرملين على الرباط") == [
        ("ru-kremlin", "الكرملين", False), ("ma-rabat", "الرباط", False)]


# --- folding and offsets ----------------------------------------------------


def test_diacritics_and_tatweel_inside_the_word_map_back_exactly(matcher):
    word = "بالمَغْـرِبِ"
    text = f"وصل الوفد {word} أمس"
    [mention] = matcher.find(text)
    assert (mention.start, mention.end) == (text.index(word), text.index(word) + len(word))
    assert mention.text == word  # the final kasra belongs to the mention


def test_letter_variants_are_unified(matcher):
    assert found(matcher, "السعوديه") == [("sa-ar", "السعوديه", False)]
    assert found(matcher, "مالى") == [("ml-ar", "مالى", True)]
    assert found(matcher, "الولايات المتحدة الامريكية") == [("us-long", "الولايات المتحدة الامريكية", False)]


def test_presentation_forms_and_lam_alef_ligature(matcher):
    assert found(matcher, "ﺍﻟﻤﻐﺮﺏ") == [("ma-ar", "ﺍﻟﻤﻐﺮﺏ", False)]
    text = "زار الو\ufefbيات المتحدة"  # ﻻ: one stored char, two folded letters
    assert found(matcher, text) == [("us-short", "الو\ufefbيات المتحدة", False)]


def test_mentions_next_to_emoji_and_presentation_forms(matcher):
    assert found(matcher, "المغرب😀 و🇲🇦مصر") == [("ma-ar", "المغرب", False), ("eg-ar", "مصر", False)]
    assert found(matcher, "ﺍﻟﻤﻐﺮﺏ،ﻭﻣﺼﺮ") == [("ma-ar", "ﺍﻟﻤﻐﺮﺏ", False), ("eg-ar", "ﻭﻣﺼﺮ", False)]


def test_a_match_inside_one_character_s_fold_covers_that_character():
    # ﷺ (U+FDFA) folds to four words; a match on one of them is the whole character.
    matcher = AliasMatcher([Alias("x", "X", "عليه")])
    [mention] = matcher.find("النبي \ufdfa قال")
    assert (mention.start, mention.end, mention.text) == (6, 7, "\ufdfa")


def test_fold_returns_a_map_to_stored_offsets():
    text = "بِالمَغْـرِب \ufefb Straße 😀"
    folded, index = fold(text)
    assert folded == "بالمغرب لا strasse 😀"
    assert len(index) == len(folded) + 1 and index[-1] == len(text)
    assert index[:7] == [0, 2, 3, 4, 6, 9, 11]  # harakat and tatweel have no entry
    lam_alef = text.index("\ufefb")
    assert index[8:10] == [lam_alef, lam_alef]
    sharp_s = text.index("ß")
    assert index[15:17] == [sharp_s, sharp_s]
    assert folded[index.index(text.index("😀"))] == "😀"


def test_fold_without_changes_is_the_identity():
    assert fold("Paris") == ("paris", [0, 1, 2, 3, 4, 5])
    assert fold("") == ("", [0])


def test_alias_with_nothing_to_match_is_refused():
    with pytest.raises(ValueError, match="nothing to match"):
        AliasMatcher([Alias("x", "X", "ـــ «»")])


def test_no_aliases_find_nothing():
    assert AliasMatcher([]).find("المغرب") == []


def test_mentions_are_frozen_dataclasses(matcher):
    [mention] = matcher.find("المغرب")
    assert mention == Mention("MA", "ma-ar", 0, 6, "المغرب", False)
    with pytest.raises(AttributeError):
        mention.start = 1  # type: ignore[misc]


def test_volume_sanity(matcher):
    """Many paragraphs, reusing one matcher; a smoke test of scale, not a timing."""
    rng = random.Random(7)
    filler = "قال الرئيس إن الحكومة قررت أيضاً تعزيز التعاون مع الدول المجاورة، وأكّدت مصادر «مطلعة» ذلك".split()
    paragraphs = [" ".join(rng.choices(filler, k=50)) + " بالمغرب وMorocco." for _ in range(2000)]
    counts = [len(matcher.find(p)) for p in paragraphs]
    assert counts == [1] * 2000  # وMorocco: an Arabic prefix does not attach to a Latin alias
