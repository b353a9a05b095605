"""Coding units for stance and frames, built from done sets only.

Stance
  * document level: one unit per (document, actor) in ``stance_units``
    (plus any actor with a document-level stance); a done annotator without
    a stance there says ``not_stated``.
  * paragraph level: one unit per (document, paragraph, actor) that some
    done annotator gave a paragraph stance; the other done annotators say
    ``not_stated``.
  The headline units are those at least one done annotator gave a stance
  (any recorded value, an explicit ``not_stated`` included); the others
  are reported as ``document/all_mentioned`` (every declared unit, as
  before).  Nominal measures use the four values; interval and ordinal
  alpha use the signed scale favor=+intensity, against=-intensity,
  neutral=0, so they are conditional on both giving a stance:
  ``not_stated`` and a favor/against without an intensity are missing
  values (never imputed), and how many were left out is counted.

Frames (one unit per document)
  * primary frame: nominal; no record or no primary = missing value.
  * frame set: MASI alpha; a done annotator without a record chose the empty set.
  * each frame: "yes"/"no" per document for every done annotator.
"""

from __future__ import annotations

import itertools
from itertools import repeat
from operator import attrgetter, is_not
from typing import Sequence

import numpy as np

from .codes import dense_codes, field_codes, field_values, lookup
from .coding_table import MISSING, CodingTable
from .data import STANCE_VALUES, signed_stance
from .prepare import PreparedDataset, RecordView

SIGNED_SCALE = tuple(range(-3, 4))


