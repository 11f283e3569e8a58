"""The whole investigation as one library call: ingest, every detector, campaigns, exports.

    from faisceau.pipeline import investigate
    result = investigate(["tweets.jsonl"], out="case-42", watchlist="watch.csv", tlp="amber")

``faisceau investigate`` and ``faisceau demo`` are thin wrappers around it. Detectors run
in dependency order (content, then coordination, bursts and account signals, which read
the content clusters); one whose module is not installed is skipped and reported, and the
assessment then says its evidence is missing.
"""
from __future__ import annotations

import importlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .errors import FaisceauError, InputError, ParameterError
from .progress import note
from .store import Store

DEFAULTS = {
    "coordination": {"random_state": 0},
    "content": {"random_state": 0},
    "bursts": {},
    "accounts": {},
    "campaigns": {},
    "assessment": {},
}


@dataclass
class InvestigateResult:
    out: Path
    store_path: Path
    paths: dict[str, Path]
    findings: dict
    ingested: list[dict]
    detectors_run: list[str]
    detectors_skipped: dict[str, str]
    seconds: dict[str, float] = field(default_factory=dict)
    truth_path: Path | None = None

    @property
    def report(self) -> Path:
        return self.paths["report.html"]

    def summary(self) -> dict:
        camps = []
        for c in self.findings["campaigns"]:
            camps.append({
                "campaign_id": c["campaign_id"], "label": c["label"], "window": c["window"],
                "accounts": c["volume"]["accounts"], "posts": c["volume"]["posts"],
                "views_peak": c["reach"]["views_peak"],
                "grades": {ax: v["grade"] for ax, v in c["assessment"].items()},
                "attribution": c["attribution"].get("statement"),
                "disarm": [t["disarm_id"] for t in c["techniques"]],
            })
        return {"out": str(self.out), "report": str(self.report), "store": str(self.store_path),
                "files": {k: str(v) for k, v in self.paths.items()},
                "posts": self.findings["dataset"]["posts"], "accounts": self.findings["dataset"]["accounts"],
                "detectors_run": self.detectors_run, "detectors_skipped": self.detectors_skipped,
                "campaigns": camps, "seconds": {k: round(v, 2) for k, v in self.seconds.items()},
                **({"truth": str(self.truth_path)} if self.truth_path else {})}


