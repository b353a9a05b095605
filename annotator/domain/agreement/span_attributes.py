"""Coding agreement on span attributes (e.g. the evidence type of evidence spans).

A unit is a group of spans that ``match_spans`` paired across annotators:
pairs of every annotator pair are joined into connected groups, so three
annotators who marked the same evidence give one unit with three values.
When a group holds two spans of one annotator (a chain of partial matches),
that annotator's value in the group is ambiguous and is left out (missing).
Spans matched by nobody cannot be compared and form no unit.  A matched span
without the attribute is a missing value.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import compress
from operator import attrgetter

import numpy as np

from .coding_table import MISSING, CodingTable
from .prepare import PreparedDataset
from .span_agreement import PairMatches


def _components(u: np.ndarray, v: np.ndarray, n: int) -> np.ndarray:
    """Smallest node id of each node's connected group (label propagation)."""
    component = np.arange(n)
    while True:
        smaller = np.minimum(component[u], component[v])
        before = component.copy()
        np.minimum.at(component, u, smaller)
        np.minimum.at(component, v, smaller)
        component = component[component]  # jump to the group's current smallest id
        if np.array_equal(component, before):
            return component


def attribute_tables(prepared: PreparedDataset, matches: dict[tuple[int, int], PairMatches]
                     ) -> dict[tuple[str, str, str], tuple[CodingTable, int]]:
    """(layer, label, attribute) -> (table, ambiguous values left out)."""
    table = prepared.spans
    labels = table.label.tolist()
    attributes_of = list(map(attrgetter("attributes"), table.records))
    values: dict[tuple[int, str], dict[int, str]] = defaultdict(dict)
    for row in compress(range(len(attributes_of)), map(len, attributes_of)):
        attributes = attributes_of[row]
        label = labels[row]
        for name, value in attributes.items():
            values[(label, name)][row] = value
    if not values or not matches:
        return {}
    u = np.concatenate([m.rows_a for m in matches.values()])
    v = np.concatenate([m.rows_b for m in matches.values()])
    nodes, compact = np.unique(np.concatenate([u, v]), return_inverse=True)
    component = _components(compact[:len(u)], compact[len(u):], len(nodes))
    _, unit = np.unique(component, return_inverse=True)
    n_units, n_annotators = int(unit.max()) + 1, len(prepared.annotators)
    owner = table.annotator[nodes]
    per_cell = np.bincount(unit * n_annotators + owner, minlength=n_units * n_annotators)
    ambiguous = per_cell[unit * n_annotators + owner] > 1
    unit_label = np.zeros(n_units, np.int64)
    unit_label[unit] = table.label[nodes]
    unit_document = np.zeros(n_units, np.int64)
    unit_document[unit] = table.document[nodes]
    node_position = np.full(len(table), -1, np.int64)
    node_position[nodes] = np.arange(len(nodes))

    out = {}
    for (label, name), by_row in sorted(values.items()):
        categories = tuple(sorted(set(by_row.values())))
        code = {c: i for i, c in enumerate(categories)}
        rows = np.fromiter(by_row, np.int64, len(by_row))
        value = np.fromiter(map(code.__getitem__, by_row.values()), np.int64, len(by_row))
        k = node_position[rows]
        usable = k >= 0
        k, value = k[usable], value[usable]
        clear = ~ambiguous[k]
        grid = np.full((n_units, n_annotators), MISSING, np.int64)
        grid[unit[k[clear]], owner[k[clear]]] = value[clear]
        units = np.flatnonzero(unit_label == label)
        layer, label_name = table.labels[label]
        coding = CodingTable(grid[units], categories, prepared.annotators, unit_document[units],
                             len(prepared.documents))
        left_out = int(np.count_nonzero(ambiguous & (table.label[nodes] == label)))
        out[(layer, label_name, name)] = (coding, left_out)
    return out
