"""The FiveThirtyEight / Clemson IRA tweets (Linvill & Warren), as CSV or Parquet.

Columns: author (``author_id`` in ../shared/data/ira), content, region, language,
publish_date, harvested_date, following, followers, updates, post_type, account_type,
retweet, account_category, new_june_2018, external_author_id (later releases add
tweet_id, alt_external_id, article_url).

Documented choices:

- **Time zone**: publish_date and harvested_date are UTC (FiveThirtyEight's README), so
  this preset assumes UTC for its naive times unless ``--assume-tz`` says otherwise.
  CSV releases write them as ``M/D/YYYY H:MM``; ISO forms are read too.
- **post_id**: the data has no tweet ids (unless a ``tweet_id`` column is present, which
  is then used). A deterministic id is derived instead:
  ``ira538:`` + the 32 hex digits of a 16-byte BLAKE2b of (author, publish_date,
  content, n), where n is 1 for the first row of the file with that (author, minute, text)
  and counts up for exact repeats, which the data has (the same text posted twice in one
  minute is two tweets). The same file therefore always yields the same ids, and
  re-ingesting it adds nothing.
- **kind**: ``retweet = 1`` is a repost; ``post_type = Q``/``QUOTE_TWEET`` a quote. There
  are no retweeted-tweet ids: parent_post_id is NULL, and the text is the retweeted text
  (without ``RT @user:``), so co-retweets are found by identical text.
- **account**: account_id is the author's handle, not external_author_id: the released
  ids went through a float, so large ones are rounded (``868000000000000000`` stands for
  nine different accounts in ira_dev), while the 813 handles are distinct and each
  carries one account_category. external_author_id is kept in the attributes. Every row is an
  observation of its author at harvested_date (followers/following "at the time of the
  tweet"). The Linvill & Warren labels ``account_category`` and ``account_type``, with
  ``region``, ``new_june_2018`` and ``updates`` (tweets + retweets + likes, hence not
  posts_count), are kept in ``accounts.attributes``.
- **lang**: the language name is mapped to its ISO 639-1 code; "LANGUAGE UNDEFINED" is NULL.
"""
from __future__ import annotations

import datetime as dt
import hashlib

from .base import Adapter, Context, Sink
from .normalize import (RecordError, hashtags_in, mentions_in, parse_time, to_id, to_int,
                        urls_and_domains, urls_in)
from .tables import iter_rows

PLATFORM = "x"
REQUIRED = ("author", "content", "publish_date")

LANG = {
    "English": "en", "Russian": "ru", "German": "de", "Ukrainian": "uk", "Serbian": "sr",
    "Uzbek": "uz", "Bulgarian": "bg", "Macedonian": "mk", "Arabic": "ar", "French": "fr",
    "Spanish": "es", "Italian": "it", "Norwegian": "no", "Swedish": "sv", "Romanian": "ro",
    "Dutch": "nl", "Farsi (Persian)": "fa", "Vietnamese": "vi", "Croatian": "hr",
    "Estonian": "et", "Japanese": "ja", "Catalan": "ca", "Turkish": "tr", "Albanian": "sq",
    "Finnish": "fi", "Portuguese": "pt", "Pushto": "ps", "Icelandic": "is", "Lithuanian": "lt",
    "Polish": "pl", "Tagalog (Filipino)": "tl", "Somali": "so", "Kurdish": "ku", "Latvian": "lv",
    "Hungarian": "hu", "Czech": "cs", "Slovak": "sk", "Malay": "ms", "Indonesian": "id",
    "Slovenian": "sl", "Hindi": "hi", "Urdu": "ur", "Danish": "da", "Hebrew": "he",
    "Greek": "el", "Korean": "ko", "Thai": "th", "Simplified Chinese": "zh",
    "Traditional Chinese": "zh", "Bengali": "bn", "Gujarati": "gu", "Belarusian": "be",
    "Kazakh": "kk", "Georgian": "ka", "Armenian": "hy", "Azerbaijani": "az", "Bosnian": "bs",
    "Tamil": "ta", "Persian": "fa", "Chinese": "zh", "Malayalam": "ml", "Sinhalese": "si",
}
_ATTRS = ("account_category", "account_type", "region", "new_june_2018", "external_author_id", "alt_external_id")
_CSV_TIME = "%m/%d/%Y %H:%M"


