"""Suggestions from the project's recommenders: settings, training (a job), suggesting, decisions.

The models live in annotator.domain.recommenders; this package reads done sets out of the
database for them, stores what training leaves (models.RecommenderModel) and turns an accepted
suggestion into an ordinary span with origin "suggested" (models.SuggestionDecision keeps the
recommender and score; a rejection is remembered there and never suggested again in that set).
"""
