"""CooRTweet's 4-column input table: object_id, account_id, content_id, timestamp_share.

CooRTweet (Righetti & Balluff) detects accounts that share the same *object* (a
retweeted tweet, a URL, a hashtag...) within a time window. One row is one share:

- post_id = content_id (the id of the share itself),
- account_id = account_id,
- created_at = timestamp_share (unix seconds, UTC by definition),
- kind = repost and parent_post_id = object_id (what was shared),
- platform = ``coortweet``: the table does not say which platform it came from.

The coordination detector relies on this mapping to reproduce CooRTweet's outputs.
"""
from __future__ import annotations

from .base import Adapter, Context, Sink
from .normalize import RecordError, epoch_to_utc, to_id
from .tables import iter_rows

PLATFORM = "coortweet"
COLUMNS = ("object_id", "account_id", "content_id", "timestamp_share")


def parse_share(row: dict) -> dict:
    ts = row.get("timestamp_share")
    if ts is None or ts == "":
        raise RecordError("missing-timestamp", "timestamp_share is missing")
    return {
        "platform": PLATFORM,
        "post_id": to_id(row.get("content_id"), "content_id", required=True),
        "account_id": to_id(row.get("account_id"), "account_id", required=True),
        "created_at": epoch_to_utc(ts, field="timestamp_share"),
        "kind": "repost",
        "parent_post_id": to_id(row.get("object_id"), "object_id", required=True),
    }


class CoorTweetAdapter(Adapter):
    name = "coortweet"
    platform = PLATFORM
    revision = 1
    description = "CooRTweet input table (CSV or Parquet)"

    def read(self, ctx: Context, sink: Sink) -> None:
        for record_no, row in iter_rows(ctx, sink, required=COLUMNS):
            sink.read()
            try:
                post = parse_share(row)
            except RecordError as exc:
                sink.quarantine(record_no, exc.code, exc.message, row)
                continue
            sink.post(post, record_no)