def _first_seen_codes(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Code of each integer key, numbered in order of first appearance, and where each code first appears.

    First-seen order is deterministic for a given dataset and needs no sort of the keys' meaning.
    """
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    order = np.argsort(first)
    rank = np.empty(len(order), np.int64)
    rank[order] = np.arange(len(order))
    return rank[inverse.reshape(-1)], first[order]


def _stance_values(records: Sequence) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The nominal categories, and each stance's nominal code and place on the signed scale (99: none)."""
    # Few distinct (value, intensity) pairs: code each once, then read both scales through the code.
    pairs = list(dict.fromkeys(map(attrgetter("value", "intensity"), records)))
    code = field_codes(records, ("value", "intensity"), {pair: k for k, pair in enumerate(pairs)})
    values = list(STANCE_VALUES) + sorted({v for v, _ in pairs} - set(STANCE_VALUES))
    value_code = {v: k for k, v in enumerate(values)}
    nominal = np.array([value_code[v] for v, _ in pairs], np.int64).reshape(-1)
    # A favor/against without an intensity has no place on the scale: missing, not imputed.
    signed = np.array([signed_stance(v, i) if v == "neutral" or (v in STANCE_VALUES[:2] and i) else 99
                       for v, i in pairs], np.int64).reshape(-1)
    return values, nominal[code], signed[code]


def _declared_units(prepared: PreparedDataset) -> tuple[np.ndarray, list[str]]:
    """Document code and actor of every declared stance unit, actors sorted within a document."""
    units = prepared.dataset.stance_units
    documents = [d for d in units if d in prepared.document_index]
    actors = [sorted(units[d]) for d in documents]
    document = np.repeat(lookup(documents, prepared.document_index, len(documents)), list(map(len, actors)))
    return document, list(itertools.chain.from_iterable(actors))


def stance_tables(prepared: PreparedDataset) -> dict[str, tuple[CodingTable, CodingTable]]:
    """"document" / "document/all_mentioned" / "paragraph" -> (nominal table, signed scale table).

    "document" and "paragraph" keep the units somebody gave a stance; "document/all_mentioned"
    every declared unit (the rest say ``not_stated``)."""
    records = prepared.stances
    document, annotator = prepared.record_codes["stances"]
    values, nominal, signed = _stance_values(records)
    paragraph_level = np.fromiter(map(is_not, map(attrgetter("paragraph"), records), repeat(None)), bool,
                                  len(records))
    declared_document, declared_actors = _declared_units(prepared)
    # Units are keyed by integers: document, then paragraph (paragraph level), then actor.
    actor_names = map(attrgetter("actor"), records)
    actor_index = {a: i for i, a in enumerate(dict.fromkeys(itertools.chain(actor_names, declared_actors)))}
    actor = field_codes(records, "actor", actor_index)
    n_actors = max(len(actor_index), 1)
    paragraph = np.zeros(len(records), np.int64)
    at_paragraph = np.flatnonzero(paragraph_level)
    given = field_values(RecordView(records, at_paragraph), "paragraph")
    paragraph[at_paragraph] = dense_codes(given)[1]
    n_paragraphs = int(paragraph.max(initial=0)) + 1
    key = (document * n_paragraphs + paragraph) * n_actors + actor
    declared_key = declared_document * n_paragraphs * n_actors + lookup(declared_actors, actor_index,
                                                                        len(declared_actors))
    out = {}
    for level, mask in (("document", ~paragraph_level), ("paragraph", paragraph_level)):
        rows = np.flatnonzero(mask)
        level_key = np.concatenate([key[rows], declared_key if level == "document" else declared_key[:0]])
        codes, first = _first_seen_codes(level_key)
        unit = codes[:len(rows)]
        unit_doc = level_key[first] // (n_paragraphs * n_actors)
        shape = (len(first), len(prepared.annotators))
        grid = np.full(shape, MISSING, np.int64)
        grid[unit, annotator[rows]] = nominal[rows]  # a repeated record: the later one counts
        # A done annotator who gave no stance on a unit says not_stated.
        silent = (grid == MISSING) & prepared.done[unit_doc]
        grid[silent] = values.index("not_stated")
        scale_grid = np.full(shape, MISSING, np.int64)
        on_scale = signed[rows] != 99
        scale_grid[unit[on_scale], annotator[rows][on_scale]] = np.clip(signed[rows][on_scale], -3, 3) + 3
        nominal_table = CodingTable(grid, tuple(values), prepared.annotators, unit_doc, len(prepared.documents))
        signed_table = CodingTable(scale_grid, SIGNED_SCALE, prepared.annotators, unit_doc,
                                   len(prepared.documents), tuple(float(v) for v in SIGNED_SCALE))
        stated = np.bincount(unit, minlength=len(first)) > 0
        if level == "document":
            out["document/all_mentioned"] = (nominal_table, signed_table)
        out[level] = (_rows(nominal_table, stated), _rows(signed_table, stated))
    return out


def _rows(table: CodingTable, keep: np.ndarray) -> CodingTable:
    return CodingTable(table.values[keep], table.categories, table.annotators, table.unit_document[keep],
                       table.n_documents, table.scale)


def frame_tables(prepared: PreparedDataset) -> dict[str, CodingTable]:
    """"primary", "set" and "presence/<frame>" -> table (one unit per document)."""
    n_docs, n_ann = len(prepared.documents), len(prepared.annotators)
    records = prepared.frames
    document, annotator = prepared.record_codes["frames"]
    chosen = [frozenset(r.frames) for r in records]
    sets = sorted(set(chosen) | {frozenset()}, key=lambda s: (len(s), sorted(s)))
    set_code = {s: i for i, s in enumerate(sets)}
    primaries = sorted({r.primary for r in records if r.primary is not None})
    primary_code = {p: i for i, p in enumerate(primaries)}
    unit_doc = np.arange(n_docs, dtype=np.int64)

    set_grid = np.full((n_docs, n_ann), MISSING, np.int64)
    set_grid[prepared.done] = set_code[frozenset()]  # done without a record: no frames chosen
    set_grid[document, annotator] = [set_code[s] for s in chosen]
    primary_grid = np.full((n_docs, n_ann), MISSING, np.int64)
    has_primary = np.array([r.primary is not None for r in records], bool)
    primary_grid[document[has_primary], annotator[has_primary]] = [
        primary_code[r.primary] for r in records if r.primary is not None]

    def table(grid, categories):
        return CodingTable(grid, tuple(categories), prepared.annotators, unit_doc, n_docs)

    out = {"primary": table(primary_grid, primaries), "set": table(set_grid, sets)}
    universe = sorted({f for s in sets for f in s} | set(primaries))
    for frame in universe:
        has_frame = np.array([frame in s for s in sets] + [False], np.int64)  # [-1] -> missing
        presence = np.where(set_grid == MISSING, MISSING, has_frame[set_grid])
        out[f"presence/{frame}"] = table(presence, ("no", "yes"))
    return out
