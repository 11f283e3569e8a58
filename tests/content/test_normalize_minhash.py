import numpy as np
from datasketch import MinHash

from faisceau.detect.content import minhash
from faisceau.detect.content.normalize import views


def test_views_are_explicit():
    row = views(["RT @bob: Путин said 1,500 soldiers 🇷🇺🔥 https://t.co/xyz #Breaking!!  Déjà"]).to_pylist()[0]
    assert row["canon"] == "путин said 1 500 soldiers breaking déjà"
    assert row["fold"] == "putin said 1 500 soldiers breaking deja"
    assert row["urls"] == ["https://t.co/xyz"]
    assert row["mentions"] == ["@bob"]
    assert row["numbers"] == ["1,500"]
    assert "🔥" in row["emoji"]
    assert row["nfkc"].startswith("RT @bob:")


def test_nfkc_and_nulls():
    rows = views(["ｆｕｌｌ　ｗｉｄｔｈ", None, "https://x.com/only"]).to_pylist()
    assert rows[0]["canon"] == "full width"
    assert rows[1]["canon"] == "" and rows[1]["nfkc"] == ""
    assert rows[2]["canon"] == "" and rows[2]["nfkc"] == "https://x.com/only"


def test_signatures_equal_datasketch():
    texts = ["hello world this is a test", "ab", "привет мир как дела", "hello world this is a test!"]
    h, off = minhash.shingle_hashes(texts, 5)
    sigs = minhash.signatures(h, off, 64, seed=3, chunk_shingles=7)
    for i in range(len(texts)):
        m = MinHash(64, seed=3, scheme="affine32", hashfunc=lambda x: x)
        m.update_batch(h[off[i]: off[i + 1]].tolist())
        assert (m.hashvalues == sigs[i]).all()
    j = minhash.estimated_jaccard(sigs, np.array([0, 0]), np.array([3, 1]))
    assert j[0] > 0.8 and j[1] < 0.2


def test_lsh_params_and_band_keys():
    b, r = minhash.lsh_params(0.7, 64)
    assert b * r <= 64 and b >= 2
    sigs = np.array([[1] * 64, [1] * 64, [2] * 64], np.uint32)
    keys = minhash.band_keys(sigs, b, r)
    assert (keys[0] == keys[1]).all() and not (keys[0] == keys[2]).any()
    assert (keys >= 0).all()


def test_hashing_functions_do_not_depend_on_batching():
    """The engine decides how rows are batched (DuckDB: 64 k rows, Spark: per partition
    and arrow batch size); every hashing function must give the same rows either way."""
    from functools import partial

    import pyarrow as pa

    from faisceau.detect.content import hashing

    texts = ["RT @bob: Boycott Paris 2024 now, the games are a scandal!!", "boycott paris 2024 now the games are a scandal",
             None, "https://x.co/only", "JO 2024 les jeux sont une honte pour la France entière",
             "Путин said 1,500 soldiers went home yesterday evening", "short one"]
    posts = pa.table({"platform": ["x"] * 7, "post_id": [str(i) for i in range(7)],
                      "kind": ["post", "post", "post", "repost", "post", "repost", "post"],
                      "parent_post_id": [None, None, None, "9", None, None, None], "text": texts})

    def run(func, table, size):
        return pa.Table.from_batches(list(func(iter(table.to_batches(max_chunksize=size)))))

    views = run(partial(hashing.post_views), posts, 1000)
    assert views.column("native").to_pylist() == [False, False, False, True, False, False, False]
    assert views.column("exact_text")[0].as_py() == views.column("exact_text")[1].as_py()
    assert views.column("empty").to_pylist()[2] is True
    texts_t = pa.table({"text_id": list(range(7)), "canon": views.column("canon")})
    sig = partial(hashing.text_signatures, shingle_k=5, num_perm=64, seed=1, min_tokens=5, min_chars=25)
    sigs = run(sig, texts_t, 1000)
    assert sigs.column("sig").null_count == 3  # empty, URL-only and "short one" are too short
    ok = sigs.filter(pa.compute.is_valid(sigs.column("sig")))
    bands = partial(hashing.band_rows, num_perm=64, bands=8, rows=8)
    pairs = pa.table({"a": [0, 0], "b": [1, 4], "sig_a": [ok.column("sig")[0]] * 2,
                      "sig_b": [ok.column("sig")[0], ok.column("sig")[2]]})
    near = partial(hashing.near_pairs, num_perm=64, threshold=0.7)
    for size in (1, 2, 3):
        assert run(partial(hashing.post_views), posts, size).equals(views)
        assert run(sig, texts_t, size).equals(sigs)
        assert run(bands, ok.select(["text_id", "sig"]), size).equals(run(bands, ok.select(["text_id", "sig"]), 1000))
        assert run(near, pairs, size).to_pylist() == [{"a": 0, "b": 1, "sim": 1.0}]


def test_numbers_skip_links_and_join_thousands():
    rows = views(["Il manque 20 000 agents https://t.co/a2020b @user99",
                  "mancano 20.000 agenti, 2016 500 volte"]).to_pylist()
    assert rows[0]["numbers"] == ["20 000"]
    assert rows[1]["numbers"] == ["20.000", "2016", "500"]
