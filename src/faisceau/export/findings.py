"""The findings document: one dict built from the store that every exporter writes from.

Its schema is documented in docs/findings.md (``schema: faisceau.findings/1``). Building
it once keeps the HTML report, findings.json, the CSVs, STIX and the graphs consistent,
and lets pseudonymisation happen in one place (``pseudonymize``).
"""
from __future__ import annotations

import datetime as dt
import json

from .. import __version__
from ..campaigns import inputs as inp_mod
from ..campaigns.disarm import techniques as disarm_table
from ..store import Store
from .pseudonym import Pseudonymizer

SCHEMA = "faisceau.findings/1"
TLP_LEVELS = ("clear", "green", "amber", "amber+strict", "red")
JSON_COLS = ("hashtags", "texts", "urls", "domains", "media", "languages", "creation_months")


def _iso(v):
    return v.isoformat() if isinstance(v, (dt.datetime, dt.date)) else v


def _clean(row: dict) -> dict:
    return {k: _iso(v) for k, v in row.items()}


def build_findings(store: Store, *, tlp: str = "clear", top_accounts: int = 25) -> dict:
    inp = inp_mod.read_inputs(store)
    has = store.has_table
    camps = store.table("campaigns").to_pylist() if has("campaigns") else []
    accounts = store.query("SELECT * FROM campaign_accounts ORDER BY campaign_id, role, account_id").to_pylist() \
        if has("campaign_accounts") else []
    evidence = store.table("campaign_evidence").to_pylist() if has("campaign_evidence") else []
    grades = store.table("campaign_assessments").to_pylist() if has("campaign_assessments") else []
    attrib = {r["campaign_id"]: r for r in store.table("campaign_attribution").to_pylist()} \
        if has("campaign_attribution") else {}
    techs = store.table("campaign_techniques").to_pylist() if has("campaign_techniques") else []
    profiles = {r["account_id"]: r for r in store.query(
        """SELECT a.account_id, a.handle, a.display_name, a.created_at, a.location, a.followers, a.verified
           FROM accounts_latest a WHERE a.account_id IN (SELECT account_id FROM campaign_accounts)""").to_pylist()} \
        if has("campaign_accounts") else {}
    out_camps = []
    for c in camps:
        cid = c["campaign_id"]
        mine = [a for a in accounts if a["campaign_id"] == cid]
        narratives = {k: json.loads(c[k] or "[]") for k in JSON_COLS}
        att = dict(attrib.get(cid, {}))
        viginum = json.loads(att.pop("viginum", None) or "[]")
        att.pop("campaign_id", None)
        ranked = sorted(mine, key=lambda a: (a["role"] != "originator", a["membership"] != "core",
                                             -(a["n_posts"] or 0), a["account_id"]))
        out_camps.append({
            "campaign_id": cid, "label": c["label"], "seed": c["seed"],
            "window": {"start": _iso(c["window_start"]), "end": _iso(c["window_end"]), "source": c["window_source"]},
            "volume": {"accounts": c["n_accounts"], "originators": c["n_originators"],
                       "amplifiers": c["n_amplifiers"], "periphery": c["n_periphery"], "posts": c["n_posts"],
                       "reposts": c["n_reposts"], "posts_all_time": c["n_posts_all"]},
            "reach": {k: c[k] for k in ("views_sum", "views_peak", "views_peak_post_id", "reposts_sum",
                                        "reposts_peak", "narrative_posts", "campaign_share_posts",
                                        "campaign_share_views", "reposts_by_campaign", "reposts_by_others")},
            "narratives": {k: narratives[k] for k in ("hashtags", "texts", "urls", "domains", "media")},
            "languages": narratives["languages"],
            "creation_months": narratives["creation_months"],
            "sources": {"communities": c["community_ids"], "content_clusters": c["cluster_ids"],
                        "bursts": c["burst_ids"]},
            "assessment": {g["axis"]: {k: g[k] for k in ("grade", "stix_confidence", "rule", "evidence_ids",
                                                           "missing", "country")}
                           for g in grades if g["campaign_id"] == cid},
            "attribution": att,
            "viginum": viginum,
            "techniques": [{k: t[k] for k in ("disarm_id", "name", "tactic_id", "tactic_name", "behaviour",
                                              "evidence_ids")} for t in techs if t["campaign_id"] == cid],
            "evidence": [{k: e[k] for k in ("evidence_id", "axis", "kind", "statement", "value", "n_accounts",
                                            "accounts", "posts", "source", "clue_country")}
                         for e in evidence if e["campaign_id"] == cid],
            "top_accounts": [_clean({**{k: a[k] for k in ("account_id", "handle", "role", "role_reason",
                                                            "coordination_score", "inauthenticity_score",
                                                            "n_posts", "created_at")},
                                     "display_name": profiles.get(a["account_id"], {}).get("display_name"),
                                     "location": profiles.get(a["account_id"], {}).get("location")})
                             for a in ranked[:top_accounts]],
        })
    info = store.info()
    return {
        "schema": SCHEMA,
        "generated_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "faisceau_version": __version__,
        "tlp": tlp,
        "pseudonymized": False,
        "dataset": {"posts": info["tables"].get("posts", 0), "accounts": info["distinct_accounts"],
                    "first_post": info["first_post"], "last_post": info["last_post"], "platforms": info["platforms"]},
        "inputs": [_clean(r) for r in store.query(
            "SELECT source_file, source_sha256, adapter, adapter_version, rows_read, rows_stored, duplicates, "
            "quarantined FROM ingest_log ORDER BY started_at, source_file").to_pylist()],
        "runs": [{**_clean({k: r[k] for k in ("stage", "tables", "engine", "faisceau_version", "started_at",
                                               "ended_at")}), "params": json.loads(r["params"] or "{}")}
                 for r in store.runs() if not r["stage"].startswith("fixture-")],
        "detectors": {"present": sorted(inp.present), "missing": inp.missing,
                      "missing_stages": inp.missing_stages()},
        "campaigns": out_camps,
        "accounts": [_clean({k: a[k] for k in ("campaign_id", "account_id", "handle", "platform", "membership",
                                                 "role", "role_reason", "community_id", "coordination_score",
                                                 "inauthenticity_score", "flagged", "n_posts", "created_at")})
                     for a in accounts],
        "disarm": {"version": "DISARM Red v1.6", "licence": "CC BY-SA 4.0, DISARM Foundation",
                   "techniques_known": len(disarm_table())},
    }


