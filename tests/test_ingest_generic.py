from __future__ import annotations

import datetime as dt

import pytest

from shared_paths import TEST_DATA
from faisceau.errors import InputError, MappingError
from faisceau.ingest import ingest
from faisceau.ingest.generic import load_mapping


def test_jsonl_with_mapping_every_field(store):
    [s] = ingest([TEST_DATA / "generic_posts.jsonl"], store=store, mapping=TEST_DATA / "generic_mapping.toml")
    assert (s.format, s.read, s.stored) == ("jsonl", 2, 2)
    p = {r["post_id"]: r for r in store.table("posts").to_pylist()}
    a = p["9001"]
    assert a["platform"] == "vk" and a["account_id"] == "vk_77"
    assert a["created_at"] == dt.datetime(2023, 7, 26, 8, 5)  # Moscow (+03) to UTC
    assert a["hashtags"] == ["boycottparis2024", "jo2024"]  # not mapped: read from the text
    assert a["urls"] == ["https://example-news.com/jo"] and a["domains"] == ["example-news.com"]
    assert (a["views"], a["likes"], a["reposts"], a["replies"]) == (1200, 14, 3, None)
    b = p["9002"]
    assert (b["kind"], b["parent_post_id"], b["views"]) == ("repost", "9001", None)
    accs = {x["account_id"]: x for x in store.table("accounts").to_pylist()}
    assert (accs["vk_78"]["handle"], accs["vk_78"]["display_name"], accs["vk_78"]["followers"]) == ("olga_b", "Ольга", 12)
    assert accs["vk_78"]["attributes"] == '{"group":"friends"}'


def test_csv_with_mapping_and_list_separator(store, tmp_path):
    f = tmp_path / "fb.csv"
    f.write_text("Post ID,Page,Created,Message,Tags,Likes\n"
                 "p1,page9,2023-07-26T10:00:00Z,Bonjour,Paris2024|JO,7\n"
                 "p2,page9,not a date,Salut,,1\n"
                 ",page9,2023-07-26T10:00:00Z,sans id,,1\n"
                 "p3,page9,2023-07-26T10:00:00Z,trop de likes,,beaucoup\n", encoding="utf-8")
    m = tmp_path / "m.toml"
    m.write_text('platform = "facebook"\nlist_separator = "|"\n[posts]\npost_id = "Post ID"\n'
                 'account_id = "Page"\ncreated_at = "Created"\ntext = "Message"\nhashtags = "Tags"\nlikes = "Likes"\n')
    [s] = ingest([f], store=store, mapping=m)
    assert (s.format, s.read, s.stored, s.quarantined) == ("csv", 4, 1, 3)
    [row] = store.table("posts").to_pylist()
    assert row["hashtags"] == ["paris2024", "jo"] and row["likes"] == 7 and row["platform"] == "facebook"
    codes = store.query("SELECT record_no, error_code FROM quarantine ORDER BY record_no").to_pylist()
    assert codes == [{"record_no": 2, "error_code": "bad-timestamp"}, {"record_no": 3, "error_code": "missing-id"},
                     {"record_no": 4, "error_code": "bad-type"}]


@pytest.mark.parametrize("text,match", [
    ('[posts]\npost_id="a"\naccount_id="b"\ncreated_at="c"\n', "platform"),
    ('platform="x"\n[posts]\npost_id="a"\naccount_id="b"\n', "created_at"),
    ('platform="x"\n[posts]\npost_id="a"\naccount_id="b"\ncreated_at="c"\nfollowers="f"\n', "not a canonical column"),
    ('platform="x"\nspeed=3\n[posts]\npost_id="a"\naccount_id="b"\ncreated_at="c"\n', "unknown key"),
    ('platform="x"\n[posts\n', "invalid TOML"),
    ('platform="x"\n[kinds]\nrt="retweet"\n[posts]\npost_id="a"\naccount_id="b"\ncreated_at="c"\n', "kinds"),
])
def test_bad_mappings(tmp_path, text, match):
    m = tmp_path / "m.toml"
    m.write_text(text)
    with pytest.raises(MappingError, match=match):
        load_mapping(m)


def test_generic_without_mapping_is_fatal(store):
    with pytest.raises(InputError, match="needs --mapping"):
        ingest([TEST_DATA / "generic_posts.jsonl"], store=store, format="jsonl")


def test_mapping_with_missing_column_is_fatal(store, tmp_path):
    f = tmp_path / "a.csv"
    f.write_text("id,who,when\n1,a,2023-01-01T00:00:00Z\n")
    m = tmp_path / "m.toml"
    m.write_text('platform="x"\n[posts]\npost_id="id"\naccount_id="author"\ncreated_at="when"\n')
    with pytest.raises(InputError, match="a.csv: missing column.*author"):
        ingest([f], store=store, mapping=m)
    assert store.count("posts") == 0
