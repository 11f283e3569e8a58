"""Every bad-input case of issue 2: a quarantine row with its code, or one fatal message
naming the file; the store is never damaged and read = stored + duplicates + quarantined."""
from __future__ import annotations

import json
import tracemalloc

import pytest
from click.testing import CliRunner

from shared_paths import TEST_DATA
from faisceau.cli import cli
from faisceau.errors import InputError, UnknownFormatError
from faisceau.ingest import ingest

GOOD = {"id": "1", "text": "ok #tag", "author_id": "9", "created_at": "2023-07-26T10:00:00.000Z"}


def tweet(**kw):
    t = dict(GOOD)
    t.update(kw)
    return {k: v for k, v in t.items() if v is not None}


def write_lines(path, lines):
    with open(path, "wb") as fh:
        for line in lines:
            fh.write(line if isinstance(line, bytes) else json.dumps(line, ensure_ascii=False).encode())
            fh.write(b"\n")
    return path


def quarantine(store):
    return store.query("SELECT record_no, error_code, message, excerpt FROM quarantine ORDER BY record_no").to_pylist()


def balanced(s):
    assert s.read == s.stored + s.duplicates + s.quarantined
    return s


def test_truncated_and_invalid_json_lines(store, tmp_path):
    f = write_lines(tmp_path / "t.jsonl", [tweet(), b'{"id": "2", "text": "cut he', b"not json at all",
                                           tweet(id="3"), b"42"])
    s = balanced(ingest([f], store=store, format="twarc2")[0])
    assert (s.read, s.stored, s.quarantined) == (5, 2, 3)
    q = quarantine(store)
    assert [(r["record_no"], r["error_code"]) for r in q] == [(2, "bad-json"), (3, "bad-json"), (5, "bad-record")]
    assert q[0]["excerpt"] == '{"id": "2", "text": "cut he'


def test_wrong_types(store, tmp_path):
    f = write_lines(tmp_path / "t.jsonl", [
        tweet(public_metrics={"like_count": "many"}),
        tweet(id="2", entities="#tag"),
        tweet(id="3", referenced_tweets={"type": "quoted"}),
        tweet(id="4", text=["not", "text"]),
        tweet(id="5", public_metrics={"like_count": "12"}),  # a numeric string is a count
    ])
    s = balanced(ingest([f], store=store, format="twarc2")[0])
    assert (s.stored, s.quarantined) == (1, 4)
    assert {r["error_code"] for r in quarantine(store)} == {"bad-type"}
    assert store.query("SELECT likes FROM posts").column(0).to_pylist() == [12]


def test_wrong_types_in_csv(store, tmp_path):
    src = (TEST_DATA / "io_archive_sample.csv").read_text(encoding="utf-8").splitlines()
    bad = src[1].replace(",2,3,40,12,", ",2,3,lots,12,")
    f = tmp_path / "io.csv"
    f.write_text("\n".join([src[0], bad, *src[2:]]) + "\n", encoding="utf-8")
    s = balanced(ingest([f], store=store)[0])
    assert (s.stored, s.quarantined) == (3, 1)
    assert quarantine(store)[0]["error_code"] == "bad-type" and "like_count" in quarantine(store)[0]["message"]


def test_unparseable_and_naive_timestamps(store, tmp_path):
    f = write_lines(tmp_path / "t.jsonl", [
        tweet(created_at="yesterday at noon"), tweet(id="2", created_at="2023-13-45T99:00:00Z"),
        tweet(id="3", created_at="2023-07-26 10:00:00"), tweet(id="4", created_at=None), tweet(id="5"),
    ])
    s = balanced(ingest([f], store=store, format="twarc2")[0])
    assert [r["error_code"] for r in quarantine(store)] == \
        ["bad-timestamp", "bad-timestamp", "naive-timestamp", "missing-timestamp"]
    assert s.stored == 1
    # the naive one is accepted once the zone is given; the others stay quarantined
    s2 = balanced(ingest([f], store=store, format="twarc2", assume_tz="Europe/Paris")[0])
    assert (s2.stored, s2.duplicates, s2.quarantined) == (1, 1, 3)
    assert store.count("quarantine") == 4  # re-ingest does not repeat quarantine rows


def test_missing_ids(store, tmp_path):
    f = write_lines(tmp_path / "t.jsonl", [tweet(id=None), tweet(id="2", author_id=None), tweet(id="")])
    s = balanced(ingest([f], store=store, format="twarc2")[0])
    assert s.stored == 0 and [r["error_code"] for r in quarantine(store)] == ["missing-id"] * 3
    c = tmp_path / "c.csv"
    c.write_text("object_id,account_id,content_id,timestamp_share\no1,a1,,1690000000\no1,,c2,1690000000\no1,a3,c3,1690000000\n")
    s = balanced(ingest([c], store=store)[0])
    assert (s.format, s.stored, s.quarantined) == ("coortweet", 1, 2)


