"""Per-account aggregation in SQL (DuckDB dialect, transpilable to Spark by sqlglot).

Every query here reduces the posts to at most a few dozen rows per account; the
Python feature code only ever sees these reduced tables. Relations used: ``posts``,
``accounts`` and, when the caller registers them, ``post_clusters`` (post -> content
cluster) and
``burst_windows``.
"""
from __future__ import annotations

KEY = "platform, account_id"

# Same rule as the store's accounts_latest view, written out so Spark can run it too.
ACCOUNTS_LATEST = f"""
SELECT platform, account_id, handle, display_name, created_at, description, location,
       profile_image_url, default_profile_image
FROM (SELECT *, row_number() OVER (PARTITION BY {KEY}
             ORDER BY observed_at DESC NULLS LAST, ingested_at DESC NULLS LAST, source_file, record_no) AS rn
      FROM accounts) AS a
WHERE rn = 1
"""

BASE = f"""
WITH p AS (
  SELECT {KEY}, count(*) AS n_posts, min(created_at) AS first_post, max(created_at) AS last_post
  FROM posts GROUP BY {KEY}),
a AS ({ACCOUNTS_LATEST})
SELECT coalesce(p.platform, a.platform) AS platform, coalesce(p.account_id, a.account_id) AS account_id,
       a.handle, a.display_name, a.created_at, a.description, a.location, a.profile_image_url,
       a.default_profile_image, coalesce(p.n_posts, 0) AS n_posts, p.first_post, p.last_post
FROM p FULL OUTER JOIN a ON p.platform = a.platform AND p.account_id = a.account_id
"""

HOURLY = f"""
SELECT {KEY}, hour(created_at) AS h, count(*) AS n
FROM posts WHERE created_at IS NOT NULL GROUP BY {KEY}, hour(created_at)
"""

_INTERVALS = f"""
SELECT {KEY}, epoch(created_at) - lag(epoch(created_at)) OVER (
         PARTITION BY {KEY} ORDER BY created_at, post_id) AS dt
FROM posts WHERE created_at IS NOT NULL
"""

INTERVAL_BINS = f"""
SELECT {KEY}, CAST(floor(log2(greatest(dt, 1))) AS BIGINT) AS b, count(*) AS n
FROM ({_INTERVALS}) AS d WHERE dt IS NOT NULL
GROUP BY {KEY}, CAST(floor(log2(greatest(dt, 1))) AS BIGINT)
"""

TOP_INTERVAL = f"""
SELECT {KEY}, dt AS top_interval_s, n AS top_interval_n FROM (
  SELECT {KEY}, dt, n, row_number() OVER (PARTITION BY {KEY} ORDER BY n DESC, dt) AS rk FROM (
    SELECT {KEY}, CAST(round(dt) AS BIGINT) AS dt, count(*) AS n
    FROM ({_INTERVALS}) AS d WHERE dt >= {{min_period}}
    GROUP BY {KEY}, CAST(round(dt) AS BIGINT)) AS c) AS r
WHERE rk = 1
"""

RATES = f"""
WITH h AS (SELECT {KEY}, CAST(floor(epoch(created_at) / 3600) AS BIGINT) AS b, count(*) AS n
           FROM posts WHERE created_at IS NOT NULL GROUP BY {KEY}, CAST(floor(epoch(created_at) / 3600) AS BIGINT)),
     m AS (SELECT {KEY}, CAST(floor(epoch(created_at) / 600) AS BIGINT) AS b, count(*) AS n
           FROM posts WHERE created_at IS NOT NULL GROUP BY {KEY}, CAST(floor(epoch(created_at) / 600) AS BIGINT)),
     hm AS (SELECT {KEY}, max(n) AS max_posts_hour FROM h GROUP BY {KEY}),
     mm AS (SELECT {KEY}, max(n) AS max_posts_10min FROM m GROUP BY {KEY})
SELECT hm.platform, hm.account_id, hm.max_posts_hour, mm.max_posts_10min
FROM hm JOIN mm ON hm.platform = mm.platform AND hm.account_id = mm.account_id
"""

SOURCES = f"""
SELECT {KEY}, source AS top_source, n AS top_source_n, n_sources FROM (
  SELECT {KEY}, source, n, count(*) OVER (PARTITION BY {KEY}) AS n_sources,
         row_number() OVER (PARTITION BY {KEY} ORDER BY n DESC, source) AS rk
  FROM (SELECT {KEY}, source, count(*) AS n FROM posts WHERE source IS NOT NULL
        GROUP BY {KEY}, source) AS c) AS r
WHERE rk = 1
"""

TOP_HASHTAG = f"""
SELECT {KEY}, h AS top_hashtag, n AS top_hashtag_n FROM (
  SELECT {KEY}, h, n, row_number() OVER (PARTITION BY {KEY} ORDER BY n DESC, h) AS rk
  FROM (SELECT {KEY}, h, count(DISTINCT post_id) AS n
        FROM (SELECT {KEY}, post_id, unnest(hashtags) AS h FROM posts) AS u
        GROUP BY {KEY}, h) AS c) AS r
WHERE rk = 1
"""

