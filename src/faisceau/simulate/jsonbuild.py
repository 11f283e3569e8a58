"""Vectorised JSON: X API v2 tweet, user and media objects as Arrow string arrays.

Objects are assembled with Arrow string kernels (escape, cast, element-wise join), one
column at a time, never one Python object per tweet. An absent field is a null piece and
is skipped by the join, so absent fields are omitted as the API omits them.
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .columns import list_array


def esc(arr) -> pa.Array:
    """JSON string escaping (backslash, quote, control characters used in text); arrays
    without any of them (most) are returned as they are."""
    if len(arr) == 0 or not pc.any(pc.match_substring_regex(arr, r'[\\"\n\r\t]')).as_py():
        return arr
    for a, b in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t")):
        arr = pc.replace_substring(arr, a, b)
    return arr


def opt(*parts) -> pa.Array:
    """An optional piece: the concatenation, or '' where any part is null."""
    return pc.fill_null(cat(*parts), "")


def cat(*parts) -> pa.Array:
    """Concatenate; a null part makes the result null (used for optional pieces)."""
    return pc.binary_join_element_wise(*[pa.scalar(p) if isinstance(p, str) else p for p in parts], "")


def obj(*pieces) -> pa.Array:
    """'{' + the non-null pieces joined by ',' + '}'."""
    # (binary_join_element_wise's null_handling='skip' drops rows whose pieces are all null
    # in pyarrow, so absent pieces become '' and the trailing comma is trimmed instead)
    parts = [p + "," if isinstance(p, str) else pc.fill_null(cat(p, ","), "") for p in pieces]
    inner = pc.utf8_rtrim(pc.binary_join_element_wise(*[pa.scalar(p) if isinstance(p, str) else p for p in parts], ""),
                          characters=",")
    return cat("{", inner, "}")


def s(arr) -> pa.Array:
    """A quoted JSON string (null stays null)."""
    return cat('"', esc(arr), '"')


def num(arr) -> pa.Array:
    return pc.cast(arr, pa.string())


def qid(arr) -> pa.Array:
    return cat('"', pc.cast(arr, pa.string()), '"')


def when(mask, value) -> pa.Array:
    """value where mask, else null."""
    return pc.if_else(mask, value, pa.scalar(None, pa.string()))


_TWO = pa.array([f"{i:02d}" for i in range(60)])
_THREE = pa.array([f"{i:03d}" for i in range(1000)])


def iso_ms(ms_arr) -> pa.Array:
    """'YYYY-MM-DDTHH:MM:SS.mmmZ' by table lookups (a few distinct days; faster than strftime)."""
    import datetime as dt

    v = pc.cast(ms_arr, pa.int64()).to_numpy(zero_copy_only=False) if not isinstance(ms_arr, np.ndarray) else ms_arr
    v = np.asarray(v, dtype=np.int64)
    day = v // 86_400_000
    uniq, inv = np.unique(day, return_inverse=True)
    days = pa.array([(dt.date(1970, 1, 1) + dt.timedelta(days=int(d))).isoformat() for d in uniq.tolist()])
    rem = v - day * 86_400_000
    t = lambda a, idx: a.take(pa.array(idx))  # noqa: E731
    return cat(t(days, inv), "T", t(_TWO, rem // 3_600_000), ":", t(_TWO, rem // 60_000 % 60), ":",
               t(_TWO, rem // 1000 % 60), ".", t(_THREE, rem % 1000), "Z")


def join_lists(offsets: np.ndarray, items: pa.Array, sep: str = ",") -> pa.Array:
    return pc.binary_join(list_array(offsets, items), sep)


def _list_items(lists) -> tuple[np.ndarray, np.ndarray, pa.Array]:
    lists = lists.combine_chunks() if isinstance(lists, pa.ChunkedArray) else lists
    offs = lists.offsets.to_numpy().astype(np.int64)
    offs = offs - offs[0]
    row_of = np.repeat(np.arange(len(lists)), np.diff(offs))
    return offs, row_of, lists.flatten()


def tweets(c: dict, with_refs: bool) -> pa.Array:
    """v2 tweet objects from POST_SCHEMA-like columns ``c`` (a row table or the parent struct)."""
    ids = num(c["id"])
    # entities
    offs, _, tags = _list_items(c["tags"])
    _, _, tst = _list_items(c["tag_starts"])
    tag_items = obj(cat('"start":', num(tst)), cat('"end":', num(pc.add(pc.add(tst, pc.utf8_length(tags)), 1))),
                    cat('"tag":', s(tags))) if len(tags) else pa.array([], pa.string())
    ntag = np.diff(offs)
    hashtags = when(pa.array(ntag > 0), cat('"hashtags":[', join_lists(offs, tag_items), "]"))
    moffs, _, mh = _list_items(c["ment_handles"])
    _, _, mst = _list_items(c["ment_starts"])
    _, _, mid = _list_items(c["ments"])
    m_items = obj(cat('"start":', num(mst)), cat('"end":', num(pc.add(pc.add(mst, pc.utf8_length(mh)), 1))),
                  cat('"username":', s(mh)), cat('"id":', qid(mid))) if len(mh) else pa.array([], pa.string())
    nment = np.diff(moffs)
    mentions = when(pa.array(nment > 0), cat('"mentions":[', join_lists(moffs, m_items), "]"))
    url, tco, ust = c["url"], c["tco"], c["url_start"]
    disp = pc.replace_substring_regex(url, "^https?://(www[.])?", "")
    disp = pc.if_else(pc.greater(pc.utf8_length(disp), 24), cat(pc.utf8_slice_codeunits(disp, 0, 24), "…"), disp)
    urls = cat('"urls":[{"start":', num(ust), ',"end":', num(pc.add(ust, pc.utf8_length(tco))), ',"url":', s(tco),
               ',"expanded_url":', s(url), ',"display_url":', s(disp), "}]")
    has_ent = pa.array((ntag > 0) | (nment > 0) | pc.is_valid(url).to_numpy(zero_copy_only=False))
    entities = when(has_ent, cat('"entities":', obj(hashtags, mentions, urls)))
    # media keys
    meoffs, _, med = _list_items(c["media"])
    keys = med.field("media_key") if len(med) else pa.array([], pa.string())
    attachments = when(pa.array(np.diff(meoffs) > 0),
                       cat('"attachments":{"media_keys":[', join_lists(meoffs, s(keys) if len(keys) else keys), "]}"))
    parts = [
        '{"id":"', ids, '","text":"', esc(c["text"]), '","author_id":"', num(c["author"]), '","created_at":"',
        iso_ms(c["ms"]), '","lang":"', c["lang"], '","conversation_id":"', num(c["conv"]),
        '","edit_history_tweet_ids":["', ids, '"],"possibly_sensitive":false,"reply_settings":"everyone","source":"',
        esc(c["source"]), '","public_metrics":{"retweet_count":', num(c["rts"]), ',"reply_count":', num(c["replies"]),
        ',"like_count":', num(c["likes"]), ',"quote_count":', num(c["quotes"]),
        ',"bookmark_count":0,"impression_count":', num(c["views"]), "}",
        pc.fill_null(cat(",", entities), ""), pc.fill_null(cat(",", attachments), ""),
    ]
    if with_refs:
        kind = c["kind"]
        rtype = pc.case_when(pc.make_struct(pc.equal(kind, "repost"), pc.equal(kind, "quote"), pc.equal(kind, "reply")),
                             "retweeted", "quoted", "replied_to")
        parts.append(opt(',"referenced_tweets":[{"type":"', rtype, '","id":"', num(c["parent"]), '"}]'))
        parts.append(opt(',"in_reply_to_user_id":"', when(pc.equal(kind, "reply"), num(c["parent_author"])), '"'))
    parts.append("}")
    return cat(*parts)


def users(u: pa.Table) -> pa.Array:
    loc = pc.if_else(pc.equal(u["location"], ""), pa.scalar(None, pa.string()), u["location"])
    return obj(
        cat('"id":', qid(u["id"])), cat('"name":', s(u["name"])), cat('"username":', s(u["handle"])),
        cat('"created_at":"', iso_ms(u["created_ms"].combine_chunks() if isinstance(u["created_ms"], pa.ChunkedArray) else u["created_ms"]), '"'), cat('"description":', s(u["description"])),
        cat('"location":', s(loc)), cat('"profile_image_url":', s(u["image_url"])), '"protected":false',
        cat('"verified":', pc.if_else(u["verified"], "true", "false")),
        cat('"public_metrics":{"followers_count":', num(u["followers"]), ',"following_count":', num(u["following"]),
            ',"tweet_count":', num(u["tweets"]), ',"listed_count":', num(u["listed"]), "}"),
    )


def media(m: pa.StructArray) -> pa.Array:
    f = {k.name: m.field(k.name) for k in m.type}
    photo = pc.equal(f["type"], "photo")
    video = pc.equal(f["type"], "video")
    base = pc.utf8_slice_codeunits(f["media_key"], 2, 64)
    return obj(
        cat('"media_key":', s(f["media_key"])), cat('"type":', s(f["type"])),
        when(photo, cat('"url":', s(f["url"]))), when(pc.invert(photo), cat('"preview_image_url":', s(f["url"]))),
        cat('"duration_ms":', num(f["duration_ms"])), cat('"width":', num(f["width"])), cat('"height":', num(f["height"])),
        cat('"public_metrics":{"view_count":', num(f["view_count"]), "}"),
        when(video, cat('"variants":[{"bit_rate":2176000,"content_type":"video/mp4","url":"https://video.twimg.com/ext_tw_video/',
                        base, "/pu/vid/1280x720/", base, '.mp4"}]')),
    )
