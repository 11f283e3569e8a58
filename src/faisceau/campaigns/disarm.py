"""Map observed behaviours to DISARM Red v1.6 techniques.

The technique table ships in ``faisceau/data/disarm_red_v1_6.csv`` (CC BY-SA 4.0, DISARM
Foundation; see DISARM_NOTICE.md there). Each mapping below names the evidence kinds that
show the behaviour; a technique is reported only when such an item exists for the
campaign, and it lists those items.
"""
from __future__ import annotations

import csv
import functools
from importlib import resources


@functools.lru_cache(maxsize=1)
def techniques() -> dict[str, dict]:
    with resources.files("faisceau.data").joinpath("disarm_red_v1_6.csv").open(encoding="utf-8") as fh:
        return {r["disarm_id"]: r for r in csv.DictReader(fh)}


def _has(ev, kind, pred=lambda it: True):
    return [it for it in ev if it["kind"] == kind and pred(it)]


def _signal(ev, family):
    return [it for it in ev if it["kind"].startswith("signal:") and it.get("family") == family
            and it["value"] >= 0.25]


# (technique id, behaviour sentence, selector of the evidence items showing it)
MAPPING = (
    ("T0150.001", "Accounts newly created for the campaign",
     lambda ev, c: _has(ev, "creation-month", lambda i: i["share"] >= 0.25 and i["lift"] >= 3)
     + _has(ev, "window-only-accounts", lambda i: i["share"] >= 0.25)),
    ("T0150.008", "Accounts created in bulk (creation burst)",
     lambda ev, c: _has(ev, "creation-month", lambda i: i["share"] >= 0.25 and i["lift"] >= 3)
     + _signal(ev, "creation")),
    ("T0143.002", "Fabricated personas: profiles presenting an identity the accounts have no claim to",
     lambda ev, c: _has(ev, "news-outlet-persona", lambda i: i.get("recent")) + _signal(ev, "profile")),
    ("T0097.202", "News outlet persona: an unverified account presenting as a news medium originated the content",
     lambda ev, c: _has(ev, "news-outlet-persona")),
    ("T0049.002", "Flooding an existing hashtag",
     lambda ev, c: _has(ev, "hashtag-flood", lambda i: not i.get("new_hashtag"))),
    ("T0015.002", "Creating a dedicated campaign hashtag",
     lambda ev, c: _has(ev, "hashtag-flood", lambda i: i.get("new_hashtag"))),
    ("T0049.005", "Swarming: coordinated resharing of the same posts within seconds",
     lambda ev, c: _has(ev, "synchronised-resharing", lambda i: i["value"] >= 0.5)),
    ("T0049.003", "Automated forwarding and reposting",
     lambda ev, c: _signal(ev, "automation")
     if _has(ev, "synchronised-resharing", lambda i: i["value"] >= 0.5) else []),
    ("T0084.001", "Copypasta: the same text posted by many accounts",
     lambda ev, c: _has(ev, "content-reuse")),
    ("T0084", "Reuse of existing content (media)",
     lambda ev, c: _has(ev, "media-reuse") + _has(ev, "top-media-reshared")),
    ("T0087", "Video-based content",
     lambda ev, c: _has(ev, "top-media-reshared", lambda i: i.get("media_type") == "video")),
    ("T0118", "Amplification of an existing narrative by the campaign's accounts",
     lambda ev, c: _has(ev, "coordination-community") if c.get("n_reposts", 0) > 0.3 * c["n_posts"] else []),
    ("T0151.008", "Microblogging platform as channel",
     lambda ev, c: _has(ev, "platform", lambda i: i.get("platform") == "x")),
)


def map_techniques(ev: list[dict], camp: dict) -> list[dict]:
    table = techniques()
    out = []
    for tid, behaviour, sel in MAPPING:
        items = sel(ev, camp)
        if not items:
            continue
        t = table[tid]
        out.append({"disarm_id": tid, "name": t["name"], "tactic_id": t["tactic_id"], "tactic_name": t["tactic_name"],
                    "behaviour": behaviour, "evidence_ids": sorted({i["evidence_id"] for i in items}),
                    "stix_id": t["stix_id"]})
    return out
