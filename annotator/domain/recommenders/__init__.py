"""Suggestions that learn from the project's own done sets (pure: no Flask, no SQLAlchemy).

Four recommenders, each trained on one done set per document (gold first) and scored on a
held-out split of those documents before it may suggest anything:

* ``frames``: frames per document, character n-gram TF-IDF + a linear classifier;
* ``techniques``: persuasion techniques per paragraph, the same model over paragraphs;
* ``phrases``: span suggestions from the project's marked phrases and cue phrases, a
  gazetteer over folded Arabic (the actor matcher itself, so prefixes and folding agree);
* ``stance``: stance per (document, actor), a linear model over the paragraphs that
  mention the actor.

A recommender suggests only while its held-out F1 is at least the lead's threshold.
"""

from .data import (DoneSet, FrameSuggestion, LabelSuggestion, SpanMark, SpanSuggestion,
                   StanceSuggestion, TooFewDoneSets)
from .evaluation import Figures
from .training import (DEFAULT_THRESHOLD, MIN_DONE_SETS, RECOMMENDERS, Suggestions,
                       TrainedRecommenders, needs_retraining, train)

__all__ = ["DEFAULT_THRESHOLD", "MIN_DONE_SETS", "RECOMMENDERS", "DoneSet", "Figures", "FrameSuggestion",
           "LabelSuggestion", "SpanMark", "SpanSuggestion", "StanceSuggestion", "Suggestions",
           "TooFewDoneSets", "TrainedRecommenders", "needs_retraining", "train"]
