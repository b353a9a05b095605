"""Connected components of an undirected graph given as edge arrays (no Python loop per node)."""
from __future__ import annotations

import numpy as np


def connected_components(u: np.ndarray, v: np.ndarray, n: int) -> np.ndarray:
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
