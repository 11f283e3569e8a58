"""Evidence items for the coordination and inauthenticity axes.

Each function returns a list of items (dicts shaped like ``campaign_evidence`` rows). An
item states a figure read from a named table and lists the accounts and posts behind it,
so an analyst can check it. Nothing here grades: ``rules.py`` does.
"""
from __future__ import annotations


import json
import statistics

from ..store import Store
from . import inputs as inp_mod
from .inputs import one

MAX_IDS = 50
SYNC_SECONDS = 60  # a reshare within a minute of the previous one in the same cascade is "synchronised"


def item(kind: str, axis: str, statement: str, *, value=None, accounts=(), posts=(), source: str,
         n_accounts: int | None = None, clue_country: str | None = None) -> dict:
    accounts = sorted(set(accounts))
    return {"kind": kind, "axis": axis, "statement": statement, "value": None if value is None else float(value),
            "n_accounts": n_accounts if n_accounts is not None else len(accounts),
            "accounts": accounts[:MAX_IDS], "posts": list(posts)[:MAX_IDS], "source": source,
            "clue_country": clue_country}


# -- coordination ----------------------------------------------------------------------
def coordination_items(store: Store, inp, camp: dict, members: list[dict]) -> list[dict]:
    out = []
    flagged = [m["account_id"] for m in members if m["flagged"] and m["membership"] == "core"]
    if inp.has("coordination_accounts") and flagged:
        coms = sorted({m["community_id"] for m in members if m["flagged"] and m["community_id"] is not None})
        out.append(item("coordination-community", "coordination",
                        f"{len(flagged)} of the campaign's {camp['n_accounts']} accounts are flagged by the "
                        f"coordination detector, in community {', '.join(coms)}.",
                        value=len(flagged), accounts=flagged, source="coordination_accounts"))
    if inp.has("coaction_edges"):
        out += _edge_items(store, inp, {m["account_id"] for m in members if m["membership"] == "core"})
    out += _sync_resharing(store, camp)
    out += _content_items(store, inp, camp)
    if camp["window_source"] == "bursts":
        out.append(item("burst", "coordination",
                        f"The burst detector bounds the campaign's activity to {_fmt(camp['window_start'])} - "
                        f"{_fmt(camp['window_end'])} UTC (bursts {', '.join(camp['burst_ids'] or ['-'])}).",
                        value=(camp["window_end"] - camp["window_start"]).total_seconds() / 3600,
                        source="bursts"))
    return out


def _fmt(ts) -> str:
    return ts.strftime("%Y-%m-%d %H:%M") if ts is not None else "?"


def _edge_items(store: Store, inp, core: set) -> list[dict]:
    e = inp_mod.edges(inp).to_pylist()
    inside = [r for r in e if r["u"] in core and r["v"] in core]
    if not inside:
        return []
    by_type: dict[str, list] = {}
    for r in inside:
        by_type.setdefault(r["type"] or "co-action", []).append(r)
    parts = ", ".join(f"{len(v)} {k}" for k, v in sorted(by_type.items(), key=lambda kv: -len(kv[1])))
    pvals = [r["p_value"] for r in inside if r["p_value"] is not None]
    zs = [r["z"] for r in inside if r["z"] is not None]
    sig = f"; smallest p-value {min(pvals):.2g}" if pvals else (f"; largest z {max(zs):.1f}" if zs else "")
    strongest = sorted(inside, key=lambda r: -(r["weight"] or 0))[:10]
    posts = []
    for r in strongest:
        posts += _ids(r["evidence"])
    accounts = {r["u"] for r in inside} | {r["v"] for r in inside}
    return [item("coaction-edges", "coordination",
                 f"{len(inside)} significant co-action edges tie the campaign's accounts ({parts}){sig}.",
                 value=len(inside), accounts=accounts, posts=posts, source="coaction_edges")]


def _ids(evidence) -> list[str]:
    if evidence is None:
        return []
    if isinstance(evidence, list):
        return _flatten_ids(evidence)
    try:
        v = json.loads(evidence)
    except (TypeError, ValueError):
        return [x.strip(" []'\"") for x in str(evidence).split(",") if x.strip(" []'\"")]
    if isinstance(v, dict):
        v = v.get("post_ids") or v.get("posts") or []
    return _flatten_ids(v)


def _flatten_ids(v) -> list[str]:
    """Post ids of an edge's evidence: a list of ids, of lists, or of 'post_u post_v dt_s' triples."""
    out = []
    for x in v if isinstance(v, list) else []:
        if isinstance(x, str) and " " in x:
            out += x.split()[:2]
        elif isinstance(x, list):
            out += [str(y) for y in x]
        elif isinstance(x, dict):
            out += [str(y) for y in x.values() if y is not None]
        else:
            out.append(str(x))
    return out


