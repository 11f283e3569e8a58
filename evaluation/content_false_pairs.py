"""Where the content detector's predicted pairs come from, and which of them are false.

    nice -n 10 python3 evaluation/content_false_pairs.py --sim 200000
    nice -n 10 python3 evaluation/content_false_pairs.py --real 20000 --show 5

Precision is scored over ALL pairs of posts that share a predicted cluster
(``content_metrics``), but the detector decides links between distinct texts: a 7-post
cluster gives 21 pairs whether its texts are linked 6 or 21 times. This script runs the
detector in-process (default parameters; ``--param name=value`` overrides one), judges
every predicted pair under the headline truth, and breaks the pairs down by what put the
two posts together:

- ``copy: same text`` (one canonical text), ``copy: near link`` (a MinHash link between the
  two texts), ``copy: grouped only`` (same copy group, no direct link);
- between copy groups, inside a rewording/translation cluster: the rule that kept the
  direct semantic link between the two groups (``same-language cosine``: cosine >=
  ``cosine_accept``; ``cross-language cosine``: cosine >= ``cosine_cross_alone``, or >=
  ``cosine_cross_accept`` with a specific item in common; ``cross-language cosine,
  corroborated``: between the two, nothing specific shared, both texts linked to one third text;
  ``shared items``: the specific-material check; ``triangle``: triangle support), or
  ``semantic: grouped only`` when the two groups have no direct link.

It prints one row per class (pairs, false pairs, precision), per class the cosine band and
word counts of the false pairs, and with ``--show N`` N false pairs of each class.
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

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from content_metrics import judge_pairs  # noqa: E402


def link_rules(det) -> pd.DataFrame:
    """The detector's kept semantic links between copy groups, each with the rule that kept
    it (the same order of checks as ``verify``: cosine-only acceptance first)."""
    from faisceau.detect.content.build import group_of

    sem = det.semantic_links_ or {"a": np.zeros(0, np.int64), "b": np.zeros(0, np.int64),
                                  "sim": np.zeros(0), "shared": []}
    a, b, cos = np.asarray(sem["a"]), np.asarray(sem["b"]), np.asarray(sem["sim"], float)
    langs, sure = det.text_lang_, det.lang_sure_
    la = [langs.get(int(x)) for x in a]
    lb = [langs.get(int(x)) for x in b]
    cross = np.array([x is not None and y is not None and x != y and int(p) in sure and int(q) in sure
                      for x, y, p, q in zip(la, lb, a, b)], bool)
    has_shared = np.array([len(s) > 0 for s in sem["shared"]], bool) if len(a) else np.zeros(0, bool)
    alone = getattr(det, "cosine_cross_alone", det.cosine_cross_accept)
    rule = np.where(~cross & (cos >= det.cosine_accept), "same-language cosine",
                    np.where(cross & (cos >= alone), "cross-language cosine",
                             np.where(cross & (cos >= det.cosine_cross_accept) & ~has_shared,
                                      "cross-language cosine, corroborated",
                                      np.where(cross & (cos >= det.cosine_cross_accept), "cross-language cosine",
                                               np.where(has_shared, "shared items", "triangle")))))
    ga, gb = group_of(det, a), group_of(det, b)
    return pd.DataFrame({"ga": np.minimum(ga, gb), "gb": np.maximum(ga, gb), "cos": cos, "cross": cross,
                         "rule": rule, "lang_a": la, "lang_b": lb})


def breakdown(det, df: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """Every predicted pair of posts (``df`` positions i < j) with its verdict and class."""
    from faisceau.detect.content.build import group_of

    j = judge_pairs(df, members)
    n = len(df)
    codes = j["codes"]
    gi, gj = codes // n, codes % n
    tid = np.full(n, -1, np.int64)
    m = members.drop_duplicates("post_id")
    tid[[j["pos"][p] for p in m["post_id"]]] = m["text_id"].to_numpy()
    ctype = np.full(n, None, object)
    sem_m = members[members["type"].isin(["rewording", "translation"])].drop_duplicates("post_id")
    ctype[[j["pos"][p] for p in sem_m["post_id"]]] = sem_m["type"].to_numpy()
    ta, tb = tid[gi], tid[gj]
    grp = group_of(det, np.concatenate([ta, tb]))
    ga, gb = grp[: len(ta)], grp[len(ta):]
    near = det.near_links_
    near_set = set(zip(np.minimum(near["a"], near["b"]).tolist(), np.maximum(near["a"], near["b"]).tolist()))
    links = link_rules(det).set_index(["ga", "gb"])
    lo, hi = np.minimum(ga, gb), np.maximum(ga, gb)
    cls = np.empty(len(codes), object)
    cos = np.full(len(codes), np.nan)
    for k in range(len(codes)):
        if ta[k] == tb[k]:
            cls[k] = "copy: same text"
        elif ga[k] == gb[k]:
            cls[k] = "copy: near link" if (min(ta[k], tb[k]), max(ta[k], tb[k])) in near_set else "copy: grouped only"
        elif (lo[k], hi[k]) in links.index:
            row = links.loc[(lo[k], hi[k])]
            cls[k] = "semantic: " + row["rule"]
            cos[k] = row["cos"]
        else:
            cls[k] = "semantic: grouped only"
    from faisceau.detect.content.normalize import canon_from_nfkc, nfkc

    words = np.array([len(c.split()) for c in canon_from_nfkc(nfkc(df["text"].tolist())).to_pylist()])
    return pd.DataFrame({"i": gi, "j": gj, "ok": j["near_ok"], "cls": cls, "cos": cos,
                         "cluster_type": np.where(ga == gb, "copypasta", ctype[gi]),
                         "min_words": np.minimum(words[gi], words[gj]), "max_words": np.maximum(words[gi], words[gj])})


def summary(bd: pd.DataFrame) -> pd.DataFrame:
    g = bd.groupby("cls")
    out = pd.DataFrame({"pairs": g.size(), "false": g["ok"].apply(lambda s: int((~s).sum()))})
    out["precision"] = (1 - out["false"] / out["pairs"]).round(3)
    out.loc["ALL"] = [len(bd), int((~bd["ok"]).sum()), round(float(bd["ok"].mean()), 3) if len(bd) else None]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--sim", type=int, metavar="SCALE", help="simulator copypasta-multilingual at this scale")
    src.add_argument("--real", type=int, metavar="POSTS", help="real-text set (IRA + Twitter15) of this size")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                    help="detector parameter override (JSON value), e.g. --param semantic_resolution=0.3")
    ap.add_argument("--show", type=int, default=0, metavar="N", help="print N false pairs of each class")
    args = ap.parse_args()
    from faisceau.detect.content import ContentDetector
    from faisceau.store import Store

    params = {k: json.loads(v) for k, v in (p.split("=", 1) for p in args.param)}
    with tempfile.TemporaryDirectory(prefix="faisceau-fp-") as tmp:
        if args.sim:
            from content_sim import sim_set

            df, store = sim_set(args.sim, args.seed, Path(tmp))
            df = df[df["kind"] != "repost"].reset_index(drop=True)
        else:
            from content_data import real_set, write_store

            df = real_set(args.real, args.seed)
            store = str(Path(tmp) / "eval.duckdb")
            write_store(df, store).close()
        with Store(store) as st:
            det = ContentDetector(semantic=True, **params).fit(st)
    members = det.tables_["content_members"].to_pandas()
    members = members[members["type"] != "media"]
    bd = breakdown(det, df, members)
    pd.set_option("display.width", 200)
    print(summary(bd).to_string())
    bad = bd[~bd["ok"]]
    sem = bad[bad["cls"].str.startswith("semantic")]
    if len(sem):
        print("\nfalse semantic pairs by cluster type and shorter text's words (canonical view):")
        print(pd.crosstab((sem["cls"] + " / " + sem["cluster_type"].astype(str)).rename("class / cluster type"),
                          pd.cut(sem["min_words"], [0, 8, 12, 16, 25, 1000])).to_string())
    for c, g in bad.groupby("cls"):
        for _, r in g.head(args.show).iterrows():
            a, b = df.iloc[int(r["i"])], df.iloc[int(r["j"])]
            print(f"\n[{c}, cos {r['cos']:.3f}] {a['truth_type']}: {a['text']!r}\n    {b['truth_type']}: {b['text']!r}")


if __name__ == "__main__":
    main()
