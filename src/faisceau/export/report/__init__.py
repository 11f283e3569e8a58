"""The self-contained HTML report (jinja2 with autoescape; plots inline; no scripts).

Every string from the data goes through jinja2's autoescape; the page also carries a
Content-Security-Policy that allows no script and no network fetch, so even a template
mistake could not run a post's ``<script>`` or ``onerror=`` payload or call home.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jinja2

from ...store import Store
from .. import plots

TLP_COLOURS = {"clear": ("#ffffff", "#000000"), "green": ("#33ff00", "#000000"), "amber": ("#ffc000", "#000000"),
               "amber+strict": ("#ffc000", "#000000"), "red": ("#ff2b2b", "#000000")}
GRADE_ORDER = ("coordination", "inauthenticity", "origin")


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("faisceau.export.report", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True)
    env.filters["num"] = lambda v: "–" if v is None else (f"{v:,.0f}" if isinstance(v, (int, float)) else v)
    env.filters["pct"] = lambda v: "–" if v is None else f"{v:.0%}"
    env.filters["when"] = lambda v: "–" if not v else dt.datetime.fromisoformat(v).strftime("%d %b %Y %H:%M")
    env.filters["day"] = lambda v: "–" if not v else dt.datetime.fromisoformat(v).strftime("%d %B %Y")
    env.filters["pretty"] = lambda v: json.dumps(v, indent=1, ensure_ascii=False, sort_keys=True, default=str)
    env.filters["shorten"] = lambda s, n=280: s if s is None or len(s) <= n else s[: n - 1] + "…"
    return env


def render_report(store: Store, findings: dict, edges: list[dict], path: Path) -> Path:
    figures = {}
    for c in findings["campaigns"]:
        cid = c["campaign_id"]
        start = dt.datetime.fromisoformat(c["window"]["start"])
        end = dt.datetime.fromisoformat(c["window"]["end"])
        figures[cid] = {
            "timeline": plots.timeline(store, cid, start, end),
            "network": plots.network(store, findings, edges, cid),
            "creation": plots.creation_histogram(store, cid),
            "hours": plots.hour_of_day(store, cid),
        }
    evidence_by_id = {e["evidence_id"]: e for c in findings["campaigns"] for e in c["evidence"]}
    html = _env().get_template("report.html.j2").render(
        f=findings, figures=figures, grade_order=GRADE_ORDER, evidence_by_id=evidence_by_id,
        tlp=(findings.get("tlp") or "clear").lower(), tlp_colours=TLP_COLOURS)
    path.write_text(html, encoding="utf-8")
    return path
