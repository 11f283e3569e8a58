"""Exporters: the HTML report, findings.json, CSVs, STIX 2.1 and network graphs.

``export_all`` builds the findings document once from the store, pseudonymises it when
asked, and writes every file from it, so all exports agree.
"""
from __future__ import annotations

from pathlib import Path

from ..store import Store


def export_all(store: Store, out: str | Path, *, tlp: str = "clear", pseudonymize_key: bytes | None = None,
               detectors_skipped: dict[str, str] | None = None) -> dict:
    """Write report.html, findings.json, campaigns.csv, accounts.csv, edges.csv, stix.json,
    network.gexf and network.graphml into ``out``. Returns {name: path}."""
    from .findings import build_findings, edge_rows, pseudonymize
    from .graph import write_graphs
    from .pseudonym import Pseudonymizer
    from .report import render_report
    from .stix import tlp_marking, write_stix
    from .tables import write_csvs, write_json

    tlp_marking(tlp)  # fail early on an unknown level
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    findings = build_findings(store, tlp=tlp.lower().removeprefix("tlp:"))
    findings["detectors"]["skipped"] = dict(detectors_skipped or {})
    campaign_of = {}
    for a in findings["accounts"]:
        campaign_of.setdefault(a["account_id"], a["campaign_id"])
    edges = edge_rows(store, campaign_of)
    if pseudonymize_key is not None:
        findings, edges = pseudonymize(findings, edges, Pseudonymizer(pseudonymize_key))
    paths = {"findings.json": write_json(findings, out / "findings.json")}
    for p in write_csvs(findings, edges, out):
        paths[p.name] = p
    paths["stix.json"] = write_stix(findings, out / "stix.json")
    for p in write_graphs(findings, edges, out):
        paths[p.name] = p
    paths["report.html"] = render_report(store, findings, edges, out / "report.html")
    return {"paths": paths, "findings": findings}
