"""Leiden communities on the reduced graph of significant edges, and account scores.

Only the reduced graph comes to Python: one row per significant account pair.
Community ids are renumbered deterministically (largest first, ties by smallest
account id) so that the same input gives the same ids on any engine.
"""
from __future__ import annotations

import numpy as np
import pandas as pd


def leiden_membership(edges: pd.DataFrame, *, resolution: float = 1.0, random_state: int = 0) -> pd.DataFrame:
    """``edges`` has u, v, weight (one row per pair). Returns account_id, community_id."""
    import igraph as ig
    import leidenalg

    if edges.empty:
        return pd.DataFrame({"account_id": pd.Series([], dtype=object), "community_id": pd.Series([], dtype="int64")})
    e = edges.groupby(["u", "v"], as_index=False)["weight"].sum().sort_values(["u", "v"], kind="stable")
    nodes = np.unique(np.concatenate([e["u"].to_numpy(), e["v"].to_numpy()]))
    index = {a: i for i, a in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=list(zip(e["u"].map(index), e["v"].map(index))), directed=False)
    g.es["weight"] = e["weight"].astype(float).tolist()
    part = leidenalg.find_partition(
        g, leidenalg.RBConfigurationVertexPartition, weights="weight",
        resolution_parameter=resolution, seed=int(random_state), n_iterations=-1,
    )
    raw = np.asarray(part.membership)
    members = pd.DataFrame({"account_id": nodes, "raw": raw})
    order = (
        members.groupby("raw").agg(size=("account_id", "size"), first=("account_id", "min"))
        .reset_index().sort_values(["size", "first"], ascending=[False, True], kind="stable")
    )
    order["community_id"] = np.arange(len(order), dtype="int64")
    members = members.merge(order[["raw", "community_id"]], on="raw")
    return members[["account_id", "community_id"]].sort_values("account_id", kind="stable").reset_index(drop=True)


def strongest_partners(sig: pd.DataFrame, k: int = 5) -> pd.DataFrame:
    """account_id, n_partners, strongest_partners (heaviest first, ties by id)."""
    if sig.empty:
        return pd.DataFrame({"account_id": pd.Series([], dtype=object), "n_partners": pd.Series([], dtype="int64"),
                             "strongest_partners": pd.Series([], dtype=object)})
    pair = sig.groupby(["u", "v"], as_index=False)["weight"].sum()
    both = pd.concat(
        [pair.rename(columns={"u": "account_id", "v": "partner"}),
         pair.rename(columns={"v": "account_id", "u": "partner"})],
        ignore_index=True,
    ).sort_values(["account_id", "weight", "partner"], ascending=[True, False, True], kind="stable")
    grouped = both.groupby("account_id", sort=True)
    return pd.DataFrame({
        "n_partners": grouped.size(),
        "strongest_partners": grouped["partner"].agg(lambda s: list(s.iloc[:k])),
    }).reset_index()