def _sync_resharing(store: Store, camp: dict) -> list[dict]:
    """From the posts themselves: how tightly the campaign's reposts of one post follow each other."""
    rows = store.con.execute(
        """WITH r AS (SELECT parent_post_id, account_id, post_id, created_at,
                             epoch_ms(created_at) - epoch_ms(lag(created_at) OVER w) AS gap_ms,
                             epoch_ms(created_at) - epoch_ms(first_value(created_at) OVER w) AS since_first_ms
                      FROM posts WHERE kind = 'repost' AND parent_post_id IS NOT NULL AND post_id IN
                        (SELECT post_id FROM campaign_posts WHERE campaign_id = ?)
                      WINDOW w AS (PARTITION BY parent_post_id ORDER BY created_at, post_id))
           SELECT parent_post_id, count(*) AS n, list(account_id), median(gap_ms) AS med_gap,
                  count(*) FILTER (WHERE since_first_ms <= ?) AS within, list(post_id ORDER BY created_at)
           FROM r GROUP BY parent_post_id HAVING count(*) >= 3 ORDER BY n DESC, parent_post_id""",
        [camp["campaign_id"], SYNC_SECONDS * 1000]).fetchall()
    if not rows:
        return []
    n_reposts = sum(r[1] for r in rows)
    within = sum(r[4] for r in rows)
    gaps = [r[3] / 1000 for r in rows if r[3] is not None]
    med = statistics.median(gaps) if gaps else None
    accounts = {a for r in rows for a in r[2]}
    top = rows[0]
    return [item("synchronised-resharing", "coordination",
                 f"Synchronised resharing: {n_reposts} reposts of {len(rows)} posts by {len(accounts)} campaign "
                 f"accounts; {within} ({within / n_reposts:.0%}) came within {SYNC_SECONDS} s of the cascade's "
                 f"first campaign repost; median gap between consecutive reposts {med:.1f} s. Largest: post "
                 f"{top[0]}, reposted {top[1]} times.",
                 value=within / n_reposts, accounts=accounts, posts=[top[0]] + list(top[5]),
                 source="posts (campaign_posts)")]


def _content_items(store: Store, inp, camp: dict) -> list[dict]:
    if not inp.has("content_clusters") or not camp["cluster_ids"]:
        return []
    from .assemble import _content_clusters  # shared reader of content_clusters

    clusters = [c for c in _content_clusters(inp) if c["cluster_id"] in set(camp["cluster_ids"])]
    by_type: dict[str, list] = {}
    for c in clusters:
        by_type.setdefault(c["type"] or "content", []).append(c)
    out = []
    for typ, cs in sorted(by_type.items()):
        accs = {a for c in cs for a in c["accounts"]}
        posts = [p for c in cs for p in c["posts"]]
        kind = "media-reuse" if typ == "media" else "content-reuse"
        out.append(item(kind, "coordination",
                        f"{len(cs)} {typ} cluster(s) ({', '.join(c['cluster_id'] for c in cs[:8])}) spread the same "
                        f"{'media' if typ == 'media' else 'text'} over {len(posts)} posts by {len(accs)} accounts.",
                        value=len(posts), accounts=accs, posts=posts, source="content_clusters"))
    return out


# -- inauthenticity --------------------------------------------------------------------
def inauthenticity_items(store: Store, inp, camp: dict, members: list[dict]) -> list[dict]:
    core = [m["account_id"] for m in members if m["membership"] == "core"]
    out = _creation_concentration(store, camp, core)
    out += _lifetime_inside_window(store, camp, core)
    if inp.has("account_signals"):
        out += _signal_items(store, inp, core)
    return out


def _creation_concentration(store: Store, camp: dict, core: list[str]) -> list[dict]:
    months = json.loads(camp["creation_months"] or "[]")
    if not months or not core:
        return []
    top = max(months, key=lambda m: (m["n"], m["value"]))
    share = top["n"] / len(core)
    bg_total, bg_month = one(store.con.execute(
        "SELECT count(*), count(*) FILTER (WHERE strftime(created_at, '%Y-%m') = ?) FROM accounts_latest "
        "WHERE created_at IS NOT NULL", [top["value"]]))
    bg = bg_month / bg_total if bg_total else 0.0
    accs = [r[0] for r in store.con.execute(
        "SELECT account_id FROM accounts_latest WHERE strftime(created_at, '%Y-%m') = ? AND account_id IN "
        "(SELECT account_id FROM campaign_accounts WHERE campaign_id = ? AND membership = 'core')",
        [top["value"], camp["campaign_id"]]).fetchall()]
    lift = share / bg if bg else float("inf")
    return [item("creation-month", "inauthenticity",
                 f"{top['n']} of the campaign's {len(core)} accounts ({share:.0%}) were created in {top['value']}, "
                 f"against {bg:.1%} of all accounts in the dataset ({'x%.1f' % lift if bg else 'no other'} "
                 f"over the background).", value=top["n"], accounts=accs, source="accounts")
            | {"share": share, "lift": lift, "month": top["value"]}]


