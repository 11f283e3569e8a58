"""findings.json and the CSV exports (campaigns, accounts, edges)."""
from __future__ import annotations

import csv
import json
from pathlib import Path

ACCOUNT_COLUMNS = ("account_id", "campaign_id", "coordination_score", "inauthenticity_score", "flagged", "role",
                   "membership", "handle", "platform", "community_id", "n_posts", "created_at")
CAMPAIGN_COLUMNS = ("campaign_id", "label", "window_start", "window_end", "accounts", "originators", "amplifiers",
                    "periphery", "posts", "reposts", "views_sum", "views_peak", "campaign_share_posts",
                    "coordination", "coordination_confidence", "inauthenticity", "inauthenticity_confidence",
                    "origin", "origin_confidence", "origin_country", "attribution_level", "attribution",
                    "top_hashtags", "languages", "disarm_techniques")
EDGE_COLUMNS = ("u", "v", "type", "weight", "expected", "p_value", "z", "median_dt_s", "campaign_id")


def write_json(findings: dict, path: Path) -> Path:
    path.write_text(json.dumps(findings, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    return path


def _csv_value(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return f"{v:.6g}"
    return v


def _write(path: Path, columns, rows) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(columns)
        for r in rows:
            w.writerow([_csv_value(r.get(c)) for c in columns])
    return path


def campaign_rows(findings: dict) -> list[dict]:
    rows = []
    for c in findings["campaigns"]:
        a = c["assessment"]
        rows.append({
            "campaign_id": c["campaign_id"], "label": c["label"], "window_start": c["window"]["start"],
            "window_end": c["window"]["end"], **{k: c["volume"][k] for k in (
                "accounts", "originators", "amplifiers", "periphery", "posts", "reposts")},
            "views_sum": c["reach"]["views_sum"], "views_peak": c["reach"]["views_peak"],
            "campaign_share_posts": c["reach"]["campaign_share_posts"],
            **{ax: a.get(ax, {}).get("grade") for ax in ("coordination", "inauthenticity", "origin")},
            **{f"{ax}_confidence": a.get(ax, {}).get("stix_confidence")
               for ax in ("coordination", "inauthenticity", "origin")},
            "origin_country": c["attribution"].get("country"),
            "attribution_level": c["attribution"].get("level"),
            "attribution": c["attribution"].get("statement"),
            "top_hashtags": " ".join("#" + h["value"] for h in c["narratives"]["hashtags"][:5]),
            "languages": " ".join(f"{l['value']}:{l['share']:.0%}" for l in c["languages"][:5]),
            "disarm_techniques": " ".join(t["disarm_id"] for t in c["techniques"]),
        })
    return rows


def write_csvs(findings: dict, edges: list[dict], out: Path) -> list[Path]:
    return [
        _write(out / "campaigns.csv", CAMPAIGN_COLUMNS, campaign_rows(findings)),
        _write(out / "accounts.csv", ACCOUNT_COLUMNS, findings["accounts"]),
        _write(out / "edges.csv", EDGE_COLUMNS, edges),
    ]
