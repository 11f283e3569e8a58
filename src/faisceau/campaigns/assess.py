"""Graded assessment of each campaign: coordination, inauthenticity, origin; attribution;
VIGINUM criteria; DISARM techniques.

Reads the campaign tables written by ``assemble`` and the detectors' tables; writes
``campaign_evidence``, ``campaign_assessments``, ``campaign_attribution`` and
``campaign_techniques``. Every grade lists the evidence ids it rests on, and each axis
lists the detector tables that were absent (``missing``): absent evidence is reported as
missing, never counted as negative or positive.
"""
from __future__ import annotations


import json

from ..store import Store, utcnow
from . import inputs as inp_mod
from .attribution import attribute, load_watchlist, viginum_criteria, watchlist_links, watchlisted_members
from .disarm import map_techniques
from .evidence import coordination_items, inauthenticity_items, item
from .origin import converge, origin_items
from .personas import news_outlet_items
from .rules import ORIGIN_MIN_SHARE, STIX_CONFIDENCE, grade_coordination, grade_inauthenticity, grade_origin
from .tables import ASSESSMENTS, ATTRIBUTION, EVIDENCE, TECHNIQUES
from .inputs import one

# Which detector tables each axis reads (to say what is missing).
AXIS_TABLES = {
    "coordination": ("coordination_accounts", "coaction_edges", "content_clusters", "bursts"),
    "inauthenticity": ("account_signals",),
    "origin": ("account_signals",),
}


class Assessor:
    """Grade every campaign of the store.

    Parameters
    ----------
    watchlist: path of the analyst's watchlist (CSV or JSON), or None.
    origin_min_share: an origin clue family counts when it covers this share of the core accounts.
    min_linked_accounts: core accounts that must link to a watchlisted actor (when no originator does)
        before the campaign is called linked to that actor.
    """

    def __init__(self, watchlist: str | None = None, origin_min_share: float = ORIGIN_MIN_SHARE,
                 min_linked_accounts: int = 3):
        self.watchlist = watchlist
        self.origin_min_share = origin_min_share
        self.min_linked_accounts = min_linked_accounts

    def get_params(self) -> dict:
        return {"watchlist": str(self.watchlist) if self.watchlist else None,
                "origin_min_share": self.origin_min_share, "min_linked_accounts": self.min_linked_accounts}

    def fit(self, store: Store) -> "Assessor":
        started = utcnow()
        inp = inp_mod.read_inputs(store)
        watch = load_watchlist(self.watchlist)
        camps = store.table("campaigns").to_pylist() if store.has_table("campaigns") else []
        ev_rows, grade_rows, attr_rows, tech_rows = [], [], [], []
        for camp in camps:
            res = self.assess_one(store, inp, camp, watch)
            ev_rows += res["evidence"]
            grade_rows += res["grades"]
            attr_rows.append(res["attribution"])
            tech_rows += res["techniques"]
        store.write_results(
            {"campaign_evidence": (EVIDENCE, EVIDENCE.from_rows(ev_rows)),
             "campaign_assessments": (ASSESSMENTS, ASSESSMENTS.from_rows(grade_rows)),
             "campaign_attribution": (ATTRIBUTION, ATTRIBUTION.from_rows(attr_rows)),
             "campaign_techniques": (TECHNIQUES, TECHNIQUES.from_rows(tech_rows))},
            stage="assessment", params={**self.get_params(), "inputs_missing": inp.missing}, started_at=started)
        return self

    def assess_one(self, store: Store, inp, camp: dict, watch: list[dict]) -> dict:
        cid = camp["campaign_id"]
        members = [r for r in store.query("SELECT * FROM campaign_accounts WHERE campaign_id = ?", [cid]).to_pylist()]
        n_core = sum(1 for m in members if m["membership"] == "core")
        originators = {m["account_id"] for m in members if m["role"] == "originator"}
        coord = coordination_items(store, inp, camp, members)
        inauth = inauthenticity_items(store, inp, camp, members) + news_outlet_items(store, camp)
        origin, _examined = origin_items(store, inp, camp, members)
        links = watchlist_links(store, cid, watch, originators)
        reach = reach_items(store, camp)
        evidence = coord + inauth + origin + links + reach
        for i, e in enumerate(evidence, 1):
            e["evidence_id"] = f"{cid}-E{i}"
            e["campaign_id"] = cid
        missing = {axis: sorted(t for t in tabs if t in inp.missing) for axis, tabs in AXIS_TABLES.items()}
        grades, rows = {}, []
        g, rule, used = grade_coordination(coord, [inp_mod.PRODUCERS[t] for t in missing["coordination"]])
        grades["coordination"] = g
        rows.append(_grade_row(cid, "coordination", g, rule, used, missing["coordination"]))
        g, rule, used = grade_inauthenticity(inauth, missing["inauthenticity"])
        grades["inauthenticity"] = g
        rows.append(_grade_row(cid, "inauthenticity", g, rule, used, missing["inauthenticity"]))
        country, agreeing = converge(origin, n_core, self.origin_min_share)
        g, rule, used = grade_origin(country, agreeing)
        grades["origin"] = g
        rows.append(_grade_row(cid, "origin", g, rule, used, missing["origin"], country))
        att = attribute(camp, grades, country if g != "low" else None, origin, links,
                        watchlisted_members(store, cid, watch), min_linked_accounts=self.min_linked_accounts)
        if not watch:
            att["caveats"].append("No watchlist was given: links to identified actors were not examined.")
        for axis, tabs in missing.items():
            if tabs:
                att["caveats"].append(f"Evidence missing for the {axis} axis: tables {', '.join(tabs)} absent "
                                      f"(run faisceau {', '.join(sorted({inp_mod.PRODUCERS[t] for t in tabs}))}).")
        att["viginum"] = json.dumps(viginum_criteria(camp, grades, att["country"], evidence), ensure_ascii=False)
        att["campaign_id"] = cid
        techs = [t | {"campaign_id": cid} for t in map_techniques(evidence, camp)]
        return {"evidence": evidence, "grades": rows, "attribution": att, "techniques": techs}


