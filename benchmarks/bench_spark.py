"""Coordination on Spark local[2] vs DuckDB: wall time, equality, per-partition cost, 1 B estimate.

    nice -n 10 python3 benchmarks/bench_spark.py [--actions 1000000,10000000] [--partitions 8]
    # long runs, one engine at a time, progress to a log, compared when both are done:
    nice -n 15 python3 benchmarks/bench_spark.py --actions 10000000 --partitions 64 --dir D \
        --outputs D/out --log D/spark.jsonl --engines spark

For each size, the simulator's heavy-tailed background (boycott-paris-2024, canonical
Parquet) is generated once (kept under --dir), then the default CoordinationDetector runs
in a fresh process per engine, reading the same Parquet:
- duckdb: the embedded engine (what one machine does);
- spark: local[2] with --partitions shuffle partitions; Spark's own status API gives the
  summed task run time and task count of every stage, hence the measured cost of one
  partition (a task) and of one action.
Both runs must give the same edges (same weights, expected counts, communities), else the
figures are not printed as comparable.

The 1 B estimate scales the *measured* Spark task time per action to 1 B actions, keeps
the measured rows per partition (so the partition count grows with the data), and
divides by the cores of a 20-node cluster (--cluster-cores per node), adding the measured
driver-side time (Leiden and scoring on the reduced graph) scaled by edge count. What it
cannot measure here (network shuffle between machines, stragglers) is said in the output.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"


def generate(n: int, workdir: Path) -> Path:
    out = workdir / f"background-{n}.parquet"
    if not out.exists():
        sys.path.insert(0, str(SRC))
        from faisceau.progress import set_quiet
        from faisceau.simulate import generate as sim

        set_quiet(True)
        t0 = time.perf_counter()
        sim("boycott-paris-2024", out=out, fmt="parquet", scale=n)
        print(f"# generated {n:,} posts in {time.perf_counter() - t0:.0f}s -> {out}", file=sys.stderr)
    return out


def _stages(session) -> list[dict]:
    url = session.sparkContext.uiWebUrl
    app = session.sparkContext.applicationId
    with urllib.request.urlopen(f"{url}/api/v1/applications/{app}/stages?status=complete", timeout=60) as r:
        return json.load(r)


def _stage_metrics(session) -> dict:
    """Summed task run/CPU time and task counts over all completed stages (Spark status API)."""
    stages = _stages(session)
    run_ms = sum(s["executorRunTime"] for s in stages)
    cpu_ms = sum(s["executorCpuTime"] for s in stages) / 1e6  # ns -> ms
    tasks = sum(s["numTasks"] for s in stages)
    shuffle = sum(s.get("shuffleWriteBytes", 0) for s in stages)
    wide = [s for s in stages if s.get("shuffleReadBytes", 0) > 0]
    return {"stages": len(stages), "tasks": tasks, "task_run_s": run_ms / 1000, "task_cpu_s": cpu_ms / 1000,
            "shuffle_write_mb": shuffle / 2**20,
            "shuffle_tasks": sum(s["numTasks"] for s in wide),
            "shuffle_task_run_s": sum(s["executorRunTime"] for s in wide) / 1000}


class StageLog:
    """Appends every completed Spark stage (tasks, run/CPU time, shuffle, records) to a JSONL
    log while the run goes on, so a run stopped early still gives per-partition costs."""

    def __init__(self, session, path: Path, every_s: float = 15.0):
        import threading

        self.session, self.path, self.every_s = session, path, every_s
        self.seen: set = set()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _loop(self):
        while not self.stop.wait(self.every_s):
            self.poll()

    def poll(self):
        try:
            stages = _stages(self.session)
        except Exception as exc:  # the UI may be busy; try again next round
            _log(self.path, {"poll_error": str(exc)[:200]})
            return
        for s in sorted(stages, key=lambda s: s["stageId"]):
            key = (s["stageId"], s.get("attemptId", 0))
            if key in self.seen:
                continue
            self.seen.add(key)
            _log(self.path, {"stage": s["stageId"], "step": (s.get("description") or s.get("name", ""))[:80],
                             "tasks": s["numTasks"],
                             "run_s": s["executorRunTime"] / 1000, "cpu_s": s["executorCpuTime"] / 1e9,
                             "in_records": s.get("inputRecords", 0),
                             "shuffle_read_mb": round(s.get("shuffleReadBytes", 0) / 2**20, 1),
                             "shuffle_write_mb": round(s.get("shuffleWriteBytes", 0) / 2**20, 1),
                             "shuffle_read_records": s.get("shuffleReadRecords", 0),
                             "completed": s.get("completionTime")})

    def close(self):
        self.stop.set()
        self.poll()


def _log(path: Path | None, obj: dict) -> None:
    if path is None:
        return
    with open(path, "a") as f:
        f.write(json.dumps({"t": time.strftime("%H:%M:%S", time.gmtime()), **obj}) + "\n")


def run_one(engine: str, data: Path, partitions: int, out: Path, log: Path | None = None) -> dict:
    sys.path.insert(0, str(SRC))
    from faisceau.detect.coordination import CoordinationDetector
    from faisceau.progress import set_quiet

    set_quiet(True)
    sources = {"posts": str(data), "accounts": str(data.with_suffix(".accounts.parquet"))}
    t_start = time.perf_counter()
    if engine == "spark":
        from faisceau.engine.spark_engine import SparkEngine, spark_session

        session = spark_session("local[2]", partitions, conf={
            "spark.ui.enabled": "true", "spark.ui.port": "0", "spark.driver.memory": "6g"})
        eng = SparkEngine(session=session, parquet=sources)
    else:
        from faisceau.engine.duckdb_engine import DuckDBEngine

        eng = DuckDBEngine(parquet=sources)
        # A shared machine: cap DuckDB's memory (it spills to disk beyond), like the JVM's 6 GB.
        eng.con.execute(f"SET memory_limit = '{os.environ.get('BENCH_DUCKDB_MEMORY', '6GB')}'")
    stage_log = StageLog(eng.session, log) if (engine == "spark" and log) else None
    _log(log, {"engine": engine, "event": "start", "data": str(data), "startup_s": round(time.perf_counter() - t_start, 1)})
    in_engine = [0.0]
    for name in ("sql", "materialize", "register", "drop", "map_batches"):
        method = getattr(eng, name)

        def timed(*args, _m=method, _name=name, **kw):
            t = time.perf_counter()
            if engine == "spark" and _name != "drop":  # stages carry the detector step that ran them
                label = next((a for a in args if isinstance(a, str)), "")
                eng.session.sparkContext.setJobDescription(f"{_name} {' '.join(label.split())[:60]}")
            try:
                return _m(*args, **kw)
            finally:
                took = time.perf_counter() - t
                in_engine[0] += took
                if took >= 1.0:
                    what = next((a for a in args if isinstance(a, str)), "")
                    _log(log, {"engine": engine, "call": _name, "s": round(took, 1),
                               "what": " ".join(what.split())[:120]})
        setattr(eng, name, timed)
    t0 = time.perf_counter()
    det = CoordinationDetector().fit(engine=eng)
    wall = time.perf_counter() - t0
    if stage_log:
        stage_log.close()
    _log(log, {"engine": engine, "event": "fit done", "fit_s": round(wall, 1), "engine_s": round(in_engine[0], 1)})
    res = {"engine": engine, "actions": det.n_actions_, "edges": det.edges_.num_rows,
           "significant": int(sum(det.edges_.column("significant").to_pylist())),
           "fit_s": round(wall, 1), "engine_s": round(in_engine[0], 1),
           "driver_python_s": round(wall - in_engine[0], 1), "startup_s": round(t0 - t_start, 1),
           "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
    if engine == "spark":
        res.update(_stage_metrics(eng.session))
    import pyarrow.parquet as pq

    pq.write_table(det.edges_.drop(["evidence"]), out / f"{engine}-edges.parquet")
    pq.write_table(det.accounts_, out / f"{engine}-accounts.parquet")
    eng.close()
    return res


def child(engine: str, data: Path, partitions: int, out: Path, log: Path | None = None) -> dict:
    cmd = [sys.executable, __file__, "--one", engine, "--data", str(data), "--partitions", str(partitions),
           "--out", str(out)] + (["--log", str(log)] if log else [])
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"{engine} run failed:\n{p.stderr[-3000:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def estimate(spark: dict, target: float, nodes: int, cores: int) -> dict:
    """1 B actions on ``nodes`` x ``cores``, from the measured per-partition cost.

    Executors: measured task time per action x target / cluster cores, once with task
    run time (includes waiting for a CPU on this shared machine: pessimistic) and once
    with task CPU time (optimistic). Partitions keep the measured rows per partition.
    Driver: the Python part of the fit (scoring and Leiden on the collected edges) scales
    with the edge count, taken proportional to actions; Spark's per-stage planning and
    scheduling is fixed (independent of size) and added as measured."""
    n = spark["actions"]
    rows_per_part = n / max(spark["partitions"], 1)
    slots = nodes * cores
    scale = target / n
    fixed_s = max(spark["engine_s"] - spark["task_run_s"] / 2, 0)
    driver_s = spark["driver_python_s"] * scale
    run_wall = spark["task_run_s"] * scale / slots
    cpu_wall = spark["task_cpu_s"] * scale / slots
    return {"target_actions": target, "nodes": nodes, "cores_per_node": cores, "measured_actions": n,
            "rows_per_partition": round(rows_per_part), "partitions_per_shuffle": math.ceil(target / rows_per_part),
            "measured_s_per_shuffle_partition": round(spark["shuffle_task_run_s"] / max(spark["shuffle_tasks"], 1), 3),
            "task_run_s_per_million": round(spark["task_run_s"] / n * 1e6, 1),
            "task_cpu_s_per_million": round(spark["task_cpu_s"] / n * 1e6, 1),
            "executor_min_run_time_basis": round(run_wall / 60, 1),
            "executor_min_cpu_time_basis": round(cpu_wall / 60, 1),
            "driver_python_min": round(driver_s / 60, 1), "fixed_spark_overhead_min": round(fixed_s / 60, 1),
            "edges_to_driver": round(spark["edges"] * scale),
            "shuffle_gb": round(spark["shuffle_write_mb"] / 1024 * scale, 1),
            "estimate_min_range": [round((cpu_wall + driver_s + fixed_s) / 60, 1),
                                   round((run_wall + driver_s + fixed_s) / 60, 1)]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--actions", default="1000000", help="comma-separated posts to simulate (actions ~ posts)")
    ap.add_argument("--partitions", type=int, default=8, help="Spark shuffle partitions")
    ap.add_argument("--dir", default=None, help="keep generated data here (default: a temp dir)")
    ap.add_argument("--engines", default="duckdb,spark")
    ap.add_argument("--nodes", type=int, default=20)
    ap.add_argument("--cluster-cores", type=int, default=16, help="cores per cluster node for the estimate")
    ap.add_argument("--target", type=float, default=1e9)
    ap.add_argument("--outputs", default=None,
                    help="keep each engine's edges/accounts here; engines run in separate invocations "
                         "(e.g. --engines spark, then --engines duckdb) are compared when both are there")
    ap.add_argument("--log", default=None, help="append progress (engine calls >= 1 s, Spark stages) as JSON lines")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    ap.add_argument("--data", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        print(json.dumps(run_one(a.one, Path(a.data), a.partitions, Path(a.out), Path(a.log) if a.log else None)))
        return
    keep = Path(a.dir) if a.dir else Path(tempfile.mkdtemp(prefix="bench-spark-"))
    keep.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(SRC))
    import pyarrow.parquet as pq

    from faisceau.engine.compare import differences

    results = []
    log = Path(a.log) if a.log else None
    for n in (int(x) for x in a.actions.split(",")):
        data = generate(n, keep)
        runs = {}
        with tempfile.TemporaryDirectory(dir=keep) as tmp:
            out = Path(a.outputs) / str(n) if a.outputs else Path(tmp)
            out.mkdir(parents=True, exist_ok=True)
            for engine in a.engines.split(","):
                runs[engine] = child(engine, data, a.partitions, out, log)
                runs[engine]["partitions"] = a.partitions
                print(json.dumps({"posts": n, **runs[engine]}), flush=True)
                (out / f"{engine}-run.json").write_text(json.dumps(runs[engine]))
            for engine in ("duckdb", "spark"):
                if engine not in runs and (out / f"{engine}-run.json").exists():
                    runs[engine] = json.loads((out / f"{engine}-run.json").read_text())
            if len(runs) == 2:
                same = {t: differences(pq.read_table(out / f"duckdb-{t}.parquet"),
                                       pq.read_table(out / f"spark-{t}.parquet")) for t in ("edges", "accounts")}
                print(json.dumps({"posts": n, "identical": same}), flush=True)
                results.append((runs, same))
    if not results:
        return
    runs, same = results[-1]
    s = runs["spark"]
    print(f"\n{'posts':>12} {'actions':>12} {'duckdb fit s':>13} {'spark fit s':>12} {'spark/duckdb':>13} identical")
    for r, sm in results:
        print(f"{r['spark']['actions']:>12,} {r['duckdb']['actions']:>12,} {r['duckdb']['fit_s']:>13} "
              f"{r['spark']['fit_s']:>12} {r['spark']['fit_s'] / max(r['duckdb']['fit_s'], 1e-9):>13.1f} "
              f"{all(v is None for v in sm.values())}")
    est = estimate(s, a.target, a.nodes, a.cluster_cores)
    print("\nper-partition cost (largest run): "
          f"{s['shuffle_tasks']} shuffle tasks, {s['shuffle_task_run_s']:.1f} task-s -> "
          f"{est['measured_s_per_shuffle_partition']} s per partition of ~{est['rows_per_partition']:,} actions; "
          f"all stages {s['task_run_s']:.1f} task-s run, {s['task_cpu_s']:.1f} task-s CPU "
          f"({est['task_run_s_per_million']} / {est['task_cpu_s_per_million']} per M actions)")
    print("1 B estimate:", json.dumps(est))
    print("not measured here: network shuffle between nodes (~{} GB written at 1 B), stragglers, "
          "cluster scheduling; the driver figure is an upper bound (it includes Spark planning).".format(est["shuffle_gb"]))


if __name__ == "__main__":
    main()
