"""The set-based steps, written once in DuckDB SQL that sqlglot transpiles to Spark.

Relations, computed where the data is (``hashing`` holds the row-wise functions that
``Engine.map_batches`` runs on them: in process on DuckDB, on Spark's executors):
- ``content_views(platform, post_id, exact_text, canon, native, empty)``: one row per post;
- ``content_texts(text_id, exact_text, canon)``: one row per distinct exact text of an
  eligible post (neither a native repost nor empty);
- ``content_posts(platform, post_id, account_id, created_at, text_id)``: eligible posts;
- ``content_sigs(text_id, ntok, nchar, sig)``: size and MinHash signature per text;
- ``content_text_stats``: per text its posts, representative (oldest) post and size;
- ``content_bands(text_id, band, key)``: one row per text with a signature and band;
- ``content_cand(a, b)``: LSH candidate pairs; ``content_near(a, b, sim)``: verified ones;
- ``content_assign(text_id, grp)``: the copy group of each linked text (Leiden, driver);
  ``content_cp_lang(cp, lang)``: the language of each copy group that needs one;
- ``content_layer``: the members of one layer's clusters, from which the cluster rows
  and the member rows are aggregated (``layer_sql``, ``LAYER_CLUSTERS_SQL``).
Only counts, the verified pairs, per-cluster rows and cluster members come back to the
caller (and, with the semantic stage, what that stage needs: ``per_post``).
"""
from __future__ import annotations

from ..ids_sql import dense_ids  # noqa: F401  (media_sql uses it from here too)

POSTS_SQL = """
SELECT platform, post_id, account_id, created_at, kind, lang, parent_post_id
FROM posts
ORDER BY platform, post_id
"""

VIEWS_INPUT_SQL = "SELECT platform, post_id, kind, parent_post_id, text FROM posts"

POST_TEXTS_SQL = "SELECT text FROM posts ORDER BY platform, post_id"


# Exact copy-paste: one id per distinct exact_text, its rank in md5 order, so the
# numbering is the same on every engine and every run (``dense_ids``).
TEXTS_SQL = f"""
WITH d AS (
  SELECT exact_text, min(canon) AS canon, md5(exact_text) AS h
  FROM content_views WHERE NOT native AND NOT empty GROUP BY exact_text
), {dense_ids("t", "d", "h", ("exact_text", "canon"))}
SELECT id AS text_id, exact_text, canon FROM t
"""

# Eligible posts with their text id (what the cluster tables are built from).
CONTENT_POSTS_SQL = """
SELECT v.platform, v.post_id, p.account_id, p.created_at, t.text_id
FROM content_views v
JOIN content_texts t ON t.exact_text = v.exact_text
JOIN posts p ON p.platform = v.platform AND p.post_id = v.post_id
WHERE NOT v.native AND NOT v.empty
"""

# Per text: its posts, its representative post (the oldest; ties: store order) and size.
TEXT_STATS_SQL = """
WITH r AS (
  SELECT text_id, platform, post_id, count(*) OVER (PARTITION BY text_id) AS n_posts,
         row_number() OVER (PARTITION BY text_id ORDER BY created_at NULLS LAST, platform, post_id) AS rn
  FROM content_posts
)
SELECT r.text_id, r.n_posts, r.platform AS rep_platform, r.post_id AS rep_post_id, s.ntok, s.nchar
FROM r JOIN content_sigs s ON s.text_id = r.text_id
WHERE r.rn = 1
"""

# What each view could look at (``content_eligibility``), as counts.
POST_COUNTS_SQL = """
SELECT CAST(coalesce(sum(CASE WHEN NOT native AND NOT empty THEN 1 ELSE 0 END), 0) AS BIGINT) AS eligible,
       CAST(coalesce(sum(CASE WHEN native THEN 1 ELSE 0 END), 0) AS BIGINT) AS native,
       CAST(coalesce(sum(CASE WHEN empty AND NOT native THEN 1 ELSE 0 END), 0) AS BIGINT) AS empty
FROM content_views
"""

TEXT_COUNTS_SQL = """
SELECT CAST(count(*) AS BIGINT) AS texts,
       CAST(coalesce(sum(CASE WHEN near THEN n_posts ELSE 0 END), 0) AS BIGINT) AS near_posts,
       CAST(coalesce(sum(CASE WHEN near THEN 1 ELSE 0 END), 0) AS BIGINT) AS near_texts,
       CAST(coalesce(sum(CASE WHEN near THEN 0 ELSE n_posts END), 0) AS BIGINT) AS short_posts,
       CAST(coalesce(sum(CASE WHEN near THEN 0 ELSE 1 END), 0) AS BIGINT) AS short_texts
FROM (SELECT n_posts, ntok >= {min_tokens} AND nchar >= {min_chars} AS near FROM content_text_stats) t
"""

