"""Second-stage rules that keep generic posts out of rewording/translation links.

Embeddings are replaced by hand-made unit vectors (``semantic.embed`` patched), so each
test sets the cosine of every candidate pair exactly and checks the rule, not the model.
"""
import datetime as dt

import numpy as np
import pytest

from faisceau.detect.content import ContentDetector
from faisceau.schema import POSTS

T0 = dt.datetime(2023, 7, 26, 12, 0, 0)

# Background: everyday posts, so that document frequencies have a corpus to count in.
EVERYDAY = [
    "The weather in Lyon is lovely this weekend, going for a walk",
    "Just finished my book about the history of Rome, highly recommend it",
    "Coffee and croissants on the terrace, perfect start of the day",
    "Our cat knocked the plant over again, no idea why she does that",
    "Traffic on the ring road is terrible this morning, avoid it",
    "New season of the series starts tomorrow, cannot wait to watch",
]


def _rows(posts):
    """posts: (post_id, text, declared lang or None)."""
    return [{"platform": "x", "post_id": p, "account_id": f"acc-{p}", "text": t, "kind": "post",
             "parent_post_id": None, "lang": lang, "created_at": T0 + dt.timedelta(minutes=i)}
            for i, (p, t, lang) in enumerate(posts)]


def _fake_embed(monkeypatch, groups: dict[str, tuple[list[str], float]]):
    """Patch the encoder: texts containing one of a group's markers get vectors whose
    pairwise cosine is that group's value; every other text is orthogonal to all."""
    from faisceau.detect.content import semantic

    basis: dict[str, np.ndarray] = {}
    dim = 0
    for markers, cos in groups.values():
        k = len(markers)
        gram = np.full((k, k), cos) + (1 - cos) * np.eye(k)
        chol = np.linalg.cholesky(gram)  # rows: unit vectors with the wanted pairwise cosine
        for m, row in zip(markers, chol):
            v = np.zeros(512)
            v[dim:dim + k] = row
            basis[m] = v
        dim += k

    def embed(texts):
        nonlocal dim
        out = np.zeros((len(texts), 512), np.float32)
        for i, t in enumerate(texts):
            hit = [m for m in basis if m in t]
            if hit:
                out[i] = basis[hit[0]]
            else:
                out[i, dim % 512] = 1.0
                dim += 1
        return out

    monkeypatch.setattr(semantic, "embed", embed)


def _linked(det, a: str, b: str) -> bool:
    sem = det.semantic_links_
    ids = det.posts_.column("post_id").to_pylist()
    pairs = {frozenset((ids[x], ids[y])) for x, y in zip(det.rep_[sem["a"]].tolist(), det.rep_[sem["b"]].tolist())}
    return frozenset((a, b)) in pairs


# Generic replies in three languages, no shared name, number or link.
EN = "Agreed, I was thinking exactly the same thing on the train this morning"
FR = "Je suis d'accord, je me disais exactement la même chose dans le métro ce matin"
DE = "Stimmt, genau das habe ich heute Morgen in der Bahn auch gedacht"


def test_cross_language_cosine_alone_needs_corroboration(store, monkeypatch):
    """0.70 <= cosine < cosine_cross_alone across languages, nothing specific shared: the
    pair is kept only when both texts link to one same third text."""
    posts = [(f"b{i}", t, "en") for i, t in enumerate(EVERYDAY)]
    posts += [("p-en", EN, "en"), ("p-fr", FR, "fr")]  # an isolated pair
    posts += [("t-en", "Honestly the queue at the bakery was longer than ever today", "en"),
              ("t-fr", "Franchement la queue à la boulangerie était plus longue que jamais", "fr"),
              ("t-de", "Ehrlich gesagt war die Schlange beim Bäcker heute länger als je zuvor", "de")]  # pairwise linked
    _fake_embed(monkeypatch, {"pair": (["the train", "le métro"], 0.75),
                              "trio": (["bakery", "boulangerie", "Bäcker"], 0.75)})
    store.append(POSTS, POSTS.from_rows(_rows(posts)))
    det = ContentDetector(semantic=True).fit(store)
    assert det.get_params()["cosine_cross_alone"] == 0.80
    assert not _linked(det, "p-en", "p-fr")
    assert _linked(det, "t-en", "t-fr") and _linked(det, "t-fr", "t-de") and _linked(det, "t-en", "t-de")
    kinds = {r["type"] for r in det.tables_["content_clusters"].to_pylist()}
    assert "translation" in kinds

    # rule off (cosine_cross_alone = cosine_cross_accept): the isolated pair is kept on cosine
    det = ContentDetector(semantic=True, cosine_cross_alone=0.70).fit(store)
    assert _linked(det, "p-en", "p-fr")


