"""Grouping on the similarity graph with Leiden (CPM), not connected components.

Connected components chain: A~B, B~C, C~D puts A and D together even when nothing links
them, which is how organic same-topic posts pile into giant clusters. The Constant Potts
Model keeps a group only where the weighted link density beats ``resolution``: with
similarities in [threshold, 1] and resolution 0.5, a group must have roughly half its
possible links, so chains break apart and cliques of copies stay whole.
"""
from __future__ import annotations

import numpy as np


def communities(n_nodes: int, a: np.ndarray, b: np.ndarray, w: np.ndarray, *,
                resolution: float = 0.5, seed: int = 0) -> np.ndarray:
    """A community label per node (0..k-1); nodes without links get their own label."""
    labels = np.arange(n_nodes, dtype=np.int64)
    if len(a) == 0:
        return labels
    import igraph as ig
    import leidenalg

    nodes, inv = np.unique(np.concatenate([a, b]), return_inverse=True)
    ea, eb = inv[: len(a)], inv[len(a):]
    g = ig.Graph(n=len(nodes), edges=np.column_stack([ea, eb]).tolist(), directed=False)
    g.es["weight"] = np.asarray(w, dtype=float).tolist()
    part = leidenalg.find_partition(
        g, leidenalg.CPMVertexPartition, weights="weight",
        resolution_parameter=resolution, seed=seed, n_iterations=-1,
    )
    membership = np.asarray(part.membership, dtype=np.int64)
    # Linked nodes take labels after the isolated range so labels never collide.
    labels[nodes] = n_nodes + membership
    _, dense = np.unique(labels, return_inverse=True)
    return dense.astype(np.int64)
