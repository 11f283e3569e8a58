"""Both scenarios go through the real ingest path with nothing quarantined, and the truth
figures recount from the store."""
from __future__ import annotations

import pytest

from faisceau.simulate import generate


def _adapter(name: str):
    from faisceau.errors import ParameterError
    from faisceau.ingest.registry import get_adapter

    try:
        get_adapter(name)
    except ParameterError:
        pytest.skip(f"the {name} adapter is not in this build yet")


@pytest.mark.parametrize("scenario", ["boycott-paris-2024", "copypasta-multilingual"])
def test_twarc2_ingests_with_nothing_quarantined(tmp_path, store, scenario):
    from faisceau.ingest import ingest

    tr = generate(scenario, out=tmp_path / "s.jsonl", scale=4000, seed=1)
    (s,) = ingest(tmp_path / "s.jsonl", format="twarc2", store=store)
    assert s.quarantined == 0 and s.duplicates == 0
    assert s.read == s.stored == tr.data["totals"]["posts"]
    con = store.con
    assert con.execute("SELECT count(*) FROM quarantine").fetchone()[0] == 0
    assert con.execute("SELECT count(DISTINCT account_id) FROM posts").fetchone()[0] == tr.data["totals"]["accounts_posting"]
    kinds = dict(con.execute("SELECT kind, count(*) FROM posts GROUP BY kind").fetchall())
    assert kinds == tr.data["totals"]["kinds"]
    op = tr.operation()
    ids = sorted(tr.op_account_ids())
    got = {r[0] for r in con.execute(
        "SELECT post_id FROM posts WHERE list_contains(?, account_id) AND created_at >= TIMESTAMP '2023-07-26' "
        "AND created_at < TIMESTAMP '2023-07-28'" if scenario == "boycott-paris-2024" else
        "SELECT post_id FROM posts WHERE list_contains(?, account_id) AND created_at >= TIMESTAMP '2023-10-03' "
        "AND created_at < TIMESTAMP '2023-10-05'", [ids]).fetchall()}
    assert got == set(op["posts"])
    # nothing of the background is attributed to the operation's accounts on those days
    assert con.execute("SELECT count(DISTINCT account_id) FROM posts WHERE list_contains(?, account_id)",
                       [ids]).fetchone()[0] == op["figures"]["accounts"]


def test_boycott_figures_from_the_store(tmp_path, store):
    from faisceau.ingest import ingest

    tr = generate("boycott-paris-2024", out=tmp_path / "b.jsonl", scale=4000, seed=2)
    ingest(tmp_path / "b.jsonl", format="twarc2", store=store)
    f = tr.operation()["figures"]
    ids = sorted(tr.op_account_ids())
    con = store.con
    created_july = con.execute(
        "SELECT count(*) FROM accounts_latest WHERE list_contains(?, account_id) AND created_at >= TIMESTAMP '2023-07-01' "
        "AND created_at < TIMESTAMP '2023-08-01'", [ids]).fetchone()[0]
    assert created_july == 40
    first, last, n = con.execute(
        "SELECT min(created_at), max(created_at), count(*) FROM posts WHERE list_contains(?, account_id) "
        "AND created_at >= TIMESTAMP '2023-07-26' AND created_at < TIMESTAMP '2023-07-28'", [ids]).fetchone()
    assert n == f["posts"] > 1600
    assert first.isoformat(timespec="milliseconds") + "Z" == f["window"]["first_post"]
    assert last.isoformat(timespec="milliseconds") + "Z" == f["window"]["last_post"]
    views, media = con.execute("SELECT views, media FROM posts WHERE post_id = ?", [f["key_video"]["post_id"]]).fetchone()
    assert views == f["key_video"]["views"] > 7_000_000
    assert media[0]["type"] == "video" and media[0]["duration_ms"] == 39_000
    tagged = con.execute("SELECT count(*) FROM posts WHERE list_contains(?, account_id) AND list_contains(hashtags, "
                         "'boycottparis2024') AND created_at >= TIMESTAMP '2023-07-26'", [ids]).fetchone()[0]
    assert tagged == f["hashtag"]["posts"]


def test_io_archive_ingests_with_nothing_quarantined(tmp_path, store):
    _adapter("io-archive")
    from faisceau.ingest import ingest

    tr = generate("boycott-paris-2024", out=tmp_path / "b.csv", fmt="io-archive", scale=4000, seed=1)
    (s,) = ingest(tmp_path / "b.csv", format="io-archive", store=store)
    assert s.quarantined == 0 and s.read == s.stored == tr.data["totals"]["posts"]
    ids = sorted(tr.op_account_ids())
    n = store.con.execute("SELECT count(*) FROM posts WHERE list_contains(?, account_id) AND created_at >= "
                          "TIMESTAMP '2023-07-26' AND created_at < TIMESTAMP '2023-07-28'", [ids]).fetchone()[0]
    assert n == tr.operation()["figures"]["posts"]
    tr2 = generate("copypasta-multilingual", out=tmp_path / "c.csv", fmt="io-archive", scale=3000, seed=1)
    (s,) = ingest(tmp_path / "c.csv", format="io-archive", store=store)
    assert s.quarantined == 0 and s.read == s.stored == tr2.data["totals"]["posts"]


def test_canonical_parquet_matches_the_ingested_store(tmp_path, store):
    """--format parquet writes what ingest of the same tweets stores (benchmarks skip JSON)."""
    import pyarrow.parquet as pq

    from faisceau.ingest import ingest
    from faisceau.schema import POSTS

    generate("boycott-paris-2024", out=tmp_path / "b.jsonl", scale=3000, seed=5)
    tr = generate("boycott-paris-2024", out=tmp_path / "b.parquet", fmt="parquet", scale=3000, seed=5)
    ingest(tmp_path / "b.jsonl", format="twarc2", store=store)
    t = pq.read_table(tmp_path / "b.parquet")
    assert t.schema.names == POSTS.column_names and t.num_rows == tr.data["totals"]["posts"]
    assert pq.read_table(tmp_path / "b.accounts.parquet").num_rows == tr.data["totals"]["accounts_posting"]
    cols = ["post_id", "account_id", "created_at", "kind", "text", "lang", "parent_post_id", "parent_account_id",
            "hashtags", "urls", "domains", "mentions", "views", "reposts", "media"]
    store.con.register("pq", t)
    sel = ", ".join(cols)
    diff = store.con.execute(f"SELECT count(*) FROM (SELECT {sel} FROM pq EXCEPT SELECT {sel} FROM posts)").fetchone()[0]
    assert diff == 0