def test_invalid_utf8(store, tmp_path):
    f = write_lines(tmp_path / "t.jsonl", [tweet(), b'{"id": "2", "text": "caf\xe9", "author_id": "9"}', tweet(id="3")])
    s = balanced(ingest([f], store=store, format="twarc2")[0])
    assert (s.stored, s.quarantined) == (2, 1)
    q = quarantine(store)[0]
    assert (q["record_no"], q["error_code"]) == (2, "bad-utf8") and "caf\ufffd" in q["excerpt"]
    c = tmp_path / "c.csv"
    c.write_bytes(b"object_id,account_id,content_id,timestamp_share\no1,a1,c1,1690000000\no1,\xff\xfe,c2,1690000000\n"
                  b"o1,a3,c3,1690000000\n")
    s = balanced(ingest([c], store=store)[0])
    assert (s.stored, s.quarantined) == (2, 1)
    assert store.query("SELECT error_code FROM quarantine WHERE record_no = 2 AND adapter = 'coortweet'").column(0).to_pylist() == ["bad-utf8"]


def test_csv_row_with_wrong_field_count(store, tmp_path):
    c = tmp_path / "c.csv"
    c.write_text("object_id,account_id,content_id,timestamp_share\no1,a1,c1,1690000000\no1,a2,c2\no1,a3,c3,1690000000,extra\n")
    s = balanced(ingest([c], store=store)[0])
    assert (s.stored, s.quarantined) == (1, 2)
    assert [r["error_code"] for r in quarantine(store)] == ["bad-row", "bad-row"]


def test_50_mb_single_line(store, tmp_path):
    f = tmp_path / "big.jsonl"
    with open(f, "wb") as fh:
        fh.write(json.dumps(tweet()).encode() + b"\n")
        fh.write(b'{"id": "2", "author_id": "9", "created_at": "2023-07-26T10:00:00Z", "text": "')
        chunk = b"A" * (1 << 20)
        for _ in range(50):
            fh.write(chunk)
        fh.write(b'"}\n')
        fh.write(json.dumps(tweet(id="3")).encode() + b"\n")
    assert f.stat().st_size > 50 * (1 << 20)
    tracemalloc.start()
    try:
        s = balanced(ingest([f], store=store, format="twarc2")[0])
        peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    assert (s.read, s.stored, s.quarantined) == (3, 2, 1)
    q = quarantine(store)[0]
    assert (q["record_no"], q["error_code"]) == (2, "too-large")
    assert "52,428," in q["message"] and len(q["excerpt"]) <= 300
    assert peak_mb < 40  # read in pieces and dropped: the 50 MB line is never held whole


def test_empty_file_is_one_fatal_message(store, tmp_path):
    for content in (b"", b"\n  \n"):
        f = tmp_path / "empty.jsonl"
        f.write_bytes(content)
        with pytest.raises(InputError, match="empty.jsonl: empty file") as e:
            ingest([f], store=store)
        assert e.value.code == "empty-file"
    assert store.count("ingest_log") == 0


def test_unknown_format_cli_one_line(tmp_path):
    f = tmp_path / "photo.jpg"
    f.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)))
    r = CliRunner().invoke(cli, ["ingest", str(f), "--store", str(tmp_path / "s.duckdb")])
    assert r.exit_code == 2
    lines = [ln for ln in r.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error[unknown-format]") and "photo.jpg" in lines[0]


def test_truncated_document_is_fatal_and_harmless(store, tmp_path):
    ingest([TEST_DATA / "twarc2_pages.jsonl"], store=store)
    before = (store.count("posts"), store.count("accounts"), store.count("quarantine"))
    f = tmp_path / "result.json"
    f.write_text((TEST_DATA / "telegram_result.json").read_text(encoding="utf-8")[:-200], encoding="utf-8")
    with pytest.raises(InputError, match="result.json: not a valid Telegram export JSON document"):
        ingest([f], store=store)
    assert (store.count("posts"), store.count("accounts"), store.count("quarantine")) == before


def test_rows_duplicated_within_and_across_files(store, tmp_path):
    a = write_lines(tmp_path / "a.jsonl", [tweet(), tweet(id="2"), tweet()])
    b = write_lines(tmp_path / "b.jsonl", [tweet(id="2"), tweet(id="3")])
    sa, sb = (balanced(s) for s in ingest([a, b], store=store, format="twarc2"))
    assert (sa.stored, sa.duplicates) == (2, 1)
    assert (sb.stored, sb.duplicates) == (1, 1)
    assert store.count("posts") == 3


def test_unknown_explicit_format_and_wrong_container(store, tmp_path):
    from faisceau.errors import ParameterError

    with pytest.raises(ParameterError, match="unknown format 'myspace'"):
        ingest([TEST_DATA / "twarc2_pages.jsonl"], store=store, format="myspace")
    with pytest.raises(InputError, match="twarc2_pages.jsonl: format io-archive expects a CSV or Parquet"):
        ingest([TEST_DATA / "twarc2_pages.jsonl"], store=store, format="io-archive")
    with pytest.raises(UnknownFormatError):
        f = tmp_path / "x.csv"
        f.write_text("a,b,c\n1,2,3\n")
        ingest([f], store=store)
