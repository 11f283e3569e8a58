import pytest

from faisceau.detect.content import ContentDetector
from faisceau.detect.content import media_sql, sql
from faisceau.detect.content.cluster import communities
from faisceau.detect.content.sql import CANDIDATES_SQL, NEAR_INPUT_SQL, POST_TEXT_IDS_SQL, TEXTS_SQL, candidates_sql
from faisceau.engine.spark_engine import to_spark_sql
from faisceau.errors import ParameterError

from .helpers import load

BASE = "Paris 2024 will be a disaster, the Seine is full of sewage and the athletes will get sick"
ROWS = [
    ("1", "a", BASE, 0),
    ("2", "b", BASE + " #BoycottParis2024 🔥", 5),
    ("3", "c", "RT @a: " + BASE.upper(), 7),
    ("4", "d", "Paris 2024 will be a disaster, the Seine is full of sewage and all athletes will get sick!!", 9),
    ("5", "e", "lol", 1),
    ("6", "f", "lol", 2),
    ("7", "g", "I love the judo final tonight, great fight by the French team", 3),
    ("8", "h", "https://t.co/abc", 4),
    ("9", "i", "", 5),
    ("10", "j", BASE, 6, "repost", "1"),
    ("11", "k", "A completely different message about the weather in Lyon this weekend", 8),
]


def test_copypasta_exact_and_near(store):
    det = ContentDetector().fit(load(store, ROWS))
    cl = {r["first_post_id"]: r for r in det.tables_["content_clusters"].to_pylist()}
    big = cl["1"]
    assert big["type"] == "copypasta"
    assert set(big["members"]) == {"1", "2", "3", "4"}
    assert big["first_account_id"] == "a" and big["span_s"] == 540
    assert big["method"] == "minhash" and 0.7 <= big["min_similarity"] < 1
    # short posts are kept: exact matching still applies, and the cluster says it is short
    assert cl["5"]["members"] == ["5", "6"] and cl["5"]["short"] is True
    assert "7" not in {m for r in cl.values() for m in r["members"]}
    assert "10" not in big["members"]  # native repost left to the coordination detector


def test_nothing_dropped_silently(store):
    det = ContentDetector().fit(load(store, ROWS))
    elig = {(r["view"], r["reason"]): r["posts"] for r in det.eligibility_}
    assert elig[("exact", "eligible")] == 9
    assert elig[("exact", "native repost (left to the coordination detector)")] == 1
    assert elig[("exact", "empty text (no letters, digits, URL or symbol)")] == 1
    assert sum(v for (view, _), v in elig.items() if view == "exact") == len(ROWS)
    assert sum(v for (view, _), v in elig.items() if view == "minhash") == 9


def test_native_reposts_can_be_included(store):
    det = ContentDetector(include_native_reposts=True).fit(load(store, ROWS))
    big = [r for r in det.tables_["content_clusters"].to_pylist() if r["first_post_id"] == "1"][0]
    assert "10" in big["members"]


def test_write_records_run(store):
    det = ContentDetector().fit(load(store, ROWS))
    det.write(store)
    assert store.count("content_clusters") == 2
    assert store.count("content_members") == 6
    run = store.runs("content")[-1]
    assert '"jaccard_threshold": 0.7' in run["params"]
    assert set(run["tables"]) >= {"content_clusters", "content_pairs", "content_eligibility"}


def test_deterministic(store):
    load(store, ROWS)
    a = ContentDetector().fit(store).tables_["content_clusters"]
    b = ContentDetector().fit(store).tables_["content_clusters"]
    assert a.equals(b)


def test_bad_parameters(store):
    with pytest.raises(ParameterError):
        ContentDetector(jaccard_threshold=1.5).fit(load(store, ROWS))


def test_leiden_breaks_chains():
    import numpy as np

    a = np.array([0, 0, 0, 1, 1, 2, 4, 5, 6, 7, 8])
    b = np.array([1, 2, 3, 2, 3, 3, 5, 6, 7, 8, 9])
    lab = communities(11, a, b, np.full(len(a), 0.9), resolution=0.5)
    assert len(set(lab[:4])) == 1  # the clique stays whole
    assert len(set(lab[4:10])) > 1  # the chain does not become one group
    assert lab[10] not in set(lab[:10])


