"""X API v2: raw twarc2 pages, flattened twarc2 tweets and plain v2 response files.

Three shapes of the same objects (https://developer.x.com/en/docs/x-api/data-dictionary):

- a raw page, one per line as ``twarc2 search`` writes them: ``{"data": [tweet...],
  "includes": {"users", "tweets", "media", ...}, "errors": [...], "meta": {...},
  "__twarc": {"retrieved_at": ...}}``;
- a flattened tweet, one per line as ``twarc2 flatten`` writes them: the tweet with its
  expansions inlined (``author``, ``in_reply_to_user``, full objects in
  ``referenced_tweets``, media objects in ``attachments.media``) and ``__twarc`` copied in;
- a plain v2 response (``{"data", "includes", "meta"}``), as one JSON document or one per
  line, or a JSON array of such responses or of tweets.

A record is one tweet of ``data``. Mapping (see docs/ingest.md for the full table):

- kind: ``retweeted`` -> repost, else ``replied_to`` -> reply, else ``quoted`` -> quote,
  else post; parent_post_id is the referenced id even when the referenced tweet is
  missing from ``includes`` (deleted or protected: the page then has an ``errors`` entry);
- a repost's text, entities and media are the reposted tweet's when the export has it
  (the retweet's own text is a truncated ``RT @user: ...``);
- ``note_tweet`` (posts over 280 characters) gives the full text and its entities;
- views = ``public_metrics.impression_count``; a metric absent from the object is NULL;
- every user in ``includes.users`` (flattened: the author, the in-reply-to user and the
  authors of referenced tweets) becomes an account observation, observed at the page's
  ``__twarc.retrieved_at`` (NULL for plain v2 files, which do not say when they were taken).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import orjson

from ..errors import InputError
from .base import Adapter, Context, Sink
from .lines import json_records
from .normalize import (RecordError, clean_tags, hashtags_in, mentions_in, parse_time, to_bool,
                        to_id, to_int, to_str, urls_and_domains, urls_in)

PLATFORM = "x"
_MEDIA_TYPES = {"photo": "photo", "video": "video", "animated_gif": "gif", "gif": "gif"}


def _dict(v, field: str) -> dict:
    if v is None:
        return {}
    if not isinstance(v, dict):
        raise RecordError("bad-type", f"{field} has type {type(v).__name__}, expected an object")
    return v


def _list(v, field: str) -> list:
    if v is None:
        return []
    if not isinstance(v, list):
        raise RecordError("bad-type", f"{field} has type {type(v).__name__}, expected a list")
    return v


class Expansions:
    """Lookup of expanded objects by id: includes of a page, or a flattened tweet's own."""

    __slots__ = ("users", "tweets", "media")

    def __init__(self, users=None, tweets=None, media=None):
        self.users: dict[str, dict] = users or {}
        self.tweets: dict[str, dict] = tweets or {}
        self.media: dict[str, dict] = media or {}

    @classmethod
    def from_includes(cls, includes: Any) -> "Expansions":
        inc = includes if isinstance(includes, dict) else {}

        def index(items, key):
            out = {}
            for o in items if isinstance(items, list) else ():
                if isinstance(o, dict) and o.get(key) is not None:
                    out[str(o[key])] = o
            return out

        return cls(index(inc.get("users"), "id"), index(inc.get("tweets"), "id"),
                   index(inc.get("media"), "media_key"))

    @classmethod
    def from_flattened(cls, tweet: dict) -> "Expansions":
        ex = cls()
        for key in ("author", "in_reply_to_user"):
            u = tweet.get(key)
            if isinstance(u, dict) and u.get("id") is not None:
                ex.users[str(u["id"])] = u
        for ref in tweet.get("referenced_tweets") or ():
            if isinstance(ref, dict) and ref.get("id") is not None and "text" in ref:
                ex.tweets[str(ref["id"])] = ref
                a = ref.get("author")
                if isinstance(a, dict) and a.get("id") is not None:
                    ex.users.setdefault(str(a["id"]), a)
        att = tweet.get("attachments")
        if isinstance(att, dict):
            for m in att.get("media") or ():
                if isinstance(m, dict) and m.get("media_key") is not None:
                    ex.media[str(m["media_key"])] = m
        return ex


