"""CooRTweetDetector: CooRTweet's semantics on a faisceau store, same result tables.

The object is one action type's target (co-repost: the reposted post id, as the
``coortweet`` adapter maps CooRTweet's object_id to parent_post_id). Row order, which
decides only the orientation of simultaneous pairs, is the ingest order
(source_file, record_no).
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow as pa

from ...errors import ParameterError
from . import coortweet as ct
from .actions import ACTION_TYPES, actions_sql
from .communities import leiden_membership, strongest_partners
from .tables import write_tables



class CooRTweetDetector:
    """detect_groups(time_window, min_participation) + generate_coordinated_network(edge_weight),
    then Leiden (seeded) on the edges above the weight threshold."""

    def __init__(self, object_type: str = "co-repost", time_window: float = 10, min_participation: int = 2,
                 edge_weight: float = 0.5, min_text_chars: int = 20, resolution: float = 1.0,
                 min_community_size: int = 3, random_state: int = 0):
        self.object_type = object_type
        self.time_window = time_window
        self.min_participation = min_participation
        self.edge_weight = edge_weight
        self.min_text_chars = min_text_chars
        self.resolution = resolution
        self.min_community_size = min_community_size
        self.random_state = random_state

    def get_params(self) -> dict:
        return {"mode": "coortweet", "object_type": self.object_type, "time_window": self.time_window,
                "min_participation": self.min_participation, "edge_weight": self.edge_weight,
                "min_text_chars": self.min_text_chars, "resolution": self.resolution,
                "min_community_size": self.min_community_size, "random_state": self.random_state}

    def fit(self, store=None, engine=None) -> "CooRTweetDetector":
        from ...engine import Engine, get_engine

        if self.object_type not in ACTION_TYPES:
            raise ParameterError(f"unknown object type '{self.object_type}': choose from {', '.join(ACTION_TYPES)}")
        if not 0 <= self.edge_weight <= 1:
            raise ParameterError("edge_weight must be between 0 and 1")
        own = not isinstance(engine, Engine)
        eng = engine if not own else get_engine(engine, store=store)
        self.engine_name_ = eng.name
        self.started_at_ = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        src = actions_sql([self.object_type], min_text_chars=self.min_text_chars, with_order=True)
        try:
            eng.materialize("ct_input", f"""
SELECT target AS object_id, account_id, post_id AS content_id, t_ms / 1000.0 AS timestamp_share,
       row_number() OVER (ORDER BY source_file, record_no, post_id) AS ord
