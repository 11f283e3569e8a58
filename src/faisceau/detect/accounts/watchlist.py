"""Watchlists of known accounts (state media, officials, a party) and proximity to them.

File format (CSV with a header, or TOML). One entry per known account; ``handle`` or
``account_id`` is required (both is best), the rest is free text carried into the
evidence::

    handle,account_id,platform,label,affiliation,country
    azertac,123456,x,AZERTAC,state media,AZ
    some_mp,,x,Some MP,ruling party,AZ

or, in TOML::

    [[account]]
    handle = "azertac"
    account_id = "123456"     # optional when handle is given
    platform = "x"            # optional: matches every platform when absent
    label = "AZERTAC"
    affiliation = "state media"
    country = "AZ"

Handles are matched case-insensitively without '@'. Proximity of each account to the
list: direct reposts/quotes, replies and mentions *of* watchlisted accounts; inbound
reposts/quotes/replies/mentions *by* them; and shared audience, the Jaccard overlap of
the accounts that repost, quote, reply to or mention the account and those that do so
to a watchlisted account.
"""
from __future__ import annotations

import csv
import os
import tomllib

import pyarrow as pa

from ...errors import InputError
from .aggregate import ACCOUNTS_LATEST

FIELDS = ("handle", "account_id", "platform", "label", "affiliation", "country")

WATCH_SCHEMA = pa.schema([("wid", pa.int64())] + [(f, pa.string()) for f in FIELDS])


def load_watchlist(path: str | os.PathLike) -> pa.Table:
    """Read a CSV or TOML watchlist into an Arrow table (wid + FIELDS)."""
    path = str(path)
    if not os.path.exists(path):
        raise InputError(f"watchlist {path} does not exist")
    try:
        if path.lower().endswith(".toml"):
            with open(path, "rb") as fh:
                data = tomllib.load(fh)
            rows = data.get("account") or data.get("accounts") or []
        else:
            with open(path, newline="", encoding="utf-8-sig") as fh:
                rows = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"cannot read watchlist {path}: {exc}") from exc
    out = []
    for i, r in enumerate(rows, start=1):
        if not isinstance(r, dict):
            raise InputError(f"watchlist {path}: entry {i} is not a table of fields")
        row = {f: (str(r[f]).strip() if r.get(f) not in (None, "") else None) for f in FIELDS}
        if row["handle"]:
            row["handle"] = row["handle"].lstrip("@").lower()
        if not row["handle"] and not row["account_id"]:
            raise InputError(f"watchlist {path}: entry {i} has neither handle nor account_id")
        row["label"] = row["label"] or row["handle"] or row["account_id"]
        row["wid"] = i
        out.append(row)
    if not out:
        raise InputError(f"watchlist {path} lists no accounts (columns: {', '.join(FIELDS)})")
    return pa.Table.from_pylist(out, schema=WATCH_SCHEMA)


RESOLVE = f"""
SELECT wl.wid, coalesce(wl.platform, a.platform) AS platform,
       coalesce(wl.account_id, a.account_id) AS account_id,
       coalesce(wl.handle, lower(a.handle)) AS handle
FROM watchlist wl LEFT JOIN ({ACCOUNTS_LATEST}) AS a
  ON (wl.platform IS NULL OR wl.platform = a.platform)
 AND ((wl.account_id IS NOT NULL AND wl.account_id = a.account_id)
      OR (wl.account_id IS NULL AND lower(a.handle) = wl.handle))
"""

HANDLES = f"SELECT platform, account_id, lower(handle) AS handle FROM ({ACCOUNTS_LATEST}) AS a WHERE handle IS NOT NULL"

# Who engages whom: reposts, quotes, replies (parent author) and mentions (resolved to ids).
EDGES = f"""
SELECT DISTINCT platform, actor, target, kind FROM (
  SELECT platform, account_id AS actor, parent_account_id AS target,
         CASE WHEN kind = 'reply' THEN 'reply' ELSE 'repost' END AS kind
  FROM posts WHERE parent_account_id IS NOT NULL AND kind IN ('repost', 'quote', 'reply')
  UNION ALL
  SELECT u.platform, u.account_id AS actor, h.account_id AS target, 'mention' AS kind
  FROM (SELECT platform, account_id, unnest(mentions) AS m FROM posts) AS u
  JOIN watch_handles h ON u.platform = h.platform AND u.m = h.handle) AS e
WHERE actor <> target
"""