def _media_url(m: dict) -> str | None:
    if m.get("url"):
        return m["url"]
    best, rate = None, -1
    for v in m.get("variants") or ():
        if isinstance(v, dict) and v.get("url") and (v.get("bit_rate") or 0) > rate:
            best, rate = v["url"], v.get("bit_rate") or 0
    return best or m.get("preview_image_url")


def _media(t: dict, ex: Expansions) -> list[dict]:
    att = _dict(t.get("attachments"), "attachments")
    keys = [str(k) for k in _list(att.get("media_keys"), "attachments.media_keys")]
    if not keys:  # flattened output inlines objects in attachments.media
        keys = [str(m["media_key"]) for m in _list(att.get("media"), "attachments.media")
                if isinstance(m, dict) and m.get("media_key") is not None]
    out = []
    for k in keys:
        m = ex.media.get(k, {})
        out.append({
            "media_key": k,
            "type": _MEDIA_TYPES.get(m.get("type"), m.get("type")),
            "url": _media_url(m) if m else None,
            "duration_ms": to_int(m.get("duration_ms"), "media.duration_ms"),
            "phash": None,
        })
    return out


def _text_and_entities(t: dict) -> tuple[str | None, dict | None]:
    """Full text and entities: note_tweet's for long posts, else the tweet's own."""
    note = t.get("note_tweet")
    if isinstance(note, dict) and isinstance(note.get("text"), str):
        return note["text"], note.get("entities") if isinstance(note.get("entities"), dict) else t.get("entities")
    return to_str(t.get("text"), "text"), t.get("entities")


def _entities(ent, text: str | None) -> tuple[list, list, list, list]:
    """hashtags, mentions, urls, domains. Without an ``entities`` object (some exporters
    drop it when empty) they are read from the text."""
    if ent is None:
        urls, domains = urls_and_domains(urls_in(text))
        return hashtags_in(text), mentions_in(text), urls, domains
    ent = _dict(ent, "entities")
    tags = clean_tags(h.get("tag") for h in _list(ent.get("hashtags"), "entities.hashtags") if isinstance(h, dict))
    ments = clean_tags((m.get("username") for m in _list(ent.get("mentions"), "entities.mentions")
                        if isinstance(m, dict)), "@")
    raw = []
    for u in _list(ent.get("urls"), "entities.urls"):
        if not isinstance(u, dict) or u.get("media_key"):
            continue  # a media link (pic.x.com/...) is the attachment, not a shared URL
        raw.append(u.get("unwound_url") or u.get("expanded_url") or u.get("url"))
    urls, domains = urls_and_domains(raw)
    return tags, ments, urls, domains