def edge_rows(store: Store, campaign_of: dict[str, str]) -> list[dict]:
    """coaction_edges with the campaign of each end (empty when the table is absent)."""
    inp = inp_mod.read_inputs(store)
    if not inp.has("coaction_edges"):
        return []
    rows = inp_mod.edges(inp).to_pylist()
    out = []
    for r in rows:
        cu, cv = campaign_of.get(r["u"]), campaign_of.get(r["v"])
        out.append({"u": r["u"], "v": r["v"], "type": r["type"], "weight": r["weight"], "expected": r["expected"],
                    "p_value": r["p_value"], "z": r["z"], "median_dt_s": r["median_dt"],
                    "campaign_id": cu if cu is not None and cu == cv else None})
    return out


def pseudonymize(findings: dict, edges: list[dict], p: Pseudonymizer) -> tuple[dict, list[dict]]:
    """Replace account ids, handles and post ids everywhere in the findings and edges."""
    for a in findings["accounts"]:
        p.accounts.add(a["account_id"])
    for e in edges:
        p.accounts.update((e["u"], e["v"]))
    for c in findings["campaigns"]:
        for e in c["evidence"]:
            p.accounts.update(e["accounts"])
            p.posts.update(e["posts"])
        for m in c["narratives"]["media"]:
            p.accounts.add(m.get("first_account_id"))
            p.posts.add(m.get("first_post_id"))
        for t in c["narratives"]["texts"]:
            p.posts.add(t.get("first_post_id"))
        p.posts.add(c["reach"]["views_peak_post_id"])
    p.accounts.discard(None)
    p.posts.discard(None)
    for a in findings["accounts"]:
        a["account_id"] = p.account(a["account_id"])
        a["handle"] = p.handle(a["handle"])
        a["role_reason"] = p.text(a["role_reason"])
    for c in findings["campaigns"]:
        for e in c["evidence"]:
            e["accounts"] = [p.account(x) for x in e["accounts"]]
            e["posts"] = [p.post(x) for x in e["posts"]]
            e["statement"] = p.text(e["statement"])
        for m in c["narratives"]["media"]:
            m["first_account_id"] = p.account(m.get("first_account_id"))
            m["first_post_id"] = p.post(m.get("first_post_id"))
        for t in c["narratives"]["texts"]:
            t["first_post_id"] = p.post(t.get("first_post_id"))
            t["value"] = p.text(t["value"])
        c["narratives"]["urls"] = [{**u, "value": p.text(u["value"])} for u in c["narratives"]["urls"]]
        c["reach"]["views_peak_post_id"] = p.post(c["reach"]["views_peak_post_id"])
        for a in c["top_accounts"]:
            a["account_id"] = p.account(a["account_id"])
            a["handle"] = p.handle(a["handle"])
            a["display_name"] = None
            a["role_reason"] = p.text(a["role_reason"])
        c["viginum"] = [{**v, "support": p.text(v["support"])} for v in c["viginum"]]
        c["attribution"]["statement"] = p.text(c["attribution"].get("statement"))
    for e in edges:
        e["u"], e["v"] = p.account(e["u"]), p.account(e["v"])
    findings["pseudonymized"] = True
    return findings, edges
