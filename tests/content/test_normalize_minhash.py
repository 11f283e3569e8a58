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
