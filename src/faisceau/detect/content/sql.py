"""The set-based steps, written once in DuckDB SQL that sqlglot transpiles to Spark.

Relations the detector registers with the engine:
- ``content_views(idx, platform, post_id, exact_text)``: one row per eligible post,
  ``exact_text`` the ``canon`` view (``nfkc`` when canon is empty).
- ``content_bands(text_id, band, key)``: one row per distinct text and MinHash band.

A Spark job can run the same statements over the same relations (normalisation is
Arrow compute, usable in ``mapInArrow``), which is the "content hashing and LSH
candidate generation" part that scales out.
"""
from __future__ import annotations

POSTS_SQL = """
SELECT platform, post_id, account_id, created_at, kind, text, lang, parent_post_id
FROM posts
ORDER BY platform, post_id
"""

# Exact copy-paste: one id per distinct exact_text, numbered by its hash so the
# numbering is the same on every engine and every run.
TEXT_IDS_SQL = """
SELECT idx,
       dense_rank() OVER (ORDER BY md5(exact_text)) - 1 AS text_id,
       md5(exact_text) AS text_hash
FROM content_views
"""

# Bucket sizes, to cap the self-join: a bucket of n texts costs n(n-1)/2 pairs.
OVERSIZED_BUCKETS_SQL = """
SELECT count(*) AS buckets, coalesce(sum(n), 0) AS n_rows
FROM (SELECT band, key, count(*) AS n FROM content_bands GROUP BY band, key) b
WHERE n > {max_bucket}
"""

# LSH candidates: texts sharing a band key, in buckets no larger than max_bucket.
CANDIDATES_SQL = """
WITH ok AS (
  SELECT band, key FROM content_bands GROUP BY band, key
  HAVING count(*) BETWEEN 2 AND {max_bucket}
)
SELECT DISTINCT x.text_id AS a, y.text_id AS b
FROM content_bands x
JOIN ok ON ok.band = x.band AND ok.key = x.key
JOIN content_bands y ON y.band = x.band AND y.key = x.key AND x.text_id < y.text_id
"""


def candidates_sql(max_bucket: int) -> str:
    return CANDIDATES_SQL.format(max_bucket=int(max_bucket))


def oversized_sql(max_bucket: int) -> str:
    return OVERSIZED_BUCKETS_SQL.format(max_bucket=int(max_bucket))
