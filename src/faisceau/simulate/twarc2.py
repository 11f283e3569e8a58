"""Writer of raw twarc2 pages: one X API v2 search response per line.

Each line is ``{"data": [...], "includes": {"users", "tweets", "media"}, "meta": {...},
"__twarc": {...}}`` with up to 100 tweets, as ``twarc2 search`` writes them. Tweets carry
``entities`` (hashtags, mentions, urls with t.co / expanded / display forms and code-point
offsets), ``public_metrics`` with ``impression_count``, ``referenced_tweets``,
``attachments.media_keys``, ``source``. Absent fields are omitted, as the API does.

Pages are serialised by DuckDB from the Arrow chunks (``to_json`` per object, list
aggregation per page), so no Python object is built per tweet. Pages are in chronological
order (a real ``twarc2 search`` pages newest first; readers must not depend on either).
One ``retrieved_at`` is used for the whole file, so each account is one observation.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from .._duck import to_arrow
from .columns import iso

PAGE = 100


def _tweet(p: str) -> str:
    """SQL struct of a v2 tweet object from the columns under prefix ``p`` ('' or 'pr.')."""
    return f"""{{
      'id': CAST({p}id AS VARCHAR),
      'text': {p}text,
      'author_id': CAST({p}author AS VARCHAR),
      'created_at': strftime(make_timestamp_ms({p}ms), '%Y-%m-%dT%H:%M:%S.%gZ'),
      'lang': {p}lang,
      'conversation_id': CAST({p}conv AS VARCHAR),
      'edit_history_tweet_ids': [CAST({p}id AS VARCHAR)],
      'possibly_sensitive': false,
      'reply_settings': 'everyone',
      'source': {p}source,
      'public_metrics': {{'retweet_count': {p}rts, 'reply_count': {p}replies, 'like_count': {p}likes,
                          'quote_count': {p}quotes, 'bookmark_count': 0, 'impression_count': {p}views}},
      'entities': CASE WHEN len({p}tags) + len({p}ments) + CAST({p}url IS NOT NULL AS INTEGER) = 0 THEN NULL ELSE {{
         'hashtags': CASE WHEN len({p}tags) = 0 THEN NULL ELSE list_transform({p}tags, lambda x, i:
                        {{'start': {p}tag_starts[i], 'end': {p}tag_starts[i] + length(x) + 1, 'tag': x}}) END,
         'mentions': CASE WHEN len({p}ments) = 0 THEN NULL ELSE list_transform({p}ment_handles, lambda x, i:
                        {{'start': {p}ment_starts[i], 'end': {p}ment_starts[i] + length(x) + 1, 'username': x,
                          'id': CAST({p}ments[i] AS VARCHAR)}}) END,
         'urls': CASE WHEN {p}url IS NULL THEN NULL ELSE [{{'start': {p}url_start, 'end': {p}url_start + length({p}tco),
                        'url': {p}tco, 'expanded_url': {p}url,
                        'display_url': left(regexp_replace({p}url, '^https?://(www[.])?', ''), 24)
                                       || CASE WHEN length(regexp_replace({p}url, '^https?://(www[.])?', '')) > 24 THEN '…' ELSE '' END}}] END
      }} END,
      'attachments': CASE WHEN len({p}media) = 0 THEN NULL
                          ELSE {{'media_keys': list_transform({p}media, lambda m: m.media_key)}} END"""


TWEET = _tweet("") + """,
      'referenced_tweets': CASE kind WHEN 'repost' THEN [{'type': 'retweeted', 'id': CAST(parent AS VARCHAR)}]
                                     WHEN 'quote' THEN [{'type': 'quoted', 'id': CAST(parent AS VARCHAR)}]
                                     WHEN 'reply' THEN [{'type': 'replied_to', 'id': CAST(parent AS VARCHAR)}] END,
      'in_reply_to_user_id': CASE WHEN kind = 'reply' THEN CAST(parent_author AS VARCHAR) END
    }"""
PARENT = _tweet("pr.") + "\n    }"

MEDIA = """{
  'media_key': m.media_key, 'type': m.type,
  'url': CASE WHEN m.type = 'photo' THEN m.url END,
  'preview_image_url': CASE WHEN m.type <> 'photo' THEN m.url END,
  'duration_ms': m.duration_ms, 'width': m.width, 'height': m.height,
  'public_metrics': CASE WHEN m.view_count IS NOT NULL THEN {'view_count': m.view_count} END,
  'variants': CASE WHEN m.type = 'video' THEN [{'bit_rate': 2176000, 'content_type': 'video/mp4',
      'url': 'https://video.twimg.com/ext_tw_video/' || substr(m.media_key, 3) || '/pu/vid/1280x720/' || substr(m.media_key, 3) || '.mp4'}] END
}"""

USER = """{
  'id': CAST(id AS VARCHAR), 'name': name, 'username': handle,
  'created_at': strftime(make_timestamp_ms(created_ms), '%Y-%m-%dT%H:%M:%S.%gZ'),
  'description': description, 'location': CASE WHEN location = '' THEN NULL ELSE location END,
  'profile_image_url': image_url, 'protected': false, 'verified': verified,
  'public_metrics': {'followers_count': followers, 'following_count': following, 'tweet_count': tweets,
                     'listed_count': listed}
}"""

PAGES = f"""
WITH
d AS (SELECT page, string_agg(to_json({TWEET}), ',' ORDER BY rn) AS data, count(*) AS n,
             CAST(max(id) AS VARCHAR) AS newest, CAST(min(id) AS VARCHAR) AS oldest
      FROM p GROUP BY page),
pt AS (SELECT page, string_agg(to_json({PARENT}), ',' ORDER BY pr.id) AS tweets
       FROM (SELECT page, any_value(pr) AS pr FROM p WHERE pr.id IS NOT NULL GROUP BY page, pr.id) GROUP BY page),
pu AS (SELECT page, string_agg(uj.j, ',' ORDER BY uid) AS users
       FROM (SELECT DISTINCT page, uid FROM (
               SELECT page, author AS uid FROM p
               UNION ALL SELECT page, pr.author FROM p WHERE pr.id IS NOT NULL
               UNION ALL SELECT page, unnest(ments) FROM p
               UNION ALL SELECT page, unnest(pr.ments) FROM p WHERE pr.id IS NOT NULL)) x
       JOIN uj ON uj.id = x.uid GROUP BY page),
pm AS (SELECT page, string_agg(to_json({MEDIA}), ',' ORDER BY m.media_key) AS media
       FROM (SELECT page, any_value(m) AS m FROM (
               SELECT page, unnest(media) AS m FROM p
               UNION ALL SELECT page, unnest(pr.media) FROM p WHERE pr.id IS NOT NULL) GROUP BY page, m.media_key)
       GROUP BY page)
SELECT regexp_replace(regexp_replace(
         '{{"data":[' || d.data || '],"includes":{{"users":[' || coalesce(pu.users, '') || ']'
         || coalesce(',"tweets":[' || pt.tweets || ']', '') || coalesce(',"media":[' || pm.media || ']', '') || '}}'
         || ',"meta":' || to_json({{'newest_id': d.newest, 'oldest_id': d.oldest, 'result_count': d.n,
                                    'next_token': 'b26v89c19zqg8o3f' || lpad(CAST(d.page + $page0 + 1 AS VARCHAR), 8, '0')}})
         || ',"__twarc":' || $twarc || '}}',
         ',"[a-z_]+":null', '', 'g'), '[{{]"[a-z_]+":null,', '{{', 'g') AS line
FROM d LEFT JOIN pt USING (page) LEFT JOIN pu USING (page) LEFT JOIN pm USING (page)
ORDER BY page
"""


class Twarc2Writer:
    """Streams POST_SCHEMA chunks to a twarc2 JSONL file, 100 tweets per page."""

    def __init__(self, path: str | Path, users: pa.Table, retrieved_ms: int, query: str):
        self.path = Path(path)
        self.fh = open(self.path, "w", encoding="utf-8", newline="\n")
        self.con = duckdb.connect()
        self.con.execute("SET preserve_insertion_order = true")
        self.con.register("users_arrow", users)
        self.con.execute(f"CREATE TABLE uj AS SELECT id, to_json({USER}) AS j FROM users_arrow")
        self.con.unregister("users_arrow")
        import json

        from urllib.parse import quote

        twarc = {"url": "https://api.twitter.com/2/tweets/search/all?expansions=author_id%2Creferenced_tweets.id%2C"
                        "referenced_tweets.id.author_id%2Centities.mentions.username%2Cattachments.media_keys"
                        "&tweet.fields=attachments%2Cauthor_id%2Cconversation_id%2Ccreated_at%2Centities%2Clang"
                        "%2Cpublic_metrics%2Creferenced_tweets%2Csource&max_results=100&query=" + quote(query),
                 "version": "2.14.0", "retrieved_at": iso(retrieved_ms).replace("Z", "+00:00")}
        self.twarc = json.dumps(twarc, separators=(",", ":"))
        self.pages = 0
        self.tweets = 0

    def write(self, posts: pa.Table) -> None:
        n = posts.num_rows
        if n == 0:
            return
        rn = np.arange(n, dtype=np.int64)
        posts = posts.append_column("page", pa.array(rn // PAGE)).append_column("rn", pa.array(rn))
        self.con.register("p", posts)
        lines = to_arrow(self.con.execute(PAGES, {"page0": self.pages, "twarc": self.twarc})).column("line")
        self.con.unregister("p")
        for chunk in lines.chunks:
            self.fh.write("\n".join(chunk.to_pylist()))
            self.fh.write("\n")
        self.pages += len(lines)
        self.tweets += n

    def close(self) -> None:
        self.fh.close()
        self.con.close()
