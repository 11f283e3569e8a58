"""Ingest speed: faisceau ingest vs DuckDB's own raw read of the same file.

    nice -n 10 python3 benchmarks/bench_ingest.py            # 1 M rows per format
    python3 benchmarks/bench_ingest.py --rows 200000         # quicker

Generates (deterministically, in --workdir, default a temp dir) N flattened twarc2 tweets
(JSONL, expansions inlined as `twarc2 flatten` writes them) and N io-archive CSV rows, then
for each file runs, each in its own process so that peak RSS is its own:

- DuckDB raw read: ``CREATE TABLE raw AS SELECT * FROM read_json/read_csv(file)`` into a
  fresh database file (parse + materialise, no normalisation);
- ``faisceau.ingest`` into a fresh store (parse, normalise, stage, de-duplicate, insert).

Prints rows/s, peak RSS and the ratio ingest time / raw read time (target <= 4).
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = ("paris jeux olympiques sécurité boycott france police vidéo scandale honte ville métro "
         "athlètes billets grève émeutes gouvernement macron azerbaïdjan vérité médias").split()
TAGS = ["BoycottParis2024", "Paris2024", "JO2024", "France", "Olympics", "باريس"]
DOMAINS = ["example-news.com", "www.media-outlet.example", "bit.ly", "youtube.com", "lemonde.fr"]


def _text(rng: random.Random) -> tuple[str, list, list, list]:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    tags = rng.sample(TAGS, rng.randint(0, 2))
    ments = [f"user{rng.randint(0, 50_000)}" for _ in range(rng.randint(0, 1))]
    urls = [f"https://{rng.choice(DOMAINS)}/a/{rng.randint(0, 10**6)}?utm_source=x&id={rng.randint(0, 99)}"
            for _ in range(rng.randint(0, 1))]
    text = " ".join(words + ["#" + t for t in tags] + ["@" + m for m in ments] +
                    [f"https://t.co/{rng.randint(10**9, 10**10)}" for _ in urls])
    return text, tags, ments, urls


def _user(uid: int, rng: random.Random) -> dict:
    return {"id": str(uid), "username": f"user{uid}", "name": f"User {uid} 🇫🇷",
            "created_at": f"20{rng.randint(10, 23)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T10:00:00.000Z",
            "description": "Vérité et justice", "location": rng.choice(["Paris", "Bakı", "", "Lyon"]),
            "public_metrics": {"followers_count": rng.randint(0, 10**5), "following_count": rng.randint(0, 5000),
                               "tweet_count": rng.randint(0, 10**5), "listed_count": 0},
            "verified": False, "protected": False,
            "profile_image_url": f"https://pbs.twimg.com/profile_images/{uid}/a_normal.jpg"}


def _tweet(tid: int, uid: int, t: float, rng: random.Random) -> dict:
    text, tags, ments, urls = _text(rng)
    ts = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + f".{rng.randint(0, 999):03d}Z"
    ent = {}
    if tags:
        ent["hashtags"] = [{"start": 0, "end": len(x) + 1, "tag": x} for x in tags]
    if ments:
        ent["mentions"] = [{"start": 0, "end": len(x) + 1, "username": x, "id": x[4:]} for x in ments]
    if urls:
        ent["urls"] = [{"start": 0, "end": 23, "url": "https://t.co/x", "expanded_url": u, "display_url": u[8:30]}
                       for u in urls]
    return {"id": str(tid), "text": text, "author_id": str(uid), "created_at": ts, "conversation_id": str(tid),
            "lang": "fr", "source": "Twitter for Android", "edit_history_tweet_ids": [str(tid)],
            "public_metrics": {"retweet_count": rng.randint(0, 500), "reply_count": rng.randint(0, 50),
                               "like_count": rng.randint(0, 900), "quote_count": 0, "bookmark_count": 0,
                               "impression_count": rng.randint(0, 10**5)},
            "entities": ent}


def gen_twarc2(path: Path, n: int, seed: int = 1) -> None:
    import orjson

    rng = random.Random(seed)
    t0 = 1690329600.0
    retrieved = {"url": "https://api.twitter.com/2/tweets/search/all?query=paris", "version": "2.14.0"}
    with open(path, "wb") as fh:
        for i in range(n):
            tid = 1684100000000000000 + i
            uid = rng.randint(1, 200_000)
            tw = _tweet(tid, uid, t0 + i * 0.5, rng)
            tw["author"] = _user(uid, rng)
            if rng.random() < 0.6 and i > 10:  # a retweet, the retweeted tweet inlined
                pid = 1684100000000000000 + rng.randint(0, i - 1)
                puid = rng.randint(1, 200_000)
                parent = _tweet(pid, puid, t0, rng)
                parent["author"] = _user(puid, rng)
                tw["referenced_tweets"] = [{"type": "retweeted", **parent}]
                tw["text"] = f"RT @user{puid}: " + parent["text"][:100]
            tw["__twarc"] = {**retrieved, "retrieved_at": time.strftime(
                "%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(t0 + 86400 + (i // 100) * 2))}
            fh.write(orjson.dumps(tw))
            fh.write(b"\n")


IO_COLS = ("tweetid,userid,user_display_name,user_screen_name,user_reported_location,user_profile_description,"
           "user_profile_url,follower_count,following_count,account_creation_date,account_language,tweet_language,"
           "tweet_text,tweet_time,tweet_client_name,in_reply_to_userid,in_reply_to_tweetid,quoted_tweet_tweetid,"
           "is_retweet,retweet_userid,retweet_tweetid,latitude,longitude,quote_count,reply_count,like_count,"
           "retweet_count,hashtags,urls,user_mentions").split(",")


def gen_io_archive(path: Path, n: int, seed: int = 2) -> None:
    rng = random.Random(seed)
    t0 = 1690329600
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(IO_COLS)
        for i in range(n):
            uid = rng.randint(1, 200_000)
            text, tags, ments, urls = _text(rng)
            rt = rng.random() < 0.6 and i > 10
            w.writerow([
                1684200000000000000 + i, uid, f"User {uid}", f"user{uid}", "Bakı", "Vérité et justice", "",
                rng.randint(0, 10**5), rng.randint(0, 5000), f"20{rng.randint(10, 23)}-0{rng.randint(1, 9)}-15",
                "fr", "fr", ("RT @user1: " if rt else "") + text,
                time.strftime("%Y-%m-%d %H:%M", time.gmtime(t0 + i)), "Twitter for Android", "", "", "",
                "True" if rt else "False", rng.randint(1, 200_000) if rt else "",
                1684200000000000000 + rng.randint(0, i) if rt else "", "absent", "absent",
                0, rng.randint(0, 9), rng.randint(0, 99), rng.randint(0, 99),
                "[" + ", ".join(tags) + "]", "[" + ", ".join(urls) + "]", "[" + ", ".join(m[4:] for m in ments) + "]",
            ])


RAW = {
    "twarc2": "read_json('{f}', format='newline_delimited', maximum_object_size=16777216)",
    "io-archive": "read_csv('{f}', header=true)",
}

CHILD_RAW = """
import duckdb, sys, time
con = duckdb.connect(sys.argv[1])
con.execute("SET enable_progress_bar = false")
t = time.perf_counter()
con.execute("CREATE TABLE raw AS SELECT * FROM " + sys.argv[2])
n = con.execute("SELECT count(*) FROM raw").fetchone()[0]
print(n, time.perf_counter() - t)
"""

CHILD_INGEST = """
import sys, time
from faisceau.ingest import ingest
t = time.perf_counter()
[s] = ingest([sys.argv[2]], store=sys.argv[1], format=sys.argv[3])
assert s.read == s.stored + s.duplicates + s.quarantined
print(s.stored, time.perf_counter() - t)
"""


def run_child(code: str, *args: str) -> tuple[int, float, float]:
    """(rows, seconds measured inside, peak RSS MiB) of a fresh Python process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "FAISCEAU_QUIET": "1"}
    p = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, env=env)
    out = p.stdout.read().decode().strip().splitlines()[-1]
    _, status, usage = os.wait4(p.pid, 0)
    if status != 0:
        raise SystemExit(f"child failed ({status}): {' '.join(args)}")
    rows, secs = out.split()
    return int(rows), float(secs), usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--formats", default="twarc2,io-archive")
    args = ap.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="faisceau-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        print(f"{'format':<11} {'rows':>9} {'MB':>7} {'ingest s':>9} {'rows/s':>9} {'peak RSS':>9} "
              f"{'duckdb s':>9} {'duck RSS':>9} {'ratio':>6}")
        for fmt in args.formats.split(","):
            f = work / ("tweets.jsonl" if fmt == "twarc2" else "io_archive.csv")
            if not f.exists():
                (gen_twarc2 if fmt == "twarc2" else gen_io_archive)(f, args.rows)
            size = f.stat().st_size / 2**20
            for db in work.glob("*.duckdb*"):
                db.unlink()
            n_raw, t_raw, rss_raw = run_child(CHILD_RAW, str(work / "raw.duckdb"), RAW[fmt].format(f=f))
            n, t_ing, rss_ing = run_child(CHILD_INGEST, str(work / "store.duckdb"), str(f), fmt)
            assert n == n_raw == args.rows, (n, n_raw)
            print(f"{fmt:<11} {n:>9,} {size:>7.0f} {t_ing:>9.1f} {n / t_ing:>9,.0f} {rss_ing:>7.0f}MB "
                  f"{t_raw:>9.1f} {rss_raw:>7.0f}MB {t_ing / t_raw:>6.2f}", flush=True)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
