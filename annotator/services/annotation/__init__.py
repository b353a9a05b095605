"""Annotation: an annotator's set and what it holds (spans, links, stances, frames), its status and the page's views."""
