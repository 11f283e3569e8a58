"""The ingest framework: transactions, de-duplication, accounting, sniffing, API."""
from __future__ import annotations

import shutil

import pytest

import faisceau
from shared_paths import TEST_DATA
from faisceau.errors import FaisceauError, InputError, UnknownFormatError
from faisceau.ingest import ingest

PAGES = TEST_DATA / "twarc2_pages.jsonl"


def counts(store):
    return {t: store.count(t) for t in ("posts", "accounts", "quarantine")}


def test_public_api_is_faisceau_ingest(tmp_path):
    [s] = faisceau.ingest([PAGES], store=tmp_path / "s.duckdb")
    assert s.stored == 8
    with faisceau.Store(tmp_path / "s.duckdb") as st:
        assert st.count("posts") == 8 and st.count("ingest_log") == 1


def test_reingest_adds_nothing(store):
    ingest([PAGES], store=store)
    before = counts(store)
    [s] = ingest([PAGES], store=store)
    assert (s.stored, s.duplicates, s.accounts_stored) == (0, s.read, 0)
    assert counts(store) == before


def test_duplicates_across_files_are_counted(store, tmp_path):
    copy = tmp_path / "copy.jsonl"
    shutil.copy(PAGES, copy)
    a, b = ingest([PAGES, copy], store=store)
    assert b.stored == 0 and b.duplicates == b.read == a.read
    log = store.query("SELECT rows_read, rows_stored, duplicates, quarantined FROM ingest_log ORDER BY started_at").to_pylist()
    for row in log:
        assert row["rows_read"] == row["rows_stored"] + row["duplicates"] + row["quarantined"]


def test_failed_file_leaves_store_untouched(store, tmp_path, monkeypatch):
    ingest([PAGES], store=store)
    before = counts(store)
    from faisceau.ingest import twarc2

    calls = {"n": 0}
    real = twarc2.parse_tweet

    def boom(*a, **k):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk on fire")
        return real(*a, **k)

    monkeypatch.setattr(twarc2, "parse_tweet", boom)
    other = tmp_path / "other.jsonl"
    other.write_text(PAGES.read_text().replace("16841500", "16841599"))
    with pytest.raises(RuntimeError):
        ingest([other], store=store, batch_rows=1)  # batches already staged when it fails
    assert counts(store) == before
    assert store.count("ingest_log") == 1
    assert not any(t.startswith("_ingest_stage") for t in store.tables())


def test_accounting_mismatch_is_refused(store, monkeypatch):
    from faisceau.ingest import base

    real = base.Sink.read
    monkeypatch.setattr(base.Sink, "read", lambda self, n=1: real(self, n + 1))
    with pytest.raises(FaisceauError, match="read .* != stored"):
        ingest([PAGES], store=store)
    assert store.count("posts") == 0


def test_unknown_format_names_the_file(store, tmp_path):
    f = tmp_path / "notes.txt"
    f.write_text("just some words\nand more words\n")
    with pytest.raises(UnknownFormatError, match="notes.txt"):
        ingest([f], store=store)


def test_missing_file_is_fatal(store, tmp_path):
    with pytest.raises(InputError, match="nope.jsonl: no such file"):
        ingest([tmp_path / "nope.jsonl"], store=store)


@pytest.mark.parametrize("name,expected", [
    ("twarc2_pages.jsonl", "twarc2"), ("twarc2_flat.jsonl", "twarc2"), ("x_v2_lookup.json", "x-v2"),
    ("coortweet_sample.csv", "coortweet"), ("ira538_sample.csv", "ira538"),
])
def test_sniffing(name, expected):
    from faisceau.ingest.registry import detect_format, sniff_file

    p = TEST_DATA / name
    assert detect_format(p, sniff_file(p)) == expected
