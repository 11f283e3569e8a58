"""Campaign windows: anomalous bursts per hashtag and per content cluster.

Each series (one hashtag, one content cluster) is binned in time (hourly by default)
over the whole span of the dataset and compared with *its own* baseline rate, the mean
count per bin over that span. A two-state Kleinberg automaton with Poisson emissions
(base rate ``lambda0``, burst rate ``s * lambda0``; entering the burst state costs
``gamma * ln T``, leaving it is free) is decoded with Viterbi; runs of burst bins are
the candidate windows. A candidate is kept when it holds at least ``min_posts`` posts
and its count is improbable under the baseline: Poisson tail ``P(X >= k | lambda0 * L)``
below ``alpha`` after a Bonferroni correction over the series tested. Windows of one
series closer than ``merge_gap_hours`` are merged (a campaign pauses at night).

Counting is SQL through the engine (per series x bin, a reduced table); only the
decoding runs in Python, vectorised over series.
"""
from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pyarrow as pa
from scipy import stats

from ..errors import ParameterError
from ..schema import TS, Column, Table, register_result_table

BURSTS = register_result_table(
    Table(
        "bursts",
        "Anomalous bursts of one hashtag or content cluster against its own baseline: campaign windows.",
        (
            Column("series_kind", pa.string(), "hashtag | cluster"),
            Column("series", pa.string(), "the hashtag (lower-case, no '#') or the content cluster id"),
            Column("start", TS, "UTC time of the first post of the series inside the window"),
            Column("end", TS, "UTC time of the last post of the series inside the window"),
            Column("posts", pa.int64(), "posts of the series inside the window"),
            Column("accounts", pa.int64(), "distinct accounts posting the series inside the window"),
            Column("series_posts", pa.int64(), "posts of the series over the whole dataset"),
            Column("baseline_per_bin", pa.float64(), "the series' own mean posts per bin over the dataset span"),
            Column("expected", pa.float64(), "posts expected in the window at the baseline rate"),
            Column("intensity", pa.float64(), "posts / expected"),
            Column("peak_bin_start", TS, "start of the busiest bin of the window"),
            Column("peak_count", pa.int64(), "posts in the busiest bin"),
            Column("p_value", pa.float64(), "Poisson tail of the window count under the baseline, Bonferroni-corrected"),
            Column("bin_seconds", pa.int64(), "bin width used"),
        ),
        key=("series_kind", "series", "start"),
    )
)

# Spark and DuckDB agree on epoch seconds through epoch() -> UNIX_TIMESTAMP (sqlglot).
_HASHTAG_BINS = """
SELECT 'hashtag' AS series_kind, h AS series,
       CAST(floor(epoch(created_at) / {bin}) AS BIGINT) AS bin,
       count(*) AS n, min(created_at) AS first_at, max(created_at) AS last_at
FROM (SELECT unnest(hashtags) AS h, created_at FROM posts WHERE created_at IS NOT NULL) AS t
WHERE h IN (SELECT series FROM burst_series WHERE series_kind = 'hashtag')
GROUP BY h, CAST(floor(epoch(created_at) / {bin}) AS BIGINT)
"""

_HASHTAG_TOTALS = """
SELECT 'hashtag' AS series_kind, h AS series, count(*) AS n, count(DISTINCT account_id) AS n_accounts
FROM (SELECT unnest(hashtags) AS h, account_id FROM posts WHERE created_at IS NOT NULL) AS t
GROUP BY h HAVING count(*) >= {min_posts}
"""

_CLUSTER_TOTALS = """
SELECT 'cluster' AS series_kind, CAST(c.cluster_id AS VARCHAR) AS series, count(*) AS n,
       count(DISTINCT p.account_id) AS n_accounts
FROM posts p JOIN post_clusters c ON p.post_id = c.post_id {platform_join}
WHERE p.created_at IS NOT NULL
GROUP BY CAST(c.cluster_id AS VARCHAR) HAVING count(*) >= {min_posts}
"""

