"""Done-when of the coordination issue: on the simulator's boycott scenario (default scale:
~27,000 organic posts; the operation is ~6 % of them), the 91
operation accounts come out as one flagged community or a few, with no organic account."""
from __future__ import annotations

import pyarrow.parquet as pq

from faisceau.detect.coordination import CoordinationDetector
from faisceau.schema import POSTS
from faisceau.simulate import generate


def test_boycott_operation_is_a_few_pure_flagged_communities(store, tmp_path):
    truth = generate(scenario="boycott-paris-2024", out=tmp_path / "b.parquet", fmt="parquet",
                     truth=tmp_path / "truth.json", seed=0)
    ops = truth.op_account_ids()
    assert len(ops) == 91
    store.append(POSTS, pq.read_table(tmp_path / "b.parquet"))
    acc = CoordinationDetector().fit(store).accounts_.to_pandas()
    acc["op"] = acc["account_id"].isin(ops)
    flagged = acc[acc["flagged"]]
    # no organic account flagged, and none in a community holding operation accounts
    assert not (~flagged["op"]).any()
    op_communities = set(acc.loc[acc["op"] & acc["community_id"].notna(), "community_id"])
    mixed = acc[acc["community_id"].isin(op_communities) & ~acc["op"]]
    assert mixed.empty
    # the amplifiers (89 of 91: the two seeds post originals, they co-act with nobody)
    assert flagged["op"].sum() >= 85
    assert len(set(flagged["community_id"])) <= 8
