"""Describe one campaign: window, roles, narratives, reach, languages, creation months.

All figures are computed in SQL over the store's posts and accounts, restricted to the
campaign's accounts, and returned as rows of the campaign tables.
"""
from __future__ import annotations


import json

import pyarrow as pa

from ..store import Store
from . import inputs as inp_mod
from .inputs import one

TOP = 15


def _register(store: Store, name: str, values, col: str = "account_id") -> None:
    store.con.register(name, pa.table({col: pa.array(sorted(values), pa.string())}))


def _json(rows) -> str:
    return json.dumps(rows, ensure_ascii=False, default=str)


def describe_campaign(store: Store, inp, seed: dict, clusters: list[dict], params) -> dict | None:
    con = store.con
    core = set(seed["core"])
    _register(store, "_c_core", core)
    try:
        n_all = one(con.execute("SELECT count(*) FROM posts WHERE account_id IN (SELECT account_id FROM _c_core)"
                            ))[0]
        if n_all == 0:
            return None
        signature = [r[0] for r in con.execute(
            """SELECT h, count(*) AS n FROM (SELECT unnest(hashtags) AS h FROM posts
               WHERE account_id IN (SELECT account_id FROM _c_core)) GROUP BY h
               HAVING count(*) >= ? ORDER BY n DESC, h""", [params.signature_min_share * n_all]).fetchall()]
        seed_clusters = [c for c in clusters if c["cluster_id"] in seed["clusters"]]
        start, end, source, burst_ids = _window(store, inp, signature, seed_clusters, n_all)
        originators = _originators(store, core, seed_clusters, start, end, params)
        members = core | set(originators)
        _register(store, "_c_members", members)
        con.execute(
            """CREATE OR REPLACE TEMP TABLE _c_posts AS SELECT * FROM posts
               WHERE account_id IN (SELECT account_id FROM _c_members) AND created_at BETWEEN ? AND ?""",
            [start, end])
        n_posts = one(con.execute("SELECT count(*) FROM _c_posts"))[0]
        if n_posts == 0:
            return None
        accounts = _accounts(store, inp, seed, core, originators, seed_clusters)
        campaign = {
            "label": ("#" + signature[0]) if signature else _top_domain(store),
            "seed": seed["seed"],
            "community_ids": sorted(seed["communities"]),
            "cluster_ids": sorted(seed["clusters"]),
            "burst_ids": burst_ids,
            "n_accounts": len(members),
            "n_originators": len(originators),
            "n_amplifiers": len(members) - len(originators),
            "n_periphery": sum(1 for a in accounts if a["membership"] == "periphery"),
            "n_posts": n_posts,
            "n_posts_all": n_all,
            "n_reposts": one(con.execute("SELECT count(*) FROM _c_posts WHERE kind = 'repost'"))[0],
            "window_start": start, "window_end": end, "window_source": source,
            **_reach(store, signature[:1], start, end),
            **_narratives(store),
        }
        posts = store.query("SELECT platform, post_id, account_id, created_at, kind FROM _c_posts "
                            "ORDER BY created_at, post_id")
        return {"campaign": campaign, "accounts": accounts, "posts": posts}
    finally:
        for name in ("_c_core", "_c_members"):
            try:
                con.unregister(name)
            except Exception:  # noqa: BLE001 - not registered when we returned early
                pass
        con.execute("DROP TABLE IF EXISTS _c_posts")


