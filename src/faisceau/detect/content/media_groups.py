"""Media clusters: posts that carry the same or a near-duplicate image/video.

Everything per item runs on the engine (``media_sql``): the items of every post, a node
per distinct perceptual hash (or, for items without one, per platform media key), the
near-duplicate search over the hashes and the cluster tables. The driver gets counts,
the verified near-duplicate pairs (the graph Leiden groups), one row per cluster and the
member rows; it sends back the group of each linked node (``content_media_assign``).
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa

from . import media_sql
from .cluster import communities

SAMPLE_CHARS = 280


def media_clusters(det, engine) -> tuple[list[dict], list[pa.Table], dict, list[dict]]:
    """Rows for content_clusters/members, the link table and eligibility counts."""
    from .build import common_row, layer, member_table

    engine.materialize("content_media", media_sql.ITEMS_SQL)
    c = engine.sql(media_sql.COUNTS_SQL).to_pylist()[0]
    elig = [
        {"view": "media", "reason": "eligible: perceptual hash", "posts": c["hashed_posts"], "texts": c["hashed"]},
        {"view": "media", "reason": "no hash: matched by platform media key only",
         "posts": c["keyed_posts"], "texts": c["keyed"]},
        {"view": "media", "reason": "no hash and no media key: not comparable",
         "posts": c["other_posts"], "texts": c["other"]},
    ]
    if c["hashed"] + c["keyed"] == 0:
        return [], [], {"a": np.zeros(0, np.int64), "b": np.zeros(0, np.int64), "sim": np.zeros(0, np.float32),
                        "post_a": [], "post_b": [], "cluster_id": []}, elig
    engine.materialize("content_media_nodes", media_sql.NODES_SQL)
    engine.materialize("content_media_n", media_sql.ITEM_NODES_SQL)
    n_nodes = c["hashed"] + c["keyed"]  # at least the number of nodes: group keys stay apart from node ids
    a, b, sim = media_sql.near_duplicates(engine, det.media_max_distance, c["hashed"])
    nodes, inv = np.unique(np.concatenate([a, b]), return_inverse=True)
    label = communities(len(nodes), inv[: len(a)], inv[len(a):], sim, resolution=det.semantic_resolution,
                        seed=det.random_state)
    # A linked node's group is n_nodes + its Leiden label, any other node's is itself.
    group = (n_nodes + label).astype(np.int64)
    engine.register("content_media_assign", pa.table({"node": pa.array(nodes, pa.int64()),
                                                      "grp": pa.array(group, pa.int64())}))
    cl, mem = layer(engine, media_sql.LAYER_SOURCE, 1, media_sql.CLUSTER_EXTRA)
    la, lb = group[inv[: len(a)]], group[inv[len(a):]]
    min_sim: dict[int, float] = {}
    for x, y, s in zip(la.tolist(), lb.tolist(), np.asarray(sim).tolist()):
        if x == y:
            min_sim[x] = min(min_sim.get(x, 1.0), float(s))
    rows = [{**common_row(r, f"md-{n:06d}", "media", "phash" if r["hashed"] else "media_key",
                          min_sim.get(r["k"], 1.0)),
             "languages": [], "short": False, "sample_text": ", ".join(r["names"])[:SAMPLE_CHARS]}
            for n, r in enumerate(cl, start=1)]
    members = member_table(mem, cl, rows)
    # The cluster a link ended in: that of its nodes, as carried by member posts.
    where = dict(zip(members.column("text_id").to_pylist(), members.column("cluster_id").to_pylist()))
    post_of = media_sql.first_posts(engine) if len(a) else {}
    links = {"a": a, "b": b, "sim": sim,
             "post_a": [post_of.get(int(x)) for x in a], "post_b": [post_of.get(int(x)) for x in b],
             "cluster_id": [where.get(int(x)) if where.get(int(x)) == where.get(int(y)) else None
                            for x, y in zip(a, b)]}
    return rows, [members], links, elig
