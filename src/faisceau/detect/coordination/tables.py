"""Result tables of the coordination stage, declared once (see schema.Table)."""
from __future__ import annotations

import pyarrow as pa

from ...schema import TS, Column, Table, register_result_table

STAGE = "coordination"  # the stage name recorded in the store's runs table

COACTION_EDGES = register_result_table(
    Table(
        "coaction_edges",
        "One row per (account pair, action type) that co-acted within the type's window. "
        "Key: (u, v, action_type); u < v.",
        (
            Column("u", pa.string(), "account id, the smaller of the pair"),
            Column("v", pa.string(), "account id, the larger of the pair"),
            Column("action_type", pa.string(), "co-repost | co-post | co-link | co-domain | co-reply | co-hashtag | co-mention | co-media (CooRTweet mode: the object name)"),
            Column("weight", pa.int64(), "distinct targets on which the pair co-acted within the window (CooRTweet mode: its pair-row count)"),
            Column("expected", pa.float64(), "co-actions expected for the pair under the null model; NULL in CooRTweet mode"),
            Column("p_value", pa.float64(), "Poisson P(X >= weight | expected); NULL in CooRTweet mode"),
            Column("q_value", pa.float64(), "Benjamini-Hochberg adjusted p-value over all possible pairs of the type"),
            Column("significant", pa.bool_(), "q_value <= alpha (CooRTweet mode: weight above the edge_weight quantile)"),
            Column("median_dt_s", pa.float64(), "median seconds between the paired posts (CooRTweet mode: mean)"),
            Column("first_time", pa.timestamp("ms"), "earliest post of the co-actions"),
            Column("last_time", pa.timestamp("ms"), "latest post of the co-actions"),
            Column("evidence", pa.list_(pa.string()), "up to evidence_pairs 'post_u post_v dt_s' triples, closest in time first"),
        ),
        key=("u", "v", "action_type"),
    )
)

COORDINATION_ACCOUNTS = register_result_table(
    Table(
        "coordination_accounts",
        "One row per account with at least one co-action edge.",
        (
            Column("account_id", pa.string(), ""),
            Column("community_id", pa.int64(), "Leiden community on significant edges; NULL if the account has none"),
            Column("coordination_score", pa.float64(), "0-1: share of the account's actions (of the analysed types) that are co-actions on significant edges"),
            Column("flagged", pa.bool_(), "member of a flagged community with at least min_partners significant partners"),
            Column("n_actions", pa.int64(), "actions of the analysed types"),
            Column("n_partners", pa.int64(), "accounts linked by a significant edge"),
            Column("strongest_partners", pa.list_(pa.string()), "up to 5 partners, heaviest significant edges first"),
        ),
        key=("account_id",),
    )
)

COORDINATION_COMMUNITIES = register_result_table(
    Table(
        "coordination_communities",
        "One row per Leiden community of the significant co-action graph.",
        (
            Column("community_id", pa.int64(), "0 = largest community"),
            Column("size", pa.int64(), "accounts"),
            Column("n_edges", pa.int64(), "significant account pairs inside"),
            Column("density", pa.float64(), "n_edges / (size * (size - 1) / 2)"),
            Column("action_types", pa.list_(pa.string()), "types of the inside edges, most frequent first"),
            Column("top_targets", pa.list_(pa.string()), "up to 5 targets most co-acted on inside (type:target)"),
            Column("first_time", TS, ""),
            Column("last_time", TS, ""),
            Column("flagged", pa.bool_(), "size >= min_community_size"),
        ),
        key=("community_id",),
    )
)

RESULT_TABLES = (COACTION_EDGES, COORDINATION_ACCOUNTS, COORDINATION_COMMUNITIES)


def write_tables(detector, store) -> str:
    """Write a fitted detector's three tables (``edges_``, ``accounts_``, ``communities_``)
    into ``store`` in one transaction and record the run with its parameters. Shared by the
    default and the CooRTweet-compatible detectors, which produce the same tables."""
    return store.write_results(
        {t.name: (t, getattr(detector, attr)) for t, attr in
         ((COACTION_EDGES, "edges_"), (COORDINATION_ACCOUNTS, "accounts_"),
          (COORDINATION_COMMUNITIES, "communities_"))},
        stage=STAGE, params=detector.get_params(), engine=detector.engine_name_,
        started_at=detector.started_at_,
    )
