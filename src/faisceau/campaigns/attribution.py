"""Attribution wording and VIGINUM's four criteria.

Three levels, each needing more than the one before:

1. ``consistent-with``: "activity consistent with actors close to X" when the origin
   axis is at least moderate. Every clue in public posts and profiles (flags, declared
   locations, language, even activity hours) is under the actor's control, so together
   they show affinity, not location. "located in X" is used only when the platform
   itself attests the country of most of the accounts (``accounts.attributes`` key
   ``account_based_in`` or ``platform_country``, as X's "About this account" shows).
2. ``linked-to-actor``: "linked to identified actor Y" when campaign originators, or at
   least ``min_linked_accounts`` core accounts, repost, quote, reply to or mention an
   account of the analyst's watchlist whose actor is Y.
3. ``attributable-to-state``: only when a watchlisted account whose category marks it as
   a state organ (government, official, state media, military, intelligence) is itself
   an originator of the campaign. Social-media data alone rarely shows this; when it
   does not, the statement says that a link to the state is not established.
"""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from ..store import Store
from .evidence import item
from .origin import country_name

STATE_CATEGORIES = ("state", "government", "official", "ministry", "military", "intelligence", "embassy")


def load_watchlist(path: str | Path | None) -> list[dict]:
    """Watchlist entries (the account-signals stage's format: CSV or TOML with handle,
    account_id, platform, label, affiliation, country) as dicts with actor = label and
    category = affiliation."""
    if path is None:
        return []
    from ..detect.accounts.watchlist import load_watchlist as _load

    out = []
    for r in _load(path).to_pylist():
        out.append({"account_id": r["account_id"], "handle": r["handle"], "actor": r["label"],
                    "category": (r["affiliation"] or "").lower(),
                    "country": (r["country"] or "").upper() or None})
    return out


def watchlist_links(store: Store, camp_id: str, watchlist: list[dict], originators: set[str]) -> list[dict]:
    """Direct links (repost, quote, reply, mention) from campaign accounts to watchlisted accounts."""
    if not watchlist:
        return []
    ids = {w["account_id"]: w for w in watchlist if w["account_id"]}
    handles = {w["handle"]: w for w in watchlist if w["handle"]}
    # Resolve handles to ids through the store, so links by id are found too.
    if handles:
        for acc, h in store.con.execute(
                "SELECT DISTINCT account_id, lower(handle) FROM accounts WHERE lower(handle) IN "
                "(SELECT unnest(?::VARCHAR[]))", [sorted(handles)]).fetchall():
            ids.setdefault(acc, handles[h])
    store.con.register("_w_ids", pa.table({"wid": pa.array(sorted(ids), pa.string())}))
    try:
        rows = store.con.execute(
            """SELECT p.account_id, p.post_id, p.kind, p.parent_account_id AS target, NULL AS mention
               FROM posts p JOIN campaign_accounts c ON c.account_id = p.account_id AND c.campaign_id = ?
               WHERE c.membership = 'core' AND p.parent_account_id IN (SELECT wid FROM _w_ids)
               UNION ALL
               SELECT p.account_id, p.post_id, 'mention', NULL, m FROM
                 (SELECT account_id, post_id, unnest(mentions) AS m FROM posts) p
               JOIN campaign_accounts c ON c.account_id = p.account_id AND c.campaign_id = ?
               WHERE c.membership = 'core' AND m IN (SELECT unnest(?::VARCHAR[]))""",
            [camp_id, camp_id, sorted(handles)]).fetchall()
    finally:
        store.con.unregister("_w_ids")
    by_actor: dict[str, dict] = {}
    for acc, post, kind, target, mention in rows:
        w = ids.get(target) if target else handles.get(mention)
        if w is None:
            continue
        a = by_actor.setdefault(w["actor"], {"entry": w, "accounts": set(), "posts": [], "kinds": set()})
        a["accounts"].add(acc)
        a["posts"].append(post)
        a["kinds"].add(kind)
    out = []
    for actor, a in sorted(by_actor.items(), key=lambda kv: -len(kv[1]["accounts"])):
        n_orig = len(a["accounts"] & originators)
        out.append(item("watchlist-link", "origin",
                        f"{len(a['accounts'])} campaign accounts ({n_orig} originators) "
                        f"{'/'.join(sorted(a['kinds']))} the watchlisted actor {actor}"
                        f"{' (' + a['entry']['category'] + ')' if a['entry']['category'] else ''}.",
                        value=len(a["accounts"]), accounts=a["accounts"], posts=a["posts"],
                        source="posts + watchlist", clue_country=a["entry"]["country"])
                   | {"actor": actor, "category": a["entry"]["category"], "originators": n_orig})
    return out


