"""Column layouts shared by the generators and the writers, and vectorised helpers.

The generators never build one Python dict per post: they fill Arrow/numpy columns for a
whole chunk, and the writers serialise those chunks (twarc2 pages through DuckDB, io-archive
CSV through pyarrow). The in-between layout below is the simulator's own, close to the X API
(ids as int64, times as epoch milliseconds, entity offsets in code points).
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

TWITTER_EPOCH_MS = 1288834974657  # snowflake epoch of X/Twitter ids
SEQ_BITS = 22
FIXED_SEQ_BASE = 1 << 21  # sequence numbers >= this are reserved for fixed (scenario-built) rows

# Media objects travel inside the post rows (and inside a child's copy of its parent), so a
# writer never needs a lookup into earlier chunks. content_id says which picture/footage it
# is across re-uploads: truth only, never written.
MEDIA_STRUCT = pa.struct([
    ("media_key", pa.string()), ("type", pa.string()), ("url", pa.string()), ("duration_ms", pa.int64()),
    ("width", pa.int64()), ("height", pa.int64()), ("view_count", pa.int64()), ("content_id", pa.string()),
])

# The fields of a parent post copied into its children (the writers' includes.tweets).
PARENT_FIELDS = ["id", "author", "ms", "text", "lang", "conv", "tags", "tag_starts", "ments", "ment_starts", "ment_handles", "url", "tco",
                 "url_start", "media", "views", "likes", "rts", "replies", "quotes", "source"]

POST_SCHEMA = pa.schema([
    ("id", pa.int64()),
    ("author", pa.int64()),
    ("ms", pa.int64()),
    ("kind", pa.string()),
    ("text", pa.string()),
    ("lang", pa.string()),
    ("parent", pa.int64()),
    ("parent_author", pa.int64()),
    ("conv", pa.int64()),
    ("tags", pa.list_(pa.string())),
    ("tag_starts", pa.list_(pa.int32())),
    ("ments", pa.list_(pa.int64())),
    ("ment_starts", pa.list_(pa.int32())),
    ("ment_handles", pa.list_(pa.string())),
    ("url", pa.string()),
    ("tco", pa.string()),
    ("url_start", pa.int32()),
    ("media", pa.list_(MEDIA_STRUCT)),
    ("views", pa.int64()),
    ("likes", pa.int64()),
    ("rts", pa.int64()),
    ("replies", pa.int64()),
    ("quotes", pa.int64()),
    ("source", pa.string()),
])
PARENT_TYPE = pa.struct([POST_SCHEMA.field(f) for f in PARENT_FIELDS])
POST_SCHEMA = POST_SCHEMA.append(pa.field("pr", PARENT_TYPE))


def parent_struct(rows: pa.Table) -> pa.StructArray:
    """The PARENT_TYPE struct of each row of a POST_SCHEMA table (to copy into children)."""
    rows = rows.combine_chunks()
    return pa.StructArray.from_arrays([rows.column(f).combine_chunks() for f in PARENT_FIELDS], fields=list(PARENT_TYPE))

USER_SCHEMA = pa.schema([
    ("id", pa.int64()),
    ("handle", pa.string()),
    ("name", pa.string()),
    ("created_ms", pa.int64()),
    ("description", pa.string()),
    ("location", pa.string()),
    ("followers", pa.int64()),
    ("following", pa.int64()),
    ("tweets", pa.int64()),
    ("listed", pa.int64()),
    ("verified", pa.bool_()),
    ("image_url", pa.string()),
    ("default_image", pa.bool_()),
    ("lang", pa.string()),
])

def ms(ts: str) -> int:
    """Epoch milliseconds of an ISO UTC time such as '2023-07-26T06:00:00'."""
    d = dt.datetime.fromisoformat(ts.replace("Z", "")).replace(tzinfo=dt.timezone.utc)
    return int(d.timestamp() * 1000)


def iso(ms_value: int) -> str:
    return dt.datetime.fromtimestamp(ms_value / 1000, tz=dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def snowflake(ms_arr: np.ndarray, seq: np.ndarray) -> np.ndarray:
    """Snowflake ids: time in the high bits, so ids sort by time like real ones."""
    return ((np.asarray(ms_arr, dtype=np.int64) - TWITTER_EPOCH_MS) << SEQ_BITS) | (np.asarray(seq, dtype=np.int64) & ((1 << SEQ_BITS) - 1))


def pick(rng: np.random.Generator, cum: np.ndarray, n: int) -> np.ndarray:
    """n indices drawn from the distribution with cumulative weights ``cum`` (ends at its total)."""
    return np.searchsorted(cum, rng.random(n) * cum[-1], side="right").clip(0, len(cum) - 1)


def pick_rows(rng: np.random.Generator, cum_rows: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """For each i, an index drawn from the distribution of row ``rows[i]`` of ``cum_rows``.

    ``cum_rows`` is (R, K) with each row cumulative and normalised to end at 1; the rows are
    laid end to end shifted by their row number so one searchsorted serves every row.
    """
    r, k = cum_rows.shape
    flat = (cum_rows + np.arange(r)[:, None]).ravel()
    u = rng.random(len(rows)) + rows
    idx = np.searchsorted(flat, u, side="right")
    return (idx - rows * k).clip(0, k - 1)


def take_str(values: list[str], idx: np.ndarray) -> pa.Array:
    return pa.array(values, type=pa.string()).take(pa.array(idx, type=pa.int64()))


def join(*parts, sep: str = "") -> pa.Array:
    return pc.binary_join_element_wise(*parts, sep, null_handling="replace", null_replacement="")


def list_array(offsets: np.ndarray, values: pa.Array) -> pa.ListArray:
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    return pa.ListArray.from_arrays(pa.array(offsets, type=pa.int32()), values)


def code_len(arr: pa.Array) -> np.ndarray:
    return pc.utf8_length(pc.fill_null(arr, "")).to_numpy(zero_copy_only=False).astype(np.int64)


def list_positions(lists: pa.ListArray, base: np.ndarray, prefix: int, sep: int) -> tuple[pa.ListArray, np.ndarray]:
    """Start offsets of items laid out as ``<prefix-char><item><sep...>`` after ``base``.

    Returns the starts (a list per row, aligned with ``lists``) and the total length each
    row's items take, separators included.
    """
    offsets = lists.offsets.to_numpy().astype(np.int64)
    flat_len = code_len(lists.flatten()) + prefix + sep
    n = len(lists)
    if len(flat_len) == 0:
        return list_array(offsets, pa.array([], type=pa.int32())), np.zeros(n, dtype=np.int64)
    cs = np.concatenate([[0], np.cumsum(flat_len)])
    row_of = np.repeat(np.arange(n), np.diff(offsets))
    starts = base[row_of] + cs[:-1] - cs[offsets[:-1]][row_of]
    total = cs[offsets[1:]] - cs[offsets[:-1]]
    return list_array(offsets, pa.array(starts.astype(np.int32))), total


def prefixed_join(lists: pa.ListArray, prefix: str, sep: str) -> pa.Array:
    """'#a #b' from ['a', 'b'] (prefix '#', sep ' '), vectorised."""
    flat = lists.flatten()
    pref = pc.binary_join_element_wise(pa.scalar(prefix), flat, "") if len(flat) else flat
    return pc.binary_join(list_array(lists.offsets.to_numpy(), pref), sep)


def assemble(body: pa.Array, tags: pa.ListArray, tco: pa.Array, mention_handles: pa.ListArray | None = None):
    """Full text ``[@m1 @m2 ]body[ #t1 #t2][ tco]`` and the entity offsets (code points).

    Returns (text, ment_starts, tag_starts, url_start).
    """
    n = len(body)
    zero = np.zeros(n, dtype=np.int64)
    if mention_handles is None:
        mention_handles = list_array(np.zeros(n + 1, dtype=np.int64), pa.array([], type=pa.string()))
    ment_starts, pre_len = list_positions(mention_handles, zero, 1, 1)
    pre = prefixed_join(mention_handles, "@", " ")
    pre = pc.if_else(pc.greater(pc.utf8_length(pre), 0), join(pre, pa.scalar(" ")), pre)
    body_end = pre_len + code_len(body)
    tag_starts, tag_len = list_positions(tags, body_end + 1, 1, 1)
    tag_txt = prefixed_join(tags, "#", " ")
    tag_txt = pc.if_else(pc.greater(pc.utf8_length(tag_txt), 0), join(pa.scalar(" "), tag_txt), tag_txt)
    has_url = pc.is_valid(tco)
    url_start = np.where(has_url.to_numpy(zero_copy_only=False), body_end + tag_len + 1, -1)
    url_txt = pc.if_else(has_url, join(pa.scalar(" "), tco), pa.scalar(""))
    text = join(pre, body, tag_txt, url_txt)
    url_start_arr = pa.array(url_start.astype(np.int32), mask=url_start < 0)
    return text, ment_starts, tag_starts, url_start_arr


def shift_lists(lists: pa.ListArray, by: np.ndarray) -> pa.ListArray:
    """Add ``by[i]`` to every item of row i (entity offsets after a prefix is added)."""
    offsets = lists.offsets.to_numpy().astype(np.int64)
    row_of = np.repeat(np.arange(len(lists)), np.diff(offsets))
    vals = lists.flatten().to_numpy(zero_copy_only=False).astype(np.int64) + by[row_of]
    return list_array(offsets, pa.array(vals.astype(np.int32)))


def empty_lists(n: int, typ: pa.DataType) -> pa.ListArray:
    return list_array(np.zeros(n + 1, dtype=np.int64), pa.array([], type=typ))


def lists_from_counts(counts: np.ndarray, values: pa.Array) -> pa.ListArray:
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return list_array(offsets, values)


def posts_table(cols: dict) -> pa.Table:
    """A POST_SCHEMA table from a dict of columns; missing ones are null / empty lists."""
    n = None
    for v in cols.values():
        n = len(v)
        break
    arrays = []
    for f in POST_SCHEMA:
        v = cols.get(f.name)
        if v is None:
            v = empty_lists(n, f.type.value_type) if pa.types.is_list(f.type) else pa.nulls(n, type=f.type)
        elif not isinstance(v, (pa.Array, pa.ChunkedArray)):
            v = pa.array(v, type=f.type)
        elif v.type != f.type:
            v = v.cast(f.type)
        arrays.append(v)
    return pa.Table.from_arrays(arrays, schema=POST_SCHEMA)
