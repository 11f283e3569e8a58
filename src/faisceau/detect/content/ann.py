"""Approximate nearest neighbours for unit vectors: an inverted-file (IVF) index in numpy.

Why not a library: faiss/hnswlib/annoy are C++ wheels for one call site; an IVF index
is ~60 lines of numpy whose inner loop is a BLAS matrix product, and it is exact inside
the probed cells, so recall is governed by one parameter (``nprobe``) that the
evaluation measures. Cost: about n * nprobe * n/nlist dot products with
nlist ~ sqrt(n), i.e. O(n^1.5) instead of O(n^2).

Spherical k-means (a few Lloyd iterations on a sample) gives ``nlist`` centroids; every
vector lives in its nearest cell and queries the ``nprobe`` cells nearest to it.
"""
from __future__ import annotations

import numpy as np

BRUTE_FORCE_BELOW = 3000


def _dot_top(x: np.ndarray, c: np.ndarray, k: int, block: int = 16384) -> np.ndarray:
    out = np.empty((len(x), k), np.int64)
    for s in range(0, len(x), block):
        sims = x[s: s + block] @ c.T
        if k == 1:  # k-means assignment: the nearest centroid
            out[s: s + block, 0] = np.argmax(sims, axis=1)
        elif k >= c.shape[0]:
            out[s: s + block] = np.argsort(-sims, axis=1)[:, :k]
        else:
            part = np.argpartition(-sims, k - 1, axis=1)[:, :k]
            order = np.argsort(-np.take_along_axis(sims, part, 1), axis=1)
            out[s: s + block] = np.take_along_axis(part, order, 1)
    return out


def kmeans(x: np.ndarray, k: int, *, iters: int = 8, sample: int = 30000, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    pts = x[rng.choice(len(x), min(sample, len(x)), replace=False)] if len(x) > sample else x
    c = pts[rng.choice(len(pts), k, replace=False)].copy()
    for _ in range(iters):
        assign = _dot_top(pts, c, 1)[:, 0]
        sums = np.zeros_like(c)
        np.add.at(sums, assign, pts)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        c = np.where(empty[:, None], c, sums / np.maximum(norms, 1e-12))
    return c.astype(x.dtype)


def _pairs_in(q_ids, m_ids, x, threshold, k):
    sims = x[q_ids] @ x[m_ids].T
    sims[q_ids[:, None] == m_ids[None, :]] = -2.0  # no self pairs
    hit = sims >= threshold
    if k and sims.shape[1] > k:
        # Only each query's k best members can be returned: bounds the output on topical cells.
        # A row with at most k hits keeps them all; only the others need their k best.
        big = np.flatnonzero(np.count_nonzero(hit, axis=1) > k)
        if len(big):
            part = np.argpartition(-sims[big], k - 1, axis=1)[:, :k]
            best = np.zeros((len(big), sims.shape[1]), bool)
            np.put_along_axis(best, part, True, 1)
            hit[big] &= best
    qi, mi = np.nonzero(hit)
    return q_ids[qi], m_ids[mi], sims[qi, mi]


def ivf_pairs(x: np.ndarray, threshold: float, *, k: int = 0, nprobe: int = 4, nlist: int | None = None,
              seed: int = 0, block: int = 2048) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs (i < j) of unit rows with x_i . x_j >= threshold, found through an IVF index.

    With ``k`` > 0, each row keeps at most its k best partners per probed cell (a pair
    survives if either end keeps it), which bounds the output at n * k * nprobe.
    """
    n = len(x)
    parts: list[tuple] = []
    if n < BRUTE_FORCE_BELOW:
        ids = np.arange(n)
        for s in range(0, n, block):
            parts.append(_pairs_in(ids[s: s + block], ids, x, threshold, k))
    else:
        nlist = nlist or int(np.clip(np.sqrt(n), 8, 4096))
        c = kmeans(x, nlist, seed=seed)
        probes = _dot_top(x, c, min(nprobe, nlist))
        home = probes[:, 0]
        members = np.argsort(home, kind="stable")
        m_start = np.searchsorted(home[members], np.arange(nlist + 1))
        q_cell = probes.ravel()
        q_pt = np.repeat(np.arange(n), probes.shape[1])
        order = np.argsort(q_cell, kind="stable")
        q_cell, q_pt = q_cell[order], q_pt[order]
        q_start = np.searchsorted(q_cell, np.arange(nlist + 1))
        for cell in range(nlist):
            m_ids = members[m_start[cell]: m_start[cell + 1]]
            q_ids = q_pt[q_start[cell]: q_start[cell + 1]]
            if len(m_ids) == 0 or len(q_ids) == 0:
                continue
            for s in range(0, len(q_ids), block):
                parts.append(_pairs_in(q_ids[s: s + block], m_ids, x, threshold, k))
    if not parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
    a = np.concatenate([p[0] for p in parts])
    b = np.concatenate([p[1] for p in parts])
    s = np.concatenate([p[2] for p in parts]).astype(np.float32)
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    code = lo.astype(np.int64) * n + hi
    _, first = np.unique(code, return_index=True)
    return lo[first], hi[first], s[first]
