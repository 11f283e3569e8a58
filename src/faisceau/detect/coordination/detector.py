"""CoordinationDetector: actions -> windowed pairs -> null model -> Leiden -> tables.

All set-based work is SQL through a ``faisceau.engine`` Engine (DuckDB by default,
Spark from the same text); Python sees only the reduced graph (edges, accounts).
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa

from ...errors import ParameterError
from ...progress import note
from . import pairs as P
from . import significance as S
from .actions import ACTION_TYPES, actions_sql
from .communities import leiden_membership
from .tables import COACTION_EDGES, COORDINATION_ACCOUNTS, COORDINATION_COMMUNITIES, write_tables

DEFAULT_TYPES = ("co-repost", "co-post", "co-link", "co-reply", "co-hashtag", "co-media")
_TMP = ("coord_actions", "coord_acc", "coord_tgt", "coord_nact", "coord_ranked", "coord_offsets", "coord_edges",
        "coord_astats", "coord_totals", "coord_cand", "coord_lnfact", "coord_kept", "coord_kpairs", "coord_evidence", "coord_sig",
        "coord_members")


def _ms_to_ts(ms) -> pa.Array:
    """int64 ms (NaN for missing) -> timestamp[ms], vectorised."""
    s = pd.Series(ms, dtype="float64")
    return pa.array(s.fillna(0).astype("int64").to_numpy(), mask=s.isna().to_numpy()).cast(pa.timestamp("ms"))


class CoordinationDetector:
    """Find accounts that repeatedly act alike, faster than chance allows.

    Parameters
    ----------
    types: action types to analyse (see ``actions.ACTION_TYPES``). co-domain and
        co-mention are off by default: weak, popular targets.
    windows: seconds per type overriding ``pairs.DEFAULT_WINDOWS_S``.
    max_neighbors: cap K on the later actions each action is paired with inside a target.
    alpha: false-discovery rate of the Benjamini-Hochberg step.
    min_text_chars: shortest normalised text that counts as a co-post target.
    resolution: Leiden (RB configuration) resolution.
    min_community_size: smallest community whose members can be flagged.
    min_partners: significant partners an account needs to be flagged (1: membership of a
        community of min_community_size is already a group; tuned on IRA + Twitter15).
    evidence_pairs: post pairs kept per edge as evidence.
    all_edges: keep every observed edge in ``edges_`` (slow on large data: every edge
        then leaves the engine) instead of only the edges Benjamini-Hochberg could reject
        (p <= n_edges * alpha / m, see ``significance.kept_sql``); the significant
        edges, communities and accounts are the same either way.
    random_state: Leiden seed.
    """

    def __init__(self, types=DEFAULT_TYPES, windows=None, max_neighbors: int = 30, alpha: float = 0.01,
                 min_text_chars: int = 20, resolution: float = 1.0, min_community_size: int = 3,
                 min_partners: int = 1, evidence_pairs: int = 10, all_edges: bool = False,
                 random_state: int = 0):
        self.types = tuple(types)
        self.windows = dict(windows or {})
        self.max_neighbors = max_neighbors
        self.alpha = alpha
        self.min_text_chars = min_text_chars
        self.resolution = resolution
        self.min_community_size = min_community_size
        self.min_partners = min_partners
        self.evidence_pairs = evidence_pairs
        self.all_edges = bool(all_edges)
        self.random_state = random_state

    def get_params(self) -> dict:
        return {
            "types": list(self.types), "windows": self.effective_windows(),
            "max_neighbors": self.max_neighbors, "alpha": self.alpha,
            "min_text_chars": self.min_text_chars, "resolution": self.resolution,
            "min_community_size": self.min_community_size, "min_partners": self.min_partners,
            "evidence_pairs": self.evidence_pairs, "all_edges": self.all_edges,
            "random_state": self.random_state,
        }

    def effective_windows(self) -> dict[str, float]:
        w = {t: float(P.DEFAULT_WINDOWS_S[t]) for t in self.types}
        for t, s in self.windows.items():
            if t not in ACTION_TYPES:
                raise ParameterError(f"window for unknown action type '{t}': choose from {', '.join(ACTION_TYPES)}")
            if float(s) < 0:
                raise ParameterError(f"window for {t} must be >= 0 seconds, got {s}")
            if t in self.types:
                w[t] = float(s)
        return w

    def _validate(self) -> None:
        for t in self.types:
            if t not in ACTION_TYPES:
                raise ParameterError(f"unknown action type '{t}': choose from {', '.join(ACTION_TYPES)}")
        if not 0 < self.alpha < 1:
            raise ParameterError(f"alpha must be in (0, 1), got {self.alpha}")
        if int(self.max_neighbors) < 1:
            raise ParameterError("max_neighbors must be at least 1")

    # -- the set-based part ---------------------------------------------------------
    def fit(self, store=None, engine=None) -> "CoordinationDetector":
        """Compute the three result tables (``edges_``, ``accounts_``, ``communities_``,
        Arrow). ``engine``: an Engine, an engine name, or None for the default."""
        from ...engine import Engine, get_engine

        self._validate()
        own = not isinstance(engine, Engine)
        eng = engine if not own else get_engine(engine, store=store)
        self.engine_name_ = eng.name
        self.started_at_ = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        try:
            self._fit(eng)
        finally:
            for name in _TMP:
                eng.drop(name)
            if own:
                eng.close()
        return self

    def _fit(self, eng) -> None:
        windows = self.effective_windows()
        note(f"coordination: deriving actions ({', '.join(self.types)})")
        eng.materialize("coord_actions", actions_sql(self.types, min_text_chars=self.min_text_chars))
        eng.materialize("coord_acc", P.accounts_sql("coord_actions"))
        eng.materialize("coord_tgt", P.targets_sql("coord_actions"))
        one_per_post = set(self.types) <= {"co-repost", "co-reply"}
        if not one_per_post:
            eng.materialize("coord_nact", "SELECT account_id, count(DISTINCT post_id) AS n_actions "
                                          "FROM coord_actions GROUP BY account_id")
        eng.materialize("coord_ranked", P.ranked_sql("coord_actions", "coord_acc", "coord_tgt", windows))
        eng.drop("coord_actions")  # everything below reads the ranked actions
        eng.materialize("coord_astats", S.account_stats_sql("coord_ranked", "coord_acc"))
        eng.register("coord_offsets", P.offsets_table(self.max_neighbors))
        note("coordination: windowed pairs -> edges")
        eng.materialize("coord_edges", P.edges_sql("coord_ranked", "coord_offsets", windows))
        eng.materialize("coord_totals", S.type_totals_sql("coord_astats", "coord_edges"))
        # Significance (exact p, BH, decision) on the engine: only the significant edges,
        # the reduced graph, come to pandas.
        eng.materialize("coord_cand", S.candidates_sql("coord_edges", "coord_astats", "coord_totals", self.alpha,
                                                       keep_all=self.all_edges))
        eng.register("coord_lnfact", S.lnfact_table(eng.sql(S.terms_bound_sql("coord_cand")).column(0)[0].as_py()))
        eng.materialize("coord_kept", S.kept_sql("coord_cand", "coord_lnfact", self.alpha, keep_all=self.all_edges))
        eng.drop("coord_cand")
        eng.drop("coord_lnfact")
        self.n_actions_ = int(eng.sql("SELECT coalesce(sum(n_actions), 0) AS n FROM coord_totals")
                              .column(0)[0].as_py())
        eng.materialize("coord_sig", "SELECT action_type, u, v, ua, va, weight FROM coord_kept WHERE significant")
        sig_t = eng.sql("SELECT * FROM coord_sig ORDER BY action_type, ua, va")
        note(f"coordination: {sig_t.num_rows:,} significant edges, communities")
        sig = sig_t.to_pandas().rename(columns={"u": "u_id", "v": "v_id", "ua": "u", "va": "v"})
        members = leiden_membership(sig[["u", "v", "weight"]], resolution=self.resolution,
                                    random_state=self.random_state)
        sizes = members.groupby("community_id").size()
        members["community_size"] = members["community_id"].map(sizes).fillna(0).astype("int64")
        eng.register("coord_members", pa.Table.from_pandas(members, preserve_index=False))
        eng.materialize("coord_kpairs", P.kept_pairs_sql("coord_ranked", "coord_offsets", windows, "coord_kept"))
        self.accounts_ = COORDINATION_ACCOUNTS.conform(eng.sql(self._accounts_sql(one_per_post)))
        eng.materialize("coord_evidence", P.evidence_sql("coord_kpairs", self.evidence_pairs))
        self.edges_ = COACTION_EDGES.conform(eng.sql(P.final_edges_sql("coord_kept", "coord_evidence")))
        ev = eng.sql("SELECT action_type, u, v, first_ms, last_ms FROM coord_evidence").to_pandas()
        sig = sig.merge(ev.rename(columns={"u": "u_id", "v": "v_id"}), on=["action_type", "u_id", "v_id"], how="left")
        self.communities_ = self._communities_table(eng, sig, members)

    def _accounts_sql(self, one_per_post: bool) -> str:
        # score: share of the account's posts (of the analysed types) that are co-actions
        # on a significant edge, distinct posts on both sides. Rows: every account with
        # an observed edge (kept or not). A post has one parent and is a repost or a reply,
        # so for those types its actions are its posts (no distinct count needed).
        nact = ("SELECT account_id, sum(n_u) AS n_actions FROM coord_astats GROUP BY account_id"
                if one_per_post else "SELECT * FROM coord_nact")
        return f"""
