"""IRA trolls mixed with organic Twitter15 cascades: recall, false positives, NMI, purity.

One command:  nice -n 10 python3 evaluation/ira_vs_organic.py [--data DIR] [--years 2013-2016]

Builds a posts table (DuckDB SQL over the Parquet files; the ingest adapters produce the
same columns) from
- IRA tweets (ira/ira_dev.parquet): a retweet keeps the retweeted text and has no
  parent id, so co-retweets appear as identical text (co-post);
- Twitter15 cascades restricted to 'non-rumor' and 'true' (organic/...): retweets carry
  the retweeted id (co-repost), replies/quotes their parent (co-reply);
both restricted to the same years. Hashtags are extracted from the text. Then runs the
default CoordinationDetector and prints:
- share of IRA accounts with >= 20 actions that are flagged (target >= 80 %);
- share of organic accounts flagged (target <= 0.5 %);
- NMI and purity of the communities of flagged IRA accounts vs account_category.
"""
from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _shared import default_data  # noqa: E402

HASHTAGS = "list_distinct(regexp_extract_all(lower({col}), '#([a-z0-9_]+)', 1))"


def build_posts(con, data: Path, y0: int, y1: int) -> None:
    ira = str(data / "ira" / "ira_dev.parquet").replace("'", "''")
    org = str(data / "organic" / "twitter15_cascades.parquet").replace("'", "''")
    con.execute(f"""
INSERT INTO posts (platform, post_id, account_id, created_at, kind, text, parent_post_id, hashtags, urls,
                   domains, mentions, media, source_file, record_no, adapter)
SELECT 'x', 'ira-' || CAST(file_row_number AS VARCHAR), 'ira:' || author_id, publish_date,
       CASE WHEN post_type = 'R' THEN 'repost' WHEN post_type = 'Q' THEN 'quote' ELSE 'post' END,
       content, NULL, {HASHTAGS.format(col='content')}, [], [], [], [], 'ira_dev.parquet', file_row_number + 1, 'eval'
FROM read_parquet('{ira}', file_row_number = true)
WHERE year(publish_date) BETWEEN {y0} AND {y1} AND content IS NOT NULL
""")
    con.execute(f"""
INSERT INTO posts (platform, post_id, account_id, created_at, kind, text, parent_post_id, hashtags, urls,
                   domains, mentions, media, source_file, record_no, adapter)
SELECT 'x', 'tw15-' || CAST(file_row_number AS VARCHAR), 'org:' || account_id,
       CAST(timezone('UTC', created_at) AS TIMESTAMP),
       CASE node_role WHEN 'retweet' THEN 'repost' WHEN 'reply_or_quote' THEN 'reply' ELSE 'post' END,
       text,
       CASE node_role WHEN 'retweet' THEN coalesce(retweeted_id, parent_tweet_id)
                      WHEN 'reply_or_quote' THEN parent_tweet_id END,
       coalesce({HASHTAGS.format(col='text')}, []), [], [], [], [], 'twitter15_cascades.parquet',
       file_row_number + 1, 'eval'
FROM read_parquet('{org}', file_row_number = true)
WHERE cascade_label IN ('non-rumor', 'true') AND year(created_at) BETWEEN {y0} AND {y1}
""")


def nmi(a: list, b: list) -> float:
    """Normalised mutual information (arithmetic mean of the entropies, sklearn's default)."""
    n = len(a)
    if n == 0:
        return float("nan")
    ca, cb, cab = Counter(a), Counter(b), Counter(zip(a, b))
    h = lambda c: -sum(v / n * math.log(v / n) for v in c.values())  # noqa: E731
    mi = sum(v / n * math.log((v / n) / (ca[x] / n * cb[y] / n)) for (x, y), v in cab.items())
    ha, hb = h(ca), h(cb)
    return 1.0 if ha + hb == 0 else 2 * mi / (ha + hb)


def purity(communities: list, labels: list) -> float:
    by = {}
    for c, l in zip(communities, labels):
        by.setdefault(c, Counter())[l] += 1
    return sum(max(c.values()) for c in by.values()) / max(len(labels), 1)


