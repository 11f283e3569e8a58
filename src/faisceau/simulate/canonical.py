"""Writer of the canonical ``posts`` table as Parquet (``--format parquet``), for benchmarks.

Large-scale benchmarks (coordination at 10 M actions, Spark) need the background without
paying JSON serialisation and ingest. This writes exactly ``schema.POSTS`` (plus an
``.accounts.parquet`` file in ``schema.ACCOUNTS``), mapped the way the twarc2 adapter maps
the same tweets: a repost's text, hashtags and URLs are its parent's, hashtags and
mentions lower-cased, the tracking parameters the simulator adds (``utm_*``) removed,
domains without ``www.``. Provenance columns say ``adapter = 'simulate'``.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..schema import ACCOUNTS, MEDIA_TYPE, POSTS
from .columns import list_array


def _lower_lists(lists) -> pa.ListArray:
    lists = lists.combine_chunks() if isinstance(lists, pa.ChunkedArray) else lists
    offs = lists.offsets.to_numpy().astype(np.int64)
    return list_array(offs - offs[0], pc.utf8_lower(lists.flatten()))


def _single(values) -> pa.ListArray:
    values = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
    valid = pc.is_valid(values).to_numpy(zero_copy_only=False)
    offs = np.concatenate([[0], np.cumsum(valid)]).astype(np.int64)
    return list_array(offs, values.filter(pa.array(valid)))


def canonical_posts(posts: pa.Table, source_file: str) -> pa.Table:
    posts = posts.combine_chunks()
    n = posts.num_rows
    is_rt = pc.equal(posts["kind"], "repost")
    pr = posts["pr"].combine_chunks()
    text = pc.if_else(is_rt, pr.field("text"), posts["text"])
    url = pc.replace_substring_regex(posts["url"], r"[?&]utm_[a-z]+=[^&]*(&utm_[a-z]+=[^&]*)*$", "")
    url = pc.if_else(is_rt, pc.replace_substring_regex(pr.field("url"), r"[?&]utm_[a-z]+=[^&]*(&utm_[a-z]+=[^&]*)*$", ""), url)
    url = url.combine_chunks() if isinstance(url, pa.ChunkedArray) else url
    domain = pc.replace_substring_regex(pc.struct_field(pc.extract_regex(url, r"^https?://(?P<h>[^/?#]+)"), [0]), r"^www\.", "")
    # a repost's entities and media are its parent's, as the twarc2 adapter reads them
    is_rt = is_rt.combine_chunks() if isinstance(is_rt, pa.ChunkedArray) else is_rt
    media = pc.if_else(is_rt, pr.field("media"), posts["media"].combine_chunks())
    ments = pc.if_else(is_rt, pr.field("ment_handles"), posts["ment_handles"].combine_chunks())
    offs = media.offsets.to_numpy().astype(np.int64)
    flat = media.flatten()
    # a video's url is its mp4 variant (the adapter prefers variants to the preview image)
    base = pc.utf8_slice_codeunits(flat.field("media_key"), 2, 64)
    mp4 = pc.binary_join_element_wise("https://video.twimg.com/ext_tw_video/", base, "/pu/vid/1280x720/", base, ".mp4", "")
    murl = pc.if_else(pc.equal(flat.field("type"), "video"), mp4, flat.field("url"))
    m = pa.StructArray.from_arrays([flat.field("media_key"), flat.field("type"), murl, flat.field("duration_ms"),
                                    pa.nulls(len(flat), pa.string())], fields=list(MEDIA_TYPE))
    cols = {
        "platform": pa.repeat(pa.scalar("x"), n), "post_id": pc.cast(posts["id"], pa.string()),
        "account_id": pc.cast(posts["author"], pa.string()),
        "created_at": pc.cast(posts["ms"], pa.timestamp("ms")), "kind": posts["kind"], "text": text, "lang": posts["lang"],
        "parent_post_id": pc.cast(posts["parent"], pa.string()), "parent_account_id": pc.cast(posts["parent_author"], pa.string()),
        "conversation_id": pc.cast(posts["conv"], pa.string()), "hashtags": _lower_lists(posts["tags"]),
        "urls": _single(url), "domains": _single(domain), "mentions": _lower_lists(ments),
        "media": list_array(offs - offs[0], m), "views": posts["views"], "likes": posts["likes"], "reposts": posts["rts"],
        "replies": posts["replies"], "quotes": posts["quotes"], "source": posts["source"],
        "source_file": pa.repeat(pa.scalar(source_file), n), "adapter": pa.repeat(pa.scalar("simulate"), n),
    }
    return POSTS.conform(pa.table(cols))


def canonical_accounts(users: pa.Table, source_file: str, observed_ms: int) -> pa.Table:
    n = users.num_rows
    cols = {
        "platform": pa.repeat(pa.scalar("x"), n), "account_id": pc.cast(users["id"], pa.string()), "handle": users["handle"],
        "display_name": users["name"], "created_at": pc.cast(users["created_ms"], pa.timestamp("ms")),
        "description": users["description"],
        "location": pc.if_else(pc.equal(users["location"], ""), pa.scalar(None, pa.string()), users["location"]),
        "followers": users["followers"], "following": users["following"], "posts_count": users["tweets"],
        "verified": users["verified"], "profile_image_url": users["image_url"], "default_profile_image": users["default_image"],
        "observed_at": pc.cast(pa.array(np.full(n, observed_ms)), pa.timestamp("ms")),
        "source_file": pa.repeat(pa.scalar(source_file), n), "adapter": pa.repeat(pa.scalar("simulate"), n),
    }
    return ACCOUNTS.conform(pa.table(cols))


class CanonicalWriter:
    """posts -> PATH (schema.POSTS); accounts that posted -> PATH with suffix .accounts.parquet."""

    def __init__(self, path: str | Path, users: pa.Table, observed_ms: int):
        self.path = Path(path)
        self.users = users
        self.observed_ms = observed_ms
        self.writer = pq.ParquetWriter(str(self.path), POSTS.arrow_schema, compression="zstd")
        ids = users.column("id").to_numpy()
        self.order = np.argsort(ids, kind="stable")
        self.sorted_ids = ids[self.order]
        self.seen = np.zeros(len(ids), bool)

    @property
    def accounts_path(self) -> Path:
        return self.path.with_name(self.path.name.removesuffix(".parquet") + ".accounts.parquet")

    def write(self, posts: pa.Table) -> None:
        self.put(self.encode(posts, {}), posts.num_rows)

    def encode(self, posts: pa.Table, before: dict):
        """The canonical rows of ``posts`` and their distinct authors."""
        if posts.num_rows == 0:
            return None
        return canonical_posts(posts, self.path.name), np.unique(posts.column("author").to_numpy())

    def put(self, payload, n: int) -> None:
        if n:
            table, authors = payload
            self.writer.write_table(table)
            self.seen[self.order[np.searchsorted(self.sorted_ids, authors)]] = True

    def close(self) -> None:
        self.writer.close()
        users = self.users.filter(pa.array(self.seen))
        pq.write_table(canonical_accounts(users, self.path.name, self.observed_ms), str(self.accounts_path),
                       compression="zstd")