def test_sql_transpiles_to_spark():
    for q in (TEXTS_SQL, POST_TEXT_IDS_SQL, NEAR_INPUT_SQL, candidates_sql(100)):
        out = to_spark_sql(q)
        assert "MD5" in out or "JOIN" in out
    assert "{max_bucket}" in CANDIDATES_SQL
    # The table-building queries (the semantic layer's source runs on DuckDB in tests only).
    for q in (sql.CONTENT_POSTS_SQL, sql.TEXT_STATS_SQL, sql.counts_sql(5, 25),
              sql.stand_ins_sql(6, clustered_only=True), sql.stand_ins_sql(6, clustered_only=False),
              sql.layer_sql(sql.CP_SOURCE, 1), sql.layer_sql(sql.SEM_SOURCE, 2),
              sql.layer_clusters_sql(sql.text_extra(5, 25)), sql.LAYER_MEMBERS_SQL, sql.TEXT_REPS_SQL,
              media_sql.ITEMS_SQL, media_sql.COUNTS_SQL, media_sql.NODES_SQL, media_sql.ITEM_NODES_SQL,
              media_sql.chunks_sql(6), media_sql.CANDIDATES_SQL.format(max_distance=6),
              sql.layer_sql(media_sql.LAYER_SOURCE, 1), sql.layer_clusters_sql(media_sql.CLUSTER_EXTRA),
              media_sql.FIRST_POSTS_SQL):
        assert "{max" not in q and "{min" not in q and "{source" not in q  # every placeholder filled
        to_spark_sql(q)
    # ordered lists stay ordered on Spark; the Hamming distance is Spark's bit_count of a xor
    assert "SORT" in to_spark_sql(sql.layer_clusters_sql(sql.text_extra(5, 25)))
    assert "BIT_COUNT(na.x ^ nb.x)" in to_spark_sql(media_sql.CANDIDATES_SQL.format(max_distance=6))


def test_text_ids_are_one_global_md5_rank():
    """TEXTS_SQL ranks within hash partitions plus the partitions' offsets: the same ids as
    one dense_rank over every distinct text (which Spark runs in a single task)."""
    import random

    import pyarrow as pa

    from faisceau.engine.duckdb_engine import DuckDBEngine

    rng = random.Random(7)
    texts = [f"text {rng.randrange(20_000)} {'x' * rng.randrange(3)}" for _ in range(12_000)]
    eng = DuckDBEngine()
    eng.register("content_views", pa.table({
        "exact_text": texts, "canon": [t.upper() for t in texts],
        "native": [i % 50 == 0 for i in range(len(texts))], "empty": [i % 70 == 0 for i in range(len(texts))]}))
    got = eng.sql(f"SELECT text_id, exact_text, canon FROM ({TEXTS_SQL}) ORDER BY text_id").to_pylist()
    want = eng.sql("""
        SELECT CAST(dense_rank() OVER (ORDER BY md5(exact_text)) - 1 AS BIGINT) AS text_id, exact_text, canon
        FROM (SELECT exact_text, min(canon) AS canon FROM content_views WHERE NOT native AND NOT empty
              GROUP BY exact_text) t ORDER BY text_id""").to_pylist()
    assert got == want and len(want) > 4096  # more texts than hash partitions: offsets matter


def test_pair_evidence(store):
    from faisceau.detect.content.evidence import pair_evidence
    from faisceau.errors import InputError

    load(store, ROWS)
    ev = pair_evidence(store, "1", "3")
    assert ev["equal"]["canon"] and not ev["equal"]["nfkc"]
    assert ev["shingle_jaccard"] == 1.0 and ev["time_gap_s"] == 420
    ev = pair_evidence(store, "1", "11")
    assert ev["shingle_jaccard"] < 0.2 and not ev["equal"]["canon"]
    with pytest.raises(InputError):
        pair_evidence(store, "1", "nope")
