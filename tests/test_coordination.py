from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from coord_synth import T0, synth_rows
from faisceau.detect.coordination import CoordinationDetector, detect_coordination
from faisceau.detect.coordination import pairs as P
from faisceau.detect.coordination.actions import ACTION_TYPES, actions_sql
from faisceau.errors import ParameterError
from faisceau.schema import POSTS


def _load(store, rows):
    store.append(POSTS, POSTS.from_rows(rows))
    return store


def _sec(s):
    return T0 + dt.timedelta(seconds=s)


def test_operation_flagged_and_organic_not(store):
    _load(store, synth_rows())
    det = CoordinationDetector(types=["co-repost"]).fit(store)
    acc = det.accounts_.to_pandas()
    flagged = set(acc.loc[acc["flagged"], "account_id"])
    assert flagged == {f"op{i:02d}" for i in range(12)}
    ops = acc[acc["account_id"].str.startswith("op")]
    assert ops["community_id"].nunique() == 1
    assert (ops["coordination_score"] > 0.8).all()
    edges = det.edges_.to_pandas()
    sig = edges[edges["significant"]]
    assert (sig["weight"] > sig["expected"]).all()
    assert sig["evidence"].map(len).min() >= 1
    # evidence: "post_u post_v dt", closest first, inside the window
    dts = [float(x.split()[2][:-2]) / 1000 for x in sig.iloc[0]["evidence"]]
    assert dts == sorted(dts) and max(dts) <= 60
    com = det.communities_.to_pandas()
    top = com.iloc[0]
    assert top["size"] == 12 and top["flagged"] and top["density"] > 0.9
    assert top["action_types"] == ["co-repost"]
    assert all(t.startswith("co-repost:target") for t in top["top_targets"])


def test_write_records_run_and_tables(store):
    _load(store, synth_rows(n_org=100))
    frames = detect_coordination(store, types=["co-repost"], windows={"co-repost": 30})
    assert set(frames) == {"coaction_edges", "coordination_accounts", "coordination_communities"}
    assert store.count("coaction_edges") == len(frames["coaction_edges"])
    run = store.runs("coordination")[-1]
    assert '"co-repost": 30.0' in run["params"] and run["engine"] == "duckdb"
    assert sorted(run["tables"]) == ["coaction_edges", "coordination_accounts", "coordination_communities"]


def test_deterministic(store):
    _load(store, synth_rows(n_org=120, seed=3))
    a = CoordinationDetector(types=["co-repost"], random_state=7).fit(store)
    b = CoordinationDetector(types=["co-repost"], random_state=7).fit(store)
    for attr in ("edges_", "accounts_", "communities_"):
        assert getattr(a, attr).equals(getattr(b, attr))


def _pair_rows(accounts, offsets_s, n_targets, kind="repost", **extra):
    rows = []
    for j in range(n_targets):
        for a, off in zip(accounts, offsets_s):
            rows.append({"platform": "x", "post_id": f"{a}-{j}", "account_id": a,
                         "created_at": _sec(7200 * j + off), "kind": kind,
                         "parent_post_id": f"t{j}" if kind in ("repost", "reply") else None, **extra})
    return rows


def test_window_bounds_pairs(store):
    # two accounts always 120 s apart: no co-repost at 60 s, an edge at 300 s
    _load(store, _pair_rows(["a", "b"], [0, 120], 6))
    # two accounts: nothing can be significant (m = 1), so keep every edge to look
    none = CoordinationDetector(types=["co-repost"], all_edges=True).fit(store)
    assert none.edges_.num_rows == 0
    wide = CoordinationDetector(types=["co-repost"], windows={"co-repost": 300}, all_edges=True).fit(store)
    e = wide.edges_.to_pylist()
    assert len(e) == 1 and e[0]["weight"] == 6 and e[0]["median_dt_s"] == 120


def test_viral_target_capped(store):
    # 400 reposts of one post within 40 s: pairs are capped at n * K, not n^2 / 2
    rows = [{"platform": "x", "post_id": f"r{i}", "account_id": f"u{i}", "created_at": _sec(i * 0.1),
             "kind": "repost", "parent_post_id": "viral"} for i in range(400)]
    _load(store, rows)
    from faisceau.engine import get_engine

    eng = get_engine(store=store)
    w = {"co-repost": 60.0}
    eng.materialize("a", actions_sql(["co-repost"]))
    eng.materialize("c", P.accounts_sql("a"))
    eng.materialize("g", P.targets_sql("a"))
    eng.materialize("r", P.ranked_sql("a", "c", "g", w))
    eng.register("o", P.offsets_table(5))
    n = eng.sql(f"SELECT count(*) AS n FROM ({P.pairs_sql('r', 'o', w)}) AS p").column(0)[0].as_py()
    assert n == sum(min(5, 399 - i) for i in range(400))
    # the c_fwd bound prunes nothing that pairs: the same count with K = 400
    eng.register("o", P.offsets_table(400))
    n = eng.sql(f"SELECT count(*) AS n FROM ({P.pairs_sql('r', 'o', w)}) AS p").column(0)[0].as_py()
    assert n == 400 * 399 // 2
    # a viral target explains its co-actions: nothing significant
    det = CoordinationDetector(types=["co-repost"], max_neighbors=5).fit(store)
    assert not det.edges_.to_pandas()["significant"].any()