def _grade_row(cid, axis, grade, rule, used, missing, country=None) -> dict:
    return {"campaign_id": cid, "axis": axis, "grade": grade, "stix_confidence": STIX_CONFIDENCE[grade],
            "rule": rule, "evidence_ids": sorted(set(used), key=lambda e: int(e.rsplit("E", 1)[1])),
            "missing": missing, "country": country}


def reach_items(store: Store, camp: dict) -> list[dict]:
    """Reach and behaviour facts used by the report and the DISARM mapping."""
    out = []
    cid = camp["campaign_id"]
    hashtags = json.loads(camp["hashtags"] or "[]")
    if hashtags and hashtags[0]["share"] >= 0.5:
        h = hashtags[0]["value"]
        first = one(store.con.execute(
            """SELECT p.post_id, p.account_id, p.created_at,
                      p.account_id IN (SELECT account_id FROM campaign_accounts WHERE campaign_id = ?
                                       AND membership = 'core') AS own
               FROM posts p WHERE list_contains(p.hashtags, ?) ORDER BY created_at, post_id LIMIT 1""",
            [cid, h]))
        share = camp["campaign_share_posts"]
        out.append(item("hashtag-flood", "reach",
                        f"#{h} is on {hashtags[0]['share']:.0%} of the campaign's posts"
                        + (f"; the campaign wrote {share:.0%} of the {camp['narrative_posts']:,} posts carrying it "
                           f"in its window" if share is not None else "")
                        + (f"; its first use in the data is a campaign post ({first[0]})" if first and first[3] else "")
                        + ".", value=hashtags[0]["share"], posts=[first[0]] if first else [], source="posts")
                   | {"new_hashtag": bool(first and first[3]), "hashtag": h})
    media = json.loads(camp["media"] or "[]")
    top = sorted(media, key=lambda m: (-(m.get("views") or 0), -m["n"]))[:1]
    for m in top:
        if (m["n"] + m.get("reshared", 0)) < 3:
            continue
        dur = f"{m['duration_ms'] / 1000:.0f}-second " if m.get("duration_ms") else ""
        views = f"{m['views']:,} views" if m.get("views") is not None else "unknown views"
        out.append(item("top-media-reshared", "reach",
                        f"A {dur}{m.get('type') or 'media'} first posted by account {m['first_account_id']} "
                        f"(post {m['first_post_id']}, {views}) was posted {_times(m['n'])} and reshared "
                        f"{_times(m.get('reshared', 0))} by the campaign.", value=m.get("views"),
                        accounts=[m["first_account_id"]], posts=[m["first_post_id"]], source="posts.media")
                   | {"media_type": m.get("type")})
    if camp["views_peak"] is not None:
        out.append(item("views-peak", "reach",
                        f"The campaign's most viewed post ({camp['views_peak_post_id']}) reached "
                        f"{camp['views_peak']:,} views; its posts total {camp['views_sum']:,} known views.",
                        value=camp["views_peak"], posts=[camp["views_peak_post_id"]], source="posts.views"))
    plats = store.con.execute("SELECT platform, count(*) FROM campaign_posts WHERE campaign_id = ? GROUP BY 1 "
                              "ORDER BY 2 DESC", [cid]).fetchall()
    for plat, n in plats:
        out.append(item("platform", "reach", f"{n:,} of the campaign's posts are on platform {plat}.", value=n,
                        source="posts.platform") | {"platform": plat})
    return out


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n:,} times"


def assess(store: Store, **params) -> Assessor:
    return Assessor(**params).fit(store)