WITH n AS ({nact}),
sp AS (SELECT s.ua AS account_id, p.post_u AS post_id FROM coord_kpairs AS p JOIN coord_sig AS s
              ON p.action_type = s.action_type AND p.u = s.u AND p.v = s.v
            UNION
            SELECT s.va AS account_id, p.post_v AS post_id FROM coord_kpairs AS p JOIN coord_sig AS s
              ON p.action_type = s.action_type AND p.u = s.u AND p.v = s.v),
c AS (SELECT account_id, count(DISTINCT post_id) AS n_coord FROM sp GROUP BY account_id),
e AS (SELECT DISTINCT s.account_id FROM (SELECT u AS aid FROM coord_edges UNION SELECT v AS aid FROM coord_edges) AS x
      JOIN coord_astats AS s ON s.aid = x.aid),
pw AS (SELECT a, p, sum(w) AS w FROM (
         SELECT ua AS a, va AS p, weight AS w FROM coord_sig
         UNION ALL SELECT va AS a, ua AS p, weight AS w FROM coord_sig) AS x
       GROUP BY a, p),
pr AS (SELECT a, p, count(*) OVER (PARTITION BY a) AS n_partners,
              row_number() OVER (PARTITION BY a ORDER BY w DESC, p) AS r FROM pw),
