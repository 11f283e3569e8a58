"""Telegram Desktop export (``result.json``, "Export chat history" as JSON).

The file is one JSON document: ``{"name", "type", "id", "messages": [...]}``. A record is
one entry of ``messages`` whose ``type`` is ``message``; service entries (channel created,
message pinned, member joined...) are not posts and are not counted. The document is read
whole (exports are one chat; a streaming JSON parser is not a dependency).

Mapping (documented choices):

- post_id = ``<chat id>:<message id>`` (message ids are per chat); record_no = the
  message's 1-based position in ``messages``;
- account_id = ``from_id`` (``user123`` / ``channel456``), falling back to the chat
  (``channel<id>``) for channel posts without ``from_id``;
- created_at = ``date_unixtime`` (exact, UTC) when present; else ``date``, which Telegram
  Desktop writes in the *exporting computer's local time*: it needs ``--assume-tz`` or is
  quarantined as ``naive-timestamp``;
- text = ``text`` when a string, or the concatenation of its parts when Telegram wrote the
  list form (``["plain", {"type": "link", "text": ...}, ...]``);
- hashtags, mentions, urls from ``text_entities`` (or the parts of a list-form ``text``):
  ``hashtag``, ``mention``, ``mention_name``, ``link``, ``text_link`` (its ``href``);
- kind: ``forwarded_from`` -> repost (parent_post_id NULL: the export does not give the
  original message; parent_account_id = ``forwarded_from_id`` when present, else
  ``name:<forwarded_from>``, so forwards of one source stay linkable), else
  ``reply_to_message_id`` -> reply (parent in the same chat), else post;
- views = ``views`` when the export has it; likes/reposts/replies/quotes NULL;
- media: ``photo`` -> photo, ``media_type`` video_file / video_message -> video (with
  ``duration_seconds``), animation -> gif; the url is the exported file path;
- accounts: the chat itself, each author (``from``/``from_id``) and each forward source,
  observed_at NULL (the export does not say when it was taken).
"""
from __future__ import annotations

import orjson

from ..errors import InputError
from .base import Adapter, Context, Sink
from .normalize import (RecordError, clean_tags, epoch_to_utc, hashtags_in, mentions_in, parse_time,
                        to_id, to_int, urls_and_domains, urls_in)

PLATFORM = "telegram"
_MEDIA = {"video_file": "video", "video_message": "video", "animation": "gif"}


def flatten_text(text) -> str:
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        out = []
        for part in text:
            if isinstance(part, str):
                out.append(part)
            elif isinstance(part, dict):
                out.append(str(part.get("text", "")))
            else:
                raise RecordError("bad-type", f"text part of type {type(part).__name__}")
        return "".join(out)
    raise RecordError("bad-type", f"text has type {type(text).__name__}, expected text or a list of parts")


def _entities(msg: dict, text: str) -> tuple[list, list, list]:
    ents = msg.get("text_entities")
    if not isinstance(ents, list):
        t = msg.get("text")
        ents = [p for p in t if isinstance(p, dict)] if isinstance(t, list) else None
    if ents is None:
        return hashtags_in(text), mentions_in(text), urls_in(text)
    tags, ments, urls = [], [], []
    for e in ents:
        if not isinstance(e, dict):
            continue
        typ, val = e.get("type"), e.get("text")
        if typ == "hashtag":
            tags.append(val)
        elif typ in ("mention", "mention_name"):
            ments.append(val)
        elif typ == "link":
            urls.append(val)
        elif typ == "text_link" and e.get("href"):
            urls.append(e["href"])
    return clean_tags(tags), clean_tags(ments, "@"), urls


def _media(msg: dict) -> list[dict]:
    out = []
    if msg.get("photo"):
        out.append({"media_key": str(msg["photo"]), "type": "photo", "url": str(msg["photo"]),
                    "duration_ms": None, "phash": None})
    kind = _MEDIA.get(msg.get("media_type"))
    if kind and msg.get("file"):
        dur = to_int(msg.get("duration_seconds"), "duration_seconds")
        out.append({"media_key": str(msg["file"]), "type": kind, "url": str(msg["file"]),
                    "duration_ms": dur * 1000 if dur is not None else None, "phash": None})
    return out


