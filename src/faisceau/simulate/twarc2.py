"""Writer of raw twarc2 pages: one X API v2 search response per line.

Each line is ``{"data": [...], "includes": {"users", "tweets", "media"}, "meta": {...},
"__twarc": {...}}`` with up to 100 tweets, as ``twarc2 search`` writes them. Tweets carry
``entities`` (hashtags, mentions, urls with t.co / expanded / display forms and code-point
offsets), ``public_metrics`` with ``impression_count``, ``referenced_tweets``,
``attachments.media_keys``, ``source``; ``includes.tweets`` holds the full referenced
tweets, ``includes.users`` every author, referenced author and mentioned account of the
page, ``includes.media`` every attached medium. Absent fields are omitted, as the API does.

Everything is vectorised (``jsonbuild``): tweets, users and media become JSON strings in
Arrow, pages are contiguous slices of 100 rows joined by list offsets, and the per-page
de-duplication of includes is a numpy sort. Pages are in chronological order (a real
``twarc2 search`` pages newest first; readers must not depend on either). One
``retrieved_at`` serves the whole file, so each account is one observation.
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import jsonbuild as J
from .columns import PARENT_FIELDS, iso

PAGE = 100


def pages_of(n: int) -> int:
    return (n + PAGE - 1) // PAGE


def _unique_pairs(page: np.ndarray, key: np.ndarray, payload: np.ndarray):
    """Distinct (page, key) pairs sorted by page then key, with the payload of the first."""
    order = np.lexsort((key, page))
    p, k = page[order], key[order]
    first = np.ones(len(p), bool)
    first[1:] = (p[1:] != p[:-1]) | (k[1:] != k[:-1])
    return p[first], payload[order][first]


class Twarc2Writer:
    """Streams POST_SCHEMA chunks to a twarc2 JSONL file, 100 tweets per page."""

    def __init__(self, path: str | Path, users: pa.Table, retrieved_ms: int, query: str):
        self.path = Path(path)
        self.fh = open(self.path, "wb")
        ids = users.column("id").to_numpy()
        self.user_order = np.argsort(ids, kind="stable")
        self.user_ids = ids[self.user_order]
        self.user_json = J.users(users)
        twarc = {"url": "https://api.twitter.com/2/tweets/search/all?expansions=author_id%2Creferenced_tweets.id%2C"
                        "referenced_tweets.id.author_id%2Centities.mentions.username%2Cattachments.media_keys"
                        "&tweet.fields=attachments%2Cauthor_id%2Cconversation_id%2Ccreated_at%2Centities%2Clang"
                        "%2Cpublic_metrics%2Creferenced_tweets%2Csource&max_results=100&query=" + quote(query),
                 "version": "2.14.0", "retrieved_at": iso(retrieved_ms).replace("Z", "+00:00")}
        self.twarc = json.dumps(twarc, separators=(",", ":"), ensure_ascii=False)
        self.pages = 0
        self.tweets = 0

    def _user_rows(self, uids: np.ndarray) -> np.ndarray:
        pos = np.searchsorted(self.user_ids, uids).clip(0, len(self.user_ids) - 1)
        if len(uids) and not np.array_equal(self.user_ids[pos], uids):
            raise ValueError("a post refers to an account missing from the users table")
        return self.user_order[pos]

    def write(self, posts: pa.Table) -> None:
        self.put(self.encode(posts, {"pages": self.pages}), posts.num_rows)

    def put(self, payload, n: int) -> None:
        """Append an encoded chunk of ``n`` tweets (``encode``'s result)."""
        if n:
            self.fh.write(payload)
            self.pages += pages_of(n)
            self.tweets += n

    def encode(self, posts: pa.Table, before: dict):
        """The JSONL bytes of ``posts``; ``before["pages"]`` pages were written before them."""
        n = posts.num_rows
        if n == 0:
            return b""
        first_page = before["pages"]
        posts = posts.combine_chunks()
        page = np.arange(n, dtype=np.int64) // PAGE
        n_pages = int(page[-1]) + 1
        cols = {f: posts.column(f).chunk(0) if posts.column(f).num_chunks else posts.column(f).combine_chunks()
                for f in posts.column_names}
        data = J.join_lists(np.append(np.arange(0, n, PAGE), n), J.tweets(cols, with_refs=True))

        pr = cols["pr"]
        has_pr = pr.is_valid().to_numpy(zero_copy_only=False) & pc.is_valid(pr.field("id")).to_numpy(zero_copy_only=False)
        pr_rows = np.flatnonzero(has_pr)
        pr_id = pc.fill_null(pr.field("id"), 0).to_numpy()
        # includes.tweets: distinct parents per page
        tp, trow = _unique_pairs(page[pr_rows], pr_id[pr_rows], pr_rows)
        pr_sel = pr.take(pa.array(trow, pa.int64()))
        pcols = {f: pr_sel.field(f) for f in PARENT_FIELDS}
        parents = J.tweets(pcols, with_refs=False) if len(trow) else pa.array([], pa.string())
        inc_tweets = J.join_lists(np.concatenate([[0], np.cumsum(np.bincount(tp, minlength=n_pages))]), parents)

        # includes.users: authors, parents' authors, mentioned accounts
        def ments(lists, rows_mask=None):
            lists = lists.combine_chunks() if isinstance(lists, pa.ChunkedArray) else lists
            offs = lists.offsets.to_numpy().astype(np.int64)
            row_of = np.repeat(np.arange(len(lists)), np.diff(offs))
            vals = pc.fill_null(lists.flatten(), 0).to_numpy()
            if rows_mask is not None:
                keep = rows_mask[row_of]
                return row_of[keep], vals[keep]
            return row_of, vals

        r1, v1 = ments(cols["ments"])
        r2, v2 = ments(pr.field("ments"), has_pr)
        up = np.concatenate([page, page[pr_rows], page[r1], page[r2]])
        uv = np.concatenate([cols["author"].to_numpy(), pc.fill_null(pr.field("author"), 0).to_numpy()[pr_rows], v1, v2])
        upage, uid = _unique_pairs(up, uv, uv)
        inc_users = J.join_lists(np.concatenate([[0], np.cumsum(np.bincount(upage, minlength=n_pages))]),
                                 self.user_json.take(pa.array(self._user_rows(uid))))

        # includes.media: every medium of the page's tweets and of their parents
        m_parts, m_pages = [], []
        for lists, mask in ((cols["media"], None), (pr.field("media"), has_pr)):
            lists = lists.combine_chunks() if isinstance(lists, pa.ChunkedArray) else lists
            offs = lists.offsets.to_numpy().astype(np.int64)
            row_of = np.repeat(np.arange(len(lists)), np.diff(offs))
            flat = lists.values.slice(offs[0], offs[-1] - offs[0]) if len(offs) else lists.flatten()
            if mask is not None:
                keep = mask[row_of]
                flat = flat.filter(pa.array(keep))
                row_of = row_of[keep]
            m_parts.append(flat)
            m_pages.append(page[row_of])
        allm = pa.concat_arrays(m_parts)
        inc_media = pa.nulls(n_pages, pa.string())
        if len(allm):
            code = pc.dictionary_encode(allm.field("media_key")).indices.to_numpy().astype(np.int64)
            mp, mrow = _unique_pairs(np.concatenate(m_pages), code, np.arange(len(allm)))
            mj = J.media(allm.take(pa.array(mrow)))
            counts = np.bincount(mp, minlength=n_pages)
            inc_media = J.when(pa.array(counts > 0), J.join_lists(np.concatenate([[0], np.cumsum(counts)]), mj))

        ids = cols["id"].to_numpy()
        bounds = np.append(np.arange(0, n, PAGE), n)
        newest = ids[bounds[1:] - 1]
        oldest = ids[bounds[:-1]]
        tok = pa.array([f"b26v89c19zqg8o3f{first_page + i + 1:08d}" for i in range(n_pages)])
        has_t = pa.array(np.bincount(tp, minlength=n_pages) > 0)
        line = J.cat(
            '{"data":[', data, '],"includes":{"users":[', inc_users, "]",
            pc.fill_null(J.when(has_t, J.cat(',"tweets":[', inc_tweets, "]")), ""),
            pc.fill_null(J.cat(',"media":[', inc_media, "]"), ""),
            '},"meta":{"newest_id":"', J.num(pa.array(newest)), '","oldest_id":"', J.num(pa.array(oldest)),
            '","result_count":', J.num(pa.array(np.diff(bounds))), ',"next_token":"', tok, '"},"__twarc":', self.twarc, "}\n",
        )
        # the lines are contiguous in the array's data buffer: write it as is, no Python strings
        off = np.frombuffer(line.buffers()[1], dtype=np.int32)[line.offset: line.offset + len(line) + 1]
        return memoryview(line.buffers()[2])[int(off[0]): int(off[-1])]

    def close(self) -> None:
        self.fh.close()