def _window(store: Store, inp, signature: list[str], seed_clusters: list[dict], n_all: int):
    """(start, end, source, burst_ids): bursts of the signature if any, else the posts' span."""
    con = store.con
    if inp.has("bursts") and (signature or seed_clusters):
        t = "bursts"
        key = inp.col(t, "series", "key", "hashtag", "target", "value")
        st = inp.col(t, "start", "start_at", "window_start")
        en = inp.col(t, "end", "end_at", "window_end")
        kind = inp.col(t, "series_kind", "kind")
        if key and st and en:
            q = inp_mod.quote
            kind_sql = f"CAST({q(kind)} AS VARCHAR) || ':'" if kind else "''"
            clusters = [c["cluster_id"].lower() for c in seed_clusters]
            # The top hashtag's and the clusters' bursts first; other signature hashtags only
            # without them (a broader co-hashtag can burst organically around the campaign).
            for keys in ([s.lower() for s in signature[:1]] + clusters, [s.lower() for s in signature[1:]]):
                rows = _bursts(con, keys, q(key), q(st), q(en), kind_sql, n_all)
                if rows:
                    return (min(r[1] for r in rows), max(r[2] for r in rows), "bursts",
                            sorted({f"{r[0]}@{r[1]:%Y-%m-%dT%H:%M}" for r in rows}))

    # Without bursts: the span of the posts that carry the campaign's signature.
    posts_of_clusters = sorted({p for c in seed_clusters for p in c["posts"]})
    row = one(con.execute(
        """SELECT min(created_at), max(created_at) FROM posts
           WHERE account_id IN (SELECT account_id FROM _c_core)
             AND (list_has_any(hashtags, ?::VARCHAR[]) OR post_id IN (SELECT unnest(?::VARCHAR[])))""",
        [signature, posts_of_clusters]))
    if row[0] is None:
        row = one(con.execute("SELECT min(created_at), max(created_at) FROM posts "
                          "WHERE account_id IN (SELECT account_id FROM _c_core)"))
    return row[0], row[1], "posts", []


def _bursts(con, keys, key, st, en, kind_sql, n_all):
    """Bursts of ``keys`` that hold a real part (10 %) of the campaign's posts: a hashtag can
    also burst organically at another time."""
    if not keys:
        return []
    rows = con.execute(
        f"""SELECT {kind_sql} || CAST({key} AS VARCHAR) AS bid, b.{st}, b.{en},
                   (SELECT count(*) FROM posts p WHERE p.account_id IN (SELECT account_id FROM _c_core)
                      AND p.created_at BETWEEN b.{st} AND b.{en}) AS n_core
            FROM bursts b WHERE lower(ltrim(CAST({key} AS VARCHAR), '#')) IN (SELECT unnest(?::VARCHAR[]))
            ORDER BY 2""", [keys]).fetchall()
    return [r for r in rows if r[3] >= 0.1 * n_all]


def _originators(store: Store, core: set, seed_clusters: list[dict], start, end, params) -> dict[str, str]:
    """account_id -> reason. Seeds of reshare cascades and first posters of the campaign's clusters."""
    out: dict[str, str] = {}
    rows = store.con.execute(
        """WITH c AS (
             SELECT parent_post_id, any_value(parent_account_id) AS author, count(DISTINCT account_id) AS n_core
             FROM posts WHERE kind = 'repost' AND parent_post_id IS NOT NULL AND parent_account_id IS NOT NULL
               AND account_id IN (SELECT account_id FROM _c_core) AND created_at BETWEEN ? AND ?
             GROUP BY parent_post_id),
           a AS (SELECT parent_post_id, count(*) AS n_all FROM posts
                 WHERE kind = 'repost' AND parent_post_id IN (SELECT parent_post_id FROM c) GROUP BY parent_post_id)
           SELECT c.author, c.parent_post_id, c.n_core, a.n_all FROM c JOIN a USING (parent_post_id)
           WHERE c.n_core >= ? AND c.n_core >= ? * a.n_all
           ORDER BY c.n_core DESC, c.parent_post_id""",
        [start, end, params.originator_min_reposters, params.originator_min_share]).fetchall()
    for author, post_id, n_core, n_all in rows:
        out.setdefault(author, f"its post {post_id} was reposted by {n_core} campaign accounts "
                               f"({n_core}/{n_all} of its observed reposts)")
    for c in seed_clusters:
        accs = set(c["accounts"])
        if not accs or len(accs & core) < 0.5 * len(accs) or not c["posts"]:
            continue
        r = one(store.con.execute("SELECT account_id, created_at FROM posts WHERE post_id IN "
                                  "(SELECT unnest(?::VARCHAR[])) ORDER BY created_at, post_id LIMIT 1", [c["posts"]]))
        if r is None:
            continue
        first, first_at = c["first_account"] or r[0], r[1]
        # An account outside the flagged set joins as originator only when the cluster is
        # the campaign's own (80 % of its accounts) and it seeded it during the campaign:
        # an operation copying an older organic text does not enrol that text's author.
        if first not in core and (len(accs & core) < 0.8 * len(accs) or not (start <= first_at <= end)):
            continue
        out.setdefault(first, f"first poster of {c['type'] or 'content'} cluster {c['cluster_id']}")
    return out


