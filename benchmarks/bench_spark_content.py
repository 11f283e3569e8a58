"""Content detector on Spark local[2]: fit time per engine call, and what reaches the driver.

    flock /tmp/faisceau-bench.lock nice -n 10 /usr/bin/time -v \
        python3 benchmarks/bench_spark_content.py POSTS.parquet [--partitions 8] [--out PREFIX] [--src SRC]

POSTS.parquet: canonical posts (a simulator background, ``faisceau simulate --format parquet``),
with ``POSTS.accounts.parquet`` beside it. One fresh Spark session (local[2]); prints the
startup, the fit's wall time and driver CPU, every engine call (sql, materialize,
map_batches, register, count) with its wall time, and the rows/bytes that ``engine.sql``
brought to the driver. ``--out PREFIX`` writes each result table to PREFIX-<table>.parquet
(compare two runs with ``engine.compare.differences``); ``--src`` runs another checkout's
``src`` (before/after comparisons). ContentDetector(semantic=False), media on.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("posts")
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--out", default=None)
    ap.add_argument("--src", default=str(Path(__file__).resolve().parents[1] / "src"))
    a = ap.parse_args()
    sys.path.insert(0, a.src)
    import pyarrow.parquet as pq

    from faisceau.detect.content import ContentDetector
    from faisceau.engine.spark_engine import SparkEngine, spark_session
    from faisceau.progress import set_quiet

    set_quiet(True)
    calls = []
    got = {"rows": 0, "bytes": 0}

    class Timed(SparkEngine):
        pass

    for method in ("sql", "materialize", "map_batches", "register", "count"):
        def wrap(name, base=getattr(SparkEngine, method)):
            def timed(self, *args, **kw):
                t = time.perf_counter()
                try:
                    res = base(self, *args, **kw)
                    if name == "sql":
                        got["rows"] += res.num_rows
                        got["bytes"] += res.nbytes
                    return res
                finally:
                    what = args[1] if name in ("materialize", "map_batches") else args[0]
                    label = "" if name == "sql" else args[0]
                    text = "" if name == "map_batches" else " ".join(str(what).split())[:70]
                    calls.append((time.perf_counter() - t, name, label, text))
            return timed
        setattr(Timed, method, wrap(method))

    t0 = time.perf_counter()
    session = spark_session("local[2]", partitions=a.partitions)
    eng = Timed(session=session, parquet={"posts": a.posts, "accounts": a.posts.replace(".parquet", ".accounts.parquet")})
    print(f"startup {time.perf_counter() - t0:.1f} s", flush=True)
    t, c0 = time.perf_counter(), time.process_time()
    det = ContentDetector(semantic=False).fit(engine=eng)
    print(f"fit wall {time.perf_counter() - t:.1f} s, driver cpu {time.process_time() - c0:.1f} s")
    print(f"engine calls {len(calls)} ({sum(c[0] for c in calls):.1f} s); driver received {got['rows']:,} rows, "
          f"{got['bytes'] / 1e6:.2f} MB")
    for took, name, label, text in calls:
        print(f"  {took:7.2f} s {name:12s} {label:22s} {text}")
    for name, table in det.tables_.items():
        print(name, table.num_rows)
        if a.out:
            pq.write_table(table, f"{a.out}-{name}.parquet")
    eng.close()
    session.stop()


if __name__ == "__main__":
    main()
