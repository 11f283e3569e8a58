from __future__ import annotations

import json

from click.testing import CliRunner

from shared_paths import TEST_DATA
from faisceau.cli import cli


def test_ingest_summary_and_exit_codes(tmp_path):
    db = str(tmp_path / "s.duckdb")
    bad = tmp_path / "mystery.bin"
    bad.write_bytes(b"\x00\x01\x02 binary")
    r = CliRunner().invoke(cli, ["ingest", str(TEST_DATA / "twarc2_pages.jsonl"), str(bad), "--store", db])
    assert r.exit_code == 2  # one fatal file: non-zero, but the good one was ingested
    assert "twarc2 (sniffed)  read 9  stored 8  duplicates 1  quarantined 0" in r.output
    assert "error[unknown-format]" in r.output and "mystery.bin" in r.output
    r = CliRunner().invoke(cli, ["ingest", str(TEST_DATA / "twarc2_pages.jsonl"), "--store", db, "--json"])
    assert r.exit_code == 0
    assert json.loads(r.output)[0]["duplicates"] == 9


def test_quarantine_lists_rows(tmp_path):
    db = str(tmp_path / "s.duckdb")
    f = tmp_path / "t.jsonl"
    f.write_text('{"id": "1", "text": "hi", "author_id": "9", "created_at": "2023-01-01T00:00:00Z"}\n{"id": "2", "te\n')
    r = CliRunner().invoke(cli, ["ingest", str(f), "--format", "twarc2", "--store", db])
    assert r.exit_code == 0 and "quarantined 1" in r.output
    r = CliRunner().invoke(cli, ["quarantine", "--store", db])
    assert r.exit_code == 0
    assert "1 quarantined record(s): bad-json 1" in r.output and f"{f}:2  [bad-json]" in r.output
    r = CliRunner().invoke(cli, ["quarantine", "--store", db, "--code", "bad-json", "--json"])
    assert json.loads(r.output)[0]["record_no"] == 2


def test_bad_assume_tz_is_one_error(tmp_path):
    r = CliRunner().invoke(cli, ["ingest", str(TEST_DATA / "twarc2_pages.jsonl"), "--assume-tz", "Nowhere/Land",
                                 "--store", str(tmp_path / "s.duckdb")])
    assert r.exit_code != 0
