"""Reproduce CooRTweet's reference pairs and networks with faisceau's CooRTweet mode.

One command:  python3 evaluation/coortweet_reproduce.py [--data DIR]

For each reference case (see ../shared/data/coortweet/reference/README.md) it builds
CooRTweet's input table, runs ``detect_groups`` + ``generate_coordinated_network`` in
faisceau's engine SQL, and prints pairs / edges / nodes matched against the reference.
Exit status 1 if any case differs.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))



from _shared import default_data  # noqa: E402  (evaluation/_shared.py)

DEFAULT_DATA = default_data()

CASES = [
    # name, input file, object column (None: russian object_id), time window, min participation
    ("russian_tw10_mp5", "russian_coord_tweets.parquet", None, 10, 5),
    ("russian_tw60_mp2", "russian_coord_tweets.parquet", None, 60, 2),
    ("german_url_id_tw60_mp2", "german_elections.parquet", "url_id", 60, 2),
    ("german_hashtag_id_tw60_mp2", "german_elections.parquet", "hashtag_id", 60, 2),
    ("german_phash_id_tw60_mp2", "german_elections.parquet", "phash_id", 60, 2),
]


def input_table(path: Path):
    """The input file as Arrow with ``ord``, its 1-based row number (CooRTweet's row order),
    so that the same SQL runs on every engine (Spark has no file row numbers)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    t = pq.read_table(path)
    return t.append_column("ord", pa.array(range(1, t.num_rows + 1), pa.int64()))


def input_sql(rel: str, obj: str | None) -> str:
    if obj is None:
        return f"SELECT object_id, account_id, content_id, timestamp_share, ord FROM {rel}"
    # As the reference README says: object as an integer string, post_id as pandas
    # writes a float ('129235.0'), timestamp in unix seconds; rows without the object dropped.
    return (
        f"SELECT CAST({obj} AS VARCHAR) AS object_id, account_id, "
        f"CAST(post_id AS VARCHAR) || '.0' AS content_id, timestamp AS timestamp_share, ord "
        f"FROM {rel} AS t WHERE {obj} IS NOT NULL"
    )


def read_reference(path: Path):
    import pandas as pd

    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _num(s):
    return s.astype(float).round(6)


def compare_case(engine, data: Path, name: str, file: str, obj, tw, mp) -> dict:
    from faisceau.detect.coordination import coortweet as ct

    engine.register("ct_raw", input_table(data / "coortweet" / file))
    engine.materialize("ct_input", input_sql("ct_raw", obj))
    engine.drop("ct_raw")
    groups = ct.detect_groups(engine, "ct_input", time_window=tw, min_participation=mp)
    net = ct.generate_coordinated_network(engine, groups, edge_weight=0.5)
    engine.drop("ct_input")
    ref_dir = data / "coortweet" / "reference"
    rg = read_reference(ref_dir / f"{name}_groups.csv.gz")
    re_ = read_reference(ref_dir / f"{name}_edges.csv.gz")

    g = groups.to_pandas()
    cols = ["object_id", "content_id", "content_id_y", "account_id", "account_id_y"]
    ours_pairs = sorted(zip(*(g[c].astype(str) for c in cols), _num(g["time_delta"])))
    ref_pairs = sorted(zip(*(rg[c] for c in cols), _num(rg["time_delta"])))
    e = net.to_pandas()
    ecols = ["weight", "avg_time_delta", "n_content_id", "n_content_id_y", "edge_symmetry_score", "weight_threshold"]
    # The network is undirected: igraph lists each edge's ends in vertex-insertion order,
    # an artifact of R's row order, so ends are compared as unordered pairs.
    def ends(f, t):
        return [tuple(sorted(p)) for p in zip(f, t)]

    ours_edges = sorted(zip(ends(e["from"], e["to"]), *(_num(e[c]) for c in ecols)))
    ref_edges = sorted(zip(ends(re_["from"], re_["to"]), *(_num(re_[c]) for c in ecols)))
    ours_nodes = set(e["from"]) | set(e["to"])
    ref_nodes = set(re_["from"]) | set(re_["to"])
    from collections import Counter

    def matched(a, b):
        return sum((Counter(a) & Counter(b)).values())

    return {
        "case": name, "pairs_ref": len(ref_pairs), "pairs_ours": len(ours_pairs),
        "pairs_matched": matched(ours_pairs, ref_pairs),
        "edges_ref": len(ref_edges), "edges_ours": len(ours_edges), "edges_matched": matched(ours_edges, ref_edges),
        "nodes_ref": len(ref_nodes), "nodes_ours": len(ours_nodes), "nodes_matched": len(ours_nodes & ref_nodes),
        "exact": ours_pairs == ref_pairs and ours_edges == ref_edges and ours_nodes == ref_nodes,
    }


def run(data: Path, engine_name: str = "duckdb") -> list[dict]:
    from faisceau.engine import get_engine

    with get_engine(engine_name) as eng:
        return [compare_case(eng, data, *case) for case in CASES]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared data folder")
    ap.add_argument("--engine", default="duckdb")
    args = ap.parse_args()
    rows = run(args.data, args.engine)
    print(f"{'case':<28} {'pairs ours/ref/matched':>24} {'edges ours/ref/matched':>24} {'nodes ours/ref/matched':>24}  exact")
    for r in rows:
        print(f"{r['case']:<28} {r['pairs_ours']:>8}/{r['pairs_ref']}/{r['pairs_matched']:<8} "
              f"{r['edges_ours']:>8}/{r['edges_ref']}/{r['edges_matched']:<8} "
              f"{r['nodes_ours']:>8}/{r['nodes_ref']}/{r['nodes_matched']:<8}  {r['exact']}")
    return 0 if all(r["exact"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
