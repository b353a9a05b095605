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