def parse_tweet(t: dict, ex: Expansions, tz: dt.tzinfo | None = None) -> dict:
    """The canonical post of one v2 tweet object. Raises RecordError."""
    if not isinstance(t, dict):
        raise RecordError("bad-record", f"a tweet must be a JSON object, not {type(t).__name__}")
    post_id = to_id(t.get("id"), "id", required=True)
    author = t.get("author_id")
    if author is None and isinstance(t.get("author"), dict):
        author = t["author"].get("id")
    account_id = to_id(author, "author_id", required=True)
    if t.get("created_at") in (None, ""):
        raise RecordError("missing-timestamp", "created_at is missing")
    created_at = parse_time(t.get("created_at"), tz, field="created_at")

    refs = {}
    for r in _list(t.get("referenced_tweets"), "referenced_tweets"):
        if isinstance(r, dict) and r.get("type") and r.get("id") is not None:
            refs.setdefault(r["type"], to_id(r["id"], "referenced_tweets.id"))
    kind, parent_id = "post", None
    for ref_type, k in (("retweeted", "repost"), ("replied_to", "reply"), ("quoted", "quote")):
        if ref_type in refs:
            kind, parent_id = k, refs[ref_type]
            break
    parent = ex.tweets.get(parent_id) if parent_id else None
    parent_account = None
    if parent is not None:
        pa_ = parent.get("author_id") or (parent.get("author") or {}).get("id")
        parent_account = to_id(pa_, "parent author_id")
    if parent_account is None and kind == "reply":
        parent_account = to_id(t.get("in_reply_to_user_id"), "in_reply_to_user_id")

    content = parent if (kind == "repost" and parent is not None) else t
    text, ent = _text_and_entities(content)
    if kind == "repost" and parent is None:
        text, ent = _text_and_entities(t)
    hashtags, mentions, urls, domains = _entities(ent, text)
    media = _media(t, ex)
    if not media and content is not t:
        media = _media(content, ex)

    pm = _dict(t.get("public_metrics"), "public_metrics")
    return {
        "platform": PLATFORM,
        "post_id": post_id,
        "account_id": account_id,
        "created_at": created_at,
        "kind": kind,
        "text": text,
        "lang": to_str(t.get("lang"), "lang"),
        "parent_post_id": parent_id,
        "parent_account_id": parent_account,
        "conversation_id": to_id(t.get("conversation_id"), "conversation_id"),
        "hashtags": hashtags,
        "urls": urls,
        "domains": domains,
        "mentions": mentions,
        "media": media,
        "views": to_int(pm.get("impression_count"), "public_metrics.impression_count"),
        "likes": to_int(pm.get("like_count"), "public_metrics.like_count"),
        "reposts": to_int(pm.get("retweet_count"), "public_metrics.retweet_count"),
        "replies": to_int(pm.get("reply_count"), "public_metrics.reply_count"),
        "quotes": to_int(pm.get("quote_count"), "public_metrics.quote_count"),
        "source": to_str(t.get("source"), "source"),
    }


def _lenient(fn, *args):
    """A field of an account observation that cannot be read is NULL: the account is
    context for a post, and one bad field must not cost the post."""
    try:
        return fn(*args)
    except RecordError:
        return None


_USER_ATTRS = ("protected", "verified_type", "pinned_tweet_id", "withheld", "most_recent_tweet_id")


def parse_user(u: dict, observed_at: dt.datetime | None, tz: dt.tzinfo | None = None) -> dict | None:
    """The account observation of one v2 user object (None without an id)."""
    if not isinstance(u, dict) or u.get("id") in (None, ""):
        return None
    pm = u.get("public_metrics") if isinstance(u.get("public_metrics"), dict) else {}
    url = u.get("url")
    ent = u.get("entities")
    if isinstance(ent, dict):
        for e in ((ent.get("url") or {}).get("urls") or ()):
            if isinstance(e, dict) and e.get("expanded_url"):
                url = e["expanded_url"]
                break
    img = u.get("profile_image_url")
    attrs = {k: u[k] for k in _USER_ATTRS if k in u}
    for k in ("listed_count", "like_count", "media_count"):
        if k in pm:
            attrs[k] = pm[k]
    return {
        "platform": PLATFORM,
        "account_id": str(u["id"]),
        "handle": _lenient(to_str, u.get("username"), "username"),
        "display_name": _lenient(to_str, u.get("name"), "name"),
        "created_at": _lenient(parse_time, u.get("created_at"), tz, "user.created_at"),
        "description": _lenient(to_str, u.get("description"), "description"),
        "location": _lenient(to_str, u.get("location"), "location"),
        "url": url if isinstance(url, str) and url else None,
        "followers": _lenient(to_int, pm.get("followers_count"), "followers_count"),
        "following": _lenient(to_int, pm.get("following_count"), "following_count"),
        "posts_count": _lenient(to_int, pm.get("tweet_count"), "tweet_count"),
        "verified": _lenient(to_bool, u.get("verified"), "verified"),
        "profile_image_url": img if isinstance(img, str) else None,
        "default_profile_image": ("default_profile_images" in img) if isinstance(img, str) else None,
        "lang": None,
        "attributes": attrs or None,
        "observed_at": observed_at,
    }