TOP_CLUSTER = f"""
SELECT {KEY}, cl AS top_cluster, n AS top_cluster_n FROM (
  SELECT {KEY}, cl, n, row_number() OVER (PARTITION BY {KEY} ORDER BY n DESC, cl) AS rk
  FROM (SELECT p.platform, p.account_id, CAST(c.cluster_id AS VARCHAR) AS cl, count(*) AS n
        FROM posts p JOIN post_clusters c ON p.post_id = c.post_id {{platform_join}}
        GROUP BY p.platform, p.account_id, CAST(c.cluster_id AS VARCHAR)) AS g) AS r
WHERE rk = 1
"""

# An account's whole observed history inside one burst window of a series it posted in.
_ACCOUNT_SERIES_HASHTAG = (
    f"SELECT DISTINCT {KEY}, 'hashtag' AS series_kind, h AS series "
    f"FROM (SELECT {KEY}, unnest(hashtags) AS h FROM posts) AS u"
)
_ACCOUNT_SERIES_CLUSTER = (
    "SELECT DISTINCT p.platform, p.account_id, 'cluster' AS series_kind, CAST(c.cluster_id AS VARCHAR) AS series "
    "FROM posts p JOIN post_clusters c ON p.post_id = c.post_id {platform_join}"
)

HISTORY_IN_WINDOW = f"""
WITH span AS (SELECT {KEY}, min(epoch(created_at)) AS lo, max(epoch(created_at)) AS hi
              FROM posts WHERE created_at IS NOT NULL GROUP BY {KEY}),
     s AS ({{account_series}}),
     hit AS (
  SELECT span.platform, span.account_id, w.series_kind, w.series, w.start_at, w.end_at,
         row_number() OVER (PARTITION BY span.platform, span.account_id
                            ORDER BY w.start_at, w.series_kind, w.series) AS rk
  FROM span JOIN s ON span.platform = s.platform AND span.account_id = s.account_id
  JOIN burst_windows w ON w.series_kind = s.series_kind AND w.series = s.series
  WHERE span.lo >= epoch(w.start_at) - {{slack}} AND span.hi <= epoch(w.end_at) + {{slack}})
SELECT platform, account_id, series_kind, series, start_at, end_at FROM hit WHERE rk = 1
"""

DOMAIN_ACCOUNTS = f"""
WITH d AS (SELECT DISTINCT {KEY}, dom FROM (SELECT {KEY}, unnest(domains) AS dom FROM posts) AS u
           WHERE dom IS NOT NULL AND dom <> ''),
     c AS (SELECT dom, count(*) AS n_accounts FROM d GROUP BY dom)
SELECT d.platform, d.account_id, d.dom, c.n_accounts
FROM d JOIN c ON d.dom = c.dom
WHERE c.n_accounts >= 2 AND c.n_accounts <= {{max_accounts}}
"""

TEXT_SAMPLE = f"""
SELECT {KEY}, kind, text, rk FROM (
  SELECT {KEY}, kind, text,
         row_number() OVER (PARTITION BY {KEY}
                            ORDER BY CASE WHEN kind = 'repost' THEN 1 ELSE 0 END, created_at, post_id) AS rk
  FROM posts WHERE text IS NOT NULL AND text <> '') AS s
WHERE rk <= {{cap}}
"""


def account_series_sql(with_clusters: bool, platform_join: str) -> str:
    sql = _ACCOUNT_SERIES_HASHTAG
    if with_clusters:
        sql += " UNION ALL " + _ACCOUNT_SERIES_CLUSTER.format(platform_join=platform_join)
    return sql


ALL_QUERIES = {
    "base": BASE, "hourly": HOURLY, "interval_bins": INTERVAL_BINS,
    "top_interval": TOP_INTERVAL.format(min_period=1), "rates": RATES, "sources": SOURCES,
    "top_hashtag": TOP_HASHTAG, "top_cluster": TOP_CLUSTER.format(platform_join=""),
    "history_in_window": HISTORY_IN_WINDOW.format(account_series=account_series_sql(True, ""), slack=3600),
    "domain_accounts": DOMAIN_ACCOUNTS.format(max_accounts=10), "text_sample": TEXT_SAMPLE.format(cap=50),
}

_SERIES_POSTS_HASHTAG = (
    f"SELECT {KEY}, 'hashtag' AS series_kind, h AS series, created_at "
    f"FROM (SELECT {KEY}, unnest(hashtags) AS h, created_at FROM posts) AS u"
)
_SERIES_POSTS_CLUSTER = (
    "SELECT p.platform, p.account_id, 'cluster' AS series_kind, CAST(c.cluster_id AS VARCHAR) AS series, p.created_at "
    "FROM posts p JOIN post_clusters c ON p.post_id = c.post_id {platform_join}"
)

# The accounts that posted a series inside one of its burst windows (a campaign's accounts).
BURST_PARTICIPANTS = """
SELECT DISTINCT w.series_kind, w.series, w.start_at, w.end_at, x.platform, x.account_id
FROM burst_windows w JOIN ({series_posts}) AS x
  ON x.series_kind = w.series_kind AND x.series = w.series
 AND x.created_at >= w.start_at AND x.created_at <= w.end_at
"""


def series_posts_sql(with_clusters: bool, platform_join: str) -> str:
    sql = _SERIES_POSTS_HASHTAG
    if with_clusters:
        sql += " UNION ALL " + _SERIES_POSTS_CLUSTER.format(platform_join=platform_join)
    return sql


ALL_QUERIES["burst_participants"] = BURST_PARTICIPANTS.format(series_posts=series_posts_sql(True, ""))
