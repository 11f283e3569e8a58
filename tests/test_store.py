from __future__ import annotations

import datetime as dt
import json

import pyarrow as pa
import pytest

from faisceau.errors import MissingTableError, StoreError
from faisceau.schema import POSTS, Column, Table
from faisceau.store import Store

RESULT = Table("demo_result", "a test result table", (Column("a", pa.string(), ""), Column("n", pa.int64(), "")))


def test_core_tables_created(store):
    assert {"posts", "accounts", "quarantine", "ingest_log", "runs"} <= set(store.tables())
    assert store.count("posts") == 0


def test_posts_roundtrip_keeps_types(store):
    rows = [{"platform": "x", "post_id": "1", "account_id": "a", "created_at": dt.datetime(2023, 7, 26, 10, 0, 0, 123000),
             "kind": "post", "hashtags": ["boycottparis2024"],
             "media": [{"media_key": "3_1", "type": "video", "url": None, "duration_ms": 39000, "phash": None}]}]
    store.append(POSTS, POSTS.from_rows(rows))
    t = store.table("posts")
    assert t.schema.field("created_at").type == pa.timestamp("us") or pa.types.is_timestamp(t.schema.field("created_at").type)
    row = t.to_pylist()[0]
    assert row["created_at"] == dt.datetime(2023, 7, 26, 10, 0, 0, 123000)
    assert row["hashtags"] == ["boycottparis2024"]
    assert row["urls"] == []  # lists default to empty, never NULL
    assert row["views"] is None  # unknown metric is NULL, not 0
    assert row["media"][0]["duration_ms"] == 39000


def test_write_result_replaces_and_records_params(store):
    store.write_result(RESULT, pa.table({"a": ["x"], "n": [1]}), stage="demo", params={"window": 10})
    store.write_result(RESULT, pa.table({"a": ["y", "z"], "n": [2, 3]}), stage="demo", params={"window": 20})
    assert store.table("demo_result").column("a").to_pylist() == ["y", "z"]
    runs = store.runs("demo")
    assert [json.loads(r["params"])["window"] for r in runs] == [10, 20]


def test_write_result_is_atomic(store):
    store.write_result(RESULT, pa.table({"a": ["keep"], "n": [1]}), stage="demo")
    bad = pa.table({"a": ["x"], "n": ["not-a-number"]})
    with pytest.raises(Exception):
        store.write_result(RESULT, bad, stage="demo")
    assert store.table("demo_result").column("a").to_pylist() == ["keep"]


def test_missing_table_error_names_tables(store):
    with pytest.raises(MissingTableError, match="available"):
        store.table("nope")


def test_read_only_store_must_exist(tmp_path):
    with pytest.raises(StoreError, match="faisceau ingest"):
        Store(tmp_path / "absent.duckdb", read_only=True)


def test_export_csv_and_parquet(store, tmp_path):
    store.append(POSTS, POSTS.from_rows([{"platform": "x", "post_id": "1", "hashtags": ["a", "b"]}]))
    assert store.export("posts", tmp_path / "p.parquet") == 1
    assert store.export("posts", tmp_path / "p.csv") == 1
    assert '"[""a"",""b""]"' in (tmp_path / "p.csv").read_text()
    with pytest.raises(StoreError, match=".csv or .parquet"):
        store.export("posts", tmp_path / "p.txt")
