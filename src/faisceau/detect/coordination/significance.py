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


def account_stats_sql(actions: str, ranked: str) -> str:
    """Per (type, account): n_u and rsum = N * R_u = sum of c_a."""
    return f"""
SELECT n.action_type, n.account_id, n.n_u, coalesce(r.rsum, 0) AS rsum
FROM (SELECT action_type, account_id, count(*) AS n_u FROM {actions}
      GROUP BY action_type, account_id) AS n
LEFT JOIN (SELECT action_type, account_id, sum(c_near) AS rsum FROM {ranked}
           GROUP BY action_type, account_id) AS r
  ON n.action_type = r.action_type AND n.account_id = r.account_id
"""


def type_totals_sql(account_stats: str) -> str:
    """Per type: N (actions) and A (active accounts)."""
    return (
        f"SELECT action_type, sum(n_u) AS n_actions, count(*) AS n_accounts "
        f"FROM {account_stats} GROUP BY action_type"
    )


def expected_sql(edges: str, account_stats: str, totals: str, alpha: float) -> str:
    """Edges with their expected co-action count under the null, keeping only those that
    can pass the FDR test: every edge with weight >= 2, and a single co-action only if
    its p-value 1 - exp(-E) is at most n_edges * alpha / m (BH rejects p_(k) <= k alpha / m
    with k <= n_edges, so a larger p can never be rejected; dropping those edges leaves
    the rejected set unchanged). Weight-1 edges are most of the edges on busy data."""
    return f"""
WITH x AS (
  SELECT e.action_type, e.u, e.v, e.weight, e.first_ms, e.last_ms,
         (CAST(sv.n_u AS DOUBLE) * su.rsum + CAST(su.n_u AS DOUBLE) * sv.rsum)
           / (2.0 * t.n_actions) AS expected,
         t.n_accounts
  FROM {edges} AS e
  JOIN {account_stats} AS su ON su.action_type = e.action_type AND su.account_id = e.u
  JOIN {account_stats} AS sv ON sv.action_type = e.action_type AND sv.account_id = e.v
  JOIN {totals} AS t ON t.action_type = e.action_type),
c AS (SELECT action_type, count(*) AS n_edges FROM {edges} GROUP BY action_type)
SELECT x.* FROM x JOIN c ON c.action_type = x.action_type
WHERE x.weight >= 2
   OR 1.0 - exp(-x.expected) <= c.n_edges * {float(alpha)!r}
                                / (CAST(x.n_accounts AS DOUBLE) * (x.n_accounts - 1) / 2.0)
ORDER BY x.action_type, x.u, x.v
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


def add_significance(edges: pa.Table, alpha: float) -> pa.Table:
    """Add p_value, q_value and significant to an edges table with expected/n_accounts."""
    import pyarrow.compute as pc

    if edges.num_rows == 0:
        return (edges.append_column("p_value", pa.array([], pa.float64()))
                .append_column("q_value", pa.array([], pa.float64()))
                .append_column("significant", pa.array([], pa.bool_())))
    types = edges.column("action_type").to_numpy(zero_copy_only=False)
    w = edges.column("weight").to_numpy(zero_copy_only=False)
    e = edges.column("expected").to_numpy(zero_copy_only=False)
    a = edges.column("n_accounts").to_numpy(zero_copy_only=False).astype(float)
    p = poisson_sf(w, e)
    q = np.ones(len(p))
    for t in np.unique(types):
        idx = np.flatnonzero(types == t)
        m = a[idx[0]] * (a[idx[0]] - 1) / 2.0
        q[idx] = bh_adjust(p[idx], m)
    out = edges.append_column("p_value", pa.array(p, type=pa.float64()))
    out = out.append_column("q_value", pa.array(q, type=pa.float64()))
    return out.append_column("significant", pc.less_equal(out.column("q_value"), alpha))