def watchlisted_members(store: Store, camp_id: str, watchlist: list[dict]) -> list[dict]:
    """Watchlist entries that are themselves accounts of the campaign (with their role)."""
    out = []
    for acc, handle, role in store.con.execute(
            "SELECT account_id, lower(handle), role FROM campaign_accounts WHERE campaign_id = ? "
            "AND membership = 'core'", [camp_id]).fetchall():
        for w in watchlist:
            if (w["account_id"] and w["account_id"] == acc) or (w["handle"] and w["handle"] == handle):
                out.append(w | {"member": acc, "role": role})
    return out


def attribute(camp: dict, grades: dict, country: str | None, origin_items: list[dict], links: list[dict],
              members_on_list: list[dict], *, min_linked_accounts: int = 3) -> dict:
    caveats = [
        "Self-presented clues (flags, declared locations, bio language) can be staged by an actor elsewhere.",
        "The data show activity on one platform; infrastructure, payment or platform-internal data, which "
        "attribution to a state usually needs, are not in it.",
    ]
    proximity = None
    statement_parts = []
    level = "none"
    if country and grades["origin"] in ("moderate", "high"):
        level = "consistent-with"
        attested = next((it for it in origin_items if it.get("family") == "platform-attested"
                         and it.get("clue_country") == country), None)
        located = attested is not None and attested["n_accounts"] / max(camp["n_accounts"], 1) >= 0.5
        proximity = "located-in" if located else "close-to"
        statement_parts.append(f"activity consistent with actors {'located in' if located else 'close to'} "
                               f"{country_name(country)}")
    actor = None
    strong = [l for l in links if l["originators"] > 0 or l["n_accounts"] >= min_linked_accounts]
    if strong:
        actor = strong[0]["actor"]
        level = "linked-to-actor"
        statement_parts.append(f"linked to identified actor {actor}")
    state = [w for w in members_on_list if any(k in w["category"] for k in STATE_CATEGORIES)
             and w["role"] == "originator"]
    state_country = (state[0]["country"] or country) if state else None
    if state and state_country:
        level = "attributable-to-state"
        statement_parts.append(f"attributable to the state of {country_name(state_country)} "
                               f"(its account {state[0]['actor']} originated the campaign's content)")
        state_link = "established"
    else:
        state_link = "not-established"
        if country:
            statement_parts.append(f"a link to the state of {country_name(country)} is not established by these data")
        else:
            statement_parts.append("no origin can be inferred from these data")
    statement = "; ".join(statement_parts)
    statement = statement[0].upper() + statement[1:] + "."
    return {"level": level, "statement": statement, "country": country, "country_name": country_name(country),
            "proximity": proximity, "actor": actor, "state_link": state_link, "caveats": caveats}


def viginum_criteria(camp: dict, grades: dict, country: str | None, ev: list[dict]) -> list[dict]:
    """VIGINUM's four criteria of foreign digital interference, with what the data support."""
    kinds = {e["kind"] for e in ev}
    share = camp.get("campaign_share_posts")
    reach = f"{camp['views_sum']:,} views" if camp.get("views_sum") is not None else "unknown views"
    return [
        {"criterion": 1, "name": "Harm to the fundamental interests of the Nation",
         "status": "analyst", "support": f"The analyst's call. Context from the data: narrative "
                                         f"{camp['label'] or '-'}, {camp['n_posts']:,} posts, {reach}."},
        {"criterion": 2, "name": "Involvement, direct or indirect, of a foreign actor",
         "status": "supported" if grades["origin"] == "high" else "partly supported"
         if grades["origin"] == "moderate" else "not established",
         "support": (f"Origin clues converge on {country_name(country)} (origin confidence {grades['origin']})."
                     if country else "No convergent origin clues in the data.")},
        {"criterion": 3, "name": "Manifestly inaccurate or misleading content",
         "status": "analyst", "support": "The analyst's call: review the top texts and media below"
         + ("; an unverified account presenting as a news outlet originated the content." if "news-outlet-persona" in kinds
            else ".")},
        {"criterion": 4, "name": "Artificial or automated, massive and deliberate diffusion",
         "status": "supported" if grades["coordination"] == "high" and grades["inauthenticity"] != "low"
         else "partly supported" if grades["coordination"] != "low" else "not established",
         "support": f"Coordination {grades['coordination']}, inauthenticity {grades['inauthenticity']}; "
                    f"{camp['n_accounts']} accounts, {camp['n_posts']:,} posts"
                    + (f", {share:.0%} of the posts carrying {camp['label']} in its window." if share else ".")},
    ]
