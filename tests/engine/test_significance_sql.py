"""The coordination detector's significance step is engine SQL (exact Poisson p-values,
Benjamini-Hochberg step-up, decision): checked against scipy's Poisson tail and a
reference BH written here from the definition, ties included, on both engines."""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import poisson

from faisceau.detect.coordination import significance as S
from faisceau.engine.duckdb_engine import DuckDBEngine


def ref_bh(p, m):
    """BH q-values from the definition, ties at their largest rank:
    q_i = min(1, min over p_j >= p_i of p_j m / #{k: p_k <= p_j}), m >= len(p)."""
    p = np.asarray(p, dtype=float)
    m = max(float(m), float(len(p)))
    rank = np.array([(p <= x).sum() for x in p])
    return np.array([min(1.0, min(p[j] * m / rank[j] for j in range(len(p)) if p[j] >= x)) for x in p])


def _candidates(rows):
    """rows: (action_type, weight, expected, n_accounts, n_edges); u, v numbered."""
    n = len(rows)
    return pa.table({
        "action_type": [r[0] for r in rows], "u": pa.array(range(n), pa.int64()),
        "v": pa.array(range(n, 2 * n), pa.int64()), "ua": [f"a{i:03d}" for i in range(n)],
        "va": [f"b{i:03d}" for i in range(n)], "weight": pa.array([r[1] for r in rows], pa.int64()),
        "expected": pa.array([r[2] for r in rows], pa.float64()),
        "n_accounts": pa.array([r[3] for r in rows], pa.int64()), "n_edges": pa.array([r[4] for r in rows], pa.int64()),
    })


def _kept(eng, rows, alpha, keep_all):
    eng.register("t_cand", _candidates(rows))
    eng.register("t_lnf", S.lnfact_table(eng.sql(S.terms_bound_sql("t_cand")).column(0)[0].as_py()))
    got = eng.sql(S.kept_sql("t_cand", "t_lnf", alpha, keep_all=keep_all)).to_pandas()
    eng.drop("t_cand")
    eng.drop("t_lnf")
    return got.assign(i=got["u"]).set_index("i").sort_index()


def _reference(rows, alpha, keep_all):
    """index (row number) -> (p, q, significant) for the rows kept, by scipy + ref_bh."""
    out = {}
    for t in sorted({r[0] for r in rows}):
        idx = [i for i, r in enumerate(rows) if r[0] == t]
        w = np.array([rows[i][1] for i in idx], dtype=float)
        e = np.maximum(np.array([rows[i][2] for i in idx]), 1e-300)
        a = float(rows[idx[0]][3])
        m = a * (a - 1) / 2.0
        p = poisson.sf(w - 1.0, e)
        keep = np.ones(len(idx), bool) if keep_all else p <= rows[idx[0]][4] * alpha / m
        kept = [i for i, k in zip(idx, keep) if k]
        q = ref_bh(p[keep], m) if kept else []
        for i, pi, qi in zip(kept, p[keep], q):
            out[i] = (pi, qi, qi <= alpha)
    return out


def _check(got, ref, alpha):
    assert set(got.index) == set(ref)
    for i, (p, q, sig) in ref.items():
        row = got.loc[i]
        assert row["p_value"] == pytest.approx(p, rel=1e-10, abs=1e-300), i
        assert row["q_value"] == pytest.approx(q, rel=1e-9), i
        if abs(q - alpha) > 1e-9 * alpha:
            assert bool(row["significant"]) == sig, i


# ties: the same (weight, expected) within and across types, and BH ties of p
TIES = [("x", 6, 0.5, 40, 12), ("x", 6, 0.5, 40, 12), ("x", 6, 0.5, 40, 12), ("x", 9, 1.2, 40, 12),
        ("x", 2, 3.0, 40, 12), ("x", 1, 0.02, 40, 12), ("x", 12, 30.0, 40, 12), ("x", 40, 30.0, 40, 12),
        ("y", 6, 0.5, 9, 4), ("y", 6, 0.5, 9, 4), ("y", 3, 0.001, 9, 4), ("y", 1, 5.0, 9, 4)]


