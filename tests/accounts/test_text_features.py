"""Per-text features summed per account equal the per-account functions over the texts."""
from __future__ import annotations

from collections import Counter
from functools import partial

import pyarrow as pa

from faisceau.detect.accounts.language import language_features, text_counts
from faisceau.detect.accounts.places import misspellings
from faisceau.detect.accounts.text_features import text_features

TEXTS = [
    ("post", "Boycott Paris 2024 ! Les jeux à Marsel et à Tuluza sont une honte pour la France"),
    ("repost", "Paris olimpiya oyunları biabırçılıqdır, Nitsa və Lion da belədir"),
    ("post", "Boycott the Olympics in Paris, the organisers ignore every warning"),
    ("post", "Я не поеду в Париж на Олимпиаду, это позор"),
    ("post", "ok"),
]


def test_text_features_add_up_to_the_account_features():
    batch = pa.table({"platform": ["x"] * len(TEXTS), "account_id": ["a"] * len(TEXTS),
                      "kind": [k for k, _ in TEXTS], "text": [t for _, t in TEXTS],
                      "rk": list(range(1, len(TEXTS) + 1))})
    run = partial(text_features, min_letters=15, min_fr_pop=100_000)
    one = pa.Table.from_batches(list(run(iter(batch.to_batches())))).to_pylist()
    split = pa.Table.from_batches(list(run(iter(batch.to_batches(max_chunksize=2))))).to_pylist()
    assert one == split
    langs, scripts = Counter(), Counter()
    for r in one:
        (langs if r["feature"] == "lang" else scripts if r["feature"] == "script" else Counter())[r["value"]] += r["n"]
    assert (langs, scripts) == text_counts([t for _, t in TEXTS], 15)
    assert langs["fr"] == 1 and langs["ru"] == 1 and scripts["Cyrillic"] > 0
    own = [t for k, t in TEXTS if k != "repost"]
    from faisceau.detect.accounts.language import detect_lang

    expected = misspellings(own, 100_000, [detect_lang(t, 15) for t in own])
    got = sorted({(r["value"], r["city"], r["attested"]) for r in one if r["feature"] == "misspelt"})
    assert got == expected and {c for _, c, _ in got} >= {"Marseille", "Toulouse"}
    assert language_features([t for _, t in TEXTS], None, None)["top_post_lang"] in langs
