"""Set-based path for io-archive CSV: DuckDB reads and maps, Python only where it must.

The row-by-row path (``ioarchive.parse_row``) costs ~100 µs a row in Python. Here:

1. DuckDB reads the CSV (parallel, strict dialect) into a temporary table; the rowid of
   that table is the file order, so record_no is ``rowid + 1``.
2. The list columns (hashtags, urls, mentions, domains) are computed in Python with the
   *same* functions as the row path, over only the five columns they need, and joined
   back as an Arrow table.
3. Rows that satisfy a strict "clean" predicate (ids present, times ``YYYY-MM-DD HH:MM``,
   counts plain digits...) are mapped in SQL and staged in one INSERT ... SELECT.
4. Every other row goes through ``parse_row``, so quarantine codes and messages are the
   row path's, and the two paths give identical rows (tests/test_ingest_ioarchive.py).

Any file DuckDB's strict reader refuses (invalid UTF-8, ragged rows, another dialect), or a
zone other than UTC, takes the row path for the whole file.
"""
from __future__ import annotations

import datetime as dt

import duckdb
import pyarrow as pa

from ..schema import ACCOUNTS, POSTS
from .base import Context, Sink
from .ioarchive import REQUIRED, _RT_PREFIX, parse_list
from .normalize import RecordError, clean_tags, hashtags_in, mentions_in, urls_and_domains, urls_in

STEP = 50_000
RAW = "_ingest_io_raw"
LISTS = "_ingest_io_lists"
_DIGITS = "'[0-9]+'"
_TIME_RE = "'[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}(:[0-9]{2})?'"
_DATE_RE = "'[0-9]{4}-[0-9]{2}-[0-9]{2}'"
_ID_RE = "'[0-9A-Za-z_-]+'"
_COUNTS = ("quote_count", "reply_count", "like_count", "retweet_count", "follower_count", "following_count")


def _clean_predicate() -> str:
    def opt(col, rx):
        return f"({col} IS NULL OR regexp_full_match({col}, {rx}))"

    parts = [
        f"regexp_full_match(tweetid, {_ID_RE})", f"regexp_full_match(userid, {_ID_RE})",
        f"regexp_full_match(tweet_time, {_TIME_RE})", "TRY_CAST(tweet_time AS TIMESTAMP) IS NOT NULL",
        opt("account_creation_date", _DATE_RE), "(account_creation_date IS NULL OR TRY_CAST(account_creation_date AS DATE) IS NOT NULL)",
        "(is_retweet IS NULL OR lower(is_retweet) IN ('true', 'false'))",
        *(opt(c, _DIGITS) for c in _COUNTS),
        *(opt(c, _ID_RE) for c in ("in_reply_to_userid", "in_reply_to_tweetid", "quoted_tweet_tweetid",
                                   "retweet_userid", "retweet_tweetid")),
    ]
    # coalesce: a NULL somewhere must make a row "not clean", never "neither"
    return "coalesce(" + " AND ".join(parts) + ", false)"


def _lists(texts, retweets, hashtags, urls, mentions) -> tuple[list, list, list, list, list]:
    """The list columns, exactly as ``ioarchive.parse_row`` computes them."""
    out_h, out_u, out_d, out_m, err = [], [], [], [], []
    for text, rt, h, u, m in zip(texts, retweets, hashtags, urls, mentions):
        try:
            is_rt = rt is not None and rt.lower() == "true"
            text = text or ""
            body = _RT_PREFIX.sub("", text) if (is_rt and text) else text
            tags = clean_tags(parse_list(h)) or hashtags_in(body)
            ul, dl = urls_and_domains(parse_list(u) or urls_in(body))
            ments = mentions_in(body)
            if not ments:
                ments = clean_tags((x for x in parse_list(m) if not x.isdigit()), "@")
        except RecordError:
            out_h.append([]), out_u.append([]), out_d.append([]), out_m.append([]), err.append(True)
            continue
        out_h.append(tags), out_u.append(ul), out_d.append(dl), out_m.append(ments), err.append(False)
    return out_h, out_u, out_d, out_m, err


