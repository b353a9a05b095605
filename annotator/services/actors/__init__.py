"""Actors: the project's registry, aliases, mentions found in the text, and annotators' proposals."""
