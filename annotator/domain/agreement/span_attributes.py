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

from itertools import chain
from operator import attrgetter, itemgetter, methodcaller

import numpy as np

from ..graph import connected_components
from .codes import dense_codes, lookup
from .coding_table import MISSING, CodingTable
from .prepare import PreparedDataset, RecordView, SpanTable
from .span_agreement import PairMatches


def _attribute_values(table: SpanTable) -> dict[tuple[int, str], tuple[np.ndarray, list]]:
    """(label code, attribute name) -> (rows, values) of the spans carrying that attribute, rows ascending."""
    attributes = attrgetter("attributes")
    counts = np.fromiter(map(len, map(attributes, table.records)), np.int64, len(table))
    carrying = np.flatnonzero(counts)
    # One flat list of (name, value) items, walked by C iterators rather than a loop per span.
    carried = map(attributes, RecordView(table.records, carrying))
    items = list(chain.from_iterable(map(methodcaller("items"), carried)))
    item_row = np.repeat(carrying, counts[carrying])
    names = sorted(set(map(itemgetter(0), items)))
    name_code = lookup(map(itemgetter(0), items), {n: i for i, n in enumerate(names)}, len(items))
    # (label, name) in sorted order; a stable sort keeps each one's rows ascending
    width = max(len(names), 1)
    key = table.label[item_row] * width + name_code
    order = np.argsort(key, kind="stable")
    keys, first = np.unique(key[order], return_index=True)
    out = {}
    for k, picked in zip(keys.tolist(), np.split(order, first[1:])):
        values = list(map(itemgetter(1), map(items.__getitem__, picked.tolist())))
        out[(k // width, names[k % width])] = (item_row[picked], values)
    return out


def attribute_tables(prepared: PreparedDataset, matches: dict[tuple[int, int], PairMatches]
                     ) -> dict[tuple[str, str, str], tuple[CodingTable, int]]:
    """(layer, label, attribute) -> (table, ambiguous values left out)."""
    table = prepared.spans
    values = _attribute_values(table)
    if not values or not matches:
        return {}
    u = np.concatenate([m.rows_a for m in matches.values()])
    v = np.concatenate([m.rows_b for m in matches.values()])
    if not len(u):  # pairs of annotators, but no span of one overlaps another's: nothing to compare
        return {}
    nodes, compact = dense_codes(np.concatenate([u, v]))
    component = connected_components(compact[:len(u)], compact[len(u):], len(nodes))
    unit = dense_codes(component)[1]
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
    for (label, name), (rows, by_row) in values.items():
        categories = tuple(sorted(set(by_row)))
        value = lookup(by_row, {c: i for i, c in enumerate(categories)}, len(by_row))
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
