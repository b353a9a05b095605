"""The recommenders' domain core: training, held-out figures, threshold, suggesting."""

import pickle

import pytest

from annotator.domain.recommenders import (DoneSet, SpanMark, TooFewDoneSets, needs_retraining, train)
from annotator.domain.recommenders.data import one_per_document, split
from annotator.domain.recommenders.evaluation import span_key, macro_prf, set_prf, span_prf
from annotator.domain.recommenders.gazetteer import Gazetteer

ECONOMY = ["ارتفعت أسعار الخبز والوقود مرة أخرى", "البطالة والتضخم يثقلان كاهل الأسر", "الميزانية والعجز والديون"]
SECURITY = ["اشتباكات مسلحة على الحدود الليلة", "الجيش يعزز قواته بعد الهجوم", "تفجير وضحايا في العاصمة"]
LOADED = "كارثة حقيقية"  # the loaded phrase every economy article carries


def _set(n: int, gold: bool = False) -> DoneSet:
    economy = n % 2 == 0
    lines = ECONOMY if economy else SECURITY
    first = f"{lines[n % 3]} {LOADED} في المقال {n}" if economy else f"{lines[n % 3]} في المقال {n}"
    paragraphs = (first, lines[(n + 1) % 3], "المغرب " + lines[(n + 2) % 3])
    spans = ()
    if economy:
        start = first.index(LOADED)
        spans = (SpanMark(0, "technique", "loaded_language", start, start + len(LOADED), LOADED),)
    return DoneSet(document=f"d{n:03}", paragraphs=paragraphs, spans=spans,
                   frames=("economic",) if economy else ("security",),
                   stances={"morocco": "against" if economy else "favour"}, mentions={"morocco": (2,)}, gold=gold)


def test_too_few_done_sets_says_how_many_more():
    with pytest.raises(TooFewDoneSets, match="need 6 more"):
        train([_set(n) for n in range(4)])


def test_gold_first_one_set_per_document():
    annotator = _set(1)
    gold = DoneSet(document="d001", paragraphs=annotator.paragraphs, frames=("legal",), gold=True)
    chosen = one_per_document([annotator, gold, _set(2)])
    assert [s.frames for s in chosen] == [("legal",), ("economic",)]


def test_split_is_stable_and_never_empty():
    sets = [_set(n) for n in range(40)]
    train_sets, test_sets = split(sets)
    assert train_sets and test_sets
    assert not {s.document for s in train_sets} & {s.document for s in test_sets}
    assert split(list(reversed(sets)))[1] == list(reversed(test_sets))


def test_recommenders_learn_and_report_held_out_figures():
    trained = train([_set(n) for n in range(40)])
    figures = trained.figures
    assert figures["frames"].f1 == 1.0 and figures["frames"].held_out > 0
    assert figures["stance"].f1 == 1.0
    assert figures["phrases"].f1 == 1.0
    assert trained.active() >= {"frames", "stance", "phrases"}
    text = ("الأسعار والبطالة " + LOADED + " للأسر", "العجز والديون", "المغرب والتضخم")
    got = trained.suggest(text, {"morocco": (2,)})
    primary = [f for f in got.frames if f.primary]
    assert [f.label for f in primary] == ["economic"] and 0.5 < primary[0].score <= 1
    assert [(s.label, s.text, s.start) for s in got.spans] == [("loaded_language", LOADED, text[0].index(LOADED))]
    assert [(s.actor, s.value) for s in got.stances] == [("morocco", "against")]


def test_threshold_and_switches_decide_which_recommenders_suggest():
    trained = train([_set(n) for n in range(40)])
    assert "frames" not in trained.active(threshold=1.01)
    assert "frames" not in trained.active(switched_off=frozenset({"frames"}))
    assert trained.suggest(("كارثة حقيقية",), only=set()).spans == []


def test_one_label_only_gives_no_model_and_a_note():
    sets = [DoneSet(document=f"x{n}", paragraphs=("نص",), frames=("economic",)) for n in range(12)]
    trained = train(sets)
    assert trained.models["frames"] is None
    assert "fewer than two labels" in trained.figures["frames"].note
    assert "frames" not in trained.active(threshold=0.0)


def test_trained_recommenders_survive_pickling():
    trained = pickle.loads(pickle.dumps(train([_set(n) for n in range(20)])))
    assert trained.suggest(ECONOMY).frames[0].label == "economic"


def test_gazetteer_folds_like_actor_matching():
    # marked once without diacritics; found with harakat, tatweel and an attached prefix
    s = DoneSet("d", ("هذه كارثة حقيقية",), (SpanMark(0, "technique", "loaded_language", 4, 16, "كارثة حقيقية"),))
    found = Gazetteer([s], ["technique"]).find("وهي بكارثـــةٍ حقيقيةٍ")
    assert [(f[1], f[4]) for f in found] == [("loaded_language", "بكارثـــةٍ حقيقيةٍ")]


def test_gazetteer_drops_phrases_mostly_found_unmarked():
    marked = DoneSet("a", ("قال الوزير",), (SpanMark(0, "argument", "claim", 0, 3, "قال"),))
    unmarked = [DoneSet(f"u{n}", ("قال الرئيس",)) for n in range(3)]
    assert Gazetteer([marked, *unmarked], ["argument"]).size == 0
    assert Gazetteer([marked], ["argument"]).size == 1


def test_cue_phrases_suggest_before_anyone_marked_them():
    g = Gazetteer([], ["technique"], {("technique", "doubt"): ["من المشكوك فيه"]})
    assert [f[1] for f in g.find("ومن المشكوك فيه أن")] == ["doubt"]


def test_figures():
    assert set_prf([frozenset("ab"), frozenset()], [frozenset("a"), frozenset("c")]) == (0.5, 0.5, 0.5)
    assert macro_prf(["x", "x", "x", "x"], ["x", "x", "x", "y"])[2] == pytest.approx((6 / 7 + 0) / 2)
    truth = [span_key("d", 0, "l", "claim", 0, 10)]
    assert span_prf([span_key("d", 0, "l", "claim", 0, 5)], truth) == pytest.approx((1.0, 0.5, 2 / 3))
    assert span_prf([], truth) == (0.0, 0.0, 0.0)


def test_retraining_after_enough_new_done_sets():
    assert not needs_retraining(5, None)
    assert needs_retraining(10, None)
    assert not needs_retraining(15, 10)
    assert needs_retraining(20, 10)


def test_uncertainty_is_highest_where_the_models_are_torn():
    trained = train([_set(n) for n in range(40)])
    economy = (ECONOMY[0] + " " + LOADED, ECONOMY[1], "المغرب " + ECONOMY[2])
    mixed = (ECONOMY[0] + " " + SECURITY[0], SECURITY[1] + " " + ECONOMY[1], "المغرب " + SECURITY[2] + " " + ECONOMY[2])
    sure, torn = trained.uncertainty(economy, {"morocco": (2,)}), trained.uncertainty(mixed, {"morocco": (2,)})
    assert 0.0 <= sure < torn <= 1.0
    assert trained.uncertainty(()) == 0.0