def retrieved_at(obj: dict) -> dt.datetime | None:
    tw = obj.get("__twarc")
    if isinstance(tw, dict):
        try:
            return parse_time(tw.get("retrieved_at"), dt.timezone.utc, field="__twarc.retrieved_at")
        except RecordError:
            return None
    return None


def _emit_tweet(sink: Sink, t, ex: Expansions, record_no: int, tz) -> None:
    sink.read()
    try:
        post = parse_tweet(t, ex, tz)
    except RecordError as exc:
        sink.quarantine(record_no, exc.code, exc.message, t)
        return
    sink.post(post, record_no)


def handle_object(obj: Any, record_no: int, sink: Sink, tz) -> None:
    """Route one JSON value: a page/response, a (flattened) tweet, or an array of them."""
    if isinstance(obj, list):
        for item in obj:
            handle_object(item, record_no, sink, tz)
        return
    if not isinstance(obj, dict):
        sink.read()
        sink.quarantine(record_no, "bad-record", f"expected a tweet or a page object, got {type(obj).__name__}", obj)
        return
    observed = retrieved_at(obj)
    if "data" in obj:
        data = obj["data"]
        if isinstance(data, dict):
            data = [data]
        if not isinstance(data, list):
            sink.read()
            sink.quarantine(record_no, "bad-type", "'data' is neither a list nor an object", obj)
            return
        ex = Expansions.from_includes(obj.get("includes"))
        for u in ex.users.values():
            acc = parse_user(u, observed, tz)
            if acc:
                sink.account(acc, record_no)
        for t in data:
            if isinstance(t, dict) and isinstance(t.get("author"), dict):
                flat = Expansions.from_flattened(t)
                flat.users.update(ex.users), flat.tweets.update(ex.tweets), flat.media.update(ex.media)
                _emit_tweet(sink, t, flat, record_no, tz)
            else:
                _emit_tweet(sink, t, ex, record_no, tz)
        return
    if "id" in obj or "text" in obj:
        ex = Expansions.from_flattened(obj)
        for u in ex.users.values():
            acc = parse_user(u, observed, tz)
            if acc:
                sink.account(acc, record_no)
        _emit_tweet(sink, obj, ex, record_no, tz)
        return
    if "errors" in obj or "meta" in obj:
        return  # a page with no data (every requested tweet missing), no record in it
    sink.read()
    sink.quarantine(record_no, "bad-record", "object is neither a tweet nor a v2 page", obj)


class Twarc2Adapter(Adapter):
    name = "twarc2"
    platform = PLATFORM
    revision = 1
    description = "twarc2 JSONL: raw API v2 pages or flattened tweets, one per line"

    def read(self, ctx: Context, sink: Sink) -> None:
        if _is_document(ctx):
            obj = _load_document(ctx)
            handle_object(obj, 1, sink, ctx.tz)
            return
        from .parallel import PARALLEL_MIN_BYTES, read_parallel, workers

        n = workers()
        if n > 1 and ctx.path.stat().st_size >= PARALLEL_MIN_BYTES:
            read_parallel(ctx, sink, "faisceau.ingest.twarc2:handle_object", n)
            return
        for line_no, obj in json_records(ctx.path, sink):
            handle_object(obj, line_no, sink, ctx.tz)


class XV2Adapter(Twarc2Adapter):
    name = "x-v2"
    description = "plain X API v2 responses (one JSON document, JSON lines or an array)"


def _is_document(ctx: Context) -> bool:
    """True when the file is one (pretty-printed) JSON document rather than JSON lines."""
    from .registry import sniff_file

    return sniff_file(ctx.path).kind == "json"


def _load_document(ctx: Context):
    data = ctx.path.read_bytes()
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise InputError(f"{ctx.source_file}: invalid JSON document ({exc})", code="bad-json") from exc
