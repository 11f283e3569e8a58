"""X API v2 / twarc2: every canonical field maps, from hand-written fixtures in tests/data."""
from __future__ import annotations

import datetime as dt

import pytest

from shared_paths import TEST_DATA
from faisceau.ingest import ingest

PAGES = TEST_DATA / "twarc2_pages.jsonl"
FLAT = TEST_DATA / "twarc2_flat.jsonl"
LOOKUP = TEST_DATA / "x_v2_lookup.json"


def posts(store):
    return {r["post_id"]: r for r in store.table("posts").to_pylist()}


def test_raw_pages_every_post_field(store):
    [s] = ingest([PAGES], store=store)
    assert (s.format, s.sniffed) == ("twarc2", True)
    # 7 tweets in page 1, 2 in page 2 (one repeats page 1), page 3 holds only errors
    assert (s.read, s.stored, s.duplicates, s.quarantined) == (9, 8, 1, 0)
    p = posts(store)["1684150000000000001"]
    expected = {
        "platform": "x", "post_id": "1684150000000000001", "account_id": "1001",
        "created_at": dt.datetime(2023, 7, 26, 9, 12, 33), "kind": "post",
        "text": "#BoycottParis2024 Les JO seront un fiasco 😡 @Paris2024 https://t.co/aB1cD2eF3g https://t.co/pIcX1",
        "lang": "fr", "parent_post_id": None, "parent_account_id": None,
        "conversation_id": "1684150000000000001",
        "hashtags": ["boycottparis2024"],
        # unwound_url preferred; www/case/port/utm_* removed; the photo link is media, not a url
        "urls": ["https://www.example-news.com/jo/fiasco?id=7"],
        "domains": ["example-news.com"],
        "mentions": ["paris2024"],
        "media": [{"media_key": "3_1684150000000000001", "type": "photo",
                   "url": "https://pbs.twimg.com/media/F1aBcDeXoAAbCdE.jpg", "duration_ms": None, "phash": None}],
        "views": 5400, "likes": 40, "reposts": 12, "replies": 3, "quotes": 2,
        "source": "Twitter for Android",
        "source_file": str(PAGES), "record_no": 1, "adapter": "twarc2", "adapter_version": "0.1.0/1",
    }
    for k, v in expected.items():
        assert p[k] == v, k
    assert len(p["source_sha256"]) == 64 and p["ingested_at"] is not None


def test_repost_takes_the_reposted_text_and_entities(store):
    ingest([PAGES], store=store)
    rt = posts(store)["1684150000000000002"]
    assert rt["kind"] == "repost"
    assert rt["parent_post_id"] == "1684150000000000001" and rt["parent_account_id"] == "1001"
    assert not rt["text"].startswith("RT @")
    assert rt["hashtags"] == ["boycottparis2024"] and rt["mentions"] == ["paris2024"]
    assert rt["urls"] == ["https://www.example-news.com/jo/fiasco?id=7"]
    assert rt["likes"] == 0 and rt["views"] == 0  # as the API reports them for a retweet


def test_quote_of_a_retweet_points_to_the_retweet(store):
    ingest([PAGES], store=store)
    q = posts(store)["1684150000000000003"]
    assert (q["kind"], q["parent_post_id"], q["parent_account_id"]) == ("quote", "1684150000000000002", "1002")
    assert q["created_at"] == dt.datetime(2023, 7, 26, 9, 13, 2, 500000)  # milliseconds kept


def test_deleted_referenced_tweets_keep_parent_id(store):
    ingest([PAGES], store=store)
    p = posts(store)
    reply = p["1684150000000000004"]  # replied-to tweet absent from includes (Not Found Error)
    assert (reply["kind"], reply["parent_post_id"], reply["parent_account_id"]) == \
        ("reply", "1684149999999999999", "1999")
    rt = p["1684150000000000005"]  # retweet of a tweet we may not see (Authorization Error)
    assert (rt["kind"], rt["parent_post_id"], rt["parent_account_id"]) == ("repost", "1684149999999999998", None)
    assert rt["text"].startswith("RT @gone_user:")  # the only text the export has


