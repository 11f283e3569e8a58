"""Writer of io-archive CSV: the format of X's state-linked information-operations archives.

One row per tweet with the account's profile repeated, in the archives' column order.
Times follow the archives: ``tweet_time`` is ``YYYY-MM-DD HH:MM`` (UTC, minute precision:
the archives drop seconds) and ``account_creation_date`` is ``YYYY-MM-DD``. List columns
are written as ``[a, b]`` (hashtags without '#', urls expanded, user_mentions as user
ids), ``is_retweet`` as ``True``/``False``. Serialised by pyarrow's CSV writer per chunk.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from .columns import list_array

COLUMNS = ["tweetid", "userid", "user_display_name", "user_screen_name", "user_reported_location",
           "user_profile_description", "user_profile_url", "follower_count", "following_count", "account_creation_date",
           "account_language", "tweet_language", "tweet_text", "tweet_time", "tweet_client_name", "in_reply_to_userid",
           "in_reply_to_tweetid", "quoted_tweet_tweetid", "is_retweet", "retweet_userid", "retweet_tweetid", "latitude",
           "longitude", "quote_count", "reply_count", "like_count", "retweet_count", "hashtags", "urls", "user_mentions"]


_TWO = pa.array([f"{i:02d}" for i in range(60)])


def _day_and_minute(ms_arr, with_time: bool) -> pa.Array:
    """'YYYY-MM-DD' (or 'YYYY-MM-DD HH:MM') by table lookups: a few distinct days per chunk,
    and strftime costs about a third of the CSV encoding."""
    import datetime as dt

    v = pc.cast(ms_arr, pa.int64()).to_numpy(zero_copy_only=False).astype(np.int64)
    day = v // 86_400_000
    uniq, inv = np.unique(day, return_inverse=True)
    days = pa.array([(dt.date(1970, 1, 1) + dt.timedelta(days=int(d))).isoformat() for d in uniq.tolist()]).take(pa.array(inv))
    if not with_time:
        return days
    rem = v - day * 86_400_000
    return pc.binary_join_element_wise(days, " ", _TWO.take(pa.array(rem // 3_600_000)), ":",
                                       _TWO.take(pa.array(rem // 60_000 % 60)), "")


def _bracket(lists) -> pa.Array:
    lists = lists.combine_chunks() if isinstance(lists, pa.ChunkedArray) else lists
    flat = pc.cast(lists.flatten(), pa.string())
    offs = lists.offsets.to_numpy().astype(np.int64)
    inner = pc.binary_join(list_array(offs - offs[0], flat), ", ")
    return pc.binary_join_element_wise("[", inner, "]", "")


class IoArchiveWriter:
    def __init__(self, path: str | Path, users: pa.Table):
        self.path = Path(path)
        ids = users.column("id").to_numpy()
        self.order = np.argsort(ids, kind="stable")
        self.ids = ids[self.order]
        self.users = users
        self.fh = open(self.path, "wb")
        self.rows = 0

    def write(self, posts: pa.Table) -> None:
        self.put(self.encode(posts, {"rows": self.rows}), posts.num_rows)

    def put(self, payload, n: int) -> None:
        """Append an encoded chunk of ``n`` rows (``encode``'s result)."""
        if n:
            self.fh.write(payload)
            self.rows += n

    def encode(self, posts: pa.Table, before: dict):
        """The CSV bytes of ``posts``, with the header when no row was written before them."""
        if posts.num_rows == 0:
            return b""
        posts = posts.combine_chunks()
        author = posts["author"].to_numpy()
        pos = self.order[np.searchsorted(self.ids, author).clip(0, len(self.ids) - 1)]
        u = self.users.take(pa.array(pos))
        kind = posts["kind"]
        is_rt = pc.equal(kind, "repost")
        none = pa.scalar(None, pa.string())
        pid = pc.cast(posts["parent"], pa.string())
        paid = pc.cast(posts["parent_author"], pa.string())
        empty_loc = pc.equal(u["location"], "")
        t = pa.table({
            "tweetid": pc.cast(posts["id"], pa.string()), "userid": pc.cast(u["id"], pa.string()),
            "user_display_name": u["name"], "user_screen_name": u["handle"],
            "user_reported_location": pc.if_else(empty_loc, none, u["location"]), "user_profile_description": u["description"],
            "user_profile_url": pa.nulls(posts.num_rows, pa.string()), "follower_count": u["followers"],
            "following_count": u["following"], "account_creation_date": _day_and_minute(u["created_ms"], False),
            "account_language": u["lang"], "tweet_language": posts["lang"], "tweet_text": posts["text"],
            "tweet_time": _day_and_minute(posts["ms"], True), "tweet_client_name": posts["source"],
            "in_reply_to_userid": pc.if_else(pc.equal(kind, "reply"), paid, none),
            "in_reply_to_tweetid": pc.if_else(pc.equal(kind, "reply"), pid, none),
            "quoted_tweet_tweetid": pc.if_else(pc.equal(kind, "quote"), pid, none),
            "is_retweet": pc.if_else(is_rt, "True", "False"),
            "retweet_userid": pc.if_else(is_rt, paid, none), "retweet_tweetid": pc.if_else(is_rt, pid, none),
            "latitude": pa.nulls(posts.num_rows, pa.string()), "longitude": pa.nulls(posts.num_rows, pa.string()),
            "quote_count": posts["quotes"], "reply_count": posts["replies"], "like_count": posts["likes"],
            "retweet_count": posts["rts"], "hashtags": _bracket(posts["tags"]),
            "urls": _bracket(_url_lists(posts["url"])),
            "user_mentions": _bracket(posts["ments"]),
        })
        sink = pa.BufferOutputStream()
        pacsv.write_csv(t, sink, write_options=pacsv.WriteOptions(include_header=before["rows"] == 0, quoting_style="needed"))
        return sink.getvalue()

    def close(self) -> None:
        if self.rows == 0:
            self.fh.write((",".join(COLUMNS) + "\n").encode("utf-8"))
        self.fh.close()


def _url_lists(url) -> pa.ListArray:
    url = url.combine_chunks() if isinstance(url, pa.ChunkedArray) else url
    valid = pc.is_valid(url).to_numpy(zero_copy_only=False)
    offs = np.concatenate([[0], np.cumsum(valid)]).astype(np.int64)
    return list_array(offs, url.filter(pa.array(valid)))