# One stand-in text per copy group (the most posted; long enough to embed first; then the
# lowest text id): its language is the group's. ``{need}``: the groups wanted.
STAND_INS_SQL = """
WITH s AS (
  SELECT t.text_id, coalesce(a.grp, t.text_id) AS cp,
         row_number() OVER (PARTITION BY coalesce(a.grp, t.text_id)
                            ORDER BY t.ntok < {min_tokens_semantic}, t.n_posts DESC, t.text_id) AS rn
  FROM content_text_stats t LEFT JOIN content_assign a ON a.text_id = t.text_id
)
SELECT s.cp, s.text_id FROM s {need} WHERE s.rn = 1 ORDER BY s.cp
"""

# Copy groups whose language the tables need: clusters (two posts or more) and linked texts.
NEED_CLUSTERED = """JOIN (
  SELECT coalesce(a.grp, t.text_id) AS cp FROM content_text_stats t
  LEFT JOIN content_assign a ON a.text_id = t.text_id
  GROUP BY coalesce(a.grp, t.text_id) HAVING sum(t.n_posts) >= 2
  UNION SELECT grp AS cp FROM content_assign
) need ON need.cp = s.cp"""

# Representative post's text and declared language of chosen texts
# (``content_keys(i, text_id)``), in ``i`` order.
TEXT_REPS_SQL = """
SELECT k.i, p.text, p.lang
FROM content_keys k
JOIN content_text_stats s ON s.text_id = k.text_id
JOIN posts p ON p.platform = s.rep_platform AND p.post_id = s.rep_post_id
ORDER BY k.i
"""

# Representative post id of chosen texts (``content_keys(i, text_id)``), in ``i`` order
# (``content_pairs.post_a``/``post_b``).
REP_IDS_SQL = """
SELECT k.i, s.rep_post_id FROM content_keys k
JOIN content_text_stats s ON s.text_id = k.text_id
ORDER BY k.i
"""

# The members of one layer's clusters: groups ``k`` of at least two posts (and at least
# ``min_groups`` copy groups), each post with its position in the group, oldest first
# (ties: platform, post id). ``{source}`` gives (platform, post_id, account_id,
# created_at, text_id, cp, k) per post of the layer.
LAYER_SQL = """
WITH src AS ({source}),
g AS (SELECT k FROM src GROUP BY k HAVING count(*) >= 2 AND count(DISTINCT cp) >= {min_groups})
SELECT src.platform, src.post_id, src.account_id, src.created_at, src.text_id, src.cp, src.k,
       row_number() OVER (PARTITION BY src.k ORDER BY src.created_at NULLS LAST, src.platform, src.post_id) AS pos
FROM src JOIN g ON g.k = src.k
"""

CP_SOURCE = """
SELECT p.platform, p.post_id, p.account_id, p.created_at, p.text_id,
       coalesce(a.grp, p.text_id) AS cp, coalesce(a.grp, p.text_id) AS k
FROM content_posts p LEFT JOIN content_assign a ON a.text_id = p.text_id
"""

# Semantic layer: ``content_sem_assign(text_id, k)`` for the texts of semantic groups.
SEM_SOURCE = """
SELECT p.platform, p.post_id, p.account_id, p.created_at, p.text_id,
       coalesce(a.grp, p.text_id) AS cp, s.k
FROM content_posts p
JOIN content_sem_assign s ON s.text_id = p.text_id
LEFT JOIN content_assign a ON a.text_id = p.text_id
"""