FROM ({src}) AS a""")
            self.groups_ = ct.detect_groups(eng, "ct_input", self.time_window, self.min_participation)
            self.network_ = ct.generate_coordinated_network(eng, self.groups_, self.edge_weight)
        finally:
            eng.drop("ct_input")
            if own:
                eng.close()
        self._tables()
        return self

    def _tables(self) -> None:
        net = self.network_.to_pandas()
        g = self.groups_.to_pandas()
        g["u"] = g[["account_id", "account_id_y"]].min(axis=1)
        g["v"] = g[["account_id", "account_id_y"]].max(axis=1)
        g = g.sort_values(["u", "v", "time_delta", "content_id", "content_id_y"], kind="stable")
        g["item"] = g["content_id"] + " " + g["content_id_y"] + " " + g["time_delta"].map("{:g}".format)
        ev = g.groupby(["u", "v"])["item"].agg(lambda s: list(s.iloc[:10]))
        net = net.rename(columns={"from": "u", "to": "v"})
        net["evidence"] = [ev.get((a, b), []) for a, b in zip(net["u"], net["v"])]
        net["significant"] = net["weight_threshold"] == 1
        n = len(net)
        self.edges_ = pa.table({
            "u": pa.array(net["u"], pa.string()), "v": pa.array(net["v"], pa.string()),
            "action_type": pa.array([self.object_type] * n, pa.string()),
            "weight": pa.array(net["weight"], pa.int64()),
            "expected": pa.nulls(n, pa.float64()), "p_value": pa.nulls(n, pa.float64()),
            "q_value": pa.nulls(n, pa.float64()),
            "significant": pa.array(net["significant"], pa.bool_()),
            "median_dt_s": pa.array(net["avg_time_delta"], pa.float64()),
            "first_time": pa.nulls(n, pa.timestamp("ms")), "last_time": pa.nulls(n, pa.timestamp("ms")),
            "evidence": pa.array(list(net["evidence"]), pa.list_(pa.string())),
        })
        sig = net[net["significant"]][["u", "v", "weight"]].assign(action_type=self.object_type)
        members = leiden_membership(sig, resolution=self.resolution, random_state=self.random_state)
        accounts = pd.DataFrame({"account_id": ct.nodes(self.network_)})
        per = pd.concat([g[["account_id", "content_id"]],
                         g[["account_id_y", "content_id_y"]].set_axis(["account_id", "content_id"], axis=1)])
        n_coord = per.drop_duplicates().groupby("account_id").size().rename("n_actions")
        accounts = accounts.merge(n_coord, left_on="account_id", right_index=True, how="left")
        accounts = accounts.merge(members, on="account_id", how="left")
        accounts = accounts.merge(strongest_partners(sig), on="account_id", how="left")
        accounts["n_partners"] = accounts["n_partners"].fillna(0).astype("int64")
        sizes = members.groupby("community_id").size()
        csize = accounts["community_id"].map(sizes).fillna(0)
        flagged = (csize >= self.min_community_size).to_numpy()
        self.accounts_ = pa.table({
            "account_id": pa.array(accounts["account_id"], pa.string()),
            "community_id": pa.array([None if pd.isna(x) else int(x) for x in accounts["community_id"]], pa.int64()),
            # CooRTweet has no per-account score: share of its edges above the threshold.
            "coordination_score": pa.array(self._edge_share(net, accounts["account_id"]), pa.float64()),
            "flagged": pa.array(flagged, pa.bool_()),
            "n_actions": pa.array(accounts["n_actions"].fillna(0), pa.int64()),
            "n_partners": pa.array(accounts["n_partners"], pa.int64()),
            "strongest_partners": pa.array([x if isinstance(x, list) else [] for x in accounts["strongest_partners"]],
                                           pa.list_(pa.string())),
        })
        cm = dict(zip(members["account_id"], members["community_id"]))
        inside = sig.assign(cu=sig["u"].map(cm), cv=sig["v"].map(cm))
        inside = inside[inside["cu"] == inside["cv"]]
        ids = sizes.index.to_numpy()
        size = sizes.to_numpy()
        ne = inside.groupby("cu").size()
        n_edges = [int(ne.get(c, 0)) for c in ids]
        self.communities_ = pa.table({
            "community_id": pa.array(ids, pa.int64()), "size": pa.array(size, pa.int64()),
            "n_edges": pa.array(n_edges, pa.int64()),
            "density": pa.array([e / max(s * (s - 1) / 2, 1) for e, s in zip(n_edges, size)], pa.float64()),
            "action_types": pa.array([[self.object_type]] * len(ids), pa.list_(pa.string())),
            "top_targets": pa.array([[] for _ in ids], pa.list_(pa.string())),
            "first_time": pa.nulls(len(ids), pa.timestamp("ms")), "last_time": pa.nulls(len(ids), pa.timestamp("ms")),
            "flagged": pa.array(size >= self.min_community_size, pa.bool_()),
        })

    @staticmethod
    def _edge_share(net: pd.DataFrame, accounts: pd.Series) -> list[float]:
        both = pd.concat([net[["u", "significant"]].rename(columns={"u": "a"}),
                          net[["v", "significant"]].rename(columns={"v": "a"})])
        share = both.groupby("a")["significant"].mean()
        return [float(share.get(a, 0.0)) for a in accounts]

    def write(self, store) -> str:
        return write_tables(self, store)

    def dataframes(self) -> dict[str, pd.DataFrame]:
        return {"coaction_edges": self.edges_.to_pandas(), "coordination_accounts": self.accounts_.to_pandas(),
                "coordination_communities": self.communities_.to_pandas(),
                "coortweet_groups": self.groups_.to_pandas()}