_CLUSTER_BINS = """
SELECT 'cluster' AS series_kind, CAST(c.cluster_id AS VARCHAR) AS series,
       CAST(floor(epoch(p.created_at) / {bin}) AS BIGINT) AS bin,
       count(*) AS n, min(p.created_at) AS first_at, max(p.created_at) AS last_at
FROM posts p JOIN post_clusters c ON p.post_id = c.post_id {platform_join}
WHERE p.created_at IS NOT NULL
  AND CAST(c.cluster_id AS VARCHAR) IN (SELECT series FROM burst_series WHERE series_kind = 'cluster')
GROUP BY CAST(c.cluster_id AS VARCHAR), CAST(floor(epoch(p.created_at) / {bin}) AS BIGINT)
"""

_WINDOW_ACCOUNTS = """
SELECT w.series_kind, w.series, w.wid, count(DISTINCT x.account_id) AS n_accounts
FROM burst_windows w JOIN ({series_posts}) AS x
  ON x.series_kind = w.series_kind AND x.series = w.series
 AND x.created_at >= w.start_at AND x.created_at <= w.end_at
GROUP BY w.series_kind, w.series, w.wid
"""

_SERIES_POSTS_HASHTAG = (
    "SELECT 'hashtag' AS series_kind, h AS series, account_id, created_at "
    "FROM (SELECT unnest(hashtags) AS h, account_id, created_at FROM posts) AS t"
)
_SERIES_POSTS_CLUSTER = (
    "SELECT 'cluster' AS series_kind, CAST(c.cluster_id AS VARCHAR) AS series, p.account_id, p.created_at "
    "FROM posts p JOIN post_clusters c ON p.post_id = c.post_id {platform_join}"
)


