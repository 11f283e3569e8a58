"""CooRTweet-compatible mode: ``detect_groups`` + ``generate_coordinated_network``.

Reproduces the R package CooRTweet (2.1.x) exactly, in engine SQL:

detect_groups(x, time_window, min_participation, remove_loops = TRUE)
1. keep accounts with at least ``min_participation`` rows;
2. per object, every pair of rows (i before j in the table's row order, see below)
   with |t_i - t_j| <= time_window: no cap, no significance (that is CooRTweet);
3. drop loops: content_id == object_id on either side, same content, same account;
4. keep accounts that still have ``min_participation`` rows whose content_id occurs in
   a remaining pair, and the pairs that touch one of those rows' content ids;
5. orient each pair so that ``content_id`` is the older post, |time_delta|.

Row order matters only for ties (time_delta = 0): CooRTweet's pre-filter regroups the
table by account (order of first appearance), and the earlier row of that order becomes
``content_id``. The input therefore carries ``ord``, the 1-based row number of the
original table (``record_no`` for an ingested file).

generate_coordinated_network(res, edge_weight): undirected edges between pmin/pmax of
the two accounts: weight = rows, avg_time_delta = mean, n_content_id /
n_content_id_y = distinct content ids on each side, edge_symmetry_score = min/max of
those, weight_threshold = weight > quantile(weight, edge_weight) (R's type 7).

Differences from the default detector (documented in the closing note): CooRTweet
enumerates every pair of a target (cost n^2 on a viral post), counts pair rows rather
than distinct targets as weight, has no null model (the weight threshold is a
percentile of the observed weights), and filters accounts by raw activity.
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa

INPUT_COLUMNS = ("object_id", "account_id", "content_id", "timestamp_share", "ord")


def detect_groups_sql(rel: str, time_window: float, min_participation: int, remove_loops: bool = True) -> list[tuple[str, str]]:
    """(name, query) steps to materialize in order; the last one is the result."""
    mp = int(min_participation)
    tw = float(time_window)
    x = f"""
SELECT object_id, account_id, content_id, CAST(timestamp_share AS DOUBLE) AS ts, ord,
       min(ord) OVER (PARTITION BY account_id) AS acc_first
FROM (SELECT *, count(*) OVER (PARTITION BY account_id) AS n_acc FROM {rel}) AS i
WHERE n_acc >= {mp}
"""
    # g: position inside the object group in CooRTweet's row order.
    g = """
SELECT *, row_number() OVER (PARTITION BY object_id ORDER BY acc_first, ord) AS gid FROM ct_x
"""
    loops = (
        "AND a.object_id <> a.content_id AND a.object_id <> b.content_id "
        "AND a.content_id <> b.content_id AND a.account_id <> b.account_id"
        if remove_loops else ""
    )
    pairs = f"""
SELECT a.object_id, a.content_id, b.content_id AS content_id_y, a.ts - b.ts AS time_delta,
       a.account_id, b.account_id AS account_id_y
FROM ct_g AS a JOIN ct_g AS b ON a.object_id = b.object_id AND a.gid < b.gid
WHERE abs(a.ts - b.ts) <= {tw} {loops}
"""
    if mp >= 1:
        keep = f"""
SELECT DISTINCT x.content_id FROM ct_x AS x
JOIN (SELECT x2.account_id FROM ct_x AS x2
      WHERE x2.content_id IN (SELECT content_id FROM ct_pairs UNION SELECT content_id_y FROM ct_pairs)
      GROUP BY x2.account_id HAVING count(*) >= {mp}) AS acc
  ON acc.account_id = x.account_id
WHERE x.content_id IN (SELECT content_id FROM ct_pairs UNION SELECT content_id_y FROM ct_pairs)
"""
        filtered = """
SELECT * FROM ct_pairs
WHERE content_id IN (SELECT content_id FROM ct_keep) OR content_id_y IN (SELECT content_id FROM ct_keep)
"""
    else:
        keep = "SELECT NULL AS content_id"
        filtered = "SELECT * FROM ct_pairs"
    result = """
