"""Simulator speed and memory: posts/s and peak RSS at 1 M posts (default), per output.

    flock /tmp/faisceau-bench.lock nice -n 10 python3 benchmarks/bench_simulate.py \
        [--posts 1000000] [--modes columns,columns-workers,parquet,io-archive,twarc2] [--workers 1,2]

Each mode runs in its own process so its peak RSS is its own:
- columns: generation only, in one process (``iter_posts``: the Arrow chunks, as the
  benchmarks of other stages consume them);
- columns-workers: the same chunks drawn by ``--workers`` processes and handed to the
  main process (``iter_posts(workers=...)``);
- parquet: generation + the canonical posts table (schema.POSTS) written as Parquet;
- io-archive: generation + CSV serialisation to a file;
- twarc2: generation + raw X API v2 pages (JSONL with includes) to a file.
The written formats use ``--workers`` processes (``generate(workers=...)``; the bytes do
not depend on it). Wall time includes building the scenario (population, operation), not
the imports. CPU seconds include the workers'; peak RSS is given for the main process and
for the largest worker (shared pages count in both).
The scenario is boycott-paris-2024 with --scale set to the requested number of posts.
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

SRC = Path(__file__).resolve().parents[1] / "src"


def run_one(mode: str, posts: int, out_dir: str, workers: int) -> dict:
    sys.path.insert(0, str(SRC))
    from faisceau.progress import set_quiet
    from faisceau.simulate import generate, iter_posts

    set_quiet(True)
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    size = None
    if mode.startswith("columns"):
        w = workers if mode == "columns-workers" else 1
        n = sum(chunk.num_rows for chunk in iter_posts("boycott-paris-2024", scale=posts, workers=w))
    else:
        ext = {"io-archive": "csv", "parquet": "parquet"}.get(mode, "jsonl")
        path = Path(out_dir) / f"bench.{ext}"
        tr = generate("boycott-paris-2024", out=path, fmt=mode, scale=posts, workers=workers)
        n = tr.data["totals"]["posts"]
        size = sum(Path(f).stat().st_size for f in tr.files)
        for f in tr.files:
            Path(f).unlink()
    dt = time.perf_counter() - t0
    ru = resource.getrusage(resource.RUSAGE_SELF)
    rc = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU of this run (imports excluded), workers included: less sensitive than wall time to a shared machine
    cpu = ru.ru_utime + ru.ru_stime - r0.ru_utime - r0.ru_stime + rc.ru_utime + rc.ru_stime
    return {"mode": mode, "workers": 1 if mode == "columns" else workers, "posts": n, "seconds": round(dt, 2),
            "posts_per_s": round(n / dt), "peak_rss_mib": round(ru.ru_maxrss / 1024),  # KiB -> MiB on Linux
            "worker_rss_mib": round(rc.ru_maxrss / 1024), "cpu_s": round(cpu, 1), "posts_per_cpu_s": round(n / cpu),
            "bytes_per_post": round(size / n) if size else None}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--posts", type=int, default=1_000_000)
    ap.add_argument("--modes", default="columns,columns-workers,parquet,io-archive,twarc2")
    ap.add_argument("--workers", default="2",
                    help="processes for the written formats and columns-workers; a list (1,2) runs each mode with each")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--dir", default=None, help="where to write the temporary output (default: a temp dir)")
    a = ap.parse_args()
    if a.one:
        print(json.dumps(run_one(a.one, a.posts, a.dir, int(a.workers))))
        return
    with tempfile.TemporaryDirectory(dir=a.dir) as d:
        rows = []
        ws = [int(x) for x in a.workers.split(",")]
        runs = [(m, w) for m in a.modes.split(",") for w in ([1] if m == "columns" else ws)
                if not (m == "columns-workers" and w == 1)]
        for mode, workers in runs:
            load = os.getloadavg()[0]
            res = subprocess.run([sys.executable, __file__, "--one", mode, "--posts", str(a.posts), "--dir", d,
                                  "--workers", str(workers)],
                                 check=True, capture_output=True, text=True, env={**os.environ, "FAISCEAU_QUIET": "1"})
            rows.append(json.loads(res.stdout.strip().splitlines()[-1]))
            r = rows[-1]
            rss = f"peak RSS {r['peak_rss_mib']:>5,} MiB" + (f" + workers <= {r['worker_rss_mib']:,} MiB each" if r["worker_rss_mib"] else "")
            print(f"{r['mode']:<15} {r['workers']} proc  {r['posts']:>10,} posts  {r['seconds']:>6.1f} s  {r['posts_per_s']:>9,} posts/s  "
                  f"({r['cpu_s']:.1f} CPU s, {r['posts_per_cpu_s']:,} posts/CPU-s)  {rss}"
                  + (f"  {r['bytes_per_post']} B/post" if r["bytes_per_post"] else "") + f"  [load {load:.1f}]", flush=True)
        print("target >= 200,000 posts/s (wall): " + ", ".join(
            f"{r['mode']}/{r['workers']} {'met' if r['posts_per_s'] >= 200_000 else 'not met'}" for r in rows), flush=True)
        print("[load]: 1-minute load average when the mode started (the machine has 2 cores, shared)", flush=True)


if __name__ == "__main__":
    main()