def evaluate(data: Path, y0: int, y1: int, **params) -> dict:
    import duckdb

    from faisceau.detect.coordination import CoordinationDetector
    from faisceau.store import Store

    with Store(":memory:") as st:
        t = time.time()
        build_posts(st.con, data, y0, y1)
        n_posts = st.count("posts")
        det = CoordinationDetector(**params).fit(st)
        fit_s = time.time() - t
        acc = det.accounts_.to_pandas()
        # actions per account, all posts considered (what ">= 20 actions" means here)
        counts = st.query("SELECT account_id, count(*) AS n FROM posts GROUP BY account_id").to_pandas()
    ira_path = str(data / "ira" / "ira_dev.parquet").replace("'", "''")
    cat = duckdb.sql(
        f"SELECT DISTINCT 'ira:' || author_id AS account_id, account_category FROM read_parquet('{ira_path}')"
    ).df()
    counts = counts.merge(acc[["account_id", "flagged", "community_id"]], on="account_id", how="left")
    counts["flagged"] = counts["flagged"].fillna(False).astype(bool)
    ira = counts[counts["account_id"].str.startswith("ira:")]
    org = counts[counts["account_id"].str.startswith("org:")]
    active = ira[ira["n"] >= 20]
    fl = ira[ira["flagged"]].merge(cat, on="account_id")
    by_cat = active.merge(cat, on="account_id").groupby("account_category")["flagged"].agg(["sum", "count"])
    edges = det.edges_.to_pandas()
    return {
        "posts": n_posts, "actions": det.n_actions_, "fit_s": fit_s,
        "edges": len(edges), "significant_edges": int(edges["significant"].sum()),
        "ira_active": len(active), "ira_active_flagged": int(active["flagged"].sum()),
        "organic": len(org), "organic_flagged": int(org["flagged"].sum()),
        "organic_active20": int((org["n"] >= 20).sum()),
        "organic_active20_flagged": int(org[org["n"] >= 20]["flagged"].sum()),
        "ira_flagged": len(fl), "communities_ira": int(fl["community_id"].nunique()),
        "nmi": nmi(list(fl["community_id"]), list(fl["account_category"])),
        "purity": purity(list(fl["community_id"]), list(fl["account_category"])),
        "mixed_communities": int(
            counts[counts["flagged"]].assign(ira=lambda d: d["account_id"].str.startswith("ira:"))
            .groupby("community_id")["ira"].nunique().gt(1).sum()),
        "params": det.get_params(),
        "recall_by_category": {k: (int(v["sum"]), int(v["count"])) for k, v in by_cat.iterrows()},
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=default_data())
    ap.add_argument("--years", default="2013-2016", help="inclusive range, the organic set's years")
    ap.add_argument("--window", action="append", default=[], metavar="TYPE=SECONDS")
    ap.add_argument("--alpha", type=float, default=None)
    ap.add_argument("--min-partners", type=int, default=None)
    args = ap.parse_args()
    y0, y1 = (int(x) for x in args.years.split("-"))
    params = {"types": ["co-repost", "co-post", "co-reply", "co-hashtag"]}  # no urls/media in these exports
    if args.window:
        params["windows"] = {k: float(v) for k, v in (w.split("=") for w in args.window)}
    if args.alpha is not None:
        params["alpha"] = args.alpha
    if args.min_partners is not None:
        params["min_partners"] = args.min_partners
    r = evaluate(args.data, y0, y1, **params)
    pct = lambda a, b: 100.0 * a / b if b else float("nan")  # noqa: E731
    print(f"years {y0}-{y1}: {r['posts']:,} posts, {r['actions']:,} actions, detector {r['fit_s']:.1f} s")
    print(f"edges {r['edges']:,}, significant {r['significant_edges']:,}")
    print(f"IRA accounts with >= 20 actions flagged: {r['ira_active_flagged']}/{r['ira_active']} "
          f"= {pct(r['ira_active_flagged'], r['ira_active']):.1f} %   (target >= 80 %)")
    print(f"organic accounts flagged: {r['organic_flagged']}/{r['organic']} "
          f"= {pct(r['organic_flagged'], r['organic']):.3f} %   (target <= 0.5 %)")
    print(f"organic accounts with >= 20 actions flagged: {r['organic_active20_flagged']}/{r['organic_active20']}")
    print(f"flagged IRA accounts: {r['ira_flagged']} in {r['communities_ira']} communities; "
          f"NMI vs account_category {r['nmi']:.3f}, purity {r['purity']:.3f}; "
          f"communities mixing IRA and organic: {r['mixed_communities']}")
    print("IRA recall by category (flagged/active): " + ", ".join(
        f"{k} {a}/{b}" for k, (a, b) in sorted(r["recall_by_category"].items())))
    print(f"params: {r['params']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