def _accounts(store: Store, inp, seed: dict, core: set, originators: dict, seed_clusters: list[dict]) -> list[dict]:
    coord = {m["account_id"]: m for m in inp_mod.coordination_members(inp).to_pylist()}
    periphery = set()
    for m in coord.values():
        if m["community_id"] in seed["communities"] and not m["flagged"]:
            periphery.add(m["account_id"])
    for c in seed_clusters:
        periphery |= set(c["accounts"])
    members = core | set(originators)
    periphery -= members
    scores = {}
    sc = inp.col("account_signals", "inauthenticity_score", "score") if inp.has("account_signals") else None
    if sc:
        scores = dict(store.con.execute(
            f"SELECT CAST(account_id AS VARCHAR), CAST({inp_mod.quote(sc)} AS DOUBLE) FROM account_signals").fetchall())
    everyone = members | periphery
    _register(store, "_c_every", everyone)
    try:
        info = {r[0]: r[1:] for r in store.con.execute(
            """SELECT a.account_id, a.platform, a.handle, a.created_at FROM accounts_latest a
               WHERE a.account_id IN (SELECT account_id FROM _c_every)""").fetchall()}
        counts = dict(store.con.execute(
            "SELECT account_id, count(*) FROM _c_posts GROUP BY account_id").fetchall())
        plat = dict(store.con.execute(
            "SELECT account_id, any_value(platform) FROM posts WHERE account_id IN (SELECT account_id FROM _c_every) "
            "GROUP BY account_id").fetchall())
    finally:
        store.con.unregister("_c_every")
    rows = []
    for a in sorted(everyone):
        platform, handle, created = info.get(a, (plat.get(a), None, None))
        m = coord.get(a, {})
        if a in originators:
            role, reason, membership = "originator", originators[a], "core"
        elif a in core:
            role, membership = "amplifier", "core"
            reason = "flagged member of coordination community " + str(m.get("community_id")) \
                if m.get("flagged") else "account of a seed content cluster"
        else:
            role, membership = "periphery", "periphery"
            reason = "unflagged member of the community" if a in coord and m.get("community_id") in seed["communities"] \
                else "shares content with the campaign"
        rows.append({"platform": platform or plat.get(a), "account_id": a, "handle": handle,
                     "membership": membership, "role": role, "role_reason": reason,
                     "community_id": m.get("community_id"), "coordination_score": m.get("coordination_score"),
                     "inauthenticity_score": scores.get(a), "flagged": bool(m.get("flagged", False)),
                     "n_posts": counts.get(a, 0), "created_at": created})
    return rows


def _reach(store: Store, signature: list[str], start, end) -> dict:
    con = store.con
    vs, vp, rs, rp = one(con.execute(
        "SELECT sum(views), max(views), sum(reposts), max(reposts) FROM _c_posts"))
    peak_post = one(con.execute("SELECT post_id FROM _c_posts WHERE views IS NOT NULL "
                            "ORDER BY views DESC, post_id LIMIT 1"))
    n_narr, n_camp, v_narr, v_camp = one(con.execute(
        """SELECT count(*), count(*) FILTER (WHERE account_id IN (SELECT account_id FROM _c_members)),
                  sum(views), sum(views) FILTER (WHERE account_id IN (SELECT account_id FROM _c_members))
           FROM posts WHERE created_at BETWEEN ? AND ? AND list_has_any(hashtags, ?::VARCHAR[])""",
        [start, end, signature]))
    by_c, by_o = one(con.execute(
        """SELECT count(*) FILTER (WHERE account_id IN (SELECT account_id FROM _c_members)),
                  count(*) FILTER (WHERE account_id NOT IN (SELECT account_id FROM _c_members))
           FROM posts WHERE kind = 'repost' AND parent_account_id IN (SELECT account_id FROM _c_members)"""))
    return {
        "views_sum": vs, "views_peak": vp, "views_peak_post_id": peak_post[0] if peak_post else None,
        "reposts_sum": rs, "reposts_peak": rp,
        "narrative_posts": n_narr if signature else None,
        "campaign_share_posts": (n_camp / n_narr) if signature and n_narr else None,
        "campaign_share_views": (v_camp or 0) / v_narr if signature and v_narr else None,
        "reposts_by_campaign": by_c, "reposts_by_others": by_o,
    }


