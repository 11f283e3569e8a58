"""The CooRTweet reference data and the boycott scenario give the same outputs on both
engines. Heavy cases are ``slow``; a small boycott variant runs in CI."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from faisceau.engine.compare import differences
from faisceau.engine.dataset import ingest_dataset
from faisceau.engine.duckdb_engine import DuckDBEngine
from shared_paths import shared_data

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_coortweet_reference_exact_on_engine(engine_name, request):
    """CooRTweet's own outputs (pairs, network, nodes) reproduced on each engine."""
    data = shared_data("coortweet/reference/README.md").parents[2]
    if engine_name == "spark":
        request.getfixturevalue("spark")
    sys.path.insert(0, str(ROOT / "evaluation"))
    import coortweet_reproduce

    rows = coortweet_reproduce.run(data, engine_name)
    assert [r["case"] for r in rows if not r["exact"]] == []
    assert all(r["pairs_ours"] == r["pairs_ref"] > 0 for r in rows)


def _boycott(make_engine, tmp_path, scale, types, all_edges=False):
    from faisceau.detect.coordination import CoordinationDetector
    from faisceau.progress import set_quiet
    from faisceau.simulate import generate

    set_quiet(True)
    src = tmp_path / "boycott.parquet"
    truth = generate("boycott-paris-2024", out=src, fmt="parquet", scale=scale)
    eng = make_engine()
    ds = str(tmp_path / "ds")
    ingest_dataset(eng, [str(src)], ds, accounts=[str(src.with_suffix(".accounts.parquet"))])
    ours = CoordinationDetector(types=types, random_state=3, all_edges=all_edges).fit(engine=make_engine(parquet=ds))
    with DuckDBEngine(parquet=ds) as duck:
        ref = CoordinationDetector(types=types, random_state=3, all_edges=all_edges).fit(engine=duck)
    for name in ("edges_", "accounts_", "communities_"):
        assert differences(getattr(ref, name), getattr(ours, name)) is None, name
    edges = ours.edges_.to_pandas()
    op = truth.op_account_ids()
    return edges, op


def test_boycott_scenario_small(make_engine, tmp_path):
    """Simulator -> Parquet -> dataset (engine's own ingest) -> coordination: same tables."""
    # every observed edge kept: at this scale the operation explains itself (nothing is
    # significant) and the default keeps only the edges BH could reject
    edges, op = _boycott(make_engine, tmp_path, scale=1000, types=["co-post"], all_edges=True)
    # the operation's copy-pasted posts tie operation accounts together
    assert len(edges) >= 1 and (edges["u"].isin(op) & edges["v"].isin(op)).any()


@pytest.mark.slow
def test_boycott_scenario_default_scale(make_engine, tmp_path):
    from faisceau.detect.coordination import DEFAULT_TYPES

    edges, op = _boycott(make_engine, tmp_path, scale=None, types=list(DEFAULT_TYPES))
    assert (edges["u"].isin(op) & edges["v"].isin(op) & edges["significant"]).any()
