"""Content detector on the simulator's `copypasta-multilingual` scenario (typed truth).

    nice -n 10 python3 evaluation/content_sim.py --scale 20000
    nice -n 10 python3 evaluation/content_sim.py --scale 20000 --d3lta /tmp/d3lta-venv/bin/python
    nice -n 10 python3 evaluation/content_sim.py --scale 20000 --false-pairs 40   # + a sample on stderr

Truth (truth.json "variants"): every operation message has a source post and copypasta,
rewording and translation variants; two posts are a true pair when they share a source
(pair type = the variant's type). Everything else (the organic background, the other
operation posts) is a non-pair. Prints recall per type and precision over ALL predicted
pairs for faisceau and, if asked, D3lta on the same posts and embeddings.
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
sys.path[:0] = [str(HERE), str(HERE.parent / "src")]

import pandas as pd  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from content_eval import d3lta_scores, read_clusters, run_ours  # noqa: E402
from content_metrics import evaluate, judge_pairs  # noqa: E402


def sim_set(scale: int, seed: int, tmp: Path) -> tuple[pd.DataFrame, str]:
    from faisceau.schema import POSTS
    from faisceau.simulate import generate
    from faisceau.store import Store

    out = tmp / "sim.parquet"
    truth = generate(scenario="copypasta-multilingual", out=str(out), fmt="parquet", truth=str(tmp / "t.json"),
                     scale=scale, seed=seed)
    posts = pq.read_table(out)
    store = str(tmp / "sim.duckdb")
    with Store(store) as st:
        st.append(POSTS, POSTS.conform(posts))
    df = posts.select(["post_id", "text", "kind"]).to_pandas()
    variants = [v for op in truth.operations for v in op.get("variants", [])]
    vt = pd.DataFrame(variants)[["post_id", "type", "source_post_id"]]
    df = df.merge(vt, on="post_id", how="left")
    df["truth_group"] = df["source_post_id"].fillna(df["post_id"])
    df["truth_type"] = df["type"].fillna("none").replace({"source": "original"})
    df["source"] = df["type"].notna().map({True: "op_variant", False: "organic_or_other"})
    return df, store


def show_false_pairs(df: pd.DataFrame, members: pd.DataFrame, k: int, seed: int) -> None:
    """k false predicted pairs (false under the headline truth), drawn at random, on stderr:
    what a reader needs to see where the false pairs come from."""
    import numpy as np

    j = judge_pairs(df, members)
    n = len(df)
    bad = j["codes"][~j["near_ok"]]
    ctype = members.drop_duplicates("post_id").set_index("post_id")["type"]
    pick = np.random.default_rng(seed).choice(bad, size=min(k, len(bad)), replace=False) if len(bad) else bad
    from faisceau.detect.content.normalize import canon_from_nfkc, nfkc

    canon = canon_from_nfkc(nfkc(df["text"].tolist())).to_numpy(zero_copy_only=False)
    same = int((canon[bad // n] == canon[bad % n]).sum())
    words = np.array([len(c.split()) for c in canon])
    short = int(((words[bad // n] < 5) | (words[bad % n] < 5)).sum())
    print(f"{len(bad)} false pairs of {len(j['codes'])}: {same} identical in the detector's canonical view "
          f"(mentions, links, punctuation, emoji removed), {short} with a text of < 5 words there; "
          f"a sample of {len(pick)}:", file=sys.stderr)
    for c in np.sort(pick):
        a, b = df.iloc[int(c // n)], df.iloc[int(c % n)]
        print(f"[{ctype.get(a['post_id'])}] {a['truth_type']}: {a['text']!r}\n    {b['truth_type']}: {b['text']!r}",
              file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=int, default=20000, help="organic actions (the simulator's --scale)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--d3lta", help="python of a venv with d3lta installed")
    ap.add_argument("--no-semantic", action="store_true", help="copy layers only (no rewording/translation stage)")
    ap.add_argument("--false-pairs", type=int, default=0, metavar="N", help="print N of our false pairs on stderr")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="faisceau-sim-") as tmp:
        df, store = sim_set(args.scale, args.seed, Path(tmp))
        # Native reposts are platform shares (left to the coordination detector): neither
        # tool is scored on them, and D3lta is not handed them.
        df = df[df["kind"] != "repost"].reset_index(drop=True)
        ours = run_ours(store, not args.no_semantic)
        members, types = read_clusters(store)
        res = {"posts": len(df), "variants_by_type": df["truth_type"].value_counts().to_dict(),
               "faisceau": {**evaluate(df, members[members["type"] != "media"]), **ours, "clusters_by_type": types}}
        if args.false_pairs:
            show_false_pairs(df, members[members["type"] != "media"], args.false_pairs, args.seed)
        if args.d3lta:
            res["d3lta"] = d3lta_scores(args.d3lta, df, Path(tmp))
    print(json.dumps(res, indent=1, default=str))


if __name__ == "__main__":
    main()
