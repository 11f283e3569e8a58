"""Ingest into a canonical Parquet dataset: both engines give the store's rows."""
from __future__ import annotations

import datetime as dt

import pyarrow.parquet as pq
import pytest

from faisceau.engine.compare import differences
from faisceau.engine.dataset import ingest_dataset
from faisceau.engine.duckdb_engine import DuckDBEngine
from faisceau.schema import ACCOUNTS, POSTS
from shared_paths import TEST_DATA

FILES = ["ira538_sample.csv", "coortweet_sample.csv", "twarc2_flat.jsonl", "twarc2_pages.jsonl", "ira538_sample.csv"]


def _rows_without_ingest_time(eng, table):
    cols = ", ".join(c for c in table.column_names if c != "ingested_at")
    return eng.sql(f"SELECT {cols} FROM {table.name}")


def test_adapters_give_the_store_rows(make_engine, store, tmp_path):
    """The adapters run where the engine runs them (Spark: on executors, one task per file)
    and the dataset holds exactly what `faisceau ingest` puts in a store."""
    from faisceau import ingest

    files = [str(TEST_DATA / f) for f in FILES]
    ref = ingest(files, store=store)
    log = ingest_dataset(make_engine(), files, str(tmp_path / "ds"), format="auto").to_pylist()
    assert [(r["rows_read"], r["rows_stored"], r["duplicates"], r["quarantined"], r["accounts_stored"]) for r in log] \
        == [(s.read, s.stored, s.duplicates, s.quarantined, s.accounts_stored) for s in ref]
    assert log[-1]["duplicates"] == log[-1]["rows_read"] > 0  # the same file twice adds nothing
    with DuckDBEngine(parquet=str(tmp_path / "ds")) as ds, DuckDBEngine(store=store) as st:
        for table in (POSTS, ACCOUNTS):
            assert differences(_rows_without_ingest_time(st, table), _rows_without_ingest_time(ds, table)) is None


def test_canonical_parquet_is_conformed_and_deduplicated(make_engine, tmp_path):
    import pyarrow as pa

    t0 = dt.datetime(2023, 7, 26, 10)
    a = pa.table({"platform": ["x", "x", "x"], "post_id": ["1", "2", "1"], "account_id": ["u", "v", "u"],
                  "created_at": pa.array([t0, t0, t0], pa.timestamp("us")), "kind": ["post"] * 3,
                  "hashtags": [["a"], None, ["b"]], "views": pa.array([1, 2, 3], pa.int32())})
    b = pa.table({"platform": ["x", "x"], "post_id": ["2", "3"], "account_id": ["v", "w"],
                  "created_at": pa.array([t0, t0], pa.timestamp("us")), "kind": ["post", "repost"]})
    accs = pa.table({"platform": ["x"], "account_id": ["u"], "handle": ["U"],
                     "observed_at": pa.array([t0], pa.timestamp("us"))})
    for name, t in (("a", a), ("b", b), ("acc", accs)):
        pq.write_table(t, tmp_path / f"{name}.parquet")
    log = ingest_dataset(make_engine(), [str(tmp_path / "a.parquet"), str(tmp_path / "b.parquet")],
                         str(tmp_path / "ds"), accounts=[str(tmp_path / "acc.parquet")]).to_pylist()
    assert [(r["rows_read"], r["rows_stored"], r["duplicates"]) for r in log] == [(3, 2, 1), (2, 1, 1)]
    with DuckDBEngine(parquet=str(tmp_path / "ds")) as ds:
        got = ds.sql("SELECT post_id, hashtags, views, source_file, record_no FROM posts ORDER BY post_id").to_pylist()
        assert [(r["post_id"], r["hashtags"], r["views"], r["record_no"]) for r in got] == [
            ("1", ["a"], 1, 1), ("2", [], 2, 2), ("3", [], None, 2)]
        assert got[2]["source_file"].endswith("b.parquet")
        assert ds.sql("SELECT handle FROM accounts").column(0).to_pylist() == ["U"]
        assert [f.name for f in ds.sql("SELECT * FROM posts").schema] == POSTS.column_names


def test_nothing_to_ingest_is_an_error(make_engine, tmp_path):
    from faisceau.errors import InputError

    with pytest.raises(InputError):
        ingest_dataset(make_engine(), [], str(tmp_path / "ds"))


def test_cli_dataset_then_coordination_on_it(engine_name, tmp_path, monkeypatch, request):
    """End to end: a corpus ingested into a dataset, then analysed from it by the same
    detector, results written to a (small) store."""
    from click.testing import CliRunner

    from faisceau.cli import cli

    if engine_name == "spark":
        request.getfixturevalue("spark")  # the session-wide local[2] session
    ds = str(tmp_path / "ds")
    runner = CliRunner()
    res = runner.invoke(cli, ["dataset", "ingest", str(TEST_DATA / "coortweet_sample.csv"), "--format", "auto",
                              "--out", ds, "--engine", engine_name])
    assert res.exit_code == 0, res.output
    assert "stored 3" in res.output
    monkeypatch.setenv("FAISCEAU_PARQUET", ds)
    store = str(tmp_path / "results.duckdb")
    res = runner.invoke(cli, ["coordination", "--store", store, "--engine", engine_name, "--mode", "coortweet",
                              "--time-window", "60", "--min-participation", "1"])
    assert res.exit_code == 0, res.output
    from faisceau.store import Store

    with Store(store, read_only=True) as st:
        assert st.count("posts") == 0  # the store only holds results; the posts stayed in the dataset
        assert st.runs("coordination")[-1]["engine"] == engine_name