# One row per cluster of the layer, in one aggregation over its members: the
# ``content_clusters`` columns that are aggregates of its members, and the oldest post's
# id, author and time, in cluster order. Distinct accounts, platforms and texts are the
# first row of each inside the cluster (row_number over the cluster's position order),
# so no second grouping is needed; ordered lists are taken with FILTER. ``{m_cols}`` and
# ``{m_joins}`` add per-member columns, ``{aggs}`` per-cluster aggregates, ``{cols}`` and
# ``{joins}`` the final columns of one kind of cluster (``TEXT_EXTRA``).
LAYER_CLUSTERS_SQL = """
WITH m AS (
  SELECT l.k, l.platform, l.post_id, l.account_id, l.created_at, l.text_id, l.pos,
         row_number() OVER (PARTITION BY l.k, l.account_id ORDER BY l.pos) AS acc_rn,
         row_number() OVER (PARTITION BY l.k, l.platform ORDER BY l.pos) AS plat_rn,
         row_number() OVER (PARTITION BY l.k, l.text_id ORDER BY l.pos) AS text_rn{m_cols}
  FROM content_layer l{m_joins}
), c AS (
  SELECT k, CAST(count(*) AS BIGINT) AS n_posts,
         CAST(sum(CASE WHEN acc_rn = 1 AND account_id IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT) AS n_accounts,
         CAST(sum(CASE WHEN text_rn = 1 AND text_id IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT) AS n_texts,
         list(post_id ORDER BY pos) AS members,
         list(account_id ORDER BY pos) FILTER (WHERE acc_rn = 1) AS accounts,
         list(platform ORDER BY platform) FILTER (WHERE plat_rn = 1) AS platforms,
         max(CASE WHEN pos = 1 THEN platform END) AS first_platform,
         max(CASE WHEN pos = 1 THEN post_id END) AS first_post_id,
         max(CASE WHEN pos = 1 THEN account_id END) AS first_account_id,
         max(CASE WHEN pos = 1 THEN created_at END) AS first_at,
         max(CASE WHEN pos = 1 THEN text_id END) AS first_text,
         max(created_at) AS last_at{aggs}
  FROM m GROUP BY k
)
SELECT c.k, c.n_posts, c.n_accounts, c.n_texts, c.members, c.accounts, c.platforms,
       c.first_post_id, c.first_account_id, c.first_at, c.last_at, c.first_text, {cols}
FROM c
{joins}
ORDER BY c.first_at NULLS LAST, c.first_platform, c.first_post_id
"""

# Text clusters: languages of the members' copy groups (most frequent first: the count
# negated, so every key of the ordered list sorts ascending), whether the oldest post's
# text is too short for near matching, and that text.
TEXT_EXTRA = {
    "m_cols": """,
         cl.lang, count(*) OVER (PARTITION BY l.k, cl.lang) AS lang_n,
         row_number() OVER (PARTITION BY l.k, cl.lang ORDER BY l.pos) AS lang_rn""",
    "m_joins": "\n  LEFT JOIN content_cp_lang cl ON cl.cp = l.cp",
    "aggs": """,
         list(lang ORDER BY -lang_n, lang) FILTER (WHERE lang_rn = 1 AND lang IS NOT NULL) AS languages""",
    "cols": "c.languages, NOT (s.ntok >= {min_tokens} AND s.nchar >= {min_chars}) AS short, p.text AS sample_text",
    "joins": """JOIN content_text_stats s ON s.text_id = c.first_text
JOIN posts p ON p.platform = c.first_platform AND p.post_id = c.first_post_id""",
}

LAYER_MEMBERS_SQL = """
SELECT k, platform, post_id, account_id, created_at, text_id FROM content_layer
ORDER BY created_at NULLS LAST, platform, post_id, k
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

RELATIONS = ("content_views", "content_texts", "content_posts", "content_sigs", "content_text_stats",
             "content_bands", "content_cand", "content_near", "content_keys", "content_assign",
             "content_cp_lang", "content_sem_assign", "content_layer", "content_media", "content_media_nodes",
             "content_media_n", "content_media_chunks", "content_media_assign")


def counts_sql(min_tokens: int, min_chars: int) -> str:
    """Post and text counts in one row (one engine round trip)."""
    texts = TEXT_COUNTS_SQL.format(min_tokens=int(min_tokens), min_chars=int(min_chars))
    return f"SELECT * FROM ({POST_COUNTS_SQL}) p CROSS JOIN ({texts}) t"


def stand_ins_sql(min_tokens_semantic: int, *, clustered_only: bool) -> str:
    return STAND_INS_SQL.format(min_tokens_semantic=int(min_tokens_semantic),
                                need=NEED_CLUSTERED if clustered_only else "")


def layer_sql(source: str, min_groups: int) -> str:
    return LAYER_SQL.format(source=source, min_groups=int(min_groups))


def layer_clusters_sql(extra: dict) -> str:
    return LAYER_CLUSTERS_SQL.format(**{"m_cols": "", "m_joins": "", "aggs": "", "joins": "", **extra})


def text_extra(min_tokens: int, min_chars: int) -> dict:
    return {**TEXT_EXTRA, "cols": TEXT_EXTRA["cols"].format(min_tokens=int(min_tokens), min_chars=int(min_chars))}


def candidates_sql(max_bucket: int) -> str:
    return CANDIDATES_SQL.format(max_bucket=int(max_bucket))


def oversized_sql(max_bucket: int) -> str:
    return OVERSIZED_BUCKETS_SQL.format(max_bucket=int(max_bucket))