SELECT object_id,
       CASE WHEN time_delta > 0 THEN content_id_y ELSE content_id END AS content_id,
       CASE WHEN time_delta > 0 THEN content_id ELSE content_id_y END AS content_id_y,
       abs(time_delta) AS time_delta,
       CASE WHEN time_delta > 0 THEN account_id_y ELSE account_id END AS account_id,
       CASE WHEN time_delta > 0 THEN account_id ELSE account_id_y END AS account_id_y
FROM ct_filtered
ORDER BY object_id, content_id, content_id_y, account_id, account_id_y
"""
    return [("ct_x", x), ("ct_g", g), ("ct_pairs", pairs), ("ct_keep", keep), ("ct_filtered", filtered),
            ("ct_result", result)]


STEP_NAMES = ("ct_x", "ct_g", "ct_pairs", "ct_keep", "ct_filtered", "ct_result")


def detect_groups(engine, rel: str, time_window: float = 10, min_participation: int = 2,
                  remove_loops: bool = True) -> pa.Table:
    """CooRTweet's detect_groups over relation ``rel`` (columns INPUT_COLUMNS)."""
    steps = detect_groups_sql(rel, time_window, min_participation, remove_loops)
    try:
        for name, q in steps:
            engine.materialize(name, q)
        return engine.sql("SELECT * FROM ct_result ORDER BY object_id, content_id, content_id_y, account_id, account_id_y")
    finally:
        for name in reversed(STEP_NAMES):
            engine.drop(name)


def network_sql(groups: str) -> str:
    """CooRTweet's edge aggregation (the weight threshold is added in Python)."""
    return f"""
SELECT CASE WHEN account_id < account_id_y THEN account_id ELSE account_id_y END AS "from",
       CASE WHEN account_id < account_id_y THEN account_id_y ELSE account_id END AS "to",
       count(*) AS weight, avg(time_delta) AS avg_time_delta,
       count(DISTINCT content_id) AS n_content_id, count(DISTINCT content_id_y) AS n_content_id_y
FROM {groups}
GROUP BY 1, 2
ORDER BY 1, 2
"""


def r_quantile7(values: np.ndarray, prob: float) -> float:
    """R's default quantile (type 7), the one CooRTweet calls."""
    v = np.sort(np.asarray(values, dtype=float))
    if len(v) == 0:
        return float("nan")
    h = (len(v) - 1) * prob
    lo = int(np.floor(h))
    hi = min(lo + 1, len(v) - 1)
    return float(v[lo] + (h - lo) * (v[hi] - v[lo]))


def generate_coordinated_network(engine, groups: pa.Table, edge_weight: float = 0.5) -> pa.Table:
    """Edge list of CooRTweet's coordinated network for a detect_groups result."""

    engine.register("ct_groups", groups)
    try:
        edges = engine.sql(network_sql("ct_groups"))
    finally:
        engine.drop("ct_groups")
    n1 = edges.column("n_content_id").to_numpy(zero_copy_only=False).astype(float)
    n2 = edges.column("n_content_id_y").to_numpy(zero_copy_only=False).astype(float)
    sym = np.minimum(n1, n2) / np.maximum(np.maximum(n1, n2), 1)
    w = edges.column("weight").to_numpy(zero_copy_only=False)
    thr = r_quantile7(w, edge_weight)
    edges = edges.append_column("edge_symmetry_score", pa.array(sym, pa.float64()))
    return edges.append_column("weight_threshold", pa.array((w > thr).astype("int64"), pa.int64()))


def nodes(network: pa.Table) -> list[str]:
    """Vertices of the network (accounts on at least one edge), sorted."""
    import pyarrow.compute as pc

    both = pa.chunked_array(network.column("from").chunks + network.column("to").chunks)
    return sorted(pc.unique(both).to_pylist())