def test_tied_p_values_same_q_on_each_engine(make_engine):
    eng = make_engine()
    for keep_all in (True, False):
        got = _kept(eng, TIES, 0.05, keep_all)
        _check(got, _reference(TIES, 0.05, keep_all), 0.05)
    got = _kept(eng, TIES, 0.05, True)
    assert got.loc[[0, 1, 2], "q_value"].nunique() == 1 and got.loc[[8, 9], "q_value"].nunique() == 1
    assert 6 in got.index and got.loc[6, "p_value"] > 0.5  # the w <= expected branch (1 - lower sum)
    assert got.loc[0, "significant"] and not got.loc[6, "significant"]


def test_classic_bh_example():
    # BH on 6 hypotheses (4 accounts), p = 0.01, 0.04, 0.03, 0.5: q = p_(j) 6 / j, step-up
    with DuckDBEngine() as eng:
        eng.register("pv", pa.table({
            "action_type": ["t"] * 4, "u": pa.array([1, 2, 3, 4], pa.int64()), "v": pa.array([5, 6, 7, 8], pa.int64()),
            "ua": list("abcd"), "va": list("efgh"), "weight": pa.array([1] * 4, pa.int64()), "expected": [0.1] * 4,
            "n_accounts": pa.array([4] * 4, pa.int64()), "n_edges": pa.array([4] * 4, pa.int64()),
            "p_value": [0.01, 0.04, 0.03, 0.5]}))
        got = eng.sql(S.bh_sql("pv", 0.05, keep_all=True) + " ORDER BY u").to_pandas()
    assert np.allclose(got["q_value"], [0.06, 0.04 * 6 / 3, 0.04 * 6 / 3, 0.5 * 6 / 4])
    assert got["significant"].tolist() == [False] * 4


_pool = st.lists(st.tuples(st.integers(1, 60), st.floats(1e-3, 300)), min_size=1, max_size=6)


@st.composite
def _rows(draw):
    pool = draw(_pool)  # few distinct (weight, expected): ties are common
    big = draw(st.tuples(st.integers(1, 2200), st.floats(300, 2000)))
    pool = pool + [big] if draw(st.booleans()) else pool
    rows = []
    for t in ("x", "y"):
        n = draw(st.integers(0, 25))
        a = draw(st.integers(max(8, n), 400))
        extra = draw(st.integers(0, 50))
        for _ in range(n):
            w, e = draw(st.sampled_from(pool))
            rows.append((t, w, e, a, n + extra))
    return rows


@pytest.fixture(scope="module")
def duck():
    with DuckDBEngine() as eng:
        yield eng


@settings(max_examples=80, deadline=None)
@given(rows=_rows(), alpha=st.sampled_from([0.01, 0.05, 0.2]), keep_all=st.booleans())
def test_sql_matches_scipy_and_reference_bh(duck, rows, alpha, keep_all):
    if not rows:
        return
    got = _kept(duck, rows, alpha, keep_all)
    ref = _reference(rows, alpha, keep_all)
    # an edge whose p sits on the threshold within rounding may fall either side
    if not keep_all:
        t = {r[0]: r[4] * alpha / (r[3] * (r[3] - 1) / 2.0) for r in rows}
        edge = {i for i, r in enumerate(rows)
                if abs(poisson.sf(r[1] - 1.0, max(r[2], 1e-300)) - t[r[0]]) <= 1e-9 * t[r[0]]}
        if edge:
            return
    _check(got, ref, alpha)


def test_candidate_filter_keeps_bh_decisions():
    # BH over m hypotheses on all n observed p-values vs on those with p <= n alpha / m only
    rng = np.random.default_rng(0)
    alpha, m = 0.01, 5_000.0
    for _ in range(30):
        n = int(rng.integers(1, 200))
        p = np.concatenate([rng.uniform(0, 1, n - n // 4), rng.uniform(0, 1e-4, n // 4)])
        q_all = ref_bh(p, m)
        keep = p <= len(p) * alpha / m
        q_kept = ref_bh(p[keep], m)
        assert np.array_equal(q_all[keep] <= alpha, q_kept <= alpha)
        assert not (q_all[~keep] <= alpha).any()
        low = q_kept <= alpha
        assert np.allclose(q_all[keep][low], q_kept[low])
        assert (q_kept >= q_all[keep] - 1e-15).all()
