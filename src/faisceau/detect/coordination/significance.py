"""Null model: how many co-actions would a pair show by chance?

Null hypothesis: accounts act independently, each target keeping its observed rate.
An action of v lands on the same target as u's action a, within the window W of a,
with probability c_a / N, where c_a is the number of *other* actions on that target
within +-W of a (the target's observed local rate; a viral post at its peak has a large
c_a, a rare target c_a = 0) and N the number of actions of the type. The expected
number of co-actions of u with v is then

    E[u, v] = n_v * R_u,   R_u = sum over u's actions a of c_a / N,

symmetrised as (n_v R_u + n_u R_v) / 2. c_a includes the pair's own co-actions: an
operation that is a large share of a small dataset makes its own targets look busy and
is then under-detected (leaving them out instead gives E = 0 to any pair whose only
co-action is the one tested, which flags every coincidence). It needs one GROUP BY per account, never a
pass over pairs of accounts: the cost is that of the observed edges. Counting c_a in
time around each action, rather than spreading n_t uniformly over the target's span,
matters for organic cascades: most retweets of a post come in its first minutes, and a
uniform rate would make that burst look improbable.

The observed weight w (distinct co-acted targets) is compared with Poisson(E):
p = P(X >= w). Benjamini-Hochberg then controls the false discovery rate over *every
possible pair* of active accounts of the type (m = A(A-1)/2), not just the pairs seen:
the unseen pairs have p = 1 and only enlarge m, which makes the test stricter, and
honest about how many pairs were implicitly looked at.
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa


def account_stats_sql(ranked: str, accounts: str) -> str:
    """Per (type, account): its id ``aid``, n_u and rsum = N * R_u = sum of c_a."""
    return f"""
SELECT c.aid, c.action_type, c.account_id, s.n_u, s.rsum
FROM {accounts} AS c
JOIN (SELECT aid, count(*) AS n_u, sum(c_near) AS rsum FROM {ranked} GROUP BY aid) AS s ON s.aid = c.aid
"""


def type_totals_sql(account_stats: str, edges: str) -> str:
    """Per type: N (actions), A (active accounts) and the number of observed edges (an
    edge's type is its accounts' type)."""
    return f"""
SELECT s.action_type, s.n_actions, s.n_accounts, coalesce(e.n_edges, 0) AS n_edges
FROM (SELECT action_type, sum(n_u) AS n_actions, count(*) AS n_accounts
      FROM {account_stats} GROUP BY action_type) AS s
LEFT JOIN (SELECT a.action_type, count(*) AS n_edges FROM {edges} AS x
           JOIN {account_stats} AS a ON a.aid = x.u GROUP BY a.action_type) AS e
  ON e.action_type = s.action_type
"""


# Upper bound of ln(w!) for w >= 1 (Robbins: ln w! <= ln sqrt(2 pi) + (w + 1/2) ln w - w
# + 1/(12 w), and ln sqrt(2 pi) + 1/12 < 1.01); used to bound a p-value from below.
_LN_FACT_UB = "(x.weight * ln(x.weight) - x.weight + 0.5 * ln(x.weight) + 1.01)"


def candidates_sql(edges: str, account_stats: str, totals: str, alpha: float, keep_all: bool = False) -> str:
    """Edges with their expected co-action count under the null, keeping only those that
    Benjamini-Hochberg could reject (unless ``keep_all``).

    Why the others can go: over m hypotheses, BH rejects p_(k) <= k alpha / m, and every
    pair that was not observed has p = 1, so no rank above n_edges (the observed edges of
    the type) can hold a rejection: an edge with p > t = n_edges alpha / m is never
    significant. Here in SQL we drop an edge when even a lower bound of its p-value
    exceeds t: p = P(X >= w) >= P(X = w) = exp(-E + w ln E - ln w!), with ln w! bounded
    from above (``_LN_FACT_UB``). The survivors are few (on organic data almost every
    edge is a single co-action, p = 1 - exp(-E), far above t); Python computes their
    exact p and ``select_and_adjust`` drops those with p > t. Only those few rows ever
    leave the engine (on Spark, the driver sees the candidates, not every edge)."""
    cond = "" if keep_all else f"""
