"""Simulator speed and memory: posts/s and peak RSS at 1 M posts (default), per output.

    nice -n 10 python3 benchmarks/bench_simulate.py [--posts 1000000] [--modes columns,io-archive,twarc2]

Each mode runs in its own process so its peak RSS is its own:
- columns: generation only (the Arrow chunks, as the benchmarks of other stages consume them);
- io-archive: generation + CSV serialisation to a file;
- twarc2: generation + raw X API v2 pages (JSONL with includes) to a file.
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


def run_one(mode: str, posts: int, out_dir: str) -> dict:
    sys.path.insert(0, str(SRC))
    from faisceau.progress import set_quiet
    from faisceau.simulate import generate, iter_posts

    set_quiet(True)
    t0 = time.perf_counter()
    size = None
    if mode == "columns":
        n = sum(chunk.num_rows for chunk in iter_posts("boycott-paris-2024", scale=posts))
    else:
        ext = "csv" if mode == "io-archive" else "jsonl"
        path = Path(out_dir) / f"bench.{ext}"
        tr = generate("boycott-paris-2024", out=path, fmt=mode, scale=posts)
        n = tr.data["totals"]["posts"]
        size = path.stat().st_size
        path.unlink()
    dt = time.perf_counter() - t0
    ru = resource.getrusage(resource.RUSAGE_SELF)
    rss = ru.ru_maxrss / 1024  # KiB -> MiB on Linux
    cpu = ru.ru_utime + ru.ru_stime  # includes imports; less sensitive than wall time to a shared machine
    return {"mode": mode, "posts": n, "seconds": round(dt, 2), "posts_per_s": round(n / dt), "peak_rss_mib": round(rss),
            "cpu_s": round(cpu, 1), "posts_per_cpu_s": round(n / cpu),
            "bytes_per_post": round(size / n) if size else None}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--posts", type=int, default=1_000_000)
    ap.add_argument("--modes", default="columns,io-archive,twarc2")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--dir", default=None, help="where to write the temporary output (default: a temp dir)")
    a = ap.parse_args()
    if a.one:
        print(json.dumps(run_one(a.one, a.posts, a.dir)))
        return
    with tempfile.TemporaryDirectory(dir=a.dir) as d:
        rows = []
        for mode in a.modes.split(","):
            res = subprocess.run([sys.executable, __file__, "--one", mode, "--posts", str(a.posts), "--dir", d],
                                 check=True, capture_output=True, text=True, env={**os.environ, "FAISCEAU_QUIET": "1"})
            rows.append(json.loads(res.stdout.strip().splitlines()[-1]))
            r = rows[-1]
            print(f"{r['mode']:<11} {r['posts']:>10,} posts  {r['seconds']:>7.1f} s  {r['posts_per_s']:>9,} posts/s  "
                  f"({r['cpu_s']:.1f} CPU s, {r['posts_per_cpu_s']:,} posts/CPU-s)  "
                  f"peak RSS {r['peak_rss_mib']:>5,} MiB" + (f"  {r['bytes_per_post']} B/post" if r["bytes_per_post"] else ""),
                  flush=True)


if __name__ == "__main__":
    main()
