"""X's information-operations archives (the "election integrity" / state-linked releases).

One CSV row per tweet with the account's state at suspension: tweetid, userid,
user_display_name, user_screen_name, user_reported_location, user_profile_description,
user_profile_url, follower_count, following_count, account_creation_date,
account_language, tweet_language, tweet_text, tweet_time, tweet_client_name,
in_reply_to_userid, in_reply_to_tweetid, quoted_tweet_tweetid, is_retweet,
retweet_userid, retweet_tweetid, latitude, longitude, quote_count, reply_count,
like_count, retweet_count, hashtags, urls, user_mentions.

Documented choices:

- times (tweet_time ``YYYY-MM-DD HH:MM``, account_creation_date ``YYYY-MM-DD``) are UTC,
  as the releases state; ``--assume-tz`` overrides;
- ids may be numeric or hashed (accounts under 5,000 followers are anonymised): both are
  kept as text;
- kind: is_retweet -> repost (parent retweet_tweetid / retweet_userid), else
  in_reply_to_tweetid -> reply, else quoted_tweet_tweetid -> quote;
- list columns are written ``[a, b]`` or ``['a', 'b']``; hashtags and urls come from them,
  falling back to the text when the column is empty. ``user_mentions`` holds user *ids*
  in the releases, while the canonical mentions are handles, so mentions are read from
  the text (without the ``RT @user:`` prefix of a retweet); handles in user_mentions are
  used when the text has none;
- views are NULL (the archives have no impressions); the account observation has no
  retrieval time (observed_at NULL): it is the state at the release;
- latitude/longitude have no canonical column and are not stored.
"""
from __future__ import annotations

import re

from .base import Adapter, Context, Sink
from .normalize import (RecordError, clean_tags, hashtags_in, mentions_in, parse_time, to_bool, to_id,
                        to_int, urls_and_domains, urls_in)
from .tables import iter_rows

PLATFORM = "x"
REQUIRED = ("tweetid", "userid", "tweet_time")
_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"")
_RT_PREFIX = re.compile(r"^RT @\w+:\s*")


def parse_list(value) -> list[str]:
    """``[a, b]``, ``['a', 'b']``, ``["a","b"]``, ``a,b`` or an empty value, as a list."""
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value if v not in (None, "")]
    s = str(value).strip()
    if s.startswith("[") and s.endswith("]"):
        s = s[1:-1].strip()
    if not s:
        return []
    if s[0] in "'\"":
        return [a or b for a, b in _QUOTED.findall(s) if (a or b)]
    return [p.strip() for p in s.split(",") if p.strip()]


def _time(value, tz, field):
    if value in (None, ""):
        return None
    return parse_time(value, tz, field)


def parse_row(row: dict, tz) -> tuple[dict, dict]:
    post_id = to_id(row.get("tweetid"), "tweetid", required=True)
    account_id = to_id(row.get("userid"), "userid", required=True)
    if row.get("tweet_time") in (None, ""):
        raise RecordError("missing-timestamp", "tweet_time is missing")
    created_at = parse_time(row.get("tweet_time"), tz, "tweet_time")
    text = row.get("tweet_text")
    if to_bool(row.get("is_retweet"), "is_retweet"):
        kind, parent, parent_acc = "repost", to_id(row.get("retweet_tweetid"), "retweet_tweetid"), \
            to_id(row.get("retweet_userid"), "retweet_userid")
    elif row.get("in_reply_to_tweetid") not in (None, ""):
        kind, parent, parent_acc = "reply", to_id(row.get("in_reply_to_tweetid"), "in_reply_to_tweetid"), \
            to_id(row.get("in_reply_to_userid"), "in_reply_to_userid")
    elif row.get("quoted_tweet_tweetid") not in (None, ""):
        kind, parent, parent_acc = "quote", to_id(row.get("quoted_tweet_tweetid"), "quoted_tweet_tweetid"), None
    else:
        kind, parent, parent_acc = "post", None, None
    body = _RT_PREFIX.sub("", text) if (kind == "repost" and text) else text
    hashtags = clean_tags(parse_list(row.get("hashtags"))) or hashtags_in(body)
    urls, domains = urls_and_domains(parse_list(row.get("urls")) or urls_in(body))
    mentions = mentions_in(body)
    if not mentions:
        mentions = clean_tags((m for m in parse_list(row.get("user_mentions")) if not m.isdigit()), "@")
    post = {
        "platform": PLATFORM, "post_id": post_id, "account_id": account_id, "created_at": created_at,
        "kind": kind, "text": text, "lang": row.get("tweet_language") or None,
        "parent_post_id": parent, "parent_account_id": parent_acc,
        "hashtags": hashtags, "urls": urls, "domains": domains, "mentions": mentions,
        "likes": to_int(row.get("like_count"), "like_count"),
        "reposts": to_int(row.get("retweet_count"), "retweet_count"),
        "replies": to_int(row.get("reply_count"), "reply_count"),
        "quotes": to_int(row.get("quote_count"), "quote_count"),
        "source": row.get("tweet_client_name") or None,
    }
    try:
        acc_created = _time(row.get("account_creation_date"), tz, "account_creation_date")
    except RecordError:
        acc_created = None  # context of the post: one bad field must not cost the post
    account = {
        "platform": PLATFORM, "account_id": account_id,
        "handle": row.get("user_screen_name") or None,
        "display_name": row.get("user_display_name") or None,
        "created_at": acc_created,
        "description": row.get("user_profile_description") or None,
        "location": row.get("user_reported_location") or None,
        "url": row.get("user_profile_url") or None,
        "followers": _lenient_int(row.get("follower_count")),
        "following": _lenient_int(row.get("following_count")),
        "lang": row.get("account_language") or None,
    }
    return post, account


def _lenient_int(v):
    try:
        return to_int(v, "count")
    except RecordError:
        return None


class IOArchiveAdapter(Adapter):
    name = "io-archive"
    platform = PLATFORM
    revision = 1
    default_tz = "UTC"
    description = "X information-operations archive CSV (times UTC)"

    fast = True  # the set-based path of ioarchive_fast, when the file allows it

    def read(self, ctx: Context, sink: Sink) -> None:
        tz = ctx.tz

        def row_path(record_no: int, row: dict) -> None:
            sink.read()
            try:
                post, account = parse_row(row, tz)
            except RecordError as exc:
                sink.quarantine(record_no, exc.code, exc.message, row)
                return
            sink.post(post, record_no)
            sink.account(account, record_no)

        if self.fast and sink.writer is not None:
            from .ioarchive_fast import read_fast
            from .registry import sniff_file

            if sniff_file(ctx.path).kind == "csv" and read_fast(ctx, sink, sink.writer, row_path):
                return
        for record_no, row in iter_rows(ctx, sink, required=REQUIRED):
            row_path(record_no, row)
