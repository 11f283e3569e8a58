from __future__ import annotations

import json

from shared_paths import TEST_DATA
from faisceau.ingest import ingest


def _snapshot(store):
    drop = "EXCLUDE (source_file, source_sha256, adapter_version, ingested_at)"
    return (store.query(f"SELECT * {drop} FROM posts ORDER BY post_id").to_pylist(),
            store.query(f"SELECT * {drop} FROM accounts ORDER BY account_id, observed_at").to_pylist(),
            store.query("SELECT record_no, error_code, message, excerpt FROM quarantine ORDER BY record_no").to_pylist())


def test_two_processes_store_what_one_stores(tmp_path, monkeypatch):
    from faisceau.ingest import parallel
    from faisceau.store import Store

    lines = (TEST_DATA / "twarc2_flat.jsonl").read_text(encoding="utf-8").splitlines()
    pages = (TEST_DATA / "twarc2_pages.jsonl").read_text(encoding="utf-8").splitlines()
    body = []
    for i in range(40):  # enough lines that both ranges hold pages, tweets and bad lines
        body += [ln.replace("168416000000000", f"1684{i:03d}0000000") for ln in lines]
        body.append('{"id": "cut')
        body += [ln.replace("168415000000000", f"1685{i:03d}0000000") for ln in pages]
    f = tmp_path / "mixed.jsonl"
    f.write_text("\n".join(body) + "\n", encoding="utf-8")
    snaps, sums = [], []
    for n in ("1", "2"):
        monkeypatch.setenv("FAISCEAU_INGEST_WORKERS", n)
        monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
        with Store(tmp_path / f"{n}.duckdb") as st:
            [s] = ingest([f], store=st, format="twarc2")
            sums.append((s.read, s.stored, s.duplicates, s.quarantined, s.accounts_stored))
            snaps.append(_snapshot(st))
    assert sums[0] == sums[1] and sums[0][3] == 40
    assert snaps[0] == snaps[1]
    assert [q["record_no"] for q in snaps[1][2]] == [4 + 7 * i for i in range(40)]


def test_ranges_cover_the_file(tmp_path):
    from faisceau.ingest.lines import split_lines

    f = tmp_path / "a.jsonl"
    f.write_bytes(b"".join(json.dumps({"i": i}).encode() + b"\n" for i in range(1000)) + b'{"last": 1}')
    ranges = split_lines(f, 3)
    assert ranges[0][0] == 0 and ranges[-1][1] == f.stat().st_size
    assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))
    assert [r[2] for r in ranges] == [1] + [1 + f.read_bytes()[: r[0]].count(b"\n") for r in ranges[1:]]
