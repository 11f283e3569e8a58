"""A small hand-built store with detector result tables, for the campaign and export tests.

A fake outlet posts a 39-second riot video (7.2 M views); twelve accounts (eight created
in July 2023, Azerbaijani flags, locations and bios) reshare it within seconds and post a
copypasta under #boycottparis2024, two of whose variants carry HTML/JS payloads; forty
organic accounts talk about Paris 2024 over ten days, and five of them reshare the video
late. The detector tables are written by hand in the shapes their issues specify.
"""
from __future__ import annotations

import datetime as dt


from faisceau.schema import ACCOUNTS, POSTS

T0 = dt.datetime(2023, 7, 26, 9, 0, 0)
HOSTILE = ["<script>document.body.setAttribute('data-pwned', 'script'); console.error('pwned')</script>",
           "<img src=x onerror=\"document.body.setAttribute('data-pwned', 'onerror')\">"]


def _acc(i, **kw):
    base = {"platform": "x", "account_id": str(i), "handle": f"user{i}", "display_name": f"User {i}",
            "created_at": dt.datetime(2015, 1, 1) + dt.timedelta(days=37 * i), "followers": 100 + i,
            "following": 50, "posts_count": 500, "verified": False, "observed_at": dt.datetime(2023, 8, 1),
            "source_file": "fixture.jsonl", "source_sha256": "ab" * 32, "record_no": i, "adapter": "fixture",
            "adapter_version": "0.1.0/1", "ingested_at": dt.datetime(2023, 8, 2), "location": "Paris"}
    base.update(kw)
    return base


def _post(pid, acc, t, **kw):
    base = {"platform": "x", "post_id": str(pid), "account_id": str(acc), "created_at": t, "kind": "post",
            "text": "", "lang": "fr", "hashtags": [], "urls": [], "domains": [], "mentions": [], "media": [],
            "views": None, "likes": 0, "reposts": 0, "replies": 0, "quotes": 0,
            "source_file": "fixture.jsonl", "source_sha256": "ab" * 32, "record_no": int(pid),
            "adapter": "fixture", "adapter_version": "0.1.0/1", "ingested_at": dt.datetime(2023, 8, 2)}
    base.update(kw)
    return base


CAMPAIGN = [str(100 + i) for i in range(12)]
OUTLET = "900"
ORGANIC = [str(i) for i in range(1, 41)]
PARTY = "777"


