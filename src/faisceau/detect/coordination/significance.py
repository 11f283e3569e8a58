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

Everything here is engine SQL (``kept_sql``: exact p-values, the BH step-up, the
decision), so only the kept edges leave the engine.
"""
from __future__ import annotations

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
    significant. Here we drop an edge when even a lower bound of its p-value exceeds t:
    p = P(X >= w) >= P(X = w) = exp(-E + w ln E - ln w!), with ln w! bounded from above
    (``_LN_FACT_UB``). The survivors are few (on organic data almost every edge is a
    single co-action, p = 1 - exp(-E), far above t); ``kept_sql`` computes their exact p
    and drops those with p > t."""
    cond = "" if keep_all else f"""
WHERE x.expected <= 0
   OR -x.expected + x.weight * ln(greatest(x.expected, 1e-300)) - {_LN_FACT_UB}
      <= ln(CAST(x.n_edges AS DOUBLE) * {_lit(alpha)}
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
"""


def _lit(x: float) -> str:
    """A DOUBLE literal (a bare 0.01 is a DECIMAL on Spark)."""
    return f"CAST({float(x)!r} AS DOUBLE)"


# The Poisson tail P(X >= w), X ~ Poisson(mu), as a sum of terms
# exp(-mu + k ln mu - ln k!) (ln k! from ``lnfact_table``):
# - w > mu: the upper tail itself, k = w .. w + j, j = 40 + 10 sqrt(mu). Past the mode
#   each term is the previous one times mu / k < 1; the first term left out is below
#   exp(-50) times the first one kept whatever mu (the product of mu / (w + i) over
#   i = 1..j), and the rest decay geometrically: the cut is a relative error far below
#   double precision, and no small p loses digits to a subtraction;
# - w <= mu: 1 - (k = 0 .. w - 1). Then w <= the Poisson median, p >= 1/2, and the
#   subtraction costs at most a bit.
# mu is floored at 1e-300 (ln 0).
def _mu(expected: str) -> str:
    return f"greatest({expected}, 1e-300)"


def _lo(w: str, mu: str) -> str:
    return f"CASE WHEN {w} > {mu} THEN {w} ELSE 0 END"


def _hi(w: str, mu: str) -> str:
    return f"CASE WHEN {w} > {mu} THEN {w} + 40 + CAST(ceil(10 * sqrt({mu})) AS BIGINT) ELSE {w} - 1 END"


def terms_bound_sql(candidates: str) -> str:
    """The largest k whose term ``kept_sql`` needs: the size of ``lnfact_table``."""
    return f"SELECT coalesce(max({_hi('weight', 'mu')}), 0) AS k FROM (SELECT weight, {_mu('expected')} AS mu FROM {candidates}) AS c"


def lnfact_table(k_max: int) -> pa.Table:
    """k = 0 .. k_max with ln k! (exact to double precision)."""
    from math import lgamma

    ks = range(max(int(k_max), 0) + 1)
    return pa.table({"k": pa.array(ks, pa.int64()), "lnf": pa.array([lgamma(k + 1.0) for k in ks], pa.float64())})


def pvalues_sql(candidates: str, lnfact: str) -> str:
    """The candidate edges with their exact p-value P(X >= weight), X ~ Poisson(expected):
    the sum of terms above, once per distinct (weight, expected), so edges with the same
    figures get the very same p."""
    return f"""
WITH d AS (SELECT DISTINCT weight, {_mu('expected')} AS mu FROM {candidates}),
s AS (SELECT d.weight, d.mu, sum(exp(-d.mu + f.k * ln(d.mu) - f.lnf)) AS s
      FROM d JOIN {lnfact} AS f ON f.k >= {_lo('d.weight', 'd.mu')} AND f.k <= {_hi('d.weight', 'd.mu')}
      GROUP BY d.weight, d.mu),
pv AS (SELECT d.weight, d.mu,
              CASE WHEN d.weight > d.mu THEN coalesce(s.s, 0.0) ELSE 1.0 - coalesce(s.s, 0.0) END AS p
       FROM d LEFT JOIN s ON s.weight = d.weight AND s.mu = d.mu)
SELECT c.action_type, c.u, c.v, c.ua, c.va, c.weight, c.expected, c.n_accounts, c.n_edges,
       least(pv.p, {_lit(1)}) AS p_value
FROM {candidates} AS c JOIN pv ON pv.weight = c.weight AND pv.mu = {_mu('c.expected')}
"""


def bh_sql(pvalues: str, alpha: float, keep_all: bool = False) -> str:
    """Edges with ``p_value`` (and n_accounts, n_edges of their type) -> those with
    p <= t = n_edges alpha / m (all if ``keep_all``), their Benjamini-Hochberg q-value
    over the m = A(A-1)/2 possible pairs of the type and ``significant`` (q <= alpha).

    Rank r of p within the type (row_number: the order among equal p does not matter,
    see below), q = min over ranks j >= r of p_(j) m / j (a running minimum from the
    largest rank down), capped at 1; m is at least the number of p-values. Equal p-values
    get equal q: the minimum for the first of them already includes the last one's
    p m / j, the smallest of theirs.

    Dropping the edges with p > t changes no decision and no q-value <= alpha: they have
    the largest p-values, so every kept edge keeps its rank; a dropped edge at rank j <=
    n_edges contributes p_(j) m / j > t m / n_edges = alpha to the running minimum that
    defines q, so a q-value <= alpha is the same with or without it, and one above alpha
    stays above alpha (``test_candidate_filter_keeps_bh_decisions``)."""
    keep = "" if keep_all else f"WHERE p_value <= CAST(n_edges AS DOUBLE) * {_lit(alpha)} / m"
    return f"""
WITH k AS (SELECT * FROM (SELECT action_type, u, v, ua, va, weight, expected, p_value, n_edges,
                                 CAST(n_accounts AS DOUBLE) * (n_accounts - 1) / 2.0 AS m
                          FROM {pvalues}) AS x {keep}),
r AS (SELECT *, row_number() OVER (PARTITION BY action_type ORDER BY p_value, u, v) AS rk,
             count(*) OVER (PARTITION BY action_type) AS n FROM k),
q AS (SELECT *, least({_lit(1)}, min(p_value * greatest(m, CAST(n AS DOUBLE)) / rk)
                OVER (PARTITION BY action_type ORDER BY rk DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW))
                AS q_value FROM r)
SELECT action_type, u, v, ua, va, weight, expected, p_value, q_value, q_value <= {_lit(alpha)} AS significant
FROM q
"""


def kept_sql(candidates: str, lnfact: str, alpha: float, keep_all: bool = False) -> str:
    """``candidates_sql`` rows -> the kept edges: exact p (``pvalues_sql``), then the
    Benjamini-Hochberg step and decision (``bh_sql``), in one query."""
    return bh_sql(f"({pvalues_sql(candidates, lnfact)})", alpha, keep_all)