def kleinberg_two_state(counts: np.ndarray, s: float = 3.0, gamma: float = 1.0) -> np.ndarray:
    """Viterbi decoding of a two-state Poisson burst automaton, vectorised over series.

    ``counts`` is (series, bins). Returns a boolean array of the same shape, True in
    burst bins. The base rate of each series is its mean count per bin (its own baseline).
    """
    counts = np.asarray(counts, dtype=float)
    if counts.ndim == 1:
        return kleinberg_two_state(counts[None, :], s, gamma)[0]
    n_series, n_bins = counts.shape
    if n_bins == 0:
        return np.zeros_like(counts, dtype=bool)
    lam0 = np.maximum(counts.mean(axis=1), 1e-9)[:, None]
    lam1 = s * lam0
    # -log Poisson pmf without the x! term (common to both states).
    cost0 = lam0 - counts * np.log(lam0)
    cost1 = lam1 - counts * np.log(lam1)
    up = gamma * math.log(max(n_bins, 2))
    back = np.zeros((n_series, n_bins), dtype=bool)  # predecessor of state 1 was state 1?
    back0 = np.zeros((n_series, n_bins), dtype=bool)  # predecessor of state 0 was state 1?
    d0 = cost0[:, 0].copy()
    d1 = cost1[:, 0] + up
    for t in range(1, n_bins):
        from1_to0 = d1 < d0  # leaving a burst is free
        n0 = np.where(from1_to0, d1, d0) + cost0[:, t]
        stay1 = d1 <= d0 + up
        n1 = np.where(stay1, d1, d0 + up) + cost1[:, t]
        back0[:, t] = from1_to0
        back[:, t] = stay1
        d0, d1 = n0, n1
    state = np.zeros((n_series, n_bins), dtype=bool)
    cur = d1 < d0
    for t in range(n_bins - 1, -1, -1):
        state[:, t] = cur
        prev = np.where(cur, back[:, t], back0[:, t])
        cur = prev
    return state


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(first, last) indices of runs of True."""
    out = []
    i, n = 0, len(mask)
    while i < n:
        if mask[i]:
            j = i
            while j + 1 < n and mask[j + 1]:
                j += 1
            out.append((i, j))
            i = j + 1
        else:
            i += 1
    return out


class BurstDetector:
    """Kleinberg two-state bursts per hashtag and content cluster.

    Parameters
    - bin_seconds: bin width (3600: hourly).
    - s: burst rate as a multiple of the series' own baseline rate.
    - gamma: cost of entering a burst, times ln(number of bins): higher = fewer, longer bursts.
    - min_posts: a series needs this many posts to be tested, a window to be reported.
    - alpha: family-wise significance of a window (Bonferroni over the series tested).
    - merge_gap_hours: windows of one series this close are merged.
    - max_series: test only the most-used series (bounds the work on large stores).
    """

    def __init__(self, bin_seconds: int = 3600, s: float = 3.0, gamma: float = 1.0, min_posts: int = 20,
                 alpha: float = 0.01, merge_gap_hours: float = 12.0, max_series: int = 2000,
                 use_clusters: bool = True):
        self.bin_seconds = bin_seconds
        self.s = s
        self.gamma = gamma
        self.min_posts = min_posts
        self.alpha = alpha
        self.merge_gap_hours = merge_gap_hours
        self.max_series = max_series
        self.use_clusters = use_clusters

    def get_params(self) -> dict:
        return {k: getattr(self, k) for k in ("bin_seconds", "s", "gamma", "min_posts", "alpha",
                                              "merge_gap_hours", "max_series", "use_clusters")}

    def _check(self) -> None:
        if self.bin_seconds < 1 or self.s <= 1 or self.gamma < 0 or self.min_posts < 1:
            raise ParameterError("bursts: need bin_seconds >= 1, s > 1, gamma >= 0, min_posts >= 1")
        if not 0 < self.alpha < 1:
            raise ParameterError("bursts: alpha must lie in (0, 1)")

    def fit(self, engine, clusters: pa.Table | None = None) -> "BurstDetector":
        """Compute ``self.result_`` (an Arrow table shaped like BURSTS).

        ``clusters``: the content stage's post -> cluster table (``content_members``:
        post_id, cluster_id [, platform]) when present; None skips cluster series.
        """
        self._check()
        self.series_kinds_ = ["hashtag"]
        b = int(self.bin_seconds)
        span = engine.sql(
            f"SELECT CAST(floor(min(epoch(created_at)) / {b}) AS BIGINT) AS lo, "
            f"CAST(floor(max(epoch(created_at)) / {b}) AS BIGINT) AS hi FROM posts"
        ).to_pylist()[0]
        if span["lo"] is None:
            self.result_ = BURSTS.empty()
            return self
        lo, hi = int(span["lo"]), int(span["hi"])
        totals = engine.sql(_HASHTAG_TOTALS.format(min_posts=int(self.min_posts))).to_pylist()
        platform_join = ""
        use_clusters = self.use_clusters and clusters is not None and {"post_id", "cluster_id"} <= set(clusters.column_names)
        if use_clusters:
            engine.register("post_clusters", clusters)
            if "platform" in clusters.column_names:
                platform_join = "AND p.platform = c.platform"
            totals += engine.sql(_CLUSTER_TOTALS.format(min_posts=int(self.min_posts), platform_join=platform_join)).to_pylist()
            self.series_kinds_.append("cluster")
        totals.sort(key=lambda r: (-r["n"], r["series_kind"], r["series"]))
        totals = totals[: self.max_series]
        if not totals:
            self.result_ = BURSTS.empty()
            return self
        engine.register("burst_series", pa.Table.from_pylist(
            [{"series_kind": r["series_kind"], "series": r["series"]} for r in totals]))
        rows = engine.sql(_HASHTAG_BINS.format(bin=b)).to_pylist()
        if use_clusters:
            rows += engine.sql(_CLUSTER_BINS.format(bin=b, platform_join=platform_join)).to_pylist()
        index = {(r["series_kind"], r["series"]): i for i, r in enumerate(totals)}
        n_bins = hi - lo + 1
        windows = self._decode(rows, index, totals, lo, n_bins)
        self.result_ = self._finish(engine, windows, platform_join, use_clusters)
        for name in ("burst_series", "burst_windows"):
            engine.drop(name)
        if use_clusters:
            engine.drop("post_clusters")
        return self

    def _decode(self, rows, index, totals, lo, n_bins) -> list[dict]:
        by_series: dict[int, dict[int, dict]] = {}
        for r in rows:
            by_series.setdefault(index[(r["series_kind"], r["series"])], {})[int(r["bin"]) - lo] = r
        n_tests = len(totals)
        merge_bins = int(self.merge_gap_hours * 3600 // self.bin_seconds)
        out: list[dict] = []
        chunk = max(1, 2_000_000 // max(n_bins, 1))  # bound memory: series x bins floats per chunk
        order = sorted(by_series)
        for c0 in range(0, len(order), chunk):
            ids = order[c0:c0 + chunk]
            mat = np.zeros((len(ids), n_bins))
            for k, sid in enumerate(ids):
                for bi, r in by_series[sid].items():
                    mat[k, bi] = r["n"]
            states = kleinberg_two_state(mat, self.s, self.gamma)
            for k, sid in enumerate(ids):
                runs = _runs(states[k])
                merged: list[list[int]] = []
                for a, z in runs:
                    if merged and a - merged[-1][1] - 1 <= merge_bins:
                        merged[-1][1] = z
                    else:
                        merged.append([a, z])
                lam0 = mat[k].mean()
                for a, z in merged:
                    seg = mat[k, a:z + 1]
                    posts = int(seg.sum())
                    if posts < self.min_posts:
                        continue
                    expected = lam0 * (z - a + 1)
                    p = float(stats.poisson.sf(posts - 1, expected)) * n_tests
                    if p >= self.alpha:
                        continue
                    bins = by_series[sid]
                    present = [bi for bi in range(a, z + 1) if bi in bins]
                    peak = a + int(np.argmax(seg))
                    out.append({
                        "series_kind": totals[sid]["series_kind"], "series": totals[sid]["series"],
                        "start": min(bins[bi]["first_at"] for bi in present),
                        "end": max(bins[bi]["last_at"] for bi in present),
                        "posts": posts, "series_posts": int(totals[sid]["n"]),
                        "baseline_per_bin": float(lam0), "expected": float(expected),
                        "intensity": float(posts / expected) if expected > 0 else None,
                        "peak_bin_start": dt.datetime(1970, 1, 1) + dt.timedelta(seconds=(lo + peak) * self.bin_seconds),
                        "peak_count": int(seg.max()), "p_value": min(1.0, p), "bin_seconds": int(self.bin_seconds),
                    })
        return out

    def _finish(self, engine, windows, platform_join, use_clusters) -> pa.Table:
        if not windows:
            return BURSTS.empty()
        for i, w in enumerate(windows):
            w["wid"] = i
        engine.register("burst_windows", pa.Table.from_pylist(
            [{"series_kind": w["series_kind"], "series": w["series"], "wid": w["wid"],
              "start_at": w["start"], "end_at": w["end"]} for w in windows],
            schema=pa.schema([("series_kind", pa.string()), ("series", pa.string()), ("wid", pa.int64()),
                              ("start_at", TS), ("end_at", TS)])))
        series_posts = _SERIES_POSTS_HASHTAG
        if use_clusters:
            series_posts += " UNION ALL " + _SERIES_POSTS_CLUSTER.format(platform_join=platform_join)
        counts = {r["wid"]: r["n_accounts"] for r in
                  engine.sql(_WINDOW_ACCOUNTS.format(series_posts=series_posts)).to_pylist()}
        for w in windows:
            w["accounts"] = int(counts.get(w["wid"], 0))
        windows.sort(key=lambda w: (w["start"], w["series_kind"], w["series"]))
        return BURSTS.from_rows(windows)


def campaign_windows(bursts: pa.Table) -> list[dict]:
    """The bursts as plain dicts (series_kind, series, start, end), for other detectors."""
    return [{k: r[k] for k in ("series_kind", "series", "start", "end")} for r in bursts.to_pylist()]
