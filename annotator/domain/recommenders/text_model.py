"""Character n-gram TF-IDF over folded text + linear classifiers (scikit-learn).

Paragraphs are hashed once (no vocabulary to fit, nothing to download, any script); a
document's row is the sum of its paragraphs' rows and a (document, actor) row the sum of
the paragraphs that mention the actor, so one pass over the text feeds all three models.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer

from ..arabic_fold import fold_with_map

N_FEATURES = 2**18


def folded(text: str) -> str:
    return fold_with_map(text)[0]


def vectorizer() -> HashingVectorizer:
    return HashingVectorizer(analyzer="char_wb", ngram_range=(2, 4), n_features=N_FEATURES,
                             preprocessor=folded, alternate_sign=False, norm=None, dtype=np.float32)


def _word_vectorizer() -> HashingVectorizer:
    # vectorizer() for text already folded and split (no preprocessing: folding casefolds, and
    # lower() of casefolded text is not always itself).
    return HashingVectorizer(analyzer="char_wb", ngram_range=(2, 4), n_features=N_FEATURES,
                             lowercase=False, alternate_sign=False, norm=None, dtype=np.float32)


def paragraph_counts(paragraphs: Sequence[str]) -> sparse.csr_matrix:
    """The rows vectorizer() gives, but each distinct word's n-grams counted once.

    char_wb n-grams never cross a word boundary: a folded paragraph's row is the sum of its
    words' rows (each padded with a space on both sides).  Words repeat across a project's
    paragraphs, so hashing the distinct words and summing their rows with one sparse product
    replaces the per-character Python loop over every paragraph (most of a training's time).
    """
    words = [folded(p).split() for p in paragraphs]
    index: dict[str, int] = {}
    cols = np.fromiter((index.setdefault(w, len(index)) for ws in words for w in ws), np.int64)
    if not index:
        return sparse.csr_matrix((len(paragraphs), N_FEATURES), dtype=np.float32)
    rows = np.repeat(np.arange(len(paragraphs)), [len(ws) for ws in words])
    per_word = sparse.csr_matrix((np.ones(len(cols), np.float32), (rows, cols)),
                                 shape=(len(paragraphs), len(index)))
    counts = (per_word @ _word_vectorizer().transform(list(index))).tocsr()
    counts.sort_indices()
    return counts


def sum_rows(counts: sparse.csr_matrix, groups: Sequence[Sequence[int]]) -> sparse.csr_matrix:
    """One row per group: the sum of the given rows of ``counts``."""
    rows = np.repeat(np.arange(len(groups)), [len(g) for g in groups])
    cols = np.fromiter((i for g in groups for i in g), np.int64)
    pick = sparse.csr_matrix((np.ones(len(cols), np.float32), (rows, cols)), shape=(len(groups), counts.shape[0]))
    return (pick @ counts).tocsr()


class MultiLabelModel:
    """Labels as a set per row (frames of a document, techniques of a paragraph)."""

    def __init__(self, counts: sparse.csr_matrix, labels: Sequence[frozenset[str]], cut: float = 0.5) -> None:
        self.tfidf = TfidfTransformer(sublinear_tf=True).fit(counts)
        self.binarizer = MultiLabelBinarizer().fit(labels)
        y = self.binarizer.transform(labels)
        self.constant = {i for i in range(y.shape[1]) if y[:, i].min() == y[:, i].max()}
        # tol 1e-3 (not liblinear's 1e-4): these fits were most of a 2,000-set training, and
        # stopping a Newton step sooner left every held-out figure as it was (bench_recommenders.py).
        self.classifier = OneVsRestClassifier(LogisticRegression(C=10.0, solver="liblinear", tol=1e-3,
                                                                 class_weight="balanced"))
        self.classifier.fit(self.tfidf.transform(counts), y)
        self.cut = cut

    def scores(self, counts: sparse.csr_matrix) -> np.ndarray:
        """(rows, labels) probabilities."""
        return self.classifier.predict_proba(self.tfidf.transform(counts))

    @property
    def labels(self) -> list[str]:
        return list(self.binarizer.classes_)

    def predict(self, counts: sparse.csr_matrix) -> list[frozenset[str]]:
        names = self.labels
        return [frozenset(names[j] for j in np.flatnonzero(row >= self.cut)) for row in self.scores(counts)]


class SingleLabelModel:
    """One value per row (the stance toward an actor)."""

    def __init__(self, counts: sparse.csr_matrix, values: Sequence[str]) -> None:
        self.tfidf = TfidfTransformer(sublinear_tf=True).fit(counts)
        # liblinear, as for the multi-label models: on 2^18 hashed features lbfgs spent most of a
        # 2,000-set training here (bench_recommenders.py), for the same held-out figure.
        # liblinear fits two classes only: three or more (favor, against, neutral...) one against the rest.
        values = list(values)
        binary = LogisticRegression(C=10.0, solver="liblinear", class_weight="balanced")
        self.classifier = binary if len(set(values)) <= 2 else OneVsRestClassifier(binary)
        self.classifier.fit(self.tfidf.transform(counts), values)

    def probabilities(self, counts: sparse.csr_matrix) -> np.ndarray:
        """(rows, values) probabilities, values in ``classifier.classes_`` order."""
        return self.classifier.predict_proba(self.tfidf.transform(counts))

    def predict(self, counts: sparse.csr_matrix) -> list[tuple[str, float]]:
        proba = self.probabilities(counts)
        best = proba.argmax(axis=1)
        classes = self.classifier.classes_
        return [(str(classes[j]), float(proba[i, j])) for i, j in enumerate(best)]
