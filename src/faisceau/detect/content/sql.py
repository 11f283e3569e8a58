"""The set-based steps, written once in DuckDB SQL that sqlglot transpiles to Spark.

Relations, computed where the data is (``hashing`` holds the row-wise functions that
``Engine.map_batches`` runs on them: in process on DuckDB, on Spark's executors):
- ``content_views(platform, post_id, exact_text, canon, native, empty)``: one row per post;
- ``content_texts(text_id, exact_text, canon)``: one row per distinct exact text of an
  eligible post (neither a native repost nor empty);
- ``content_sigs(text_id, ntok, nchar, sig)``: size and MinHash signature per text;
- ``content_bands(text_id, band, key)``: one row per text with a signature and band;
- ``content_cand(a, b)``: LSH candidate pairs; ``content_near(a, b, sim)``: verified ones.
Only per-post text ids, per-text sizes and the verified pairs come back to the caller.
"""
from __future__ import annotations

POSTS_SQL = """
SELECT platform, post_id, account_id, created_at, kind, lang, parent_post_id
FROM posts
ORDER BY platform, post_id
"""

VIEWS_INPUT_SQL = "SELECT platform, post_id, kind, parent_post_id, text FROM posts"

POST_TEXTS_SQL = "SELECT text FROM posts ORDER BY platform, post_id"

# Texts of chosen posts (``content_keys(i, platform, post_id)``), in ``i`` order.
SOME_TEXTS_SQL = """
SELECT k.i, p.text FROM content_keys k
JOIN posts p ON p.platform = k.platform AND p.post_id = k.post_id
ORDER BY k.i
"""

# Exact copy-paste: one id per distinct exact_text, numbered by its hash so the
# numbering is the same on every engine and every run.
TEXTS_SQL = """
SELECT dense_rank() OVER (ORDER BY md5(exact_text)) - 1 AS text_id, exact_text, canon
FROM (SELECT exact_text, min(canon) AS canon FROM content_views WHERE NOT native AND NOT empty
      GROUP BY exact_text) t
"""

# Per post, in store order: its text id (NULL when not eligible) and why not.
POST_TEXT_IDS_SQL = """
SELECT v.platform, v.post_id,
       CASE WHEN v.native OR v.empty THEN NULL ELSE t.text_id END AS text_id,
       v.native AS native, v.empty AS empty
FROM content_views v
LEFT JOIN content_texts t ON t.exact_text = v.exact_text
ORDER BY v.platform, v.post_id
"""

SIGS_INPUT_SQL = "SELECT text_id, canon FROM content_texts"

TEXT_SIZES_SQL = "SELECT text_id, ntok, nchar FROM content_sigs ORDER BY text_id"

BANDS_INPUT_SQL = "SELECT text_id, sig FROM content_sigs WHERE sig IS NOT NULL"

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

NEAR_INPUT_SQL = """
SELECT c.a, c.b, x.sig AS sig_a, y.sig AS sig_b
FROM content_cand c
JOIN content_sigs x ON x.text_id = c.a
JOIN content_sigs y ON y.text_id = c.b
"""

NEAR_SQL = "SELECT a, b, sim FROM content_near ORDER BY a, b"

RELATIONS = ("content_views", "content_texts", "content_sigs", "content_bands", "content_cand",
             "content_near", "content_keys")


def candidates_sql(max_bucket: int) -> str:
    return CANDIDATES_SQL.format(max_bucket=int(max_bucket))


def oversized_sql(max_bucket: int) -> str:
    return OVERSIZED_BUCKETS_SQL.format(max_bucket=int(max_bucket))