WHERE x.expected <= 0
   OR -x.expected + x.weight * ln(greatest(x.expected, 1e-300)) - {_LN_FACT_UB}
      <= ln(CAST(x.n_edges AS DOUBLE) * {float(alpha)!r}
            / (CAST(x.n_accounts AS DOUBLE) * (x.n_accounts - 1) / 2.0)) + 1e-9"""
    # The strings (account ids) are joined only to the few survivors.
    return f"""
SELECT x.action_type, x.u, x.v, au.account_id AS ua, av.account_id AS va, x.weight, x.expected,
       x.n_accounts, x.n_edges
FROM (
  SELECT su.action_type, e.u, e.v, e.weight,
         (CAST(sv.n_u AS DOUBLE) * su.rsum + CAST(su.n_u AS DOUBLE) * sv.rsum)
           / (2.0 * t.n_actions) AS expected,
         t.n_accounts, t.n_edges
  FROM {edges} AS e
  JOIN {account_stats} AS su ON su.aid = e.u
  JOIN {account_stats} AS sv ON sv.aid = e.v
  JOIN {totals} AS t ON t.action_type = su.action_type) AS x
JOIN {account_stats} AS au ON au.aid = x.u
JOIN {account_stats} AS av ON av.aid = x.v{cond}
ORDER BY x.action_type, ua, va
"""


def poisson_sf(weight: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """P(X >= weight) for X ~ Poisson(expected), vectorised."""
    from scipy.stats import poisson

    expected = np.maximum(np.asarray(expected, dtype=float), 1e-300)
    return poisson.sf(np.asarray(weight, dtype=float) - 1.0, expected)


def bh_adjust(p: np.ndarray, m: float) -> np.ndarray:
    """Benjamini-Hochberg q-values of the given p-values among m hypotheses (m >= len(p);
    the missing ones have p = 1)."""
    p = np.asarray(p, dtype=float)
    n = len(p)
    if n == 0:
        return p
    m = max(float(m), float(n))
    order = np.argsort(p, kind="stable")
    ranked = p[order] * m / np.arange(1, n + 1)
    q_sorted = np.minimum.accumulate(ranked[::-1])[::-1]
    q = np.empty(n)
    q[order] = np.minimum(q_sorted, 1.0)
    return q


def select_and_adjust(edges: pa.Table, alpha: float, keep_all: bool = False) -> pa.Table:
    """Exact p-values for the candidate edges (with expected, n_accounts, n_edges); keep
    those with p <= t = n_edges alpha / m (all if ``keep_all``) and add BH q-values over
    the m = A(A-1)/2 possible pairs of the type, and ``significant``.

    Dropping the edges with p > t changes no decision and no q-value <= alpha: they have
    the largest p-values, so every kept edge keeps its rank; a dropped edge at rank j <=
    n_edges contributes p_(j) m / j > t m / n_edges = alpha to the running minimum that
    defines q, so a q-value <= alpha is the same with or without it, and one above alpha
    stays above alpha (``test_candidate_filter_keeps_bh_decisions``)."""
    import pyarrow.compute as pc

    if edges.num_rows == 0:
        return (edges.append_column("p_value", pa.array([], pa.float64()))
                .append_column("q_value", pa.array([], pa.float64()))
                .append_column("significant", pa.array([], pa.bool_())))
    types = edges.column("action_type").to_numpy(zero_copy_only=False)
    w = edges.column("weight").to_numpy(zero_copy_only=False)
    e = edges.column("expected").to_numpy(zero_copy_only=False)
    a = edges.column("n_accounts").to_numpy(zero_copy_only=False).astype(float)
    n_edges = edges.column("n_edges").to_numpy(zero_copy_only=False).astype(float)
    m = a * (a - 1) / 2.0
    p = poisson_sf(w, e)
    keep = np.ones(len(p), dtype=bool) if keep_all else p <= n_edges * alpha / m
    edges = edges.filter(pa.array(keep))
    p, types, m = p[keep], types[keep], m[keep]
    q = np.ones(len(p))
    for t in np.unique(types):
        idx = np.flatnonzero(types == t)
        q[idx] = bh_adjust(p[idx], m[idx[0]])
    out = edges.append_column("p_value", pa.array(p, type=pa.float64()))
    out = out.append_column("q_value", pa.array(q, type=pa.float64()))
    return out.append_column("significant", pc.less_equal(out.column("q_value"), alpha))
