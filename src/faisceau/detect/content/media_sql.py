"""Media grouping on the engine: items, nodes, near-duplicate search, cluster rows.

Relations:
- ``content_media``: one row per media item of a post (``i``: its place in the post's
  list), whether it carries a valid 64-bit perceptual hash (16 hex digits);
- ``content_media_nodes(node, name, hashed, x)``: one node per distinct hash (lower case,
  in hash order), then one per distinct media key of the items without a hash (in key
  order); ``x`` is the hash as a signed 64-bit integer;
- ``content_media_n``: the items with their node;
- ``content_media_chunks(node, chunk, value)``: the hash cut into ``max_distance + 1``
  bit ranges. Two hashes within ``max_distance`` bits agree on at least one whole range
  (pigeonhole), so candidates come from a self-join on (chunk, value), and each is then
  verified with ``bit_count(xor(x, y))``: only the verified pairs come back.
"""
from __future__ import annotations

import numpy as np

from .sql import dense_ids

ITEMS_SQL = """
SELECT platform, post_id, account_id, created_at, i, m.media_key AS media_key, m.phash AS phash,
       coalesce(length(m.phash) = 16 AND regexp_matches(m.phash, '^[0-9a-fA-F]{16}$'), false) AS hashed
FROM (SELECT platform, post_id, account_id, created_at, i, media[i] AS m
      FROM (SELECT platform, post_id, account_id, created_at, media,
                   unnest(generate_series(1, len(media))) AS i
            FROM posts WHERE len(media) > 0) x) y
"""

COUNTS_SQL = """
SELECT CAST(coalesce(sum(CASE WHEN hashed THEN 1 ELSE 0 END), 0) AS BIGINT) AS hashed,
       CAST(count(DISTINCT CASE WHEN hashed THEN post_id END) AS BIGINT) AS hashed_posts,
       CAST(coalesce(sum(CASE WHEN NOT hashed AND media_key IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS keyed,
       CAST(count(DISTINCT CASE WHEN NOT hashed AND media_key IS NOT NULL THEN post_id END) AS BIGINT) AS keyed_posts,
       CAST(coalesce(sum(CASE WHEN NOT hashed AND media_key IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS other,
       CAST(count(DISTINCT CASE WHEN NOT hashed AND media_key IS NULL THEN post_id END) AS BIGINT) AS other_posts
FROM content_media
"""


def _hex_int(col: str) -> str:
    """SQL: 16 hex digits (lower case) as the signed 64-bit integer of the same bits."""
    def half(start: int) -> str:
        return " + ".join(f"CAST(instr('0123456789abcdef', substr({col}, {start + i}, 1)) - 1 AS BIGINT) * {16 ** (7 - i)}"
                          for i in range(8))
    hi, lo = half(1), half(9)
    return (f"(CASE WHEN ({hi}) >= 2147483648 THEN ({hi}) - 4294967296 ELSE ({hi}) END) * 4294967296 + ({lo})")


NODES_SQL = f"""
WITH h AS (SELECT DISTINCT lower(phash) AS name FROM content_media WHERE hashed),
k AS (SELECT DISTINCT media_key AS name FROM content_media WHERE NOT hashed AND media_key IS NOT NULL),
nh AS (SELECT count(*) AS n FROM h),
{dense_ids("hr", "h", "name")},
{dense_ids("kr", "k", "name")}
SELECT id AS node, rkey AS name, true AS hashed, {_hex_int("rkey")} AS x FROM hr
UNION ALL
SELECT kr.id + nh.n AS node, kr.rkey AS name, false AS hashed, CAST(NULL AS BIGINT) AS x FROM kr CROSS JOIN nh
"""

ITEM_NODES_SQL = """
SELECT m.platform, m.post_id, m.account_id, m.created_at, m.i, n.node
FROM content_media m
JOIN content_media_nodes n ON n.hashed = m.hashed
 AND n.name = CASE WHEN m.hashed THEN lower(m.phash) ELSE m.media_key END
"""

CANDIDATES_SQL = """
WITH c AS (
  SELECT DISTINCT x.node AS a, y.node AS b
  FROM content_media_chunks x
  JOIN content_media_chunks y ON y.chunk = x.chunk AND y.value = x.value AND x.node < y.node
)
SELECT c.a, c.b, CAST(bit_count(xor(na.x, nb.x)) AS BIGINT) AS d
FROM c
JOIN content_media_nodes na ON na.node = c.a
JOIN content_media_nodes nb ON nb.node = c.b
WHERE bit_count(xor(na.x, nb.x)) <= {max_distance}
ORDER BY c.a, c.b
"""

# One post row per (group, post): the node of its first item in that group.
LAYER_SOURCE = """
SELECT platform, post_id, account_id, created_at, node AS text_id, k AS cp, k FROM (
  SELECT m.platform, m.post_id, m.account_id, m.created_at, m.node, coalesce(a.grp, m.node) AS k,
         row_number() OVER (PARTITION BY coalesce(a.grp, m.node), m.platform, m.post_id ORDER BY m.i) AS rn
  FROM content_media_n m LEFT JOIN content_media_assign a ON a.node = m.node
) x WHERE rn = 1
"""

# Per media cluster: the distinct names (hashes or keys) of its nodes, and whether any is
# a hash.
CLUSTER_EXTRA = {
    "m_cols": """,
         n.name, n.hashed, row_number() OVER (PARTITION BY l.k, n.name ORDER BY l.pos) AS name_rn""",
    "m_joins": "\n  JOIN content_media_nodes n ON n.node = l.text_id",
    "aggs": """,
         list(name ORDER BY name) FILTER (WHERE name_rn = 1) AS names,
         max(CASE WHEN hashed THEN 1 ELSE 0 END) AS hashed""",
    "cols": "c.names, c.hashed",
}

# The oldest post carrying each linked node (``content_pairs.post_a``/``post_b``).
FIRST_POSTS_SQL = """
SELECT node, post_id FROM (
  SELECT m.node, m.post_id,
         row_number() OVER (PARTITION BY m.node ORDER BY m.created_at NULLS LAST, m.platform, m.post_id, m.i) AS rn
  FROM content_media_n m JOIN (SELECT DISTINCT node FROM content_media_assign) a ON a.node = m.node
) x WHERE rn = 1
"""

def chunks_sql(max_distance: int) -> str:
    """The hash of every node cut into ``max_distance + 1`` bit ranges (low bits first)."""
    parts = max_distance + 1
    edges = np.linspace(0, 64, parts + 1).astype(int)
    out = []
    for c in range(parts):
        lo, width = int(edges[c]), int(edges[c + 1] - edges[c])
        value = "x" if width >= 64 else f"((x >> {lo}) & {(1 << width) - 1})"
        out.append(f"SELECT node, {c} AS chunk, {value} AS value FROM content_media_nodes WHERE hashed")
    return "\nUNION ALL\n".join(out)


def near_duplicates(engine, max_distance: int, n_hashed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs of distinct hashes within ``max_distance`` bits: (a, b, similarity = 1 - d/64)."""
    if n_hashed < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
    engine.materialize("content_media_chunks", chunks_sql(max_distance))
    got = engine.sql(CANDIDATES_SQL.format(max_distance=int(max_distance)))
    d = got.column("d").to_numpy()
    return (got.column("a").to_numpy().astype(np.int64), got.column("b").to_numpy().astype(np.int64),
            (1 - d / 64).astype(np.float32))


def first_posts(engine) -> dict[int, str]:
    got = engine.sql(FIRST_POSTS_SQL)
    return dict(zip(got.column("node").to_pylist(), got.column("post_id").to_pylist()))
