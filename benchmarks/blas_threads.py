"""Embedding cost with one BLAS thread vs OpenBLAS's default thread count.

    python3 benchmarks/blas_threads.py --texts 6000 --repeat 2

The evaluation and benchmark scripts pin OpenBLAS to one thread so that CPU seconds
compare across tools; the CLI leaves the user's setting alone. This measures what that
choice costs or saves: ``semantic.embed`` on the first N distinct ``content`` values of
``ira/ira_dev.parquet``, each setting in its own process (the variable is read when
OpenBLAS loads), alternating, printing wall and CPU milliseconds per text.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = Path(os.environ.get("FAISCEAU_SHARED_DATA", HERE.parents[1] / "shared" / "data"))

_CHILD = """
import json, sys, time
sys.path.insert(0, {src!r})
import pyarrow.parquet as pq
from faisceau.detect.content.semantic import embed
col = pq.read_table({path!r}, columns=["content"]).column("content").to_pylist()
seen, texts = set(), []
for t in col:
    if t and t not in seen:
        seen.add(t); texts.append(t)
        if len(texts) == {n}: break
embed(texts[:200])  # load the model and warm the caches outside the timing
w0, c0 = time.perf_counter(), time.process_time()
embed(texts)
print(json.dumps({{"n": len(texts), "wall_ms": (time.perf_counter() - w0) / len(texts) * 1e3,
                  "cpu_ms": (time.process_time() - c0) / len(texts) * 1e3}}))
"""


def run(n: int, threads: str | None) -> dict:
    env = dict(os.environ, FAISCEAU_QUIET="1")
    for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        env.pop(k, None)
    if threads is not None:
        env["OPENBLAS_NUM_THREADS"] = threads
    code = _CHILD.format(src=str(HERE.parent / "src"), path=str(DATA / "ira" / "ira_dev.parquet"), n=n)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=int, default=6000)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    if not (DATA / "ira" / "ira_dev.parquet").exists():
        sys.exit(f"blas_threads: {DATA / 'ira' / 'ira_dev.parquet'} not found; set FAISCEAU_SHARED_DATA")
    for i in range(args.repeat):
        for label, threads in (("default", None), ("one", "1")):
            r = run(args.texts, threads)
            print(f"run {i + 1} BLAS threads {label:7s}: {r['n']} texts, "
                  f"wall {r['wall_ms']:.3f} ms/text, CPU {r['cpu_ms']:.3f} ms/text", flush=True)
    print(f"cores: {os.cpu_count()}, load: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