OUTBOUND = """
SELECT p.platform, p.account_id, w.wid,
       count(*) FILTER (WHERE p.kind IN ('repost', 'quote')) AS reposts,
       count(*) FILTER (WHERE p.kind = 'reply') AS replies
FROM posts p JOIN watch_resolved w ON p.parent_account_id = w.account_id
 AND (w.platform IS NULL OR w.platform = p.platform)
WHERE p.account_id <> w.account_id
GROUP BY p.platform, p.account_id, w.wid
"""

MENTIONS = """
SELECT u.platform, u.account_id, w.wid, count(*) AS mentions
FROM (SELECT platform, account_id, unnest(mentions) AS m FROM posts) AS u
JOIN watch_resolved w ON u.m = w.handle AND (w.platform IS NULL OR w.platform = u.platform)
WHERE w.account_id IS NULL OR u.account_id <> w.account_id
GROUP BY u.platform, u.account_id, w.wid
"""

INBOUND = """
SELECT e.platform, e.target AS account_id, w.wid, count(*) AS inbound
FROM watch_edges e JOIN watch_resolved w ON e.actor = w.account_id
 AND (w.platform IS NULL OR w.platform = e.platform)
GROUP BY e.platform, e.target, w.wid
"""

AUDIENCE = """
WITH aud AS (SELECT DISTINCT platform, actor, target FROM watch_edges),
     wa AS (SELECT DISTINCT a.platform, a.actor, w.wid, w.account_id AS w_account
            FROM aud a JOIN watch_resolved w ON a.target = w.account_id
             AND (w.platform IS NULL OR w.platform = a.platform)),
     inter AS (SELECT a.platform, a.target AS account_id, wa.wid, count(DISTINCT a.actor) AS n_common
               FROM aud a JOIN wa ON a.platform = wa.platform AND a.actor = wa.actor
               WHERE a.target <> wa.w_account
               GROUP BY a.platform, a.target, wa.wid),
     asize AS (SELECT platform, target AS account_id, count(DISTINCT actor) AS n FROM aud GROUP BY platform, target),
     wsize AS (SELECT wid, count(DISTINCT actor) AS n FROM wa GROUP BY wid)
SELECT i.platform, i.account_id, i.wid,
       CAST(i.n_common AS DOUBLE) / (asize.n + wsize.n - i.n_common) AS jaccard, i.n_common
FROM inter i JOIN asize ON i.platform = asize.platform AND i.account_id = asize.account_id
JOIN wsize ON i.wid = wsize.wid
"""


def proximity(engine, watch: pa.Table, min_common: int = 2) -> tuple[dict, dict]:
    """Per (platform, account_id): watchlist features; and wid -> description."""
    engine.register("watchlist", watch)
    engine.materialize("watch_resolved", RESOLVE)
    engine.materialize("watch_handles", HANDLES)
    engine.materialize("watch_edges", EDGES)
    labels = {}
    for r in watch.to_pylist():
        extra = ", ".join(x for x in (r["affiliation"], r["country"]) if x)
        labels[r["wid"]] = f"{r['label']} ({extra})" if extra else r["label"]
    feats: dict[tuple, dict] = {}

    def get(r):
        return feats.setdefault((r["platform"], r["account_id"]), {
            "watch_reposts": 0, "watch_replies": 0, "watch_mentions": 0, "watch_inbound": 0,
            "linked": set(), "watch_audience_jaccard": None, "watch_audience_label": None, "common": 0})

    for r in engine.sql(OUTBOUND).to_pylist():
        f = get(r)
        f["watch_reposts"] += r["reposts"]
        f["watch_replies"] += r["replies"]
        f["linked"].add(r["wid"])
    for r in engine.sql(MENTIONS).to_pylist():
        f = get(r)
        f["watch_mentions"] += r["mentions"]
        f["linked"].add(r["wid"])
    for r in engine.sql(INBOUND).to_pylist():
        f = get(r)
        f["watch_inbound"] += r["inbound"]
        f["linked"].add(r["wid"])
    for r in sorted(engine.sql(AUDIENCE).to_pylist(), key=lambda r: (r["platform"], r["account_id"], r["wid"])):
        if r["n_common"] < min_common:
            continue
        f = get(r)
        if f["watch_audience_jaccard"] is None or r["jaccard"] > f["watch_audience_jaccard"]:
            f["watch_audience_jaccard"] = round(float(r["jaccard"]), 4)
            f["watch_audience_label"] = labels[r["wid"]]
            f["common"] = r["n_common"]
    for f in feats.values():
        f["watch_labels"] = sorted(labels[w] for w in f.pop("linked"))
    for name in ("watch_edges", "watch_handles", "watch_resolved", "watchlist"):
        engine.drop(name)
    return feats, labels
