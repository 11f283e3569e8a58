from __future__ import annotations

import datetime as dt
import json
import time

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from shared_paths import TEST_DATA, shared_data
from faisceau.ingest import ingest


def test_ira538_csv_release(store):
    [s] = ingest([TEST_DATA / "ira538_sample.csv"], store=store)
    assert (s.format, s.read, s.stored, s.quarantined) == ("ira538", 4, 4, 0)
    p = {r["post_id"]: r for r in store.table("posts").to_pylist()}
    first = p["914580356430536707"]  # the release's tweet_id is used when present
    assert first["account_id"] == "10_GOP" and first["kind"] == "post" and first["lang"] == "en"
    assert first["created_at"] == dt.datetime(2017, 10, 1, 19, 58)  # M/D/YYYY H:MM, UTC
    assert first["mentions"] == ["nedryun"] and first["urls"] == ["https://t.co/gh6g0D1oiC"]
    assert first["parent_post_id"] is None
    rt = p["765922001396711424"]
    assert rt["kind"] == "repost" and rt["parent_post_id"] is None
    assert rt["hashtags"] == ["blacklivesmatter", "staywoke"]
    q = p["765923007866269696"]
    assert q["kind"] == "quote" and q["lang"] == "ru" and "🇷🇺" in q["text"]
    acc = [a for a in store.table("accounts").to_pylist() if a["account_id"] == "AANTIRACIST"]
    attrs = json.loads(acc[0]["attributes"])
    assert attrs["account_category"] == "LeftTroll" and attrs["account_type"] == "LeftTroll"
    assert attrs["region"] == "United States" and attrs["new_june_2018"] == "0"
    assert attrs["external_author_id"] == "2240000000" and attrs["updates"] == 2413
    assert acc[0]["followers"] == 6981 and acc[0]["following"] == 3150
    assert acc[0]["observed_at"] == dt.datetime(2016, 8, 17, 13, 2)


def test_ira538_parquet_derived_ids(store, tmp_path):
    t = pa.table({
        "author_id": ["A", "A", "A", "B"],
        "content": ["same text", "same text", "other", "same text"],
        "publish_date": pa.array([dt.datetime(2016, 1, 1, 12, 0)] * 4, pa.timestamp("us")),
        "harvested_date": ["2016-01-01 12:01:00"] * 4,
        "language": ["English"] * 4, "region": ["United States"] * 4,
        "following": [1, 1, 1, 2], "followers": [3, 3, 3, 4], "updates": [5, 6, 7, 8],
        "post_type": [None, "R", None, None], "retweet": [0, 1, 0, 0],
        "external_author_id": ["1", "1", "1", "2"], "account_type": ["Right"] * 4,
        "account_category": ["RightTroll"] * 4, "new_june_2018": ["0"] * 4,
    })
    f = tmp_path / "ira.parquet"
    pq.write_table(t, f)
    [s] = ingest([f], store=store)
    assert (s.format, s.stored, s.duplicates) == ("ira538", 4, 0)  # same text twice in a minute: 2 posts
    ids = store.query("SELECT post_id FROM posts ORDER BY record_no").column("post_id").to_pylist()
    assert len(set(ids)) == 4 and all(i.startswith("ira538:") for i in ids)
    [again] = ingest([f], store=store)
    assert again.stored == 0 and again.duplicates == 4  # deterministic ids


@pytest.mark.slow
def test_ira_dev_parquet_all_rows(store):
    p = shared_data("ira/ira_dev.parquet")
    t0 = time.perf_counter()
    [s] = ingest([p], store=store, format="ira538")
    print(f"ira_dev: {s.read:,} rows in {time.perf_counter() - t0:.1f}s")
    assert (s.read, s.stored, s.quarantined) == (708_554, 708_554, 0)
    cats = store.query(
        "SELECT count(DISTINCT account_id) AS n, count(DISTINCT json_extract_string(attributes, '$.account_category')) AS c "
        "FROM accounts").to_pylist()[0]
    assert cats["n"] == 813 and cats["c"] >= 7