def build(store, *, detectors=("coordination", "content", "accounts", "bursts")) -> None:
    accounts, posts = [], []
    for i in ORGANIC:
        accounts.append(_acc(int(i)))
    for k, a in enumerate(CAMPAIGN):
        created = dt.datetime(2023, 7, 2 + k) if k < 8 else dt.datetime(2019, 3, 1 + k)
        accounts.append(_acc(int(a), handle=f"azeri{k}{k}{k}{k}", display_name=f"Vətən {k} \U0001F1E6\U0001F1FF",
                             created_at=created, location="Bakı, Azərbaycan",
                             description="Azərbaycan mənim vətənimdir"))
    accounts.append(_acc(int(OUTLET), handle="parisnewsinfo", display_name="Paris News Info",
                         description="Breaking news from Paris", created_at=dt.datetime(2023, 6, 15)))
    accounts.append(_acc(int(PARTY), handle="partyfigure", display_name="Party Figure",
                         created_at=dt.datetime(2012, 1, 1)))
    pid = 1000
    video = {"media_key": "7_riot", "type": "video", "url": None, "duration_ms": 39000, "phash": "f0f0f0f0f0f0f0f0"}
    posts.append(_post(pid, OUTLET, T0, text="Paris brûle ! #BoycottParis2024", hashtags=["boycottparis2024"],
                       media=[video], views=7_200_000, reposts=17))
    video_post = str(pid)
    party_post = "999"
    posts.append(_post(party_post, PARTY, T0 - dt.timedelta(days=2), text="Message officiel", views=5000))
    for k, a in enumerate(CAMPAIGN):
        pid += 1
        posts.append(_post(pid, a, T0 + dt.timedelta(seconds=2 + k), kind="repost", parent_post_id=video_post,
                           parent_account_id=OUTLET, text="Paris brûle ! #BoycottParis2024",
                           hashtags=["boycottparis2024"], views=None))
        for j in range(3):
            pid += 1
            extra = HOSTILE[k % 2] if j == 0 and k < 2 else ""
            posts.append(_post(pid, a, T0 + dt.timedelta(hours=2 + j * 8, seconds=k * 3),
                               text=f"#BoycottParis2024 Paris n'est pas sûr, émeutes à Bordo et Monpelye {extra}".strip(),
                               hashtags=["boycottparis2024"], views=100 + k, lang="fr"))
        pid += 1
        posts.append(_post(pid, a, T0 + dt.timedelta(hours=20), kind="repost", parent_post_id=party_post,
                           parent_account_id=PARTY, text="Message officiel", lang="az"))
    for n, a in enumerate(ORGANIC):
        for j in range(5):
            pid += 1
            tags = ["paris2024"] if j % 2 else ["jo2024", "paris2024"]
            if n < 3 and j == 0:
                tags = ["boycottparis2024"]
            posts.append(_post(pid, a, dt.datetime(2023, 7, 20, 8) + dt.timedelta(hours=7 * n + 31 * j),
                               text=f"Organic post {n}-{j} about the Olympics", hashtags=tags,
                               views=50 + n, lang="en" if n % 3 else "fr"))
        if n < 5:
            pid += 1
            posts.append(_post(pid, a, T0 + dt.timedelta(hours=5 + n), kind="repost", parent_post_id=video_post,
                               parent_account_id=OUTLET, text="Paris brûle ! #BoycottParis2024",
                               hashtags=["boycottparis2024"]))
    store.append(ACCOUNTS, ACCOUNTS.from_rows(accounts))
    store.append(POSTS, POSTS.from_rows(posts))
    members = CAMPAIGN
    # The detector tables, in the shapes their stages declare (missing columns: NULL).
    from faisceau.detect.accounts.table import ACCOUNT_SIGNALS
    from faisceau.detect.bursts import BURSTS
    from faisceau.detect.content.tables import CONTENT_CLUSTERS
    from faisceau.detect.coordination.tables import COACTION_EDGES, COORDINATION_ACCOUNTS, COORDINATION_COMMUNITIES

    if "coordination" in detectors:
        _put(store, COORDINATION_ACCOUNTS,
             [{"account_id": a, "community_id": 0, "coordination_score": 0.9, "flagged": True} for a in members]
             + [{"account_id": a, "community_id": 1, "coordination_score": 0.1, "flagged": False}
                for a in ORGANIC[:10]])
        _put(store, COORDINATION_COMMUNITIES, [{"community_id": 0, "size": 12, "flagged": True},
                                               {"community_id": 1, "size": 10, "flagged": False}])
        edges = []
        reposts = {p["account_id"]: p["post_id"] for p in posts if p.get("parent_post_id") == video_post}
        for i, u in enumerate(members):
            for v in members[i + 1:]:
                edges.append({"u": u, "v": v, "action_type": "co-repost", "weight": 2, "expected": 0.01,
                              "p_value": 1e-6, "q_value": 1e-5, "significant": True, "median_dt_s": 3.0,
                              "evidence": [f"{reposts[u]} {reposts[v]} 3.0"]})
        # a non-significant organic pair: not evidence, never exported as a campaign edge
        edges.append({"u": ORGANIC[0], "v": ORGANIC[1], "action_type": "co-hashtag", "weight": 1,
                      "expected": 0.9, "p_value": 0.6, "q_value": 1.0, "significant": False})
        _put(store, COACTION_EDGES, edges)
    if "content" in detectors:
        copy_posts = [p for p in posts if p["text"].startswith("#BoycottParis2024 Paris n'est")]
        _put(store, CONTENT_CLUSTERS,
             [{"cluster_id": "cp-1", "type": "copypasta", "members": [p["post_id"] for p in copy_posts],
               "accounts": sorted({p["account_id"] for p in copy_posts}), "first_post_id": copy_posts[0]["post_id"],
               "first_account_id": copy_posts[0]["account_id"], "n_posts": len(copy_posts)}])
    if "accounts" in detectors:
        rows = []
        for a in accounts:
            camp = a["account_id"] in members
            rows.append({"platform": "x", "account_id": a["account_id"], "score": 0.8 if camp else 0.1,
                         "creation_burst": camp and a["created_at"] >= dt.datetime(2023, 7, 1),
                         "handle_name_digits": camp, "history_in_window": camp, "flags": ["AZ"] if camp else [],
                         "location_country": "AZ" if camp else "FR", "bio_lang": "az" if camp else None,
                         "post_langs": ["fr:0.75", "az:0.25"] if camp else ["en:1.0"],
                         "misspelt_places": ["Bordo->Bordeaux", "Monpelye->Montpellier"] if camp else [],
                         "utc_offset": 4.0 if camp else 2.0, "utc_offset_low": 3.0, "utc_offset_high": 5.0})
        _put(store, ACCOUNT_SIGNALS, rows)
    if "bursts" in detectors:
        camp_times = [p["created_at"] for p in posts if "boycottparis2024" in p["hashtags"]
                      and p["created_at"] >= dt.datetime(2023, 7, 26)]
        _put(store, BURSTS, [
            {"series_kind": "hashtag", "series": "boycottparis2024", "start": min(camp_times), "end": max(camp_times),
             "posts": len(camp_times), "p_value": 1e-9},
            # an organic burst of the same hashtag a week earlier holds none of the campaign's posts
            {"series_kind": "hashtag", "series": "boycottparis2024", "start": dt.datetime(2023, 7, 20, 8),
             "end": dt.datetime(2023, 7, 20, 22), "posts": 3, "p_value": 0.01}])


def _put(store, table, rows):
    store.write_result(table, table.from_rows(rows), stage=f"fixture-{table.name}", params={"fixture": True})


WATCHLIST_CSV = "handle,account_id,platform,label,affiliation,country\npartyfigure,,x,Ruling party figure,ruling party,AZ\n"
