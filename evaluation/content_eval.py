"""Content detector on the real-text set (IRA + Twitter15), optionally side by side with D3lta.

    nice -n 10 python3 evaluation/content_eval.py --posts 20000
    nice -n 10 python3 evaluation/content_eval.py --posts 20000 --d3lta /tmp/d3lta-venv/bin/python

Prints recall per type, precision over all predicted pairs (strict truth, and with
non-truth pairs judged by an independent near-copy check), wall time and peak RSS.
Ours runs in a child process so its peak RSS is its own; D3lta runs in its venv and
reports its own peak RSS. D3lta is handed faisceau's embeddings (it cannot download its
TF-Hub model offline); its wall_s = its own run + the time to embed its posts here,
single-threaded like ours (faisceau embeds distinct texts only, inside its own wall_s).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one BLAS thread everywhere: a shared 2-core box
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "src")]

import pandas as pd  # noqa: E402

from content_data import real_set, write_store  # noqa: E402
from content_metrics import evaluate  # noqa: E402

# What D3lta's harness embeds: each post's text with links and @handles blanked out.
_D3LTA_STRIP = re.compile(r"(?i)(?:https?://|www\.)\S+|@\w+")


def d3lta_texts(texts) -> list[str]:
    return [_D3LTA_STRIP.sub(" ", x) for x in texts]


def run_ours(store_path: str, semantic: bool) -> dict:
    code = f"""
import json, resource, time, sys
sys.path.insert(0, {str(HERE.parent / 'src')!r})
from faisceau.store import Store
from faisceau.detect.content import ContentDetector
t = time.perf_counter()
with Store({store_path!r}) as st:
    det = ContentDetector(semantic={semantic}).fit(st)
    det.write(st)
print(json.dumps({{"wall_s": time.perf_counter() - t,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "cpu_s": resource.getrusage(resource.RUSAGE_SELF).ru_utime + resource.getrusage(resource.RUSAGE_SELF).ru_stime,
                  "lsh": det.lsh_, "ann": getattr(det, "ann_", None), "eligibility": det.eligibility_,
                  "timings": det.timings_}}))
"""
    env = dict(os.environ, FAISCEAU_QUIET="1", OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_d3lta(python: str, df: pd.DataFrame, work: Path, cap_s: float | None = None) -> tuple[dict, pd.DataFrame | None]:
    """Run D3lta in its venv. With ``cap_s``, stop it after that many seconds of its own
    run and return (info with ``finished`` False and the elapsed time, None)."""
    from faisceau.detect.content.langid import lite_model_path
    from faisceau.detect.content.semantic import embed

    t = time.perf_counter()
    emb = embed(d3lta_texts(df["text"]))
    embed_s = time.perf_counter() - t
    import numpy as np

    np.save(work / "emb.npy", emb)
    df[["post_id", "text"]].to_json(work / "posts.jsonl", orient="records", lines=True, force_ascii=False)
    os.symlink(lite_model_path(), work / "lid.176.ftz")
    env = dict(os.environ, OMP_NUM_THREADS="1", TF_NUM_INTRAOP_THREADS="1", TF_NUM_INTEROP_THREADS="1",
               CUDA_VISIBLE_DEVICES="", TF_CPP_MIN_LOG_LEVEL="3")
    t = time.perf_counter()
    try:
        out = subprocess.run([python, str(HERE.parent / "benchmarks" / "d3lta_run.py"), str(work)],
                             capture_output=True, text=True, env=env, cwd=work, timeout=cap_s)
    except subprocess.TimeoutExpired:
        import resource

        wall = time.perf_counter() - t
        return {"finished": False, "cap_s": cap_s, "stopped_after_s": wall, "embedding_s_outside": embed_s,
                "peak_rss_mb_until_stopped": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}, None
    wall = time.perf_counter() - t
    if out.returncode:
        raise SystemExit("d3lta failed:\n" + out.stderr[-3000:])
    info = json.loads(out.stdout.strip().splitlines()[-1])
    info.update({"finished": True, "wall_s_with_startup": wall, "embedding_s_outside": embed_s,
                 "wall_s": info["d3lta_wall_s"] + embed_s})
    return info, pd.read_csv(work / "clusters.csv", dtype={"post_id": str, "cluster": str})


def read_clusters(store_path: str) -> tuple[pd.DataFrame, list[dict]]:
    """Our predicted cluster members and the cluster count per type, from the store."""
    from faisceau.store import Store

    with Store(store_path, read_only=True) as st:
        members = st.table("content_members", ["cluster_id", "post_id", "type"]).to_pandas()
        types = st.query("SELECT type, count(*) AS n FROM content_clusters GROUP BY 1").to_pylist()
    return members, types


def d3lta_scores(python: str, df: pd.DataFrame, work: Path) -> dict:
    """Run D3lta on the same posts and score its clusters like ours."""
    info, cl = run_d3lta(python, df, work)
    dm = cl.dropna(subset=["cluster"]).rename(columns={"cluster": "cluster_id"})
    return {**evaluate(df, dm), **info}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--posts", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-semantic", action="store_true")
    ap.add_argument("--d3lta", help="python of a venv with d3lta installed, e.g. /tmp/d3lta-venv/bin/python")
    args = ap.parse_args()
    df = real_set(args.posts, args.seed)
    with tempfile.TemporaryDirectory(prefix="faisceau-eval-") as tmp:
        store = str(Path(tmp) / "eval.duckdb")
        write_store(df, store).close()
        ours = run_ours(store, not args.no_semantic)
        members, types = read_clusters(store)
        res = {"faisceau": {**evaluate(df, members), **ours, "clusters_by_type": types}}
        if args.d3lta:
            res["d3lta"] = d3lta_scores(args.d3lta, df, Path(tmp))
    print(json.dumps(res, indent=1, default=str))


if __name__ == "__main__":
    main()