def test_rtl_note_tweet_video_gif_and_offset_times(store):
    ingest([PAGES], store=store)
    p = posts(store)
    ar = p["1684150000000000006"]
    assert ar["text"].endswith("#Paris https://t.co/rTl6")  # full note_tweet text
    assert ar["hashtags"] == ["باريس2024", "paris"]
    assert ar["urls"] == ["http://media-outlet.example/v/39s?lang=ar"]  # :80, gclid, fragment gone
    vid = p["1684150000000000007"]
    assert [m["type"] for m in vid["media"]] == ["video", "gif"]
    assert vid["media"][0]["duration_ms"] == 39000
    assert vid["media"][0]["url"].endswith("1280x720/high.mp4")  # highest bit rate variant
    assert vid["views"] == 7_100_000
    late = p["1684150000000000008"]
    assert late["created_at"] == dt.datetime(2023, 7, 27, 5, 59)  # +02:00 converted to UTC
    assert late["views"] is None  # no impression_count: unknown, not 0
    assert late["source"] is None


def test_accounts_every_field_and_observations(store):
    ingest([PAGES], store=store)
    acc = store.table("accounts").to_pylist()
    alice = sorted((a for a in acc if a["account_id"] == "1001"), key=lambda a: a["observed_at"])
    assert len(alice) == 2  # two pages, two retrieval times: two observations
    a = alice[0]
    expected = {
        "platform": "x", "handle": "alice_fr", "display_name": "Alice 🇦🇿",
        "created_at": dt.datetime(2023, 7, 3, 10, 0), "description": "Vérité sur la France. Azərbaycan 🇦🇿",
        "location": "Bakı, Azərbaycan", "url": "https://alice.example.org", "followers": 12, "following": 340,
        "posts_count": 55, "verified": False,
        "profile_image_url": "https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png",
        "default_profile_image": True, "lang": None, "observed_at": dt.datetime(2023, 7, 27, 8, 0, 1),
        "adapter": "twarc2", "record_no": 1,
    }
    for k, v in expected.items():
        assert a[k] == v, k
    assert '"verified_type":"none"' in a["attributes"]
    assert alice[1]["followers"] == 19
    latest = store.query("SELECT followers FROM accounts_latest WHERE account_id = '1001'").to_pylist()
    assert latest == [{"followers": 19}]
    carol = next(a for a in acc if a["account_id"] == "1003")
    assert carol["verified"] is True and carol["default_profile_image"] is False


def test_flattened_twarc2(store):
    [s] = ingest([FLAT], store=store)
    assert (s.format, s.read, s.stored, s.quarantined) == ("twarc2", 3, 3, 0)
    p = posts(store)
    rt = p["1684160000000000001"]
    assert (rt["kind"], rt["parent_post_id"], rt["parent_account_id"]) == ("repost", "1684150000000000007", "1005")
    assert rt["text"] == "Regardez ce qui se passe à Paris 🇫🇷🔥 https://t.co/vId7"
    assert rt["media"][0]["type"] == "video" and rt["media"][0]["duration_ms"] == 39000
    q = p["1684160000000000002"]  # quote of a retweet, inlined
    assert (q["kind"], q["parent_post_id"], q["parent_account_id"]) == ("quote", "1684160000000000001", "3001")
    r = p["1684160000000000003"]
    assert (r["kind"], r["parent_account_id"], r["conversation_id"]) == ("reply", "1005", "1684150000000000007")
    accs = {a["account_id"]: a for a in store.table("accounts").to_pylist()}
    assert set(accs) == {"3001", "3002", "3003", "1005"}
    assert accs["3003"]["url"] == "https://factcheck.example.fr"
    assert accs["3001"]["observed_at"] == dt.datetime(2023, 7, 27, 9, 0)


def test_plain_v2_document(store):
    [s] = ingest([LOOKUP], store=store)
    assert (s.format, s.read, s.stored) == ("x-v2", 1, 1)
    p = posts(store)["1684170000000000001"]
    assert p["hashtags"] == ["paris2024", "boycottparis2024"]
    assert p["urls"] == ["https://bit.ly/3abcDEF"]
    [acc] = store.table("accounts").to_pylist()
    assert acc["observed_at"] is None  # a plain response does not say when it was taken


@pytest.mark.parametrize("fmt", ["twarc2", "x-v2"])
def test_explicit_format_gives_same_posts(tmp_path, fmt):
    from faisceau.store import Store

    with Store(tmp_path / "a.duckdb") as st:
        [s] = ingest([PAGES], store=st, format=fmt)
        assert s.format == fmt and not s.sniffed and s.stored == 8
