"""Training, held-out figures, the threshold rule and suggesting on a new document.

Each recommender is fitted on the training split and scored on the held-out split; the model
kept is then refitted on every chosen done set (the figure describes the held-out documents,
the suggestions use all the project knows).  A recommender with one label only, or none,
has no model and a note saying why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from scipy import sparse
from sklearn import config_context

from .data import (DoneSet, FrameSuggestion, LabelSuggestion, SpanSuggestion, StanceSuggestion,
                   TooFewDoneSets, one_per_document, split)
from .evaluation import Figures, span_key, macro_prf, set_prf, span_prf
from .gazetteer import Gazetteer
from .text_model import MultiLabelModel, SingleLabelModel, paragraph_counts, sum_rows
from .uncertainty import uncertainty

RECOMMENDERS = ("frames", "techniques", "phrases", "stance")
DEFAULT_THRESHOLD = 0.6
MIN_DONE_SETS = 10
RETRAIN_EVERY = 10


def needs_retraining(done_now: int, done_at_last_training: int | None, every: int = RETRAIN_EVERY) -> bool:
    if done_now < MIN_DONE_SETS:
        return False
    return done_at_last_training is None or done_now - done_at_last_training >= every


@dataclass(frozen=True)
class Config:
    technique_layer: str = "technique"
    span_layers: tuple[str, ...] = ("argument", "technique")
    cue_phrases: Mapping[tuple[str, str], Sequence[str]] = field(default_factory=dict)


class _Corpus:
    """Paragraph count rows of a list of sets, hashed once."""

    def __init__(self, sets: Sequence[DoneSet]) -> None:
        self.sets = list(sets)
        self.offsets, n = [], 0
        for s in self.sets:
            self.offsets.append(n)
            n += len(s.paragraphs)
        self.counts = paragraph_counts([p for s in self.sets for p in s.paragraphs])

    def rows(self, picks: Sequence[int]) -> sparse.csr_matrix:
        return self.counts[list(picks)]

    def paragraphs_of(self, i: int) -> range:
        return range(self.offsets[i], self.offsets[i] + len(self.sets[i].paragraphs))


def _frames_data(corpus: _Corpus, idx: Sequence[int]):
    rows = sum_rows(corpus.counts, [corpus.paragraphs_of(i) for i in idx])
    return rows, [frozenset(corpus.sets[i].frames) for i in idx]


def _technique_data(corpus: _Corpus, idx: Sequence[int], layer: str):
    picks = [p for i in idx for p in corpus.paragraphs_of(i)]
    labels = []
    for i in idx:
        s = corpus.sets[i]
        per = [set() for _ in s.paragraphs]
        for m in s.spans:
            if m.layer == layer:
                per[m.paragraph].add(m.label)
        labels += [frozenset(x) for x in per]
    return corpus.rows(picks), labels


def _stance_data(corpus: _Corpus, idx: Sequence[int]):
    groups, values = [], []
    for i in idx:
        s = corpus.sets[i]
        for actor, value in sorted(s.stances.items()):
            paragraphs = s.mentions.get(actor) or range(len(s.paragraphs))
            groups.append([corpus.offsets[i] + p for p in paragraphs])
            values.append(value)
    return (sum_rows(corpus.counts, groups) if groups else None), values


def _span_keys(sets: Sequence[DoneSet], layers: Sequence[str]) -> list[span_key]:
    return [span_key(s.document, m.paragraph, m.layer, m.label, m.start, m.end)
            for s in sets for m in s.spans if m.layer in layers]


class TrainedRecommenders:
    """What a training leaves: per recommender a model (or None) and its held-out figures."""

    def __init__(self, models: dict, figures: dict[str, Figures], config: Config,
                 held_out: dict[str, Suggestions] | None = None) -> None:
        self.models, self.figures, self.config = models, figures, config
        self.held_out = held_out or {}  # held-out document -> what the split's models suggested on it

    def active(self, threshold: float = DEFAULT_THRESHOLD, switched_off: frozenset[str] = frozenset()) -> set[str]:
        return {name for name, fig in self.figures.items()
                if self.models.get(name) is not None and fig.passes(threshold) and name not in switched_off}

    def suggest(self, paragraphs: Sequence[str], mentions: Mapping[str, Sequence[int]] | None = None,
                only: set[str] | None = None, counts: sparse.csr_matrix | None = None) -> Suggestions:
        """``counts``: the paragraphs' count rows when the caller has them hashed already (training)."""
        only = set(RECOMMENDERS) if only is None else only
        out = Suggestions()
        if not paragraphs:
            return out
        counts = paragraph_counts(paragraphs) if counts is None else counts
        frames = self.models.get("frames") if "frames" in only else None
        if frames is not None:
            scores = frames.scores(sum_rows(counts, [range(len(paragraphs))]))[0]
            ranked = sorted(zip(frames.labels, scores.tolist()), key=lambda x: -x[1])
            out.frames = [FrameSuggestion("frames", label, score, n == 0)
                          for n, (label, score) in enumerate(ranked) if n == 0 or score >= frames.cut]
        techniques = self.models.get("techniques") if "techniques" in only else None
        if techniques is not None:
            names = techniques.labels
            for p, row in enumerate(techniques.scores(counts)):
                out.labels += [LabelSuggestion("techniques", p, names[j], float(row[j]))
                               for j in range(len(names)) if row[j] >= techniques.cut]
        phrases = self.models.get("phrases") if "phrases" in only else None
        if phrases is not None:
            for p, text in enumerate(paragraphs):
                out.spans += [SpanSuggestion("phrases", p, layer, label, start, end, found, score)
                              for layer, label, start, end, found, score in phrases.find(text)]
        stance = self.models.get("stance") if "stance" in only else None
        if stance is not None and mentions:
            actors = sorted(a for a, ps in mentions.items() if ps)
            if actors:
                rows = sum_rows(counts, [list(mentions[a]) for a in actors])
                out.stances = [StanceSuggestion("stance", a, v, s) for a, (v, s) in zip(actors, stance.predict(rows))]
        return out

    def uncertainty(self, paragraphs: Sequence[str], mentions: Mapping[str, Sequence[int]] | None = None) -> float:
        """0 (sure) .. 1 (torn): what active ordering sorts by (see uncertainty.py)."""
        return uncertainty(self.models, paragraphs, mentions)


