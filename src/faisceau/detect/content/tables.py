"""Result tables of the content stage."""
from __future__ import annotations

import pyarrow as pa

from ...schema import TS, Column, Table, register_result_table

_S = pa.string()
_L = pa.list_(pa.string())

CONTENT_CLUSTERS = register_result_table(
    Table(
        "content_clusters",
        "Groups of posts that reuse the same content. A post can sit in one copypasta "
        "cluster and, through it, in one rewording/translation cluster; media clusters "
        "are separate.",
        (
            Column("cluster_id", _S, "cp-N (copypasta), rw-N (rewording), tr-N (translation), md-N (media)"),
            Column("type", _S, "copypasta | rewording | translation | media"),
            Column("n_posts", pa.int64(), "posts in the cluster"),
            Column("n_accounts", pa.int64(), "distinct accounts"),
            Column("n_texts", pa.int64(), "distinct canonical texts (or distinct media hashes)"),
            Column("members", _L, "post ids, oldest first"),
            Column("accounts", _L, "account ids, in order of first post"),
            Column("platforms", _L, "platforms of the members"),
            Column("languages", _L, "languages of the members (declared, else detected); most frequent first"),
            Column("first_post_id", _S, "oldest post: the originator candidate"),
            Column("first_account_id", _S, "its author"),
            Column("first_at", TS, "time of the oldest post"),
            Column("last_at", TS, "time of the newest post"),
            Column("span_s", pa.float64(), "last_at - first_at in seconds"),
            Column("method", _S, "strongest link kind: exact | minhash | semantic | phash"),
            Column("min_similarity", pa.float64(), "weakest kept link inside the cluster (1.0 for exact copies)"),
            Column("short", pa.bool_(), "true when the representative text is too short for near-duplicate or "
                   "semantic matching: only exact copies matched, weigh it accordingly"),
            Column("sample_text", _S, "text of the oldest post (truncated to 280 characters)"),
        ),
        key=("cluster_id",),
    )
)

CONTENT_MEMBERS = register_result_table(
    Table(
        "content_members",
        "Long form of content_clusters.members: one row per (cluster, post).",
        (
            Column("cluster_id", _S, ""),
            Column("type", _S, ""),
            Column("platform", _S, ""),
            Column("post_id", _S, ""),
            Column("account_id", _S, ""),
            Column("created_at", TS, ""),
            Column("text_id", pa.int64(), "distinct canonical text (media: distinct hash) the post carries"),
        ),
        key=("cluster_id", "platform", "post_id"),
    )
)

CONTENT_PAIRS = register_result_table(
    Table(
        "content_pairs",
        "The links kept between distinct texts (or media hashes), with the evidence that "
        "kept them. Exact copies are not listed pair by pair: they share a text_id.",
        (
            Column("post_a", _S, "representative (oldest) post of the first text"),
            Column("post_b", _S, "representative post of the second text"),
            Column("text_a", pa.int64(), ""),
            Column("text_b", pa.int64(), ""),
            Column("method", _S, "minhash | semantic | phash"),
            Column("similarity", pa.float64(), "estimated Jaccard (minhash), cosine (semantic), 1 - hamming/64 (phash)"),
            Column("lang_a", _S, ""),
            Column("lang_b", _S, ""),
            Column("shared", _L, "rare tokens, numbers, URLs, hashtags and mentions both share (semantic links)"),
            Column("cluster_id", _S, "cluster the link ended in (NULL when the grouping split it)"),
        ),
    )
)

CONTENT_ELIGIBILITY = register_result_table(
    Table(
        "content_eligibility",
        "What each view could and could not look at: nothing is dropped silently.",
        (
            Column("view", _S, "exact | minhash | semantic | media"),
            Column("reason", _S, "eligible, or why not"),
            Column("posts", pa.int64(), "posts"),
            Column("texts", pa.int64(), "distinct texts (or media items)"),
        ),
    )
)
