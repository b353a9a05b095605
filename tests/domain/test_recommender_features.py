"""The paragraphs' n-gram rows, counted per distinct word, are exactly the hashing vectorizer's."""

import numpy as np

from annotator.domain.recommenders.text_model import paragraph_counts, vectorizer

TEXTS = [
    "ارتفعت أسعار الخبز والوقود ارتفعت أسعار",
    "قَالَ الرَّئِيسُ\u00a0إنّ الحكومةَ ــ فاشلة",  # harakat, shadda, tatweel, no-break space
    "ﻻ ﷺ ΰ Straße ᏣᎳᎩ",  # ligatures, casefold that lower() would undo
    "", "   ", "\u064b\u064c", "a", "ab  cd\tef\n g", "مرحبا ﹰ عالم", "Hello, World! 123 مرحبا",
]


def test_rows_equal_the_vectorizers():
    expected = vectorizer().transform(TEXTS)
    got = paragraph_counts(TEXTS)
    assert got.shape == expected.shape and got.dtype == np.float32
    assert (got != expected).nnz == 0


def test_no_words_gives_empty_rows():
    got = paragraph_counts(["", " \n"])
    assert got.shape == (2, vectorizer().n_features) and got.nnz == 0


def test_a_stance_model_learns_three_values_or_two():
    from annotator.domain.recommenders.text_model import SingleLabelModel

    texts = {"favor": "ندعم الحكومة ونؤيد قرارها", "against": "نرفض الحكومة ونعارض قرارها",
             "neutral": "اجتمعت الحكومة اليوم في العاصمة"}
    values = [value for value in texts for _ in range(4)]
    counts = paragraph_counts([texts[value] for value in values])
    for kept in (("favor", "against", "neutral"), ("favor", "against")):
        rows = [i for i, value in enumerate(values) if value in kept]
        model = SingleLabelModel(counts[rows], [values[i] for i in rows])
        predicted = model.predict(counts[rows])
        assert [value for value, _ in predicted] == [values[i] for i in rows]
        assert model.probabilities(counts[rows]).shape == (len(rows), len(kept))