top AS (SELECT a, min(n_partners) AS n_partners, list(p ORDER BY r) AS partners
        FROM pr WHERE r <= 5 GROUP BY a)
SELECT e.account_id, m.community_id,
       least(1.0, CAST(coalesce(c.n_coord, 0) AS DOUBLE) / greatest(n.n_actions, 1)) AS coordination_score,
       (coalesce(m.community_size, 0) >= {int(self.min_community_size)}
        AND coalesce(top.n_partners, 0) >= {int(self.min_partners)}) AS flagged,
       n.n_actions, coalesce(top.n_partners, 0) AS n_partners,
       CASE WHEN top.partners IS NULL THEN [] ELSE top.partners END AS strongest_partners
FROM e JOIN n ON n.account_id = e.account_id
LEFT JOIN c ON c.account_id = e.account_id
LEFT JOIN coord_members AS m ON m.account_id = e.account_id
LEFT JOIN top ON top.a = e.account_id
ORDER BY e.account_id
"""

    def _communities_table(self, eng, sig: pd.DataFrame, members: pd.DataFrame) -> pa.Table:
        if members.empty:
            return COORDINATION_COMMUNITIES.empty()
        cm = dict(zip(members["account_id"], members["community_id"]))
        inside = sig.assign(cu=sig["u"].map(cm), cv=sig["v"].map(cm))
        inside = inside[inside["cu"] == inside["cv"]]
        sizes = members.groupby("community_id").size()
        pairs_in = inside.drop_duplicates(["u", "v"]).groupby("cu").size()
        types = (inside.groupby(["cu", "action_type"]).size().reset_index(name="n")
                 .sort_values(["cu", "n", "action_type"], ascending=[True, False, True], kind="stable")
                 .groupby("cu")["action_type"].agg(list))
        span = inside.groupby("cu").agg(first=("first_ms", "min"), last=("last_ms", "max"))
        top = eng.sql("""
SELECT community_id, action_type || ':' || target AS t FROM (
  SELECT c.community_id, c.action_type, g.target, c.n,
         row_number() OVER (PARTITION BY c.community_id ORDER BY c.n DESC, c.action_type, g.target) AS r
  FROM (SELECT mu.community_id, p.action_type, p.tid, count(*) AS n
        FROM (SELECT DISTINCT action_type, u, v, tid FROM coord_kpairs) AS p
        JOIN coord_sig AS s ON p.action_type = s.action_type AND p.u = s.u AND p.v = s.v
        JOIN coord_members AS mu ON mu.account_id = s.ua
        JOIN coord_members AS mv ON mv.account_id = s.va
        WHERE mu.community_id = mv.community_id
        GROUP BY mu.community_id, p.action_type, p.tid) AS c
  JOIN coord_tgt AS g ON g.tid = c.tid) AS x
WHERE r <= 5 ORDER BY community_id, r""").to_pandas()
        tops = top.groupby("community_id")["t"].agg(list)
        ids = sizes.index.to_numpy()
        size = sizes.to_numpy()
        n_edges = np.array([int(pairs_in.get(c, 0)) for c in ids])
        dens = np.where(size > 1, n_edges / np.maximum(size * (size - 1) / 2.0, 1), 0.0)
        first = [span["first"].get(c) for c in ids]
        last = [span["last"].get(c) for c in ids]
        return pa.table({
            "community_id": pa.array(ids, pa.int64()), "size": pa.array(size, pa.int64()),
            "n_edges": pa.array(n_edges, pa.int64()), "density": pa.array(dens, pa.float64()),
            "action_types": pa.array([types.get(c, []) for c in ids], pa.list_(pa.string())),
            "top_targets": pa.array([tops.get(c, []) for c in ids], pa.list_(pa.string())),
            "first_time": _ms_to_ts(first), "last_time": _ms_to_ts(last),
            "flagged": pa.array(size >= self.min_community_size, pa.bool_()),
        })

    # -- output ---------------------------------------------------------------------
    def write(self, store) -> str:
        """Write the three tables into ``store`` and record the run."""
        return write_tables(self, store)

    def dataframes(self) -> dict[str, pd.DataFrame]:
        return {"coaction_edges": self.edges_.to_pandas(), "coordination_accounts": self.accounts_.to_pandas(),
                "coordination_communities": self.communities_.to_pandas()}
