"""Coordination detector speed: wall time and peak RSS vs the floor and vs coordination-network-toolkit.

One command:  nice -n 10 python3 benchmarks/bench_coordination.py [--sizes 1000000,10000000] [--cnt-size 1000000] [--all-types] [--source simulate|synthetic] [--viral N]

Input (--source): ``simulate`` (default) = faisceau.simulate's boycott scenario at that
scale, i.e. its heavy-tailed organic background (posts, reposts, replies, quotes) plus the
91-account operation, as the canonical posts table; ``synthetic`` = reposts only, drawn
here with the simulator's cascade parameters (see ``generate``; ``--viral N`` sends N of
them to one post within an hour). Written once to Parquet, outside the timings. The
"load shape" line says how bursty the reposts are (largest cascade, most reposts of one
post within 60 s, pairs an uncapped enumeration meets vs our capped pairs).
Each measurement runs in its own process (peak RSS = that process's, or its workers',
ru_maxrss):
- floor: DuckDB reads the columns co-repost needs (the columns the other two get) from
  the same Parquet and sorts the rows by (target, time) into a table (target = the
  reposted post, else the post itself);
- faisceau: CoordinationDetector(co-repost) reads the same Parquet (a dataset, as with
  FAISCEAU_PARQUET) and writes its three tables into a store; with --via-store it first
  loads those columns into the store's posts (load_s); compute = detector + write;
- cnt: coordination-network-toolkit (pip install 'faisceau[bench]'): read the same
  Parquet, preprocess the reposts into its SQLite database, compute the co-retweet network
  with the same 60 s window, 2 processes; compute = the network step alone.
- with --all-types: floor and faisceau again over all columns, default action types.
Targets: 10 M actions in <= 5x the floor and < 4 GB RSS; >= 10x faster than cnt at 1 M.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def generate(n: int, path: str, seed: int = 0, viral: int = 0) -> None:
    """n reposts shaped like the simulator's organic background (faisceau.simulate's
    CascadeParams): 62 % of roots never reshared, cascade sizes Zipf(2.05) capped at
    5,000, log-normal reshare delays (median 1,500 s, sigma 1.5), roots spread over 30
    days, account activity heavy-tailed (weights rank^-0.8 over n/12 accounts).
    ``viral``: that many of the n reposts instead go to one extra post within one hour
    (the issue's "a viral post is retweeted by 50,000 people in an hour"); the
    simulator caps cascades at 5,000, so this load is not in its background."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    sizes = []
    total = 0
    while total < n:
        k = max(n // 4, 1000)
        s_ = rng.zipf(2.05, k)
        s_ = np.where(rng.random(k) < 0.62, 0, np.minimum(s_, 5000))
        sizes.append(s_)
        total += int(s_.sum())
    sizes = np.concatenate(sizes)
    sizes = sizes[sizes > 0]
    target = np.repeat(np.arange(len(sizes)), sizes)[:n]
    n_accounts = max(n // 12, 1)
    aw = np.arange(1, n_accounts + 1, dtype=float) ** -0.8
    account = np.searchsorted(np.cumsum(aw) / aw.sum(), rng.random(n))
    t0 = 1_690_000_000_000 + rng.integers(0, 30 * 86400 * 1000, len(sizes))
    delay = rng.lognormal(np.log(1500.0), 1.5, n) * 1000
    t = t0[target] + delay.astype("int64")
    if viral:
        target[n - viral:] = len(sizes)  # a post of its own
        t[n - viral:] = 1_690_000_000_000 + rng.integers(0, 3600 * 1000, viral)
    order = rng.permutation(n)  # input order unrelated to (target, time): the sort is real work
    tbl = pa.table({
        "platform": pa.array(["x"] * n),
        "post_id": pa.array(np.arange(n).astype(str)),
        "account_id": pa.array(np.char.add("a", account[order].astype(str))),
        "created_at": pa.array(t[order], pa.int64()).cast(pa.timestamp("ms")),
        "kind": pa.array(["repost"] * n),
        "parent_post_id": pa.array(np.char.add("t", target[order].astype(str))),
    })
    pq.write_table(tbl, path, row_group_size=1 << 20)


def generate_simulated(n: int, path: str, seed: int = 0) -> int:
    """The simulator's boycott scenario at scale n (its organic background plus the small
    operation), as the canonical posts table in Parquet. Returns the number of posts."""
    from faisceau.progress import set_quiet
    from faisceau.simulate import generate as sim_generate

    set_quiet(True)
    with tempfile.TemporaryDirectory() as d:
        sim_generate("boycott-paris-2024", out=path, fmt="parquet", truth=os.path.join(d, "truth.json"),
                     scale=n, seed=seed)
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata.num_rows


def _peak_mb() -> float:
    """Peak RSS of this process or of any child it waited for (cnt computes in workers)."""
    return max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024.0


# The columns co-repost reads; they are also all that coordination-network-toolkit is
# given. For those types every tool, and the floor, reads just these columns.
REPOST_COLUMNS = ("platform", "post_id", "account_id", "created_at", "kind", "parent_post_id")


def load_columns(path: str, types: str) -> list[str]:
    cols = [c for c in pq_columns_ordered(path)]
    if set(types.split(",")) <= {"co-repost", "co-reply"}:
        cols = [c for c in cols if c in REPOST_COLUMNS]
    return cols


def pq_columns_ordered(path: str) -> list[str]:
    import pyarrow.parquet as pq

    return list(pq.ParquetFile(path).schema_arrow.names)


def child_floor(path: str, types: str = "co-repost") -> dict:
    import duckdb

    sel = ", ".join(f'"{c}"' for c in load_columns(path, types))
    with tempfile.TemporaryDirectory() as d:
        con = duckdb.connect(os.path.join(d, "f.duckdb"))
        t = time.perf_counter()
        con.execute(f"CREATE TABLE s AS SELECT {sel} FROM read_parquet('{path}') "
                    f"ORDER BY coalesce(parent_post_id, post_id), created_at")
        n = con.execute("SELECT count(*) FROM s").fetchone()[0]
        wall = time.perf_counter() - t
        con.close()
    return {"wall_s": wall, "rss_mb": _peak_mb(), "rows": n}


def child_faisceau(path: str, types: str = "co-repost", memory_limit: str = "", via_store: bool = False) -> dict:
    """Default: the detector reads the posts straight from the Parquet file (the dataset
    path, ``FAISCEAU_PARQUET``) and writes its tables into a store. ``via_store``: first
    load the columns into the store's posts table (timed as ``load_s``)."""
    from faisceau.detect.coordination import CoordinationDetector
    from faisceau.engine.duckdb_engine import DuckDBEngine
    from faisceau.progress import set_quiet
    from faisceau.store import Store

    set_quiet(True)
    import igraph, leidenalg, scipy.stats  # noqa: F401  (module imports outside the timing, as cnt's are)

    with tempfile.TemporaryDirectory() as d:
        st = Store(os.path.join(d, "s.duckdb"))
        if memory_limit:  # DuckDB spills to disk beyond it
            st.con.execute(f"SET memory_limit = '{memory_limit}'")
        t = time.perf_counter()
        if via_store:
            have = set(st.query("SELECT * FROM posts LIMIT 0").column_names)
            sel = ", ".join(f'"{c}"' for c in load_columns(path, types) if c in have)
            st.con.execute(f"INSERT INTO posts ({sel}) SELECT {sel} FROM read_parquet('{path}')")
            eng = DuckDBEngine(store=st)
        else:
            eng = DuckDBEngine(store=st, parquet={"posts": path})
        t_load = time.perf_counter() - t
        det = CoordinationDetector(types=types.split(",")).fit(engine=eng)
        det.write(st)
        wall = time.perf_counter() - t
        out = {"wall_s": wall, "load_s": t_load, "compute_s": wall - t_load, "rss_mb": _peak_mb(),
               "edges": det.edges_.num_rows,
               "significant": int(det.edges_.column("significant").to_numpy(zero_copy_only=False).sum()),
               "flagged": int(det.accounts_.column("flagged").to_numpy(zero_copy_only=False).sum())}
        st.close()
    return out


def child_cnt(path: str) -> dict:
    import pyarrow.parquet as pq
    from coordination_network_toolkit.compute_networks import compute_co_retweet_parallel
    from coordination_network_toolkit.preprocess import preprocess_data

    t0 = time.perf_counter()  # end to end from the same Parquet file as faisceau
    tbl = pq.read_table(path, columns=["post_id", "account_id", "created_at", "kind", "parent_post_id"])
    import pyarrow.compute as pc

    tbl = tbl.filter(pc.equal(tbl.column("kind"), "repost"))  # co-retweet: the reposts
    secs = (tbl.column("created_at").cast("int64").to_numpy() / 1000.0)
    rows = zip(tbl.column("post_id").to_pylist(), tbl.column("account_id").to_pylist(),
               tbl.column("account_id").to_pylist(), tbl.column("parent_post_id").to_pylist(),
               [None] * tbl.num_rows, [""] * tbl.num_rows, secs.tolist(), [[] for _ in range(tbl.num_rows)])
    with tempfile.TemporaryDirectory() as d:
        db = os.path.join(d, "cnt.db")
        t = time.perf_counter()
        import contextlib
        import io

        with contextlib.redirect_stdout(io.StringIO()):
            preprocess_data(db, rows)
        t_pre = time.perf_counter() - t
        with contextlib.redirect_stdout(io.StringIO()):
            compute_co_retweet_parallel(db, 60, n_threads=2)
        t_end = time.perf_counter()
        import sqlite3

        with sqlite3.connect(db) as c:
            n_edges = c.execute("SELECT count(*) FROM co_retweet_network").fetchone()[0]
    return {"wall_s": t_end - t0, "read_s": t - t0, "preprocess_s": t_pre, "compute_s": t_end - t - t_pre,
            "rss_mb": _peak_mb(), "edges": n_edges}


def run_child(kind: str, path: str, timeout: float, types: str = "co-repost", memory_limit: str = "",
              via_store: bool = False) -> dict:
    cmd = [sys.executable, __file__, "--child", kind, "--file", path, "--types", types,
           "--memory-limit", memory_limit] + (["--via-store"] if via_store else [])
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"timeout_s": timeout}
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else f"exit {out.returncode}"}
    return json.loads(out.stdout.strip().splitlines()[-1])


def load_shape(path: str, window_s: int = 60, cap: int = 30) -> dict:
    """What the reposts look like: the largest cascade, the most reposts of one post within
    the window of one another, and the pairs within the window that an uncapped
    enumeration (coordination-network-toolkit) meets vs those we pair under the cap K."""
    import duckdb

    w = window_s * 1000
    row = duckdb.connect().execute(f"""
WITH a AS (SELECT parent_post_id AS target, epoch_ms(created_at) AS t FROM read_parquet('{path}')
           WHERE kind = 'repost' AND parent_post_id IS NOT NULL),
f AS (SELECT count(*) OVER (PARTITION BY target ORDER BY t RANGE BETWEEN CURRENT ROW AND {w} FOLLOWING) - 1 AS fwd,
             count(*) OVER (PARTITION BY target) AS n FROM a)
SELECT count(*), max(n), max(fwd) + 1, sum(fwd), sum(least(fwd, {cap})) FROM f""").fetchall()[0]
    return {"reposts": row[0], "largest_cascade": row[1], f"max_reposts_of_one_post_within_{window_s}s": row[2],
            f"pairs_within_{window_s}s_uncapped": row[3], f"pairs_capped_K{cap}": row[4]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000000,10000000")
    ap.add_argument("--cnt-size", type=int, default=1_000_000, help="0 to skip coordination-network-toolkit")
    ap.add_argument("--timeout", type=float, default=1200.0, help="seconds per measured process")
    ap.add_argument("--source", choices=["simulate", "synthetic"], default="simulate",
                    help="simulate: faisceau.simulate's boycott scenario at that scale; synthetic: reposts only")
    ap.add_argument("--viral", type=int, default=0,
                    help="synthetic only: that many reposts go to one post within an hour (a stress load)")
    ap.add_argument("--all-types", action="store_true", help="also time the default action types")
    ap.add_argument("--types", default="co-repost", help=argparse.SUPPRESS)
    ap.add_argument("--memory-limit", default="", help="DuckDB memory_limit for faisceau's store, e.g. 3GB")
    ap.add_argument("--via-store", action="store_true",
                    help="faisceau first loads the Parquet into a store's posts (default: reads the Parquet directly)")
    ap.add_argument("--child", choices=["floor", "faisceau", "cnt"], help=argparse.SUPPRESS)
    ap.add_argument("--file", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        if args.child == "faisceau":
            print(json.dumps(child_faisceau(args.file, args.types, args.memory_limit, args.via_store)))
        elif args.child == "floor":
            print(json.dumps(child_floor(args.file, args.types)))
        else:
            print(json.dumps(child_cnt(args.file)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s]
    with tempfile.TemporaryDirectory(prefix="bench-coord-") as d:
        for n in sizes:
            path = os.path.join(d, f"actions_{n}.parquet")
            t = time.perf_counter()
            if args.source == "simulate":
                rows = generate_simulated(n, path)
            else:
                generate(n, path, viral=args.viral)
                rows = n
            viral = f", {args.viral:,} of them reposts of one post within an hour" if args.viral else ""
            print(f"== scale {n:,}: {rows:,} posts from {args.source}{viral} (generated in "
                  f"{time.perf_counter() - t:.1f} s, not timed)", flush=True)
            print(f"load shape: {json.dumps(load_shape(path))}", flush=True)
            floor = run_child("floor", path, args.timeout)
            ours = run_child("faisceau", path, args.timeout, "co-repost", args.memory_limit, args.via_store)
            print(f"floor    (duckdb read of the co-repost columns + sort by target, time): {json.dumps(floor)}", flush=True)
            lim = f", memory_limit {args.memory_limit}" if args.memory_limit else ""
            how = "load the same columns into a store" if args.via_store else "read the same Parquet"
            print(f"faisceau ({how} + co-repost 60 s + write the tables{lim}): {json.dumps(ours)}", flush=True)
            if "wall_s" in floor and "wall_s" in ours:
                print(f"faisceau / floor: {ours['wall_s'] / floor['wall_s']:.2f}x wall, "
                      f"peak RSS {ours['rss_mb'] / 1024:.2f} GB   (target at 10 M: <= 5x, < 4 GB)", flush=True)
            if n == args.cnt_size:
                cnt = run_child("cnt", path, args.timeout)
                print(f"coordination-network-toolkit (co_retweet 60 s, 2 processes): {json.dumps(cnt)}", flush=True)
                if "wall_s" in cnt and "wall_s" in ours:
                    ours_c = ("faisceau's compute after its store load" if args.via_store else
                              "faisceau's whole run, Parquet read included: no separate load; --via-store "
                              "gives the compute on data already in the store")
                    print(f"cnt / faisceau: {cnt['wall_s'] / ours['wall_s']:.1f}x end to end (Parquet -> network), "
                          f"{cnt['compute_s'] / ours['compute_s']:.1f}x compute only (cnt's network step vs "
                          f"{ours_c})   (target >= 10x)", flush=True)
                elif "timeout_s" in cnt and "wall_s" in ours:
                    print(f"cnt did not finish in {cnt['timeout_s']:.0f} s: >= {cnt['timeout_s'] / ours['wall_s']:.1f}x", flush=True)
            if args.all_types:
                from faisceau.detect.coordination import DEFAULT_TYPES

                types = ",".join(DEFAULT_TYPES)
                floor_all = run_child("floor", path, args.timeout, types)
                allt = run_child("faisceau", path, args.timeout, types, args.memory_limit, args.via_store)
                print(f"floor    (duckdb read of all columns + sort): {json.dumps(floor_all)}", flush=True)
                print(f"faisceau (default types {types}): {json.dumps(allt)}", flush=True)
                if "wall_s" in floor_all and "wall_s" in allt:
                    print(f"faisceau default types / floor: {allt['wall_s'] / floor_all['wall_s']:.2f}x wall, "
                          f"peak RSS {allt['rss_mb'] / 1024:.2f} GB", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
