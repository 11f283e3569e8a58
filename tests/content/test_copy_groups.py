"""Leiden/CPM grouping solved per connected component (cluster.communities)."""
import numpy as np

from faisceau.detect.content.cluster import communities


def _groups(labels):
    out = {}
    for node, lab in enumerate(labels.tolist()):
        out.setdefault(lab, []).append(node)
    return sorted(tuple(g) for g in out.values())


def _leiden_whole(n, a, b, w, resolution, seed=0):
    import igraph as ig
    import leidenalg

    g = ig.Graph(n=n, edges=list(zip(a.tolist(), b.tolist())), directed=False)
    part = leidenalg.find_partition(g, leidenalg.CPMVertexPartition, weights=w.tolist(),
                                    resolution_parameter=resolution, seed=seed, n_iterations=-1)
    return np.asarray(part.membership)


def _random_graph(rng, n_comp):
    """Disjoint components: cliques, chains and dense blobs with similarity weights."""
    a, b, w, start = [], [], [], 0
    for _ in range(n_comp):
        size = int(rng.integers(2, 9))
        kind = rng.integers(3)
        for i in range(size):
            for j in range(i + 1, size):
                if kind == 0 or (kind == 1 and j == i + 1) or (kind == 2 and rng.random() < 0.6) or j == i + 1:
                    a.append(start + i)
                    b.append(start + j)
                    w.append(float(rng.uniform(0.6, 1.0)))
        start += size
    return start, np.array(a), np.array(b), np.array(w)


def test_same_partition_quality_as_one_leiden_run():
    rng = np.random.default_rng(3)
    n, a, b, w = _random_graph(rng, 150)
    res = 0.5
    ours = communities(n, a, b, w, resolution=res)
    whole = _leiden_whole(n, a, b, w, res)

    def quality(lab):
        same = lab[a] == lab[b]
        s = np.bincount(lab)
        return w[same].sum() - res * (s * (s - 1) / 2).sum()

    # components of <= 8 nodes are solved exactly: never worse than Leiden's greedy moves, here better
    assert quality(ours) > quality(whole) + 0.1
    assert communities(n, a, b, w, resolution=res).tolist() == ours.tolist()


def test_small_components_get_the_cpm_optimum():
    import itertools

    # path a-b-c-d: Leiden on this graph alone stops at {a}{b,c}{d}
    a, b, w = np.array([0, 1, 2]), np.array([1, 2, 3]), np.array([0.94, 0.99, 0.88])
    assert _groups(communities(4, a, b, w, resolution=0.5)) == [(0, 1), (2, 3)]
    # brute force over labelings of a random 6-node graph
    rng = np.random.default_rng(11)
    pairs = [(i, j) for i in range(6) for j in range(i + 1, 6) if rng.random() < 0.5 or j == i + 1]
    a, b = np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs])
    w = rng.uniform(0.6, 1.0, len(pairs))

    def quality(lab):
        s = np.bincount(lab)
        return w[lab[a] == lab[b]].sum() - 0.5 * (s * (s - 1) / 2).sum()

    best = max(quality(np.array(lab)) for lab in itertools.product(range(6), repeat=6))
    assert abs(quality(communities(6, a, b, w, resolution=0.5)) - best) < 1e-9


def test_large_components_go_to_leiden():
    # two 6-cliques joined by one weak link: 12 nodes, not a clique, past the exact limit
    a, b, w = [], [], []
    for base in (0, 6):
        for i in range(6):
            for j in range(i + 1, 6):
                a.append(base + i)
                b.append(base + j)
                w.append(0.9)
    a, b, w = np.array(a + [5]), np.array(b + [6]), np.array(w + [0.7])
    assert _groups(communities(12, a, b, w, resolution=0.5)) == [tuple(range(6)), tuple(range(6, 12))]


def test_cliques_are_one_group_and_weak_cliques_are_searched():
    # triangle 0-1-2 (all above resolution), pair 3-4, isolated 5, triangle 6-7-8 with a link at the resolution
    a = np.array([0, 1, 0, 3, 6, 7, 6])
    b = np.array([1, 2, 2, 4, 7, 8, 8])
    w = np.array([0.9, 0.8, 0.7, 0.95, 0.9, 0.9, 0.5])
    lab = communities(9, a, b, w, resolution=0.5)
    assert _groups(lab) == [(0, 1, 2), (3, 4), (5,), (6, 7, 8)]
    # labels run by lowest member
    assert lab.tolist() == [0, 0, 0, 1, 1, 2, 3, 3, 3]
    # a path is not a clique: CPM at 0.5 keeps the heavier link only
    lab = communities(3, np.array([0, 1]), np.array([1, 2]), np.array([0.7, 0.9]), resolution=0.5)
    assert _groups(lab) == [(0,), (1, 2)]


def test_repeated_links_add_up_like_leiden():
    # 0-1 twice at 0.3 (0.6 together), 1-2 and 0-2 at 0.6: one group only with the repeat counted
    a, b, w = np.array([0, 0, 1, 0]), np.array([1, 1, 2, 2]), np.array([0.3, 0.3, 0.6, 0.6])
    assert _groups(communities(3, a, b, w, resolution=0.5)) == [(0, 1, 2)]
    assert _groups(communities(3, a[1:], b[1:], w[1:], resolution=0.5)) != [(0, 1, 2)]


def test_a_component_does_not_depend_on_the_others():
    rng = np.random.default_rng(7)
    n, a, b, w = _random_graph(rng, 60)
    alone = _groups(communities(n, a, b, w, resolution=0.5))
    # add an unrelated dense component after and before: the old groups are unchanged (shifted)
    extra_a, extra_b = np.array([0, 0, 0, 1, 1, 2, 3]), np.array([1, 2, 3, 2, 4, 4, 4])
    extra_w = np.array([0.7, 0.6, 0.9, 0.8, 0.6, 0.7, 0.65])
    after = communities(n + 5, np.concatenate([a, n + extra_a]), np.concatenate([b, n + extra_b]),
                        np.concatenate([w, extra_w]), resolution=0.5)
    assert [g for g in _groups(after) if g[0] < n] == alone
    before = communities(n + 5, np.concatenate([extra_a, a + 5]), np.concatenate([extra_b, b + 5]),
                         np.concatenate([extra_w, w]), resolution=0.5)
    assert [tuple(x - 5 for x in g) for g in _groups(before) if g[0] >= 5] == alone


def test_no_links():
    assert communities(4, np.array([], np.int64), np.array([], np.int64), np.array([])).tolist() == [0, 1, 2, 3]
