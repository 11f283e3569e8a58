from __future__ import annotations

import datetime as dt

import pytest

from shared_paths import TEST_DATA
from faisceau.ingest import ingest
from faisceau.ingest.ioarchive import parse_list

HASHED = "5c1d0e2a9b8f7a6e5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a2918f7e6d"


def test_io_archive_every_field(store):
    [s] = ingest([TEST_DATA / "io_archive_sample.csv"], store=store)
    assert (s.format, s.sniffed, s.read, s.stored, s.quarantined) == ("io-archive", True, 4, 4, 0)
    p = {r["post_id"]: r for r in store.table("posts").to_pylist()}
    first = p["1684180000000000001"]
    expected = {
        "platform": "x", "account_id": HASHED, "created_at": dt.datetime(2023, 7, 26, 9, 12), "kind": "post",
        "text": "#BoycottParis2024 Les JO, un fiasco annoncé 😡 @Paris2024 https://t.co/aB1cD2eF3g",
        "lang": "fr", "parent_post_id": None, "parent_account_id": None, "conversation_id": None,
        "hashtags": ["boycottparis2024"], "urls": ["https://www.example-news.com/jo/fiasco?id=7"],
        "domains": ["example-news.com"], "mentions": ["paris2024"], "media": [],
        "views": None, "likes": 40, "reposts": 12, "replies": 3, "quotes": 2, "source": "Twitter for Android",
        "adapter": "io-archive", "record_no": 1,
    }
    for k, v in expected.items():
        assert first[k] == v, k
    rt = p["1684180000000000002"]
    assert (rt["kind"], rt["parent_post_id"], rt["parent_account_id"]) == ("repost", "1684180000000000001", HASHED)
    assert rt["mentions"] == ["paris2024"]  # not the RT @alice_fr prefix, not user ids
    q = p["1684180000000000003"]
    assert (q["kind"], q["parent_post_id"], q["hashtags"]) == ("quote", "1684180000000000001", ["باريس2024"])
    r = p["1684180000000000004"]
    assert (r["kind"], r["parent_post_id"], r["parent_account_id"]) == ("reply", "1684180000000000002", "1002")
    accs = {a["account_id"]: a for a in store.table("accounts").to_pylist()}
    bob = accs["1002"]
    assert (bob["handle"], bob["display_name"], bob["description"], bob["url"]) == \
        ("bob_az", "Bob", "Vérité, justice ✊", "https://t.co/bob")
    assert (bob["followers"], bob["following"], bob["lang"]) == (3, 120, "en")
    assert bob["created_at"] == dt.datetime(2023, 7, 4) and bob["observed_at"] is None
    assert accs["1003"]["location"] == "باريس"


@pytest.mark.parametrize("raw,out", [
    ("[a, b]", ["a", "b"]), ("['a', 'b']", ["a", "b"]), ('["a","b"]', ["a", "b"]), ("[]", []), ("", []),
    (None, []), ("['https://x.org/?q=1,2']", ["https://x.org/?q=1,2"]),
])
def test_parse_list(raw, out):
    assert parse_list(raw) == out


def _snapshot(store):
    drop = "EXCLUDE (source_file, source_sha256, adapter_version, ingested_at)"
    return (store.query(f"SELECT * {drop} FROM posts ORDER BY post_id").to_pylist(),
            store.query(f"SELECT * {drop} FROM accounts ORDER BY account_id, record_no").to_pylist(),
            store.query("SELECT record_no, error_code, message, excerpt FROM quarantine ORDER BY record_no").to_pylist())


def test_set_based_path_equals_row_path(tmp_path, monkeypatch):
    """The DuckDB path (clean rows in SQL) and the row-by-row path store the same rows."""
    from faisceau.ingest.ioarchive import IOArchiveAdapter
    from faisceau.store import Store

    src = (TEST_DATA / "io_archive_sample.csv").read_text(encoding="utf-8").splitlines()
    header, rows = src[0], src[1:]
    extra = [
        rows[0].replace("1684180000000000001", "1684180000000000011").replace(",12,340,", ',"1,234",340,'),
        rows[0].replace("1684180000000000001", "1684180000000000012").replace("2023-07-26 09:12", "26/07/2023"),
        rows[0].replace("1684180000000000001", "1684180000000000013").replace("2023-07-26 09:12", "2023-07-26 09:12:59"),
        rows[0].replace("1684180000000000001", "1684180000000000014.0"),
        rows[1].replace("1684180000000000002", "1684180000000000015").replace("RT @alice_fr: ", ""),
        rows[3].replace("1684180000000000004", "1684180000000000016").replace("@bob_az Honte à vous", '""'),
        rows[2].replace("1684180000000000003", ""),
        rows[0],  # a duplicate
    ]
    f = tmp_path / "io.csv"
    f.write_text("\n".join([header, *rows, *extra]) + "\n", encoding="utf-8")
    snaps = []
    for fast in (True, False):
        monkeypatch.setattr(IOArchiveAdapter, "fast", fast)
        with Store(tmp_path / f"{fast}.duckdb") as st:
            [s] = ingest([f], store=st)
            assert (s.read, s.stored, s.duplicates, s.quarantined) == (12, 9, 1, 2)
            snaps.append(_snapshot(st))
    assert snaps[0] == snaps[1]
