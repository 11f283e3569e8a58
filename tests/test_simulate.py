"""The simulator: truth figures recounted from the written files, determinism, scale."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re

import pytest

from faisceau.simulate import generate


def _pages(path):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _ms(s: str) -> int:
    return int(dt.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp() * 1000)


@pytest.fixture(scope="module")
def boycott(tmp_path_factory):
    d = tmp_path_factory.mktemp("boycott")
    tr = generate("boycott-paris-2024", out=d / "b.jsonl", truth=d / "truth.json", seed=0)
    return d, tr, _pages(d / "b.jsonl")


def _index(pages):
    tweets, users, media, parents = {}, {}, {}, {}
    for p in pages:
        for t in p["data"]:
            assert t["id"] not in tweets
            tweets[t["id"]] = t
        for u in p["includes"]["users"]:
            users[u["id"]] = u
        for m in p["includes"].get("media", []):
            media[m["media_key"]] = m
        for t in p["includes"].get("tweets", []):
            parents[t["id"]] = t
    return tweets, users, media, parents


def test_pages_have_the_x_api_v2_shape(boycott):
    _, tr, pages = boycott
    assert all(len(p["data"]) <= 100 for p in pages)
    assert all(set(p) == {"data", "includes", "meta", "__twarc"} for p in pages)
    tweets, users, media, parents = _index(pages)
    for p in pages:
        page_users = {u["id"] for u in p["includes"]["users"]}
        page_parents = {t["id"] for t in p["includes"].get("tweets", [])}
        for t in p["data"]:
            assert t["author_id"] in page_users
            for r in t.get("referenced_tweets", []):
                assert r["id"] in page_parents  # every referenced tweet is expanded on its page
            for h in t.get("entities", {}).get("hashtags", []):
                assert t["text"][h["start"]:h["end"]] == "#" + h["tag"]
            for m in t.get("entities", {}).get("mentions", []):
                assert t["text"][m["start"]:m["end"]] == "@" + m["username"]
                assert m["id"] in page_users
            for u in t.get("entities", {}).get("urls", []):
                assert t["text"][u["start"]:u["end"]] == u["url"]
            assert "impression_count" in t["public_metrics"]
            assert None not in t.values()  # absent fields are omitted, not null
    kinds = {next((r["type"] for r in t.get("referenced_tweets", [])), "post") for t in tweets.values()}
    assert kinds == {"post", "retweeted", "replied_to", "quoted"}
    assert len({t["lang"] for t in tweets.values()}) >= 6
    assert sum(len(p["data"]) for p in pages) == tr.data["totals"]["posts"]


def test_boycott_figures_recounted_from_the_file(boycott):
    d, tr, pages = boycott
    tweets, users, media, parents = _index(pages)
    op = tr.operation("boycott-paris-2024")
    f = op["figures"]
    acc = {a["account_id"] for a in op["accounts"]}
    assert len(acc) == f["accounts"] == 91
    # posts of the 91 accounts on 26-27 July 2023 (UTC), counted in the file
    lo, hi = _ms("2023-07-26T00:00:00Z"), _ms("2023-07-28T00:00:00Z")
    on_days = [t for t in tweets.values() if t["author_id"] in acc and lo <= _ms(t["created_at"]) < hi]
    assert {t["id"] for t in on_days} == set(op["posts"])
    assert len(on_days) == f["posts"] > 1600
    times = sorted(_ms(t["created_at"]) for t in on_days)
    assert times[0] == _ms(f["window"]["first_post"]) and times[-1] == _ms(f["window"]["last_post"])
    # 40 accounts created in July 2023, posting only boycott content
    july = {a for a in acc if users[a]["created_at"].startswith("2023-07")}
    assert len(july) == f["accounts_created_by_month"]["2023-07"] == 40
    for t in tweets.values():
        if t["author_id"] in july:
            assert t["id"] in op["posts"]
            tags = {h["tag"].lower() for h in t.get("entities", {}).get("hashtags", [])}
            assert "boycottparis2024" in tags
    assert {a["account_id"] for a in op["accounts"] if a["only_op_content"]} == july
    # profile traits
    assert sum("🇦🇿" in users[a]["name"] for a in acc) == f["flags_in_names"] >= 45
    assert sum(bool(re.search("[əğıöüşç]", users[a].get("description", ""))) for a in acc) == f["azeri_script_bios"] >= 40
    assert sum(any(x in users[a].get("location", "").lower() for x in ("bakı", "baku", "gəncə", "sumqayıt", "şuşa",
                                                                        "azərbaycan", "lənkəran"))
               for a in acc) == f["azerbaijani_locations"] >= 40
    # misspelt place names
    for bad, v in f["misspelt_places"].items():
        n = sum(bool(re.search(rf"\b{bad}\b", t["text"])) for t in on_days if "referenced_tweets" not in t)
        assert n == v["posts"] > 0
    assert {"Bordo", "Monpelye"} <= set(f["misspelt_places"])
    # #boycottparis2024
    n = sum("boycottparis2024" in {h["tag"].lower() for h in t.get("entities", {}).get("hashtags", [])} for t in on_days)
    assert n == f["hashtag"]["posts"]
    # synchronised resharing
    rts = [t for t in on_days if t.get("referenced_tweets", [{}])[0].get("type") == "retweeted"
           and tweets.get(t["referenced_tweets"][0]["id"], {}).get("author_id") in acc]
    assert len(rts) == f["synchronised_reposts"]["reposts"] > 1000
    delays = sorted((_ms(t["created_at"]) - _ms(tweets[t["referenced_tweets"][0]["id"]]["created_at"])) / 1000 for t in rts)
    assert delays[len(delays) // 2] == pytest.approx(f["synchronised_reposts"]["delay_median_s"], abs=1)
    assert f["synchronised_reposts"]["delay_median_s"] < 60
    # the 39-second riot video of the fake outlet, > 7 M views
    kv = f["key_video"]
    t = tweets[kv["post_id"]]
    m = media[t["attachments"]["media_keys"][0]]
    assert m["type"] == "video" and m["duration_ms"] == 39_000 == kv["duration_s"] * 1000
    assert m["public_metrics"]["view_count"] == kv["views"] > 7_000_000
    assert t["public_metrics"]["impression_count"] == kv["impression_count"] > 7_000_000
    assert users[t["author_id"]]["username"] == kv["handle"] == "InfoFranceLive"
    # the seed is tied to a watchlisted ruling-party figure
    wl = list(csv.DictReader(open(d / "watchlist.csv", encoding="utf-8")))
    assert wl[0]["handle"] == "resad_novruzlu" and "ruling" in wl[0]["affiliation"].lower()
    seed = f["seeds"]["seed"]
    link = seed["watchlist"][0]
    assert link["account_id"] == wl[0]["account_id"]
    seed_rts = [t for t in tweets.values() if t["author_id"] == seed["account_id"] and t.get("referenced_tweets")
                and tweets[t["referenced_tweets"][0]["id"]]["author_id"] == link["account_id"]]
    assert len(seed_rts) == link["reposts_of"] == 2
    ments = [t for t in tweets.values() if t["author_id"] == seed["account_id"] and "referenced_tweets" not in t
             and any(m["id"] == link["account_id"] for m in t.get("entities", {}).get("mentions", []))]
    assert len(ments) == link["mentions_of"] == 2
    assert acc.isdisjoint({w["account_id"] for w in wl})


def test_organic_traps_are_present(boycott):
    _, tr, pages = boycott
    tweets, users, media, parents = _index(pages)
    acc = tr.op_account_ids()
    # a viral organic post retweeted by more than a thousand accounts, most within minutes
    viral = tr.data["organic"]["named_posts"]["viral-j365"]
    rts = [t for t in tweets.values() if t.get("referenced_tweets", [{}])[0].get("id") == viral
           and t["referenced_tweets"][0]["type"] == "retweeted"]
    assert len(rts) > 1000 and not acc & {t["author_id"] for t in rts}
    t0 = _ms(tweets[viral]["created_at"])
    assert sum(_ms(t["created_at"]) - t0 < 10 * 60_000 for t in rts) > 500
    # the same riot footage reused organically (other media keys, same content)
    reuse = tr.data["organic"]["media_reuse"]["riot-footage-nanterre-2023-06"]
    assert tr.operation()["figures"]["key_video"]["media_key"] in reuse and len(reuse) >= 5
    # share-button headlines: identical text from many accounts
    texts = {}
    for t in tweets.values():
        if " via @" in t["text"] and "referenced_tweets" not in t:
            texts.setdefault(re.sub(r"https://t\.co/\S+", "", t["text"]), set()).add(t["author_id"])
    assert max(len(v) for v in texts.values()) >= 10
    # organic accounts with Azerbaijani profiles exist outside the operation
    assert any("🇦🇿" in u["name"] and u["id"] not in acc for u in users.values())
    # account ages spread over years, activity heavy-tailed
    years = {u["created_at"][:4] for u in users.values()}
    assert len(years) >= 12
    per_author = {}
    for t in tweets.values():
        per_author[t["author_id"]] = per_author.get(t["author_id"], 0) + 1
    counts = sorted(per_author.values())
    assert counts[-1] > 20 * counts[len(counts) // 2]


def test_same_seed_same_bytes_and_scale_leaves_the_operation(tmp_path):
    a = generate("boycott-paris-2024", out=tmp_path / "a.jsonl", scale=4000, seed=3)
    b = generate("boycott-paris-2024", out=tmp_path / "b.jsonl", scale=4000, seed=3)
    digest = lambda p: hashlib.sha256(p.read_bytes()).hexdigest()  # noqa: E731
    assert digest(tmp_path / "a.jsonl") == digest(tmp_path / "b.jsonl")
    assert a.data == {**b.data, "file": a.data["file"]}
    c = generate("boycott-paris-2024", out=tmp_path / "c.jsonl", scale=16000, seed=3)
    assert c.data["totals"]["organic_posts"] > 2 * a.data["totals"]["organic_posts"]
    fa, fc = a.operation()["figures"], c.operation()["figures"]
    assert fa == fc and a.operation()["posts"] == c.operation()["posts"]
    d = generate("boycott-paris-2024", out=tmp_path / "d.jsonl", scale=4000, seed=4)
    assert digest(tmp_path / "d.jsonl") != digest(tmp_path / "a.jsonl")


def test_copypasta_variants_recounted(tmp_path):
    tr = generate("copypasta-multilingual", out=tmp_path / "c.jsonl", truth=tmp_path / "t.json", scale=6000)
    tweets, users, _, _ = _index(_pages(tmp_path / "c.jsonl"))
    op = tr.operation("copypasta-multilingual")
    variants = op["variants"]
    by_type = {}
    for v in variants:
        by_type[v["type"]] = by_type.get(v["type"], 0) + 1
        t, src = tweets[v["post_id"]], tweets[v["source_post_id"]]
        assert t["author_id"] in tr.op_account_ids() and t["lang"] == v["lang"]
        if v["type"] == "copypasta":
            assert t["lang"] == src["lang"] and (t["text"] == src["text"] or _near(t["text"], src["text"]))
        elif v["type"] == "rewording":
            assert t["lang"] == src["lang"] and t["text"] != src["text"]
        elif v["type"] == "translation":
            assert t["lang"] != src["lang"]
    assert by_type == op["figures"]["variants_by_type"]
    assert {"copypasta", "rewording", "translation"} <= set(by_type)
    assert len({v["lang"] for v in variants if v["type"] == "translation"}) >= 3
    assert set(op["posts"]) == {v["post_id"] for v in variants}
    assert all("referenced_tweets" not in tweets[p] for p in op["posts"])  # text only
    # organic posts share the topics
    organic = [t for t in tweets.values() if t["id"] not in set(op["posts"])]
    assert sum("punaises" in t["text"].lower() or "bedbugs" in t["text"].lower() for t in organic) > 100


def _near(a: str, b: str) -> bool:
    import difflib

    return difflib.SequenceMatcher(None, a, b).ratio() > 0.85


def test_io_archive_columns_and_figures(tmp_path):
    from faisceau.simulate.ioarchive import COLUMNS

    tr = generate("boycott-paris-2024", out=tmp_path / "b.csv", fmt="io-archive", scale=4000)
    with open(tmp_path / "b.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == COLUMNS
    assert len(rows) == tr.data["totals"]["posts"]
    op = tr.operation()
    acc = tr.op_account_ids()
    mine = [r for r in rows if r["userid"] in acc and "2023-07-26" <= r["tweet_time"][:10] <= "2023-07-27"]
    assert len(mine) == op["figures"]["posts"] > 1600
    assert len({r["userid"] for r in mine}) == 91
    created = {r["userid"]: r["account_creation_date"] for r in rows if r["userid"] in acc}
    assert sum(v.startswith("2023-07") for v in created.values()) == 40
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", r["tweet_time"]) for r in rows[:500])
    rt = [r for r in mine if r["is_retweet"] == "True"]
    assert len(rt) >= op["figures"]["synchronised_reposts"]["reposts"]
    assert all(r["retweet_tweetid"] and r["retweet_userid"] for r in rt)
    assert sum("boycottparis2024" in r["hashtags"].lower() for r in mine) == op["figures"]["hashtag"]["posts"]
    assert all(r["hashtags"].startswith("[") and r["hashtags"].endswith("]") for r in rows)


def test_cli_simulate(tmp_path):
    from click.testing import CliRunner

    from faisceau.cli import cli

    res = CliRunner().invoke(cli, ["simulate", "--scenario", "copypasta-multilingual", "--out", str(tmp_path / "x.jsonl"),
                                   "--truth", str(tmp_path / "t.json"), "--scale", "3000", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["operations"][0]["accounts"] == 30
    assert json.loads((tmp_path / "t.json").read_text())["operations"][0]["name"] == "copypasta-multilingual"
    res = CliRunner().invoke(cli, ["simulate", "--out", str(tmp_path / "y.jsonl"), "--scale", "10"])
    assert res.exit_code != 0


def test_json_escaping_of_hostile_text():
    import pyarrow as pa

    from faisceau.simulate import jsonbuild as J

    texts = pa.array(['say "hi"\\n', "line\nbreak\ttab\r", "<script>alert(1)</script> é 🇦🇿", "plain"])
    out = J.cat('{"t":"', J.esc(texts), '"}').to_pylist()
    assert [json.loads(x)["t"] for x in out] == texts.to_pylist()
    assert J.esc(pa.array(["plain", "text"])).to_pylist() == ["plain", "text"]


@pytest.mark.parametrize("fmt", ["twarc2", "io-archive", "parquet"])
def test_workers_write_the_same_bytes_as_one_process(tmp_path, fmt):
    # small slices so that the two workers hand pending cascades and page counts to each other
    digests = []
    for w in (1, 2):
        d = tmp_path / str(w)
        d.mkdir()
        tr = generate("boycott-paris-2024", out=d / "out", fmt=fmt, truth=d / "t.json", scale=9000, seed=1, chunk=2500, workers=w)
        digests.append([hashlib.sha256((d / "out").read_bytes()).hexdigest(), (d / "t.json").read_text()])
        digests[-1] += [hashlib.sha256(open(f, "rb").read()).hexdigest() for f in tr.files[1:]]  # parquet: accounts
    assert digests[0] == digests[1]
    assert tr.data["totals"]["posts"] > 8000


def _words(text: str) -> str:
    text = re.sub(r"https://t\.co/\S+|@\w+|#\w+", " ", text)
    return " ".join(re.sub(r"[^\w\s]", " ", text).lower().split())


def test_organic_texts_rarely_collide(tmp_path):
    """Organic posts on one topic share words, not sentences: verbatim organic copies come from
    share buttons, retweets and named reuse only (a copy detector's false positives otherwise)."""
    tr = generate("copypasta-multilingual", out=tmp_path / "c.jsonl", scale=20000)
    tweets, _, _, _ = _index(_pages(tmp_path / "c.jsonl"))
    op = set(tr.operation("copypasta-multilingual")["posts"])
    texts = [_words(t["text"]) for t in tweets.values()
             if t["id"] not in op and not any(r["type"] == "retweeted" for r in t.get("referenced_tweets", []))]
    assert len(texts) > 7000
    counts: dict[str, int] = {}
    for x in texts:
        counts[x] = counts.get(x, 0) + 1
    long = [x for x in texts if len(x.split()) >= 5]  # what copy detectors compare beyond exact matches
    shared = sum(1 for x in long if counts[x] > 1)
    assert shared < 0.02 * len(long)
    assert sum(v * (v - 1) // 2 for v in counts.values()) < 0.02 * len(texts)  # identical pairs, short texts included
    assert len(counts) > 0.95 * len(texts)
