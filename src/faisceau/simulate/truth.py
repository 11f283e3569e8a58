"""Ground truth: which accounts and posts belong to which operation, and every figure.

The figures are counted from the rows that were written (the fixed operation rows), never
copied from the scenario's parameters, so truth.json cannot drift from the data. Ids are
strings, as in the X API (they exceed JavaScript's safe integers).
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from .columns import iso

_AZ_LETTERS = set("əğıöüşçƏĞİÖÜŞÇ")


@dataclass
class Truth:
    """What ``generate`` returns: the truth record, also written as truth.json."""

    data: dict
    path: Path | None = None
    watchlist_path: Path | None = None
    files: list[str] = field(default_factory=list)

    @property
    def operations(self) -> list[dict]:
        return self.data["operations"]

    def operation(self, name: str | None = None) -> dict:
        ops = self.operations
        return ops[0] if name is None else next(o for o in ops if o["name"] == name)

    def op_account_ids(self, name: str | None = None) -> set[str]:
        return {a["account_id"] for a in self.operation(name)["accounts"]}

    def op_post_ids(self, name: str | None = None) -> set[str]:
        return set(self.operation(name)["posts"])


def _month(ms_value: int) -> str:
    return dt.datetime.fromtimestamp(ms_value / 1000, tz=dt.timezone.utc).strftime("%Y-%m")


def _day(ms_value: int) -> str:
    return dt.datetime.fromtimestamp(ms_value / 1000, tz=dt.timezone.utc).strftime("%Y-%m-%d")


def operation_record(op_truth: dict, fixed: pa.Table, users: pa.Table, places: tuple = (), hashtag: str | None = None,
                     watchlist: list[dict] | None = None) -> dict:
    """The truth record of one operation, figures recounted from its written rows."""
    ids = {int(a["account_id"]) for a in op_truth["accounts"]}
    op_ids = {r["id"] for r in op_truth["op_rows"]}
    other_ids = {r["id"] for r in op_truth["other_rows"]}
    rows = fixed.filter(pc.is_in(fixed["id"], value_set=pa.array(sorted(op_ids | other_ids), pa.int64()))).to_pylist()
    op_rows = [r for r in rows if r["id"] in op_ids]
    by_user = {u["id"]: u for u in users.filter(pc.is_in(users["id"], value_set=pa.array(sorted(ids), pa.int64()))).to_pylist()}
    times = sorted(r["ms"] for r in op_rows)
    days: dict[str, int] = {}
    for t in times:
        days[_day(t)] = days.get(_day(t), 0) + 1
    created_months: dict[str, int] = {}
    for u in by_user.values():
        created_months[_month(u["created_ms"])] = created_months.get(_month(u["created_ms"]), 0) + 1
    only_op = [a for a in op_truth["accounts"] if a["only_op_content"]]
    langs: dict[str, int] = {}
    for r in op_rows:
        langs[r["lang"]] = langs.get(r["lang"], 0) + 1
    figures = {
        "accounts": len(ids),
        "posts": len(op_rows),
        "posts_by_day": dict(sorted(days.items())),
        "other_posts_of_op_accounts": len(rows) - len(op_rows),
        "window": {"first_post": iso(times[0]), "last_post": iso(times[-1])} if times else None,
        "accounts_created_by_month": dict(sorted(created_months.items())),
        "accounts_only_op_content": len(only_op),
        "kinds": _count(r["kind"] for r in op_rows),
        "languages": dict(sorted(langs.items())),
        "flags_in_names": sum("🇦🇿" in (u["name"] or "") for u in by_user.values()),
        "azerbaijani_locations": sum(_is_az_location(u["location"]) for u in by_user.values()),
        "azeri_script_bios": sum(bool(_AZ_LETTERS & set(u["description"] or "")) for u in by_user.values()),
        "default_profile_images": sum(bool(u["default_image"]) for u in by_user.values()),
    }
    if hashtag:
        figures["hashtag"] = {"tag": hashtag, "posts": sum(hashtag in [t.lower() for t in r["tags"]] for r in op_rows)}
    if places:
        figures["misspelt_places"] = {bad: {"correct": good, "posts": sum(bool(re.search(rf"\b{bad}\b", r["text"]))
                                                                       for r in op_rows if r["kind"] != "repost")}
                                      for bad, good in places}
    reposts = [r for r in op_rows if r["kind"] == "repost" and r["parent_author"] in ids]
    if reposts:
        parent_ms = {r["id"]: r["ms"] for r in rows}
        delays = [(r["ms"] - parent_ms[r["parent"]]) / 1000 for r in reposts if r["parent"] in parent_ms]
        figures["synchronised_reposts"] = {"reposts": len(reposts), "of_key_posts": len({r["parent"] for r in reposts}),
                                           "delay_median_s": round(statistics.median(delays), 1),
                                           "delay_p90_s": round(sorted(delays)[int(0.9 * (len(delays) - 1))], 1)}
    media = [(r, m) for r in op_rows for m in r["media"] if m["view_count"]]
    if media:
        r, m = max(media, key=lambda x: x[1]["view_count"])
        figures["key_video"] = {"post_id": str(r["id"]), "account_id": str(r["author"]), "handle": by_user[r["author"]]["handle"],
                                "type": m["type"], "media_key": m["media_key"], "content_id": m["content_id"],
                                "duration_s": (m["duration_ms"] or 0) / 1000, "views": m["view_count"],
                                "impression_count": r["views"], "posted_at": iso(r["ms"])}
    seeds = {}
    for role, uid in op_truth["seed_ids"].items():
        u = by_user[uid]
        entry = {"account_id": str(uid), "handle": u["handle"], "role": role}
        for w in watchlist or []:
            wid = int(w["account_id"])
            entry.setdefault("watchlist", []).append({
                "account_id": w["account_id"], "handle": w["handle"],
                "reposts_of": sum(r["author"] == uid and r["kind"] == "repost" and r["parent_author"] == wid for r in rows),
                "mentions_of": sum(r["author"] == uid and r["kind"] != "repost" and wid in r["ments"] for r in rows),
            })
        seeds[role] = entry
    figures["seeds"] = seeds
    accounts = []
    for a in op_truth["accounts"]:
        u = by_user[int(a["account_id"])]
        accounts.append({**a, "created_at": iso(u["created_ms"]), "name": u["name"], "location": u["location"],
                         "description": u["description"]})
    out = {"name": op_truth["name"], "description": op_truth["description"], "accounts": accounts,
           "posts": sorted(str(i) for i in op_ids), "other_posts": sorted(str(i) for i in other_ids), "figures": figures}
    if op_truth["variants"]:
        out["variants"] = [{**v, "post_id": str(v["post_id"]), "source_post_id": str(v["source_post_id"])} for v in op_truth["variants"]]
        out["figures"]["variants_by_type"] = _count(v["type"] for v in op_truth["variants"])
        out["figures"]["variant_languages"] = _count(v["lang"] for v in op_truth["variants"])
    return out


def _count(values) -> dict:
    out: dict = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return dict(sorted(out.items()))


_AZ_PLACES = ("bakı", "baku", "gəncə", "ganja", "sumqayıt", "şuşa", "azərbaycan", "azerbaijan", "lənkəran")


def _is_az_location(loc: str | None) -> bool:
    return bool(loc) and any(p in loc.lower() for p in _AZ_PLACES)


def write_watchlist(path: Path, entries: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["handle", "account_id", "platform", "label", "affiliation", "country"])
        w.writeheader()
        for e in entries:
            w.writerow({"handle": e["handle"], "account_id": e["account_id"], "platform": "x", "label": e["name"],
                        "affiliation": e["note"], "country": "AZ"})


def write_truth(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
