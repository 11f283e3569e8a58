"""Content detector wall time and peak RSS at scale, on real IRA/Twitter15 text.

    nice -n 10 python3 benchmarks/content_scale.py --posts 1000000 --no-semantic

Posts: all IRA tweets (708 k, of which 339 k retweets = exact copies) and the
Twitter15 sources; above that, near copies of random IRA originals (one word dropped
and a hashtag added), so the near-duplicate path has real work. The detector runs in a
child process (one BLAS thread) so the peak RSS printed is its own.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "evaluation"), str(HERE.parent / "src")]

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from content_data import SHARED, write_store  # noqa: E402
from content_eval import run_ours  # noqa: E402


def scale_set(n: int, seed: int = 0) -> pd.DataFrame:
    import duckdb

    rng = np.random.default_rng(seed)
    con = duckdb.connect()
    ira = con.execute(
        f"SELECT author_id AS account_id, content AS text, publish_date AS created_at, retweet "
        f"FROM read_parquet('{SHARED / 'ira' / 'ira_dev.parquet'}') WHERE content IS NOT NULL").df()
    t15 = con.execute(
        f"SELECT account_id, text, created_at FROM read_parquet('{SHARED / 'organic' / 'twitter15_cascades.parquet'}') "
        "WHERE node_role = 'source' AND text IS NOT NULL").df()
    t15["created_at"] = pd.to_datetime(t15["created_at"]).dt.tz_localize(None) if t15["created_at"].dt.tz is not None else t15["created_at"]
    base = pd.concat([ira.assign(kind=np.where(ira["retweet"] == 1, "repost", "post")).drop(columns="retweet"),
                      t15.assign(kind="post")], ignore_index=True)
    if n <= len(base):
        df = base.iloc[rng.choice(len(base), n, replace=False)]
    else:
        orig = base[base["kind"] == "post"]
        src = orig.iloc[rng.choice(len(orig), n - len(base), replace=True)]
        words = src["text"].str.split(" ")
        drop = [int(rng.integers(len(w))) for w in words]
        texts = [" ".join(w[:d] + w[d + 1:]) + f" #tag{d}" for w, d in zip(words, drop)]
        df = pd.concat([base, src.assign(text=texts, account_id="copier" + src["account_id"].astype(str))],
                       ignore_index=True)
    df = df.reset_index(drop=True)
    df["post_id"] = [f"p{i:08d}" for i in range(len(df))]
    df["created_at"] = pd.to_datetime(df["created_at"]).astype("datetime64[ms]")
    return df


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--posts", type=int, default=200000)
    ap.add_argument("--no-semantic", action="store_true")
    args = ap.parse_args()
    df = scale_set(args.posts)
    with tempfile.TemporaryDirectory(prefix="faisceau-bench-") as tmp:
        store = str(Path(tmp) / "bench.duckdb")
        write_store(df, store).close()
        del df
        res = run_ours(store, not args.no_semantic)
    res["posts"] = args.posts
    res["semantic"] = not args.no_semantic
    print(json.dumps(res, indent=1, default=str))


if __name__ == "__main__":
    main()