def parse_message(msg: dict, chat_id: str, tz) -> tuple[dict, list[dict]]:
    """The post and the account observations (author, forward source) of one message."""
    mid = to_id(msg.get("id"), "id", required=True)
    account_id = to_id(msg.get("from_id"), "from_id") or f"channel{chat_id}"
    if msg.get("date_unixtime") not in (None, ""):
        created_at = epoch_to_utc(msg["date_unixtime"], field="date_unixtime")
    elif msg.get("date") not in (None, ""):
        created_at = parse_time(msg["date"], tz, "date")
    else:
        raise RecordError("missing-timestamp", "message has neither date nor date_unixtime")
    text = flatten_text(msg.get("text"))
    tags, ments, raw_urls = _entities(msg, text)
    urls, domains = urls_and_domains(raw_urls)
    fwd_name = msg.get("forwarded_from") if isinstance(msg.get("forwarded_from"), str) else None
    if fwd_name is not None or msg.get("forwarded_from_id") is not None:
        kind, parent = "repost", None
        parent_acc = to_id(msg.get("forwarded_from_id"), "forwarded_from_id")
        if parent_acc is None and fwd_name:
            parent_acc = "name:" + fwd_name  # older exports name the source without an id
    elif msg.get("reply_to_message_id") is not None:
        kind = "reply"
        parent = f"{chat_id}:{to_id(msg['reply_to_message_id'], 'reply_to_message_id')}"
        parent_acc = None
    else:
        kind, parent, parent_acc = "post", None, None
    post = {
        "platform": PLATFORM, "post_id": f"{chat_id}:{mid}", "account_id": account_id,
        "created_at": created_at, "kind": kind, "text": text,
        "parent_post_id": parent, "parent_account_id": parent_acc,
        "hashtags": tags, "mentions": ments, "urls": urls, "domains": domains,
        "media": _media(msg), "views": to_int(msg.get("views"), "views"),
        "source": msg.get("via_bot") if isinstance(msg.get("via_bot"), str) else None,
    }
    author = None
    if msg.get("from_id") is not None:
        author = {"platform": PLATFORM, "account_id": account_id,
                  "display_name": msg.get("from") if isinstance(msg.get("from"), str) else None,
                  "attributes": {"author_signature": msg["author"]} if isinstance(msg.get("author"), str) else None}
    accounts = [author] if author else []
    if kind == "repost" and parent_acc:
        accounts.append({"platform": PLATFORM, "account_id": parent_acc, "display_name": fwd_name})
    return post, accounts


class TelegramAdapter(Adapter):
    name = "telegram"
    platform = PLATFORM
    revision = 1
    description = "Telegram Desktop export result.json"

    def read(self, ctx: Context, sink: Sink) -> None:
        try:
            doc = orjson.loads(ctx.path.read_bytes())
        except orjson.JSONDecodeError as exc:
            raise InputError(f"{ctx.source_file}: not a valid Telegram export JSON document ({exc})",
                             code="bad-json") from exc
        if not isinstance(doc, dict) or not isinstance(doc.get("messages"), list):
            raise InputError(f"{ctx.source_file}: no 'messages' list: not a Telegram Desktop export",
                             code="unknown-format")
        chat_id = to_id(doc.get("id"), "id") or "chat"
        chat_type = doc.get("type")
        sink.account({"platform": PLATFORM, "account_id": f"channel{chat_id}" if "channel" in str(chat_type) else f"chat{chat_id}",
                      "display_name": doc.get("name") if isinstance(doc.get("name"), str) else None,
                      "attributes": {"chat_type": chat_type}}, 0)
        tz = ctx.tz
        for i, msg in enumerate(doc["messages"], start=1):
            if isinstance(msg, dict) and msg.get("type") not in (None, "message"):
                continue  # service entry: not a post
            sink.read()
            if not isinstance(msg, dict):
                sink.quarantine(i, "bad-record", f"message of type {type(msg).__name__}", msg)
                continue
            try:
                post, accounts = parse_message(msg, chat_id, tz)
            except RecordError as exc:
                sink.quarantine(i, exc.code, exc.message, msg)
                continue
            sink.post(post, i)
            for acc in accounts:
                sink.account(acc, i)