def test_copost_normalises_text(store):
    texts = ["Boycott Paris 2024 now! https://t.co/abc @someone", "boycott   paris 2024 NOW! @other",
             "RT @x: Boycott Paris 2024 now!"]
    rows = []
    for j in range(8):
        for i, a in enumerate(["a", "b", "c"]):
            rows.append({"platform": "x", "post_id": f"{a}{j}", "account_id": a, "created_at": _sec(3600 * j + i),
                         "kind": "post", "text": texts[i].replace("2024", f"2024 #{j}")})
    _load(store, rows)
    from faisceau.engine import get_engine

    got = get_engine(store=store).sql(actions_sql(["co-post"], min_text_chars=5)).to_pandas()
    assert got.groupby("target")["account_id"].nunique().eq(3).all()
    assert "https" not in got["target"].iloc[0] and "someone" not in got["target"].iloc[0]


def test_hashtag_set_media_and_mentions(store):
    rows = []
    for j in range(6):
        rows.append({"platform": "x", "post_id": f"a{j}", "account_id": "a", "created_at": _sec(3600 * j),
                     "kind": "post", "hashtags": [f"h{j}", "boycott"], "mentions": [f"x{j}", "y"],
                     "media": [{"media_key": "m", "type": "photo", "phash": f"{j:016x}"}]})
        rows.append({"platform": "x", "post_id": f"b{j}", "account_id": "b", "created_at": _sec(3600 * j + 5),
                     "kind": "post", "hashtags": ["boycott", f"h{j}", "boycott"], "mentions": ["y", f"x{j}"],
                     "media": [{"media_key": "n", "type": "photo", "phash": f"{j:016x}"}]})
    _load(store, rows)
    # two accounts only: the edges are not significant (m = 1), so keep them all to look
    det = CoordinationDetector(types=["co-hashtag", "co-media", "co-mention"], all_edges=True).fit(store)
    e = det.edges_.to_pandas().set_index("action_type")
    assert e.loc["co-hashtag", "weight"] == 6 and e.loc["co-media", "weight"] == 6
    assert e.loc["co-mention", "weight"] == 6  # mention sets match whatever the order


def test_reposts_with_parent_not_counted_as_copies(store):
    rows = _pair_rows(["a", "b"], [0, 3], 4)
    for r in rows:
        r["text"] = "the same reposted text, long enough"
        r["urls"] = ["https://example.org/x"]
    _load(store, rows)
    det = CoordinationDetector(types=["co-post", "co-link"]).fit(store)
    assert det.edges_.num_rows == 0


def test_parameters_validated(store):
    _load(store, synth_rows(n_org=20))
    with pytest.raises(ParameterError):
        CoordinationDetector(types=["co-nothing"]).fit(store)
    with pytest.raises(ParameterError):
        CoordinationDetector(windows={"co-repost": -1}).fit(store)
    with pytest.raises(ParameterError):
        CoordinationDetector(alpha=2).fit(store)
    params = CoordinationDetector(types=["co-post"], windows={"co-post": 30}).get_params()
    assert params["windows"] == {"co-post": 30.0} and params["types"] == ["co-post"]


def test_all_sql_transpiles_to_spark():
    from faisceau.detect.coordination import coortweet as ct
    from faisceau.detect.coordination import significance as S
    from faisceau.engine.spark_engine import to_spark_sql

    w = dict(P.DEFAULT_WINDOWS_S)
    queries = [actions_sql(ACTION_TYPES), actions_sql(ACTION_TYPES, with_order=True), P.accounts_sql("a"),
               P.targets_sql("a"), P.ranked_sql("a", "c", "g", w), P.pairs_sql("r", "o", w), P.edges_sql("r", "o", w),
               P.kept_pairs_sql("r", "o", w, "k"), P.evidence_sql("p", 10), P.final_edges_sql("f", "ev"),
               S.account_stats_sql("r", "c"), S.type_totals_sql("s", "e"),
               S.candidates_sql("e", "s", "t", 0.01), S.candidates_sql("e", "s", "t", 0.01, keep_all=True),
               S.terms_bound_sql("c"), S.kept_sql("c", "f", 0.01), S.kept_sql("c", "f", 0.01, keep_all=True),
               ct.network_sql("g")]
    queries += [q for _, q in ct.detect_groups_sql("i", 10, 2)]
    for q in queries:
        out = to_spark_sql(q)
        assert "epoch_ms" not in out.lower() and "TIMESTAMP_MILLIS" not in out
    assert "RANGE BETWEEN 60000 PRECEDING" in to_spark_sql(P.ranked_sql("a", "c", "g", {"co-repost": 60}))