def ira_time(value, tz: dt.tzinfo | None, field: str) -> dt.datetime | None:
    if isinstance(value, str) and "/" in value:
        try:
            value = dt.datetime.strptime(value.strip(), _CSV_TIME)
        except ValueError:
            raise RecordError("bad-timestamp", f"cannot read {field} {value[:40]!r} as M/D/YYYY H:MM") from None
    return parse_time(value, tz, field=field)


def derive_post_id(account_id: str, created_at: dt.datetime, content: str | None, n: int) -> str:
    key = f"{account_id}\x1f{created_at.isoformat()}\x1f{content or ''}\x1f{n}".encode("utf-8", "surrogatepass")
    return "ira538:" + hashlib.blake2b(key, digest_size=16).hexdigest()


def parse_row(row: dict, tz: dt.tzinfo | None, occurrences: dict) -> tuple[dict, dict]:
    """The post and the account observation of one IRA row. Raises RecordError."""
    account_id = to_id(row.get("author"), "author", required=True)
    if row.get("publish_date") in (None, ""):
        raise RecordError("missing-timestamp", "publish_date is missing")
    created_at = ira_time(row.get("publish_date"), tz, "publish_date")
    content = row.get("content")
    if content is not None and not isinstance(content, str):
        raise RecordError("bad-type", f"content has type {type(content).__name__}, expected text")
    tweet_id = to_id(row.get("tweet_id"), "tweet_id")
    if tweet_id is None:
        key = hashlib.blake2b(f"{account_id}\x1f{created_at}\x1f{content}".encode("utf-8", "surrogatepass"),
                              digest_size=8).digest()
        n = occurrences.get(key, 0) + 1
        occurrences[key] = n
        post_id = derive_post_id(account_id, created_at, content, n)
    else:
        post_id = tweet_id
    retweet = to_int(row.get("retweet"), "retweet")
    post_type = (row.get("post_type") or "").strip().upper()
    if post_type in ("Q", "QUOTE_TWEET"):
        kind = "quote"
    elif retweet == 1 or post_type in ("R", "RETWEET"):
        kind = "repost"
    else:
        kind = "post"
    urls, domains = urls_and_domains(urls_in(content))
    post = {
        "platform": PLATFORM, "post_id": post_id, "account_id": account_id, "created_at": created_at,
        "kind": kind, "text": content, "lang": LANG.get(row.get("language")),
        "hashtags": hashtags_in(content), "mentions": mentions_in(content), "urls": urls, "domains": domains,
    }
    harvested = row.get("harvested_date")
    try:
        observed = ira_time(harvested, tz, "harvested_date") if harvested not in (None, "") else created_at
    except RecordError:
        observed = created_at
    attrs = {k: row[k] for k in _ATTRS if row.get(k) not in (None, "")}
    attrs["updates"] = to_int(row.get("updates"), "updates")
    account = {
        "platform": PLATFORM, "account_id": account_id, "handle": account_id,
        "followers": to_int(row.get("followers"), "followers"),
        "following": to_int(row.get("following"), "following"),
        "attributes": attrs, "observed_at": observed,
    }
    return post, account


class IRA538Adapter(Adapter):
    name = "ira538"
    platform = PLATFORM
    revision = 1
    default_tz = "UTC"
    description = "FiveThirtyEight/Clemson IRA tweets (CSV or Parquet); times are UTC"

    def read(self, ctx: Context, sink: Sink) -> None:
        occurrences: dict[bytes, int] = {}
        tz = ctx.tz
        for record_no, row in iter_rows(ctx, sink, required=REQUIRED, aliases={"author_id": "author"}):
            sink.read()
            try:
                post, account = parse_row(row, tz, occurrences)
            except RecordError as exc:
                sink.quarantine(record_no, exc.code, exc.message, row)
                continue
            sink.post(post, record_no)
            sink.account(account, record_no)
