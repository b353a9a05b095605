"""The optimal one-to-one span matching: the greatest total overlap.

Among the candidate pairs (same group, overlapping), the matching maximises the summed overlap;
among matchings with that total it takes the one with the smallest summed boundary distance
(|Δstart| + |Δend|), so an exact match still wins a tie.  Candidates fall into connected
components (spans linked by overlaps); a component of one candidate is matched as it is, and
every larger one is solved with scipy's ``linear_sum_assignment`` (the Hungarian method) on the
score overlap * S - distance, where S exceeds the component's summed distances, so a larger total
overlap always outweighs any distance.  Rows and columns are in (start, end, input position)
order, which makes the result deterministic.
"""
from __future__ import annotations

import numpy as np

from .graph import connected_components


def optimal_pairs(i: np.ndarray, j: np.ndarray, overlap: np.ndarray, distance: np.ndarray,
                  n_a: int) -> np.ndarray:
    """Positions (into the candidate arrays, given best first) of the optimal matching."""
    if len(i) == 0:
        return np.empty(0, np.int64)
    nodes = np.concatenate([i, n_a + j])
    compact = _dense_rank(nodes)
    component = connected_components(compact[:len(i)], compact[len(i):], int(compact.max()) + 1)
    edge_component = component[compact[:len(i)]]
    sizes = np.bincount(edge_component)
    single = sizes[edge_component] == 1
    chosen = [np.flatnonzero(single)]
    several = np.flatnonzero(~single)
    order = several[np.argsort(edge_component[several], kind="stable")]  # best-first order kept within
    runs = np.flatnonzero(np.r_[True, np.diff(edge_component[order]) != 0])
    for edges in np.split(order, runs[1:]) if len(order) else []:
        rows, row = np.unique(i[edges], return_inverse=True)
        columns, column = np.unique(j[edges], return_inverse=True)
        scale = float(distance[edges].sum()) + 1.0
        score = np.zeros((len(rows), len(columns)))
        score[row, column] = overlap[edges] * scale - distance[edges]
        from scipy.optimize import linear_sum_assignment  # ~0.5 s to import: only when a component needs it

        picked_rows, picked_columns = linear_sum_assignment(score, maximize=True)
        edge_at = np.full((len(rows), len(columns)), -1, np.int64)
        edge_at[row, column] = edges
        picked = edge_at[picked_rows, picked_columns]
        chosen.append(picked[picked >= 0])
    return np.sort(np.concatenate(chosen))


def _dense_rank(nodes: np.ndarray) -> np.ndarray:
    """``np.unique(nodes, return_inverse=True)[1]`` for non-negative node ids, by marking
    the ids present instead of sorting (the ids run up to the number of spans)."""
    present = np.zeros(int(nodes.max()) + 1, bool)
    present[nodes] = True
    return (np.cumsum(present, dtype=np.int64) - 1)[nodes]