def test_cross_language_cosine_at_alone_threshold_stands_alone(store, monkeypatch):
    posts = [(f"b{i}", t, "en") for i, t in enumerate(EVERYDAY)] + [("p-en", EN, "en"), ("p-fr", FR, "fr")]
    _fake_embed(monkeypatch, {"pair": (["the train", "le métro"], 0.85)})
    store.append(POSTS, POSTS.from_rows(_rows(posts)))
    assert _linked(ContentDetector(semantic=True).fit(store), "p-en", "p-fr")


def test_declared_language_must_agree_for_cross_language(store, monkeypatch):
    """Two posts the platform declares English: a confident French reading by lid.176 of
    one of them does not make the pair a translation (the lenient cross-language path)."""
    posts = [(f"b{i}", t, "en") for i, t in enumerate(EVERYDAY)] + [("p-en", EN, "en"), ("p-fr", FR, "en")]
    _fake_embed(monkeypatch, {"pair": (["the train", "le métro"], 0.85)})
    store.append(POSTS, POSTS.from_rows(_rows(posts)))
    det = ContentDetector(semantic=True).fit(store)
    assert not _linked(det, "p-en", "p-fr")  # same-language path: 0.85 < cosine_accept, nothing shared
    det = ContentDetector(semantic=True, declared_lang_check=False).fit(store)
    assert _linked(det, "p-en", "p-fr")


@pytest.mark.parametrize("declared,detected,ok", [
    (None, "fr", True), ("und", "fr", True), ("qme", "fr", True), ("fr", "fr", True), ("FR-ca", "fr", True),
    ("in", "id", True), ("en", "fr", False), ("en-GB", "fr", False),
])
def test_declared_language_codes(declared, detected, ok):
    from faisceau.detect.content.build import _agrees

    assert _agrees(detected, declared) is ok


def test_topic_hashtag_is_not_specific(store, monkeypatch):
    """Two different same-language posts under a topic's hashtag: "#Paris2024" is neither a
    rare word nor a number, so it cannot be the specific material a rewording keeps."""
    topical = [f"{t} #Paris2024" for t in EVERYDAY] * 5  # the hashtag is in 30 texts
    topical = [f"{t} ({i})" for i, t in enumerate(topical)]
    posts = [(f"b{i}", t, "en") for i, t in enumerate(topical)]
    # every word of r1 and r2 is in the background too: the hashtag is all they share
    posts += [("r1", "The weather in Lyon is lovely, perfect start of the day #Paris2024", "en"),
              ("r2", "Traffic on the ring road is terrible, cannot wait to watch #Paris2024", "en")]
    _fake_embed(monkeypatch, {"pair": (["lovely, perfect start", "terrible, cannot wait"], 0.85)})
    store.append(POSTS, POSTS.from_rows(_rows(posts)))
    det = ContentDetector(semantic=True).fit(store)
    assert not _linked(det, "r1", "r2")


def test_rare_hashtag_counts_once(store, monkeypatch):
    """A rare hashtag is one specific item (its word), not two (word and hashtag)."""
    from faisceau.detect.content.verify import specific_items

    items = specific_items("Boycott #Zq7fest now", {"zq7fest", "boycott"}, [], [], [])
    assert items == {"w:zq7fest", "w:boycott"}


def test_digits_inside_hashtags_are_not_numbers():
    from faisceau.detect.content.normalize import views

    row = views(["Paris #Paris2024 costs 1,500 euros @user42 https://x.example/9"]).to_pylist()[0]
    assert row["numbers"] == ["1,500"]


def test_corroborated_one_round():
    from faisceau.detect.content.verify import triangles

    # kept: 0-1, 0-2, 1-2 (a triangle), 3-4 (alone), 4-5; asked about 0-1 and 3-4
    ta = np.array([0, 0, 1, 3, 4])
    tb = np.array([1, 2, 2, 4, 5])
    keep = np.ones(5, bool)
    which = np.array([True, False, False, True, False])
    assert triangles(ta, tb, keep, which).tolist() == [True, False, False, False, False]