def test_factorial_bound_is_an_upper_bound():
    # the SQL pre-filter bounds p from below with an upper bound of ln(w!)
    from math import lgamma

    from faisceau.detect.coordination.significance import _LN_FACT_UB
    from faisceau.engine import get_engine

    eng = get_engine()
    got = eng.sql(f"SELECT x.weight, {_LN_FACT_UB} AS ub FROM range(1, 5001) AS x(weight) ORDER BY 1").to_pandas()
    exact = np.array([lgamma(w + 1) for w in got["weight"]])
    assert (got["ub"].to_numpy() >= exact).all()
    assert (got["ub"].to_numpy() - exact).max() < 0.1  # tight (1.01 vs ln sqrt(2 pi) = 0.92): it prunes what it can


def test_kept_edges_same_decisions_as_all_edges(store):
    _load(store, synth_rows(n_org=300, seed=5))
    few = CoordinationDetector(types=["co-repost"]).fit(store)
    every = CoordinationDetector(types=["co-repost"], all_edges=True).fit(store)
    a, b = few.edges_.to_pandas(), every.edges_.to_pandas()
    assert len(a) < len(b)
    sig_a = a[a["significant"]].reset_index(drop=True)
    sig_b = b[b["significant"]].reset_index(drop=True)
    assert len(sig_a) > 0
    import pandas as pd

    pd.testing.assert_frame_equal(sig_a, sig_b)
    assert few.accounts_.equals(every.accounts_) and few.communities_.equals(every.communities_)


def test_cli_coordination(store, tmp_path):
    from faisceau.cli import main
    from faisceau.store import Store

    path = tmp_path / "c.duckdb"
    with Store(path) as st:
        _load(st, synth_rows(n_org=200))
    main(["coordination", "--store", str(path), "--types", "co-repost", "--window", "co-repost=30"])
    with Store(path, read_only=True) as st:
        assert st.count("coordination_accounts") > 0
        assert st.query("SELECT count(*) FROM coordination_accounts WHERE flagged").column(0)[0].as_py() == 12
    with pytest.raises(SystemExit) as exc:
        main(["coordination", "--store", str(path), "--window", "co-repost"])
    assert exc.value.code != 0


def test_partitioned_ids_are_the_global_numbering():
    """aid: (type, account) order numbered from 1, as one global row_number gives it, though
    ranked within (type, 3-character prefix) partitions; tid: a unique id per (type, target)."""
    import pyarrow as pa

    from faisceau.engine.duckdb_engine import DuckDBEngine

    rng = np.random.default_rng(3)
    accounts = [str(x) for x in rng.integers(1, 10**12, 1500)] + [f"u{x}" for x in rng.integers(0, 999, 500)] + ["ä1", "a", "ab"]
    types = ["co-post", "co-repost", "co-hashtag"]
    rows = [(types[i % 3], a, f"https://x.org/{rng.integers(0, 700)}") for i, a in enumerate(accounts)] * 2
    eng = DuckDBEngine()
    eng.register("acts", pa.table({"action_type": [r[0] for r in rows], "account_id": [r[1] for r in rows],
                                   "target": [r[2] for r in rows]}))
    got = eng.sql(f"SELECT * FROM ({P.accounts_sql('acts')}) ORDER BY aid").to_pylist()
    want = eng.sql("SELECT action_type, account_id, row_number() OVER (ORDER BY action_type, account_id) AS aid "
                   "FROM (SELECT DISTINCT action_type, account_id FROM acts) ORDER BY aid").to_pylist()
    assert got == want and len(got) > 1900
    tid = eng.sql(f"SELECT * FROM ({P.targets_sql('acts')})").to_pylist()
    distinct = eng.sql("SELECT count(*) AS n FROM (SELECT DISTINCT action_type, target FROM acts)").column(0)[0].as_py()
    assert sorted(r["tid"] for r in tid) == list(range(1, distinct + 1))
    assert len({(r["action_type"], r["target"]) for r in tid}) == distinct
