"""Interchange: articles in (import), annotations in and out (JSONL, spreadsheets)."""
