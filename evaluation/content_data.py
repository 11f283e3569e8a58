"""Evaluation sets for the content detector, with truth, written into a faisceau store.

real: IRA tweets (../shared/data/ira/ira_dev.parquet) + Twitter15 source tweets as
organic background. Truth: two posts are a copy pair when their raw text is identical
(IRA retweets carry the retweeted text, so co-retweets are exact copies; identical IRA
originals are copies too). Everything else is a non-pair, including the many IRA
originals that share a topic, hashtags or a headline.
Mix for N posts: 40 % IRA retweets drawn by retweeted text (all copies of a text enter
together, at most 40 per text), Twitter15 sources (at most 1,490 or 5 %), the rest
IRA originals drawn at random.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

SHARED = Path(os.environ.get("FAISCEAU_SHARED_DATA", Path(__file__).resolve().parents[1].parent / "shared" / "data"))


def real_set(n: int, seed: int = 0) -> pd.DataFrame:
    """Columns: post_id, account_id, created_at, kind, text, truth_group, truth_type, source."""
    import duckdb

    rng = np.random.default_rng(seed)
    con = duckdb.connect()
    ira = con.execute(
        f"SELECT author_id, content, publish_date, retweet FROM read_parquet('{SHARED / 'ira' / 'ira_dev.parquet'}') "
        "WHERE content IS NOT NULL AND length(content) > 0").df()
    t15 = con.execute(
        f"SELECT account_id, text, created_at FROM read_parquet('{SHARED / 'organic' / 'twitter15_cascades.parquet'}') "
        "WHERE node_role = 'source' AND text IS NOT NULL").df()
    n_t15 = min(len(t15), int(0.05 * n))
    n_rt = int(0.40 * n)
    rts = ira[ira["retweet"] == 1]
    groups = rts.groupby("content").indices
    keys = list(groups)
    rng.shuffle(keys)
    take, got = [], 0
    for k in keys:
        idx = groups[k][:40]
        take.append(idx)
        got += len(idx)
        if got >= n_rt:
            break
    rt_rows = rts.iloc[np.concatenate(take)[:n_rt]]
    orig = ira[ira["retweet"] == 0]
    orig_rows = orig.iloc[rng.choice(len(orig), n - len(rt_rows) - n_t15, replace=False)]
    t15_rows = t15.iloc[rng.choice(len(t15), n_t15, replace=False)]
    df = pd.concat([
        pd.DataFrame({"account_id": rt_rows["author_id"], "created_at": rt_rows["publish_date"], "kind": "repost",
                      "text": rt_rows["content"], "source": "ira_retweet"}),
        pd.DataFrame({"account_id": orig_rows["author_id"], "created_at": orig_rows["publish_date"], "kind": "post",
                      "text": orig_rows["content"], "source": "ira_original"}),
        pd.DataFrame({"account_id": t15_rows["account_id"], "created_at": _naive(t15_rows["created_at"]),
                      "kind": "post", "text": t15_rows["text"], "source": "twitter15"}),
    ], ignore_index=True)
    df["post_id"] = [f"p{i:07d}" for i in range(len(df))]
    df["created_at"] = pd.to_datetime(df["created_at"]).astype("datetime64[ms]")
    df["truth_group"] = df.groupby("text").ngroup()
    df["truth_type"] = "copypasta"
    return df


def write_store(df: pd.DataFrame, path: str):
    from faisceau.schema import POSTS
    from faisceau.store import Store

    if Path(path).exists():
        Path(path).unlink()
    st = Store(path)
    t = pa.table({
        "platform": pa.array(["x"] * len(df)), "post_id": pa.array(df["post_id"]),
        "account_id": pa.array(df["account_id"].astype(str)), "created_at": pa.array(df["created_at"]),
        "kind": pa.array(df["kind"]), "text": pa.array(df["text"]),
    })
    st.append(POSTS, POSTS.conform(t))
    return st


def _naive(s: pd.Series) -> pd.Series:
    s = pd.to_datetime(s)
    return s.dt.tz_convert(None) if s.dt.tz is not None else s
