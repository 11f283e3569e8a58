"""The co-action network as GEXF and GraphML (Gephi, Cytoscape), with node attributes.

networkx is used only to write the files. Nodes are the accounts of the campaigns and the
ends of the co-action edges; attributes: campaign, role, membership, coordination and
inauthenticity scores, flagged. Edges keep their type, weight and significance.
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx


def build_graph(findings: dict, edges: list[dict]) -> nx.Graph:
    g = nx.Graph()
    for a in findings["accounts"]:
        if a["account_id"] in g:
            continue  # an account in two campaigns keeps its first (the larger campaign)
        g.add_node(a["account_id"], label=a.get("handle") or a["account_id"], campaign=a["campaign_id"] or "",
                   role=a["role"] or "", membership=a["membership"] or "",
                   coordination_score=float(a["coordination_score"] if a["coordination_score"] is not None else -1),
                   inauthenticity_score=float(a["inauthenticity_score"]
                                              if a["inauthenticity_score"] is not None else -1),
                   flagged=bool(a["flagged"]))
    for e in edges:
        for n in (e["u"], e["v"]):
            if n not in g:
                g.add_node(n, label=n, campaign="", role="", membership="", coordination_score=-1.0,
                           inauthenticity_score=-1.0, flagged=False)
        w = float(e["weight"] or 1)
        if g.has_edge(e["u"], e["v"]):
            d = g[e["u"]][e["v"]]
            d["weight"] += w
            d["types"] = ",".join(sorted(set(d["types"].split(",")) | {e["type"] or ""}))
        else:
            g.add_edge(e["u"], e["v"], weight=w, types=e["type"] or "",
                       p_value=float(e["p_value"]) if e["p_value"] is not None else -1.0,
                       campaign=e["campaign_id"] or "")
    return g


def write_graphs(findings: dict, edges: list[dict], out: Path) -> list[Path]:
    g = build_graph(findings, edges)
    gexf, graphml = out / "network.gexf", out / "network.graphml"
    nx.write_gexf(g, gexf)
    nx.write_graphml(g, graphml)
    return [gexf, graphml]
