"""Pair evidence on demand: why two posts are (or are not) the same content.

Computed from the two posts alone, on every view, so an analyst can check a link
without rerunning the detector: exact equality per view, exact shingle Jaccard,
edit-distance ratio on the ``fold`` view, cosine of the multilingual embeddings (when
the ``semantic`` extra is there), languages, shared specific items, time gap, authors.
"""
from __future__ import annotations

import difflib

import numpy as np

from ...errors import InputError
from . import minhash
from .normalize import views
from .verify import specific_items


def pair_evidence(store, post_a: str, post_b: str, *, platform: str | None = None, shingle_k: int = 5) -> dict:
    sql = ("SELECT platform, post_id, account_id, created_at, text FROM posts WHERE post_id IN (?, ?)"
           + (" AND platform = ?" if platform else "") + " ORDER BY post_id")
    rows = store.query(sql, [post_a, post_b] + ([platform] if platform else [])).to_pylist()
    found = {r["post_id"]: r for r in rows}
    missing = [p for p in (post_a, post_b) if p not in found]
    if missing:
        raise InputError(f"post(s) not in the store: {', '.join(missing)}")
    a, b = found[post_a], found[post_b]
    v = views([a["text"], b["text"]]).to_pylist()
    h, off = minhash.shingle_hashes([v[0]["canon"], v[1]["canon"]], shingle_k)
    sa, sb = set(h[off[0]:off[1]].tolist()), set(h[off[1]:off[2]].tolist())
    out = {
        "post_a": post_a, "post_b": post_b,
        "same_account": a["account_id"] == b["account_id"],
        "time_gap_s": (abs((b["created_at"] - a["created_at"]).total_seconds())
                       if a["created_at"] and b["created_at"] else None),
        "equal": {view: v[0][view] == v[1][view] and v[0][view] != "" for view in ("nfkc", "canon", "fold")},
        "shingle_jaccard": len(sa & sb) / max(1, len(sa | sb)),
        "edit_ratio_fold": difflib.SequenceMatcher(None, v[0]["fold"], v[1]["fold"], autojunk=False).ratio(),
        "shared_items": sorted(
            specific_items(v[0]["nfkc"], set(v[0]["fold"].split()), v[0]["numbers"], v[0]["urls"], v[0]["mentions"])
            & specific_items(v[1]["nfkc"], set(v[1]["fold"].split()), v[1]["numbers"], v[1]["urls"], v[1]["mentions"])),
        "views": {"a": v[0], "b": v[1]},
    }
    from .langid import detect_languages
    from .semantic import semantic_available

    out["languages"] = detect_languages([v[0]["nfkc"], v[1]["nfkc"]])
    if semantic_available():
        from .build import _strip_links
        from .semantic import embed

        e = embed(_strip_links([v[0]["nfkc"], v[1]["nfkc"]]))
        out["cosine"] = float(np.dot(e[0], e[1]))
    else:
        out["cosine"] = None
    return out
