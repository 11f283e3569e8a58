from __future__ import annotations

import datetime as dt
import json

from shared_paths import TEST_DATA
from faisceau.ingest import ingest


def test_telegram_export_every_field(store):
    [s] = ingest([TEST_DATA / "telegram_result.json"], store=store)
    # 5 entries, one is a service message (channel created): not a post, not counted
    assert (s.format, s.sniffed, s.read, s.stored, s.quarantined) == ("telegram", True, 4, 4, 0)
    p = {r["post_id"]: r for r in store.table("posts").to_pylist()}
    m = p["1876543210:2"]
    expected = {
        "platform": "telegram", "account_id": "channel1876543210",
        "created_at": dt.datetime(2023, 7, 26, 9, 5),  # from date_unixtime, not the local 'date'
        "kind": "post",
        "text": "Paris n'est pas prêt pour les JO #BoycottParis2024 lire: "
                "https://Example-News.com/jo?utm_source=telegram et la vidéo via @ParisWatch",
        "hashtags": ["boycottparis2024"], "mentions": ["pariswatch"],
        "urls": ["https://example-news.com/jo", "https://media-outlet.example/v/39s"],  # text_link href too
        "domains": ["example-news.com", "media-outlet.example"],
        "media": [{"media_key": "photos/photo_2@26-07-2023_11-05-00.jpg", "type": "photo",
                   "url": "photos/photo_2@26-07-2023_11-05-00.jpg", "duration_ms": None, "phash": None}],
        "views": 15230, "likes": None, "reposts": None, "record_no": 2, "adapter": "telegram",
    }
    for k, v in expected.items():
        assert m[k] == v, k
    fwd = p["1876543210:3"]
    assert (fwd["kind"], fwd["parent_post_id"], fwd["parent_account_id"]) == ("repost", None, "name:Bakı Xəbərləri")
    assert fwd["media"][0]["type"] == "video" and fwd["media"][0]["duration_ms"] == 39000
    reply = p["1876543210:4"]
    assert (reply["kind"], reply["parent_post_id"], reply["hashtags"]) == ("reply", "1876543210:2", ["باريس"])
    gif = p["1876543210:5"]
    assert gif["parent_account_id"] == "channel1555000111" and gif["media"][0]["type"] == "gif"
    accs = {a["account_id"]: a for a in store.table("accounts").to_pylist()}
    assert accs["channel1876543210"]["display_name"] == "Pariis Actu 🇫🇷"
    assert json.loads(accs["channel1876543210"]["attributes"]) == {"chat_type": "public_channel"}
    assert accs["channel1555000111"]["display_name"] == "Олимпийский вестник"


def test_telegram_naive_date_needs_assume_tz(tmp_path):
    from faisceau.store import Store

    doc = json.loads((TEST_DATA / "telegram_result.json").read_text())
    for msg in doc["messages"]:
        msg.pop("date_unixtime", None)  # older exports: local time only
    f = tmp_path / "result.json"
    f.write_text(json.dumps(doc, ensure_ascii=False, indent=1))
    with Store(tmp_path / "a.duckdb") as st:
        [s] = ingest([f], store=st)
        assert (s.stored, s.quarantined) == (0, 4)
        codes = st.query("SELECT DISTINCT error_code FROM quarantine").column(0).to_pylist()
        assert codes == ["naive-timestamp"]
    with Store(tmp_path / "b.duckdb") as st:
        [s] = ingest([f], store=st, assume_tz="Europe/Paris")
        assert s.stored == 4
        t = st.query("SELECT created_at FROM posts WHERE post_id = '1876543210:2'").column(0).to_pylist()
        assert t == [dt.datetime(2023, 7, 26, 9, 5)]
