"""Readers and writers for the formats other tools use (docs/formats.md), one module per format.

Pure code: bytes in, neutral documents out (``model``), and back. Labels reach the project's
scheme through one mechanism for every format (``label_map``); the neutral documents become
interchange records (``to_records``), so every format is checked, anchored and written by the
same code as our own JSONL.
"""
from __future__ import annotations

from importlib import import_module

# format name -> (module, file suffix of an export, media type of an export)
FORMATS = {
    "brat": ("brat", "zip", "application/zip"),
    "labelstudio": ("labelstudio", "zip", "application/zip"),
    "webanno": ("webanno", "zip", "application/zip"),
    "doccano": ("doccano", "zip", "application/zip"),
    "aif": ("aif", "zip", "application/zip"),
}

# What import-annotations reads: our own interchange file first, then the formats above.
IMPORT_FORMATS = ("jsonl", *FORMATS)


def format_module(name: str):
    """The module of a format (imported on first use: the CLI starts without them)."""
    return import_module(f"{__name__}.{FORMATS[name][0]}")