@dataclass
class Suggestions:
    spans: list[SpanSuggestion] = field(default_factory=list)
    labels: list[LabelSuggestion] = field(default_factory=list)
    frames: list[FrameSuggestion] = field(default_factory=list)
    stances: list[StanceSuggestion] = field(default_factory=list)


def _no_model(note: str, n_train: int, n_test: int) -> tuple[None, Figures]:
    return None, Figures(0.0, 0.0, 0.0, n_train, n_test, note)


def _fit_multilabel(train_data, test_data, all_data, n_train, n_test, split_models: dict, name: str):
    (x_train, y_train), (x_test, y_test), (x_all, y_all) = train_data, test_data, all_data
    if len({label for ys in y_train for label in ys}) < 2:
        return _no_model("fewer than two labels in the training sets", n_train, n_test)
    split_models[name] = MultiLabelModel(x_train, y_train)
    p, r, f = set_prf(split_models[name].predict(x_test), y_test)
    return MultiLabelModel(x_all, y_all), Figures(p, r, f, n_train, n_test)


def train(sets: Sequence[DoneSet], config: Config = Config(), min_sets: int = MIN_DONE_SETS) -> TrainedRecommenders:
    chosen = one_per_document(sets)
    if len(chosen) < min_sets:
        raise TooFewDoneSets(len(chosen), min_sets)
    train_sets, test_sets = split(chosen)
    corpus = _Corpus(chosen)
    position = {s.document: i for i, s in enumerate(chosen)}
    tr = [position[s.document] for s in train_sets]
    te = [position[s.document] for s in test_sets]
    everything = list(range(len(chosen)))
    n_tr, n_te = len(tr), len(te)
    models, figures, split_models = {}, {}, {}

    models["frames"], figures["frames"] = _fit_multilabel(
        _frames_data(corpus, tr), _frames_data(corpus, te), _frames_data(corpus, everything), n_tr, n_te,
        split_models, "frames")
    layer = config.technique_layer
    models["techniques"], figures["techniques"] = _fit_multilabel(
        _technique_data(corpus, tr, layer), _technique_data(corpus, te, layer),
        _technique_data(corpus, everything, layer), n_tr, n_te, split_models, "techniques")

    truth = _span_keys(test_sets, config.span_layers)
    if not _span_keys(train_sets, config.span_layers) and not config.cue_phrases:
        models["phrases"], figures["phrases"] = _no_model("no marked phrases in the training sets", n_tr, n_te)
    else:
        probe = split_models["phrases"] = Gazetteer(train_sets, config.span_layers, config.cue_phrases)
        suggested = [span_key(s.document, p, layer_, label, start, end)
                     for s in test_sets for p, text in enumerate(s.paragraphs)
                     for layer_, label, start, end, _, _ in probe.find(text)]
        p, r, f = span_prf(suggested, truth)
        models["phrases"] = Gazetteer(chosen, config.span_layers, config.cue_phrases)
        note = "" if truth or suggested else "no marked phrases in the held-out sets"
        figures["phrases"] = Figures(p, r, f, n_tr, n_te, note)

    (x_tr, v_tr), (x_te, v_te) = _stance_data(corpus, tr), _stance_data(corpus, te)
    if len(set(v_tr)) < 2:
        models["stance"], figures["stance"] = _no_model("fewer than two stance values in the training sets", n_tr, n_te)
    else:
        split_models["stance"] = SingleLabelModel(x_tr, v_tr)
        predicted = [v for v, _ in split_models["stance"].predict(x_te)] if v_te else []
        p, r, f = macro_prf(predicted, v_te)
        x_all, v_all = _stance_data(corpus, everything)
        models["stance"], figures["stance"] = SingleLabelModel(x_all, v_all), Figures(p, r, f, n_tr, n_te)
    # What the models fitted without the held-out documents suggest on them: the recommenders as
    # an annotator of those documents, compared with the people who coded them (model agreement).
    probe = TrainedRecommenders(split_models, figures, config)
    # Our own fitted models on our own finite rows: scikit-learn's per-call checks were about a
    # quarter of these few hundred small predictions (one per held-out document).
    with config_context(assume_finite=True, skip_parameter_validation=True):
        held_out = {s.document: probe.suggest(s.paragraphs, s.mentions,
                                              counts=corpus.rows(corpus.paragraphs_of(position[s.document])))
                    for s in test_sets}
    return TrainedRecommenders(models, figures, config, held_out)
