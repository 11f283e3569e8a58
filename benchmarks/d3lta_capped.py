"""D3lta alone on the real-text set, with a wall-time cap (for sizes where it may not finish).

    nice -n 15 python3 benchmarks/d3lta_capped.py --posts 200000 --cap-min 60 --d3lta /tmp/d3lta-venv/bin/python

Same posts as ``evaluation/content_eval.py --posts N`` (same seed), same embeddings
(USE-multilingual, computed here first and timed separately), same lid.176 file. D3lta's
own run (its process start, short-text filter, language id, exact search, grouping) is
stopped after ``--cap-min`` minutes; the printed figure is then a lower bound on its
wall time. When it finishes, its clusters are scored like ours.
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
sys.path[:0] = [str(HERE.parent / "evaluation"), str(HERE.parent / "src")]

from content_data import real_set  # noqa: E402
from content_eval import run_d3lta  # noqa: E402
from content_metrics import evaluate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--posts", type=int, default=200000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--cap-min", type=float, default=60.0)
    ap.add_argument("--d3lta", required=True, help="python of a venv with d3lta installed")
    args = ap.parse_args()
    df = real_set(args.posts, args.seed)
    with tempfile.TemporaryDirectory(prefix="faisceau-d3lta-") as tmp:
        info, cl = run_d3lta(args.d3lta, df, Path(tmp), cap_s=args.cap_min * 60)
        if cl is not None:
            dm = cl.dropna(subset=["cluster"]).rename(columns={"cluster": "cluster_id"})
            info.update(evaluate(df, dm))
    print(json.dumps({"posts": args.posts, "d3lta": info}, indent=1, default=str))


if __name__ == "__main__":
    main()