def _lifetime_inside_window(store: Store, camp: dict, core: list[str]) -> list[dict]:
    rows = store.con.execute(
        """SELECT account_id FROM posts WHERE account_id IN
             (SELECT account_id FROM campaign_accounts WHERE campaign_id = ? AND membership = 'core')
           GROUP BY account_id HAVING min(created_at) >= ? AND max(created_at) <= ?""",
        [camp["campaign_id"], camp["window_start"], camp["window_end"]]).fetchall()
    if not rows:
        return []
    accs = [r[0] for r in rows]
    return [item("window-only-accounts", "inauthenticity",
                 f"{len(accs)} of the campaign's {len(core)} accounts posted nothing outside the campaign window "
                 f"in the data.", value=len(accs), accounts=accs, source="posts")
            | {"share": len(accs) / len(core)}]


# Boolean features of account_signals, grouped into the families the rules count.
FAMILIES = (
    ("creation", ("creat",)),
    ("lifetime", ("single_topic", "single-topic", "window_only", "inside_window", "in_window", "one_topic",
                  "history")),
    ("profile", ("handle", "digits", "default", "image", "bio", "name", "profile")),
    ("automation", ("cadence", "regular", "period", "sleep", "round_the_clock", "source", "client", "automat",
                    "burst_rate", "interval")),
)


# Integer features that count other accounts sharing a trait (> 0 means shared).
COUNT_SIGNALS = ("shared_profile_image", "bio_identical", "bio_templated")


def family_of(column: str) -> str | None:
    c = column.lower()
    for fam, keys in FAMILIES:
        if any(k in c for k in keys):
            return fam
    return None


def _signal_items(store: Store, inp, core: list[str]) -> list[dict]:
    """Every boolean feature of account_signals that is over-represented in the campaign."""
    out = []
    q = inp_mod.quote
    t = "account_signals"
    _reg = store.con.register
    import pyarrow as pa

    _reg("_e_core", pa.table({"account_id": pa.array(core, pa.string())}))
    try:
        for col in inp.present[t]:
            typ = inp_mod.column_type(inp, t, col)
            fam = family_of(col)
            if fam is None or not (typ == "boolean" or (typ == "bigint" and col in COUNT_SIGNALS)):
                continue
            cond = q(col) if typ == "boolean" else f"({q(col)} > 0)"
            n_in, n_core, n_out, n_other, accs = one(store.con.execute(
                f"""SELECT count(*) FILTER (WHERE {cond} AND c.account_id IS NOT NULL),
                           count(*) FILTER (WHERE c.account_id IS NOT NULL),
                           count(*) FILTER (WHERE {cond} AND c.account_id IS NULL),
                           count(*) FILTER (WHERE c.account_id IS NULL),
                           list(s.account_id) FILTER (WHERE {cond} AND c.account_id IS NOT NULL)
                    FROM {t} s LEFT JOIN _e_core c ON CAST(s.account_id AS VARCHAR) = c.account_id"""))
            if not n_core or not n_in:
                continue
            share, bg = n_in / n_core, (n_out / n_other if n_other else 0.0)
            if share <= bg:
                continue  # not over-represented in the campaign: no evidence either way
            out.append(item(f"signal:{col}", "inauthenticity",
                            f"Signal '{col}' ({fam}) holds for {n_in} of {n_core} campaign accounts ({share:.0%}) "
                            f"against {bg:.1%} of the other accounts.",
                            value=share, accounts=[str(a) for a in accs or []], source=f"account_signals.{col}")
                       | {"family": fam, "background": bg})
        sc = inp.col(t, "inauthenticity_score", "score")
        if sc:
            m_in, m_out = one(store.con.execute(
                f"""SELECT avg({q(sc)}) FILTER (WHERE c.account_id IS NOT NULL),
                           avg({q(sc)}) FILTER (WHERE c.account_id IS NULL)
                    FROM {t} s LEFT JOIN _e_core c ON CAST(s.account_id AS VARCHAR) = c.account_id"""))
            if m_in is not None:
                out.append(item("inauthenticity-score", "inauthenticity",
                                f"Mean inauthenticity score {m_in:.2f} for the campaign's accounts against "
                                f"{(m_out or 0):.2f} for the others.", value=m_in, accounts=core,
                                source="account_signals.inauthenticity_score") | {"background": m_out})
    finally:
        store.con.unregister("_e_core")
    return out