def _narratives(store: Store) -> dict:
    con = store.con
    n = one(con.execute("SELECT count(*) FROM _c_posts"))[0]
    hashtags = [{"value": h, "n": k, "share": round(k / n, 4)} for h, k in con.execute(
        f"""SELECT h, count(*) AS k FROM (SELECT unnest(list_distinct(hashtags)) AS h FROM _c_posts)
            GROUP BY h ORDER BY k DESC, h LIMIT {TOP}""").fetchall()]
    texts = [{"value": t, "n": k, "accounts": a, "first_post_id": p, "first_at": f} for t, k, a, p, f in con.execute(
        f"""SELECT any_value(text ORDER BY created_at, post_id) AS t, count(*) AS k, count(DISTINCT account_id),
                   arg_min(post_id, created_at), min(created_at)
            FROM _c_posts WHERE text IS NOT NULL AND trim(text) <> ''
            GROUP BY lower(regexp_replace(trim(text), '\\s+', ' ', 'g'))
            ORDER BY k DESC, min(created_at) LIMIT {TOP}""").fetchall()]
    urls = [{"value": u, "n": k} for u, k in con.execute(
        f"""SELECT u, count(*) AS k FROM (SELECT unnest(urls) AS u FROM _c_posts) GROUP BY u
            ORDER BY k DESC, u LIMIT {TOP}""").fetchall()]
    domains = [{"value": u, "n": k} for u, k in con.execute(
        f"""SELECT d, count(*) AS k FROM (SELECT unnest(domains) AS d FROM _c_posts) GROUP BY d
            ORDER BY k DESC, d LIMIT {TOP}""").fetchall()]
    # A repost may or may not carry its parent's media depending on the export: count the
    # media on original posts, and each repost once, through its own media or its parent's.
    media = [{"value": key, "type": typ, "n": k, "views": v, "duration_ms": dur, "first_post_id": fp,
              "first_account_id": fa, "reshared": int(rs or 0)} for key, typ, k, rs, v, dur, fp, fa in con.execute(
        f"""WITH own AS (SELECT post_id, account_id, created_at, views, kind, unnest(media) AS md FROM _c_posts),
                 via_parent AS (
                   SELECT c.post_id, c.account_id, c.created_at, NULL::BIGINT AS views, c.kind, md FROM _c_posts c
                   JOIN (SELECT post_id, unnest(media) AS md FROM posts) p ON p.post_id = c.parent_post_id
                   WHERE c.kind = 'repost' AND len(c.media) = 0),
                 m AS (SELECT * FROM own UNION ALL SELECT * FROM via_parent)
            SELECT coalesce(md.phash, md.media_key) AS key, any_value(md.type),
                   count(DISTINCT post_id) FILTER (WHERE kind <> 'repost') AS k,
                   count(DISTINCT post_id) FILTER (WHERE kind = 'repost') AS rs,
                   max(views) AS v, max(md.duration_ms), arg_min(post_id, created_at), arg_min(account_id, created_at)
            FROM m WHERE coalesce(md.phash, md.media_key) IS NOT NULL GROUP BY 1
            ORDER BY k + rs DESC, v DESC NULLS LAST, key LIMIT {TOP}""").fetchall()]
    langs = [{"value": l, "n": k, "share": round(k / n, 4)} for l, k in con.execute(
        "SELECT coalesce(lang, 'und') AS l, count(*) AS k FROM _c_posts GROUP BY l ORDER BY k DESC, l").fetchall()]
    months = [{"value": m, "n": k} for m, k in con.execute(
        """SELECT strftime(created_at, '%Y-%m') AS m, count(*) AS k FROM accounts_latest
           WHERE account_id IN (SELECT account_id FROM _c_members) AND created_at IS NOT NULL
           GROUP BY m ORDER BY m""").fetchall()]
    return {"hashtags": _json(hashtags), "texts": _json(texts), "urls": _json(urls), "domains": _json(domains),
            "media": _json(media), "languages": _json(langs), "creation_months": _json(months)}


def _top_domain(store: Store) -> str | None:
    r = one(store.con.execute("SELECT d FROM (SELECT unnest(domains) AS d FROM _c_posts) GROUP BY d "
                          "ORDER BY count(*) DESC, d LIMIT 1"))
    return r[0] if r else None