def _optional(module: str):
    """Import a detector module; None when that stage is not installed."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and (exc.name == module or module.startswith(exc.name + ".")):
            return None
        raise


def run_detectors(store: Store, *, engine: str = "duckdb", spark_master: str | None = None,
                  watchlist: str | None = None, params: dict | None = None,
                  on_step: Callable[[str], None] | None = None,
                  strict: bool = False) -> tuple[list[str], dict[str, str], dict]:
    """Run every available detector on ``store``. Returns (run, skipped {name: why}, seconds).

    A detector that fails is skipped with the reason (its tables stay absent, so the
    assessment reports its evidence as missing) unless ``strict``, which re-raises."""
    from .engine import get_engine

    params = {k: {**DEFAULTS.get(k, {}), **(params or {}).get(k, {})} for k in DEFAULTS}
    run, skipped, seconds = [], {}, {}
    eng = get_engine(engine, store=store, spark_master=spark_master)
    try:
        steps = [("content", "faisceau.detect.content"), ("coordination", "faisceau.detect.coordination"),
                 ("bursts", "faisceau.detect.bursts"), ("accounts", "faisceau.detect.accounts")]
        for name, module in steps:
            if on_step:
                on_step(name)
            mod = _optional(module)
            if mod is None:
                skipped[name] = f"module {module} is not installed"
                continue
            t0 = time.perf_counter()
            try:
                _run_one(name, mod, store, eng, dict(params[name]), watchlist)
            except FaisceauError:
                raise  # a user error (bad parameter, unreadable watchlist): stop with its message
            except Exception as exc:  # noqa: BLE001 - one broken detector must not sink the case
                if strict:
                    raise
                msg = " ".join(str(exc).split())[:200]
                skipped[name] = f"failed: {type(exc).__name__}: {msg}"
                note(f"warning: detector {name} failed and is skipped ({skipped[name]}); "
                     f"its evidence will be reported as missing")
                continue
            run.append(name)
            seconds[name] = time.perf_counter() - t0
    finally:
        eng.close()
    return run, skipped, seconds


def _run_one(name: str, mod, store: Store, eng, p: dict, watchlist: str | None) -> None:
    if name == "content":
        from .detect.content.semantic import semantic_available

        semantic = p.pop("semantic", None)
        det = mod.ContentDetector(semantic=semantic_available() if semantic is None else semantic, **p)
        det.fit(store, engine=eng)
        det.write(store)
    elif name == "coordination":
        mod.detect_coordination(store, engine=eng, **p)
    elif name == "bursts":
        from .detect.accounts import run_bursts

        run_bursts(store, engine=eng, detector=mod.BurstDetector(**p))
    else:
        mod.run_accounts(store, engine=eng, watchlist=watchlist, detector=mod.AccountSignals(**p))


def investigate(inputs: Iterable[str | os.PathLike], out: str | os.PathLike, *, store: str | os.PathLike | None = None,
                format: str = "auto", mapping: str | None = None, watchlist: str | os.PathLike | None = None,
                tlp: str = "clear", pseudonymize_key: bytes | None = None, engine: str = "duckdb",
                spark_master: str | None = None, params: dict | None = None,
                strict: bool = False) -> InvestigateResult:
    """Ingest ``inputs`` into a fresh store (default ``OUT/faisceau.duckdb``), run every
    detector, assemble and assess campaigns, and write all exports into ``out``.

    ``params`` maps a stage (coordination, content, bursts, accounts, campaigns,
    assessment) to keyword parameters of its detector. ``strict`` makes a failing
    detector stop the run instead of being skipped and reported."""
    from .campaigns.assemble import CampaignAssembler
    from .campaigns.assess import Assessor
    from .export import export_all
    from .export.stix import tlp_marking
    from .ingest import ingest

    inputs = [Path(p) for p in inputs]
    if not inputs:
        raise InputError("no input file: give at least one export to investigate")
    unknown = set(params or {}) - set(DEFAULTS)
    if unknown:
        raise ParameterError(f"unknown stage(s) in params: {', '.join(sorted(unknown))}; "
                             f"choose from {', '.join(DEFAULTS)}")
    tlp_marking(tlp)
    if watchlist is not None and not Path(watchlist).exists():
        raise InputError(f"watchlist {watchlist} not found")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    store_path = Path(store) if store is not None else out / "faisceau.duckdb"
    if store is None and store_path.exists():
        # Our own store from an earlier run into the same folder: start afresh.
        store_path.unlink()
        Path(str(store_path) + ".wal").unlink(missing_ok=True)
    params = params or {}
    seconds: dict[str, float] = {}
    steps = ["ingest", "content", "coordination", "bursts", "accounts", "campaigns", "assessment", "exports"]
    # Stage lines here; the stages draw their own progress bars (rich allows one live bar at a time).
    done = iter(range(1, len(steps) + 1))

    def step(name):
        note(f"[{next(done)}/{len(steps)}] {name}")

    with Store(store_path) as st:
        t0 = time.perf_counter()
        step("ingest")
        summaries = ingest(inputs, format=format, mapping=mapping, store=st)
        seconds["ingest"] = time.perf_counter() - t0
        if not st.count("posts"):
            raise InputError("no post could be stored from the inputs: see 'faisceau quarantine'")
        run, skipped, det_seconds = run_detectors(st, engine=engine, spark_master=spark_master,
                                                  watchlist=str(watchlist) if watchlist else None,
                                                  params=params, on_step=step, strict=strict)
        seconds.update(det_seconds)
        step("campaigns")
        t0 = time.perf_counter()
        CampaignAssembler(**params.get("campaigns", {})).fit(st)
        step("assessment")
        Assessor(watchlist=str(watchlist) if watchlist else None, **params.get("assessment", {})).fit(st)
        seconds["campaigns+assessment"] = time.perf_counter() - t0
        step("exports")
        t0 = time.perf_counter()
        res = export_all(st, out, tlp=tlp, pseudonymize_key=pseudonymize_key, detectors_skipped=skipped)
        seconds["exports"] = time.perf_counter() - t0
    return InvestigateResult(out=out, store_path=store_path, paths=res["paths"], findings=res["findings"],
                             ingested=[s.as_dict() for s in summaries], detectors_run=run,
                             detectors_skipped=skipped, seconds=seconds)


DEMO_SCENARIO = "boycott-paris-2024"


def demo(out: str | os.PathLike = "faisceau-demo", *, seed: int = 7, tlp: str = "clear",
         params: dict | None = None) -> InvestigateResult:
    """Simulate the #BoycottParis2024 scenario (with its truth and watchlist) into ``out``
    and investigate it."""
    from .errors import FaisceauError

    simulate = _optional("faisceau.simulate")
    if simulate is None or not hasattr(simulate, "generate"):
        raise FaisceauError("the scenario simulator (faisceau.simulate.generate) is not installed", code="no-simulator")
    out = Path(out)
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    note(f"simulating {DEMO_SCENARIO} (seed {seed}) into {data}")
    t0 = time.perf_counter()
    sim = simulate.generate(scenario=DEMO_SCENARIO, out=data / "boycott-paris-2024.jsonl",
                            truth=data / "truth.json", seed=seed)
    simulated = time.perf_counter() - t0
    watchlist = _demo_watchlist(sim, data)
    res = investigate([data / "boycott-paris-2024.jsonl"], out, watchlist=watchlist, tlp=tlp, params=params)
    res.seconds = {"simulate": simulated, **res.seconds}
    res.truth_path = getattr(sim, "path", None)
    return res


def _demo_watchlist(sim, data: Path) -> Path | None:
    """The scenario's watchlist as a CSV file in the accounts stage's format."""
    import csv

    path = getattr(sim, "watchlist_path", None) if sim is not None else None
    if path:
        return Path(path)
    entries = getattr(sim, "watchlist", None) or (sim.get("watchlist") if isinstance(sim, dict) else None)
    if not entries:
        return None
    path = data / "watchlist.csv"
    fields = ("handle", "account_id", "platform", "label", "affiliation", "country")
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore")
        w.writeheader()
        for e in entries:
            w.writerow({k: e.get(k) for k in fields})
    return path
