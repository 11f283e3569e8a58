"""ContentDetector: copy-paste, rewording and translation clusters from the store.

Steps (each view named in ``normalize``):
1. eligibility: every post is counted under the views it can enter, and why not;
2. exact copies: one ``text_id`` per distinct ``canon`` text (SQL through the engine);
3. near copies: MinHash-LSH on distinct texts, verified by estimated Jaccard;
4. rewording / translation (``semantic=True`` and the ``semantic`` extra): multilingual
   sentence embeddings, IVF nearest neighbours and a second-stage check (``semantic``);
5. grouping: Leiden/CPM on the near-copy graph of distinct texts, then again on the
   semantic graph between the copy clusters (``cluster``); tables built in ``build``.
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ...errors import ParameterError
from ...progress import note
from . import minhash, sql
from .cluster import communities
from .normalize import views

STAGE = "content"


class ContentDetector:
    """Find reused content. Parameters are documented in docs of ``get_params`` keys.

    jaccard_threshold: estimated Jaccard of 5-code-point shingles to call two texts a
        near copy (0.7: one changed word in a 15-word post keeps J around 0.75-0.85;
        two unrelated posts on the same story stay under 0.3).
    min_tokens_near / min_chars_near: shorter texts are matched exactly only (a 3-word
        post shares most shingles with too many unrelated posts).
    max_bucket: LSH buckets with more texts are skipped and reported (cost control).
    resolution: CPM resolution of the Leiden grouping of near copies: a text joins a group
        when its summed link similarity exceeds resolution x group size (0.2: links to about
        a quarter of the group; variants of one text all link to the original).
    semantic_resolution: the same for rewording/translation groups, whose verified links
        weigh 1 (0.15: a text joins when it links to more than 15 % of the group, so a
        source with up to 6 translations stays whole while chains of topical links break).
    media_max_distance: Hamming distance (of 64 pHash bits) for near-duplicate media; 6
        survives re-encoding, resizing and light crops, while unrelated photos sit near 32.
    include_native_reposts: reposts that point at their parent (parent_post_id known)
        are platform shares, left to the coordination detector unless this is set;
        reposts without a parent id (e.g. IRA exports) are compared like posts.
    """

    def __init__(self, *, shingle_k: int = 5, num_perm: int = 64, jaccard_threshold: float = 0.7,
                 min_tokens_near: int = 5, min_chars_near: int = 25, max_bucket: int = 2000,
                 resolution: float = 0.2, semantic_resolution: float = 0.15, include_native_reposts: bool = False,
                 semantic: bool = False, cosine_threshold: float = 0.80, cosine_cross: float = 0.60, cosine_cross_accept: float = 0.72, cosine_accept: float = 0.95, ann_k: int = 10,
                 min_tokens_semantic: int = 6, min_shared: int = 2, rare_max_df: float = 0.001, time_window_s: float = 7 * 86400,
                 ivf_nprobe: int = 4, media: bool = True, media_max_distance: int = 6,
                 random_state: int = 0):
        self.shingle_k = shingle_k
        self.num_perm = num_perm
        self.jaccard_threshold = jaccard_threshold
        self.min_tokens_near = min_tokens_near
        self.min_chars_near = min_chars_near
        self.max_bucket = max_bucket
        self.resolution = resolution
        self.semantic_resolution = semantic_resolution
        self.include_native_reposts = include_native_reposts
        self.semantic = semantic
        self.cosine_threshold = cosine_threshold
        self.cosine_accept = cosine_accept
        self.cosine_cross = cosine_cross
        self.cosine_cross_accept = cosine_cross_accept
        self.ann_k = ann_k
        self.min_tokens_semantic = min_tokens_semantic
        self.min_shared = min_shared
        self.rare_max_df = rare_max_df
        self.time_window_s = time_window_s
        self.ivf_nprobe = ivf_nprobe
        self.media = media
        self.media_max_distance = media_max_distance
        self.random_state = random_state

    def get_params(self) -> dict:
        return {k: getattr(self, k) for k in (
            "shingle_k", "num_perm", "jaccard_threshold", "min_tokens_near", "min_chars_near",
            "max_bucket", "resolution", "semantic_resolution", "include_native_reposts", "semantic", "cosine_threshold",
            "cosine_accept", "cosine_cross", "cosine_cross_accept", "ann_k", "min_tokens_semantic", "min_shared", "rare_max_df", "time_window_s", "ivf_nprobe",
            "media", "media_max_distance", "random_state")}

    def _check(self) -> None:
        if not 0 < self.jaccard_threshold <= 1:
            raise ParameterError(f"jaccard_threshold must be in (0, 1], got {self.jaccard_threshold}")
        if not (0 < self.cosine_threshold <= self.cosine_accept <= 1 and 0 < self.cosine_cross <= 1):
            raise ParameterError("need 0 < cosine_threshold <= cosine_accept <= 1 and 0 < cosine_cross <= 1")
        if not 0 <= self.media_max_distance <= 16:
            raise ParameterError("media_max_distance must be between 0 and 16 bits (of 64)")
        if self.shingle_k < 2 or self.num_perm < 8 or self.max_bucket < 2:
            raise ParameterError("shingle_k >= 2, num_perm >= 8 and max_bucket >= 2 are required")

    # -- fit -------------------------------------------------------------------------
    def fit(self, store=None, engine=None) -> "ContentDetector":
        """Compute clusters from ``posts`` (through ``engine``, default the store's DuckDB)."""
        from ...engine import get_engine

        self._check()
        own = engine is None
        engine = engine or get_engine(store=store)
        try:
            self._fit(engine)
        finally:
            for name in ("content_views", "content_bands"):
                engine.drop(name)
            if own:
                engine.close()
        return self

    def _fit(self, engine) -> None:
        posts = engine.sql(sql.POSTS_SQL)
        self.engine_name_ = engine.name
        n = posts.num_rows
        v = views(posts.column("text"))
        canon = v.column("canon")
        exact_text = pc.if_else(pc.equal(canon, ""), v.column("nfkc"), canon)
        native = pc.and_(pc.equal(posts.column("kind"), "repost"),
                         pc.is_valid(posts.column("parent_post_id"))).to_numpy(zero_copy_only=False)
        native = np.asarray(native, bool) & (not self.include_native_reposts)
        empty = pc.equal(exact_text, "").to_numpy(zero_copy_only=False)
        eligible = ~native & ~empty
        idx = np.flatnonzero(eligible)

        engine.register("content_views", pa.table({
            "idx": pa.array(idx, pa.int64()),
            "exact_text": exact_text.take(pa.array(idx)),
        }))
        tids = engine.sql(sql.TEXT_IDS_SQL).sort_by("idx")
        text_id = np.full(n, -1, np.int64)
        text_id[tids.column("idx").to_numpy()] = tids.column("text_id").to_numpy()
        n_text = int(text_id.max()) + 1 if len(idx) else 0

        # Representative post of each text: the oldest (ties: store order).
        created = posts.column("created_at").cast(pa.int64()).fill_null(np.iinfo(np.int64).max).to_numpy()
        order = idx[np.lexsort((idx, created[idx]))]
        rep = np.full(n_text, -1, np.int64)
        rep[text_id[order][::-1]] = order[::-1]

        canon_np = canon.to_numpy(zero_copy_only=False)
        rep_canon = canon_np[rep] if n_text else np.array([], object)
        ntok = np.array([len(t.split()) for t in rep_canon], np.int64)
        nchar = np.array([len(t) for t in rep_canon], np.int64)
        near_ok = (ntok >= self.min_tokens_near) & (nchar >= self.min_chars_near)

        self.posts_ = posts
        self.views_ = v
        self.text_id_ = text_id
        self.rep_ = rep
        self.short_ = ~near_ok
        counts = np.bincount(text_id[idx], minlength=n_text)
        self.eligibility_ = _eligibility(n, native, empty, text_id, near_ok, counts)

        near = self._near_links(engine, rep_canon, near_ok)
        self.near_links_ = near
        cp_label = communities(n_text, near["a"], near["b"], near["sim"],
                               resolution=self.resolution, seed=self.random_state)
        self.cp_label_ = cp_label
        sem = None
        if self.semantic:
            from .semantic import semantic_links

            sem = semantic_links(self, posts, v, text_id, rep, ntok, cp_label, counts)
            self.eligibility_ += sem.pop("eligibility")
        self.semantic_links_ = sem
        if sem is not None and len(sem["a"]):
            la, lb = cp_label[sem["a"]], cp_label[sem["b"]]
            keep = la != lb
            n_cp = int(cp_label.max()) + 1
            # Verified links weigh 1: a translation's cosine says more about the language
            # pair than about reuse, and weighting by it would split star-shaped groups
            # (one source, many translations that only resemble the source).
            self.sem_label_ = communities(n_cp, la[keep], lb[keep], np.ones(int(keep.sum())),
                                          resolution=self.semantic_resolution, seed=self.random_state)
        else:
            self.sem_label_ = None
        self.media_ = None
        if self.media:
            from .media_groups import media_clusters

            self.media_ = media_clusters(self, engine)
            self.eligibility_ += self.media_[3]
        from .build import build_tables

        self.tables_ = build_tables(self)
        note(f"content: {self.tables_['content_clusters'].num_rows:,} clusters from {n:,} posts")

    def _near_links(self, engine, rep_canon, near_ok) -> dict:
        ids = np.flatnonzero(near_ok)
        empty = {"a": np.zeros(0, np.int64), "b": np.zeros(0, np.int64), "sim": np.zeros(0, np.float32)}
        self.lsh_ = {"bands": 0, "rows": 0, "oversized_buckets": 0, "oversized_rows": 0, "candidates": 0}
        if len(ids) < 2:
            return empty
        h, off = minhash.shingle_hashes([rep_canon[i] for i in ids], self.shingle_k)
        sigs = minhash.signatures(h, off, self.num_perm, seed=self.random_state + 1)
        bands, rows = minhash.lsh_params(self.jaccard_threshold, self.num_perm)
        keys = minhash.band_keys(sigs, bands, rows)
        engine.register("content_bands", pa.table({
            "text_id": pa.array(np.repeat(ids, bands), pa.int64()),
            "band": pa.array(np.tile(np.arange(bands, dtype=np.int32), len(ids))),
            "key": pa.array(keys.ravel(), pa.int64()),
        }))
        over = engine.sql(sql.oversized_sql(self.max_bucket)).to_pylist()[0]
        cand = engine.sql(sql.candidates_sql(self.max_bucket))
        a = cand.column("a").to_numpy()
        b = cand.column("b").to_numpy()
        pos = np.full(int(ids.max()) + 1, -1, np.int64)
        pos[ids] = np.arange(len(ids))
        sim = minhash.estimated_jaccard(sigs, pos[a], pos[b])
        keep = sim >= self.jaccard_threshold
        self.lsh_ = {"bands": bands, "rows": rows, "oversized_buckets": int(over["buckets"]),
                     "oversized_rows": int(over["n_rows"]), "candidates": int(len(a))}
        return {"a": a[keep], "b": b[keep], "sim": sim[keep]}

    # -- output ----------------------------------------------------------------------
    def write(self, store) -> str:
        """Write the result tables atomically and record the run."""
        from .tables import CONTENT_CLUSTERS, CONTENT_ELIGIBILITY, CONTENT_MEMBERS, CONTENT_PAIRS

        defs = {t.name: t for t in (CONTENT_CLUSTERS, CONTENT_MEMBERS, CONTENT_PAIRS, CONTENT_ELIGIBILITY)}
        return store.write_results(
            {name: (defs[name], self.tables_[name]) for name in defs},
            stage=STAGE, params=self.get_params(), engine=getattr(self, "engine_name_", "duckdb"),
        )


def _eligibility(n, native, empty, text_id, near_ok, counts) -> list[dict]:
    rows = [
        {"view": "exact", "reason": "eligible", "posts": int((text_id >= 0).sum()), "texts": int(len(counts))},
        {"view": "exact", "reason": "native repost (left to the coordination detector)",
         "posts": int(native.sum()), "texts": None},
        {"view": "exact", "reason": "empty text (no letters, digits, URL or symbol)",
         "posts": int((empty & ~native).sum()), "texts": None},
        {"view": "minhash", "reason": "eligible", "posts": int(counts[near_ok].sum()), "texts": int(near_ok.sum())},
        {"view": "minhash", "reason": "too short: exact matching only",
         "posts": int(counts[~near_ok].sum()), "texts": int((~near_ok).sum())},
    ]
    return rows
