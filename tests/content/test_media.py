import datetime as dt

import numpy as np
import pytest
from PIL import Image

from faisceau.cli import main
from faisceau.detect.content import ContentDetector
from faisceau.detect.content.engine_helpers import duck_engine
from faisceau.detect.content.media import phash_file
from faisceau.schema import POSTS
from faisceau.store import Store

T0 = dt.datetime(2023, 7, 26, 12)


def _image(seed, size=256):
    rng = np.random.default_rng(seed)
    small = rng.integers(0, 255, (8, 8, 3), dtype=np.uint8)
    return Image.fromarray(small).resize((size, size), Image.BILINEAR)


def _post(pid, acc, minutes, media):
    return {"platform": "x", "post_id": pid, "account_id": acc, "kind": "post", "text": f"post {pid}",
            "created_at": T0 + dt.timedelta(minutes=minutes), "media": media}


@pytest.fixture
def media_store(tmp_path):
    d = tmp_path / "media"
    d.mkdir()
    _image(1).save(d / "k1.png")
    _image(1, 180).save(d / "k2.jpg", quality=70)  # same picture, resized and re-encoded
    _image(2).save(d / "k3.png")  # another picture
    (d / "v1.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")  # a video without a decoder
    (d / "bad.png").write_bytes(b"not an image")
    rows = [
        _post("1", "a", 0, [{"media_key": "k1", "type": "photo", "url": "https://pbs/k1.png"}]),
        _post("2", "b", 3, [{"media_key": "k2", "type": "photo", "url": None}]),
        _post("3", "c", 4, [{"media_key": "k3", "type": "photo", "url": None}]),
        _post("4", "d", 5, [{"media_key": "v1", "type": "video", "url": None}]),
        _post("5", "e", 6, [{"media_key": "v1", "type": "video", "url": None}]),
        _post("6", "f", 7, [{"media_key": "zz", "type": "photo", "url": "https://pbs/bad.png"}]),
    ]
    path = tmp_path / "m.duckdb"
    with Store(path) as st:
        st.append(POSTS, POSTS.from_rows(rows))
    return path, d


def test_media_hash_cli_fills_phash_and_clusters(media_store, capsys):
    path, d = media_store
    main(["media", "hash", "--store", str(path), "--media-dir", str(d)])
    out = capsys.readouterr().out
    assert "hashed 3" in out and "videos matched by media key only 2" in out and "unreadable 1" in out
    with Store(path) as st:
        ph = {r["post_id"]: r["p"] for r in st.query("SELECT post_id, media[1].phash AS p FROM posts").to_pylist()}
        assert len(ph["1"]) == 16 and ph["4"] is None
        det = ContentDetector().fit(st)
        md = [r for r in det.tables_["content_clusters"].to_pylist() if r["type"] == "media"]
        groups = sorted(sorted(r["members"]) for r in md)
        assert groups == [["1", "2"], ["4", "5"]]
        methods = {tuple(sorted(r["members"])): r["method"] for r in md}
        assert methods[("1", "2")] == "phash" and methods[("4", "5")] == "media_key"
        elig = {r["reason"]: r["texts"] for r in det.eligibility_ if r["view"] == "media"}
        assert elig["eligible: perceptual hash"] == 3


def test_multi_index_matches_brute_force():
    """The engine's chunk self-join + bit_count(xor) finds exactly the pairs within the
    distance (hashes over all 64 bits, the sign bit included), numbered in hash order."""
    import pyarrow as pa

    from faisceau.detect.content import media_sql

    rng = np.random.default_rng(0)
    base = rng.integers(0, 2**64, 300, dtype=np.uint64)
    flips = [np.uint64(1) << np.uint64(b) for b in rng.integers(0, 64, 900)]
    near = base.copy()
    for i in range(300):  # flip 0..8 bits
        for b in flips[i * 3: i * 3 + (i % 4)]:
            near[i] ^= b
    hashes = np.unique(np.concatenate([base, near]))
    names = [f"{int(h):016x}" for h in hashes]
    with duck_engine() as eng:
        eng.register("content_media", pa.table({"phash": [n.upper() if i % 3 else n for i, n in enumerate(names)],
                                                "media_key": [None] * len(names), "hashed": [True] * len(names)}))
        eng.materialize("content_media_nodes", media_sql.NODES_SQL)
        nodes = eng.sql("SELECT node, name, x FROM content_media_nodes ORDER BY node").to_pylist()
        a, b, sim = media_sql.near_duplicates(eng, 4, len(names))
    assert [r["name"] for r in nodes] == sorted(names) == names  # node = rank in hash order
    assert [r["x"] for r in nodes] == hashes.view(np.int64).tolist()  # the same 64 bits
    got = set(zip(a.tolist(), b.tolist()))
    x = hashes[:, None] ^ hashes[None, :]
    d = np.unpackbits(x.view(np.uint8).reshape(len(hashes), len(hashes), 8), axis=2).sum(axis=2)
    truth = {(i, j) for i, j in zip(*np.nonzero(d <= 4)) if i < j}
    assert got == truth and len(truth) > 100
    assert np.allclose(sim, 1 - d[a, b] / 64)


def test_phash_is_stable_under_reencoding(tmp_path):
    _image(5).save(tmp_path / "a.png")
    _image(5, 120).save(tmp_path / "b.jpg", quality=60)
    _image(6).save(tmp_path / "c.png")
    ha, hb, hc = (int(phash_file(tmp_path / f), 16) for f in ("a.png", "b.jpg", "c.png"))
    assert bin(ha ^ hb).count("1") <= 6 < bin(ha ^ hc).count("1")
    assert phash_file(tmp_path / "missing.png") is None


def test_media_keys_without_any_hash(store):
    # An export with media keys but no local files: clusters by key, nothing crashes.
    rows = [_post("1", "a", 0, [{"media_key": "v9", "type": "video", "url": None}]),
            _post("2", "b", 1, [{"media_key": "v9", "type": "video", "url": None}]),
            _post("3", "c", 2, [{"media_key": "p1", "type": "photo", "url": None}]),
            _post("4", "d", 3, [])]
    store.append(POSTS, POSTS.from_rows(rows))
    det = ContentDetector().fit(store)
    md = [r for r in det.tables_["content_clusters"].to_pylist() if r["type"] == "media"]
    assert [sorted(r["members"]) for r in md] == [["1", "2"]] and md[0]["method"] == "media_key"