def read_fast(ctx: Context, sink: Sink, writer, row_path) -> bool:
    """Stage the file through DuckDB. False (nothing staged) when the row path must do it."""
    if ctx.tz is not dt.timezone.utc:
        return False
    con: duckdb.DuckDBPyConnection = writer.con
    path = str(ctx.path).replace("'", "''")
    try:
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE {RAW} AS SELECT * FROM read_csv('{path}', header = true,
                delim = ',', quote = '"', escape = '"', all_varchar = true, strict_mode = true,
                null_padding = false, max_line_size = 16777216, parallel = true)""")
    except duckdb.Error:
        return False
    try:
        cols = {r[0] for r in con.execute(f"DESCRIBE {RAW}").fetchall()}
        needed = set(REQUIRED) | {"tweet_text", "is_retweet", "hashtags", "urls", "user_mentions", *_COUNTS}
        if not needed <= cols:
            return False  # the row path names the missing column (or copes with optional ones)
        # rowids are in file order, but start at an offset inside a transaction
        total, base = con.execute(f"SELECT count(*), min(rowid) FROM {RAW}").fetchone()
        if not total:
            return False
        _stage_lists(con, base, total)
        read_before = sink.records_read
        src = (f"(SELECT r.*, l.* FROM {LISTS} l JOIN {RAW} r ON r.rowid = l._rec + {base - 1} "
               f"WHERE l._clean)")
        n = writer.stage_select(POSTS, _posts_select(src), _prov(ctx))
        writer.stage_select(ACCOUNTS, _accounts_select(src), _prov(ctx))
        sink.read(n)
        sink.posts_out += n
        # the rest, row by row, with the row path's own checks and messages; fetched a
        # slice at a time because staging (on the same connection) ends a pending result
        dirty = [r[0] for r in con.execute(f"SELECT _rec FROM {LISTS} WHERE NOT _clean ORDER BY _rec").fetchall()]
        for i in range(0, len(dirty), STEP):
            recs = dirty[i:i + STEP]
            rest = con.execute(f"SELECT rowid - {base - 1} AS _rec, * FROM {RAW} WHERE rowid >= ? AND rowid <= ? "
                               f"AND rowid - {base - 1} IN (SELECT unnest(?::BIGINT[])) ORDER BY rowid",
                               [recs[0] + base - 1, recs[-1] + base - 1, recs])
            names = [d[0] for d in rest.description]
            for values in rest.fetchall():
                row = dict(zip(names, values))
                row_path(row.pop("_rec"), {k: ("" if v is None else v) for k, v in row.items()})
        if sink.records_read - read_before != total:
            from .writer import AccountingError

            raise AccountingError(f"{ctx.source_file}: the set-based io-archive path read "
                                  f"{sink.records_read - read_before} of {total} rows; nothing was written")
        return True
    finally:
        con.execute(f"DROP TABLE IF EXISTS {RAW}")
        con.execute(f"DROP TABLE IF EXISTS {LISTS}")


def _stage_lists(con, base: int, total: int) -> None:
    con.execute(f"""CREATE OR REPLACE TEMP TABLE {LISTS} (_rec BIGINT, hashtags_n VARCHAR[], urls_n VARCHAR[],
                    domains_n VARCHAR[], mentions_n VARCHAR[], _clean BOOLEAN)""")
    clean = _clean_predicate()
    lt = pa.list_(pa.string())
    for lo in range(base, base + total, STEP):
        batch = con.execute(f"SELECT rowid - {base} + 1, tweet_text, is_retweet, hashtags, urls, user_mentions, "
                            f"{clean} FROM {RAW} WHERE rowid >= {lo} AND rowid < {lo + STEP} ORDER BY rowid").fetchall()
        if not batch:
            continue
        rec, texts, rts, hs, us, ms, ok = zip(*batch)
        h, u, d, m, err = _lists(texts, rts, hs, us, ms)
        t = pa.table({"_rec": pa.array(rec, pa.int64()), "hashtags_n": pa.array(h, lt), "urls_n": pa.array(u, lt),
                      "domains_n": pa.array(d, lt), "mentions_n": pa.array(m, lt),
                      "_clean": pa.array([a and not b for a, b in zip(ok, err)], pa.bool_())})
        con.register("_ingest_io_batch", t)
        try:
            con.execute(f"INSERT INTO {LISTS} SELECT * FROM _ingest_io_batch")
        finally:
            con.unregister("_ingest_io_batch")


def _prov(ctx: Context) -> list:
    return [ctx.source_file, ctx.sha256, ctx.adapter, ctx.adapter_version, ctx.ingested_at]


def _ms(expr: str) -> str:
    return f"CAST(date_trunc('millisecond', {expr}) AS TIMESTAMP)"


def _posts_select(src: str) -> str:
    rt = "(lower(is_retweet) = 'true')"
    exprs = {
        "platform": "'x'", "post_id": "tweetid", "account_id": "userid",
        "created_at": _ms("CAST(tweet_time AS TIMESTAMP)"),
        "kind": f"CASE WHEN {rt} THEN 'repost' WHEN in_reply_to_tweetid IS NOT NULL THEN 'reply' "
                "WHEN quoted_tweet_tweetid IS NOT NULL THEN 'quote' ELSE 'post' END",
        "text": "coalesce(tweet_text, '')", "lang": "NULLIF(tweet_language, '')",
        "parent_post_id": f"CASE WHEN {rt} THEN retweet_tweetid WHEN in_reply_to_tweetid IS NOT NULL "
                          "THEN in_reply_to_tweetid ELSE quoted_tweet_tweetid END",
        "parent_account_id": f"CASE WHEN {rt} THEN retweet_userid WHEN in_reply_to_tweetid IS NOT NULL "
                             "THEN in_reply_to_userid ELSE NULL END",
        "conversation_id": "NULL", "hashtags": "hashtags_n", "urls": "urls_n", "domains": "domains_n",
        "mentions": "mentions_n", "media": "[]", "views": "NULL",
        "likes": "CAST(like_count AS BIGINT)", "reposts": "CAST(retweet_count AS BIGINT)",
        "replies": "CAST(reply_count AS BIGINT)", "quotes": "CAST(quote_count AS BIGINT)",
        "source": "NULLIF(tweet_client_name, '')",
        "source_file": "$1", "source_sha256": "$2", "record_no": "_rec", "adapter": "$3",
        "adapter_version": "$4", "ingested_at": "CAST($5 AS TIMESTAMP)",
    }
    sel = ", ".join(f"{exprs[c]} AS \"{c}\"" for c in POSTS.column_names)
    return f"SELECT {sel} FROM {src}"


def _accounts_select(src: str) -> str:
    exprs = {
        "platform": "'x'", "account_id": "userid", "handle": "NULLIF(user_screen_name, '')", "display_name": "NULLIF(user_display_name, '')",
        "created_at": "CAST(CAST(account_creation_date AS DATE) AS TIMESTAMP)",
        "description": "NULLIF(user_profile_description, '')", "location": "NULLIF(user_reported_location, '')", "url": "NULLIF(user_profile_url, '')",
        "followers": "CAST(follower_count AS BIGINT)", "following": "CAST(following_count AS BIGINT)",
        "posts_count": "NULL", "verified": "NULL", "profile_image_url": "NULL", "default_profile_image": "NULL",
        "lang": "NULLIF(account_language, '')", "attributes": "NULL", "observed_at": "NULL",
        "source_file": "$1", "source_sha256": "$2", "record_no": "_rec", "adapter": "$3",
        "adapter_version": "$4", "ingested_at": "CAST($5 AS TIMESTAMP)",
    }
    sel = ", ".join(f"{exprs[c]} AS \"{c}\"" for c in ACCOUNTS.column_names)
    return f"SELECT {sel} FROM {src}"
