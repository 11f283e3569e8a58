from __future__ import annotations

import datetime as dt

import pytest

from shared_paths import TEST_DATA, shared_data
from faisceau.ingest import ingest


def test_coortweet_mapping(store):
    [s] = ingest([TEST_DATA / "coortweet_sample.csv"], store=store)
    assert (s.format, s.read, s.stored) == ("coortweet", 3, 3)
    rows = {r["post_id"]: r for r in store.table("posts").to_pylist()}
    r = rows["60e1901aa670f6c05a2d7f7e74cadaf3"]
    assert r["platform"] == "coortweet" and r["kind"] == "repost"
    assert r["parent_post_id"] == "85d2d12251a735ce05255061f7f231e2"
    assert r["account_id"] == "7d0e462c10d52c4ec1db5af953bf9b26"
    assert r["created_at"] == dt.datetime(2021, 6, 16, 22, 4, 54, 500000)
    assert r["hashtags"] == [] and r["views"] is None


@pytest.mark.slow
def test_russian_coord_tweets(store):
    p = shared_data("coortweet/russian_coord_tweets.parquet")
    [s] = ingest([p], store=store)
    assert s.read == 35_125 and s.quarantined == 0
    assert s.stored + s.duplicates == 35_125
