"""Coding units for stance and frames, built from done sets only.

Stance
  * document level: one unit per (document, actor) in ``stance_units``
    (plus any actor with a document-level stance); a done annotator without
    a stance there says ``not_stated``.
  * paragraph level: one unit per (document, paragraph, actor) that some
    done annotator gave a paragraph stance; the other done annotators say
    ``not_stated``.
  Nominal measures use the four values; interval alpha uses the signed
  scale favor=+intensity, against=-intensity (missing intensity = 2),
  neutral=0, with ``not_stated`` as a missing value.

Frames (one unit per document)
  * primary frame: nominal; no record or no primary = missing value.
  * frame set: MASI alpha; a done annotator without a record chose the empty set.
  * each frame: "yes"/"no" per document for every done annotator.
"""

from __future__ import annotations

import itertools

import numpy as np

from .coding_table import MISSING, CodingTable
from .data import STANCE_VALUES, signed_stance
from .prepare import PreparedDataset

SIGNED_SCALE = tuple(range(-3, 4))


def _unit_codes(keys: list[tuple]) -> tuple[list[tuple], dict[tuple, int]]:
    # First-seen order: deterministic for a given dataset, and no sort needed.
    code = dict(zip(dict.fromkeys(keys), itertools.count()))
    return list(code), code


def stance_tables(prepared: PreparedDataset) -> dict[str, tuple[CodingTable, CodingTable]]:
    """"document" / "paragraph" -> (nominal table, signed interval table)."""
    doc_index, ann_index = prepared.document_index, prepared.annotator_index
    records = prepared.stances
    values = list(STANCE_VALUES) + sorted({r.value for r in records} - set(STANCE_VALUES))
    value_code = {v: i for i, v in enumerate(values)}
    keys = [(doc_index[r.document], r.paragraph, r.actor) for r in records]
    annotator = np.array([ann_index[r.annotator] for r in records], np.int64)
    nominal = np.array([value_code[r.value] for r in records], np.int64)
    signed = np.array([signed_stance(r.value, r.intensity) if r.value in STANCE_VALUES[:3] else 99
                       for r in records], np.int64)
    paragraph_level = np.array([k[1] is not None for k in keys], bool)
    declared = [(doc_index[d], None, actor) for d, actors in prepared.dataset.stance_units.items()
                if d in doc_index for actor in sorted(actors)]
    out = {}
    for level, mask in (("document", ~paragraph_level), ("paragraph", paragraph_level)):
        rows = np.flatnonzero(mask)
        level_keys = [keys[r] for r in rows.tolist()]
        units, code = _unit_codes(level_keys + (declared if level == "document" else []))
        unit = np.fromiter(map(code.__getitem__, level_keys), np.int64, len(level_keys))
        unit_doc = np.array([k[0] for k in units], np.int64).reshape(-1)
        shape = (len(units), len(prepared.annotators))
        grid = np.full(shape, MISSING, np.int64)
        grid[unit, annotator[rows]] = nominal[rows]  # a repeated record: the later one counts
        # A done annotator who gave no stance on a unit says not_stated.
        silent = (grid == MISSING) & prepared.done[unit_doc]
        grid[silent] = value_code["not_stated"]
        scale_grid = np.full(shape, MISSING, np.int64)
        on_scale = signed[rows] != 99
        scale_grid[unit[on_scale], annotator[rows][on_scale]] = np.clip(signed[rows][on_scale], -3, 3) + 3
        out[level] = (
            CodingTable(grid, tuple(values), prepared.annotators, unit_doc, len(prepared.documents)),
            CodingTable(scale_grid, SIGNED_SCALE, prepared.annotators, unit_doc, len(prepared.documents),
                        tuple(float(v) for v in SIGNED_SCALE)))
    return out


def frame_tables(prepared: PreparedDataset) -> dict[str, CodingTable]:
    """"primary", "set" and "presence/<frame>" -> table (one unit per document)."""
    doc_index, ann_index = prepared.document_index, prepared.annotator_index
    n_docs, n_ann = len(prepared.documents), len(prepared.annotators)
    records = prepared.frames
    document = np.array([doc_index[r.document] for r in records], np.int64)
    annotator = np.array([ann_index[r.annotator] for r in records], np.int64)
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
