from __future__ import annotations

import csv
import json

import pytest

from _campaign_store import CAMPAIGN, OUTLET, WATCHLIST_CSV, build
from faisceau.campaigns.assemble import assemble
from faisceau.campaigns.assess import assess
from faisceau.export import export_all


@pytest.fixture(scope="module")
def assessed(tmp_path_factory):
    from faisceau.store import Store

    tmp = tmp_path_factory.mktemp("assessed")
    store = Store(tmp / "s.duckdb")
    build(store)
    wl = tmp / "wl.csv"
    wl.write_text(WATCHLIST_CSV)
    assemble(store)
    assess(store, watchlist=str(wl))
    yield store
    store.close()


@pytest.fixture(scope="module")
def exported(assessed, tmp_path_factory):
    out = tmp_path_factory.mktemp("exported")
    res = export_all(assessed, out, tlp="amber+strict")
    return out, res


def test_every_export_written_and_consistent(exported):
    out, res = exported
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["report.html", "findings.json", "campaigns.csv", "accounts.csv", "edges.csv", "stix.json",
         "network.gexf", "network.graphml"])
    f = json.loads((out / "findings.json").read_text())
    assert f["schema"] == "faisceau.findings/1" and f["tlp"] == "amber+strict"
    c = f["campaigns"][0]
    assert c["volume"]["accounts"] == res["findings"]["campaigns"][0]["volume"]["accounts"]
    assert set(c["assessment"]) == {"coordination", "inauthenticity", "origin"}
    rows = list(csv.DictReader((out / "accounts.csv").open()))
    assert list(rows[0])[:6] == ["account_id", "campaign_id", "coordination_score", "inauthenticity_score",
                                 "flagged", "role"]
    assert {r["account_id"] for r in rows} >= set(CAMPAIGN) | {OUTLET}
    camp_rows = list(csv.DictReader((out / "campaigns.csv").open()))
    assert camp_rows[0]["coordination"] == "high" and "T0049.005" in camp_rows[0]["disarm_techniques"]
    edges = list(csv.DictReader((out / "edges.csv").open()))
    assert len(edges) == 66 and all(e["campaign_id"] == "C1" for e in edges)


def test_stix_bundle_parses_and_every_object_validates(exported):
    import stix2

    raw = json.loads((exported[0] / "stix.json").read_text())
    bundle = stix2.parse(json.dumps(raw), allow_custom=False)
    types = {o.type for o in bundle.objects}
    assert {"campaign", "identity", "attack-pattern", "user-account", "report", "note", "relationship",
            "marking-definition", "intrusion-set", "threat-actor"} <= types
    for o in raw["objects"]:
        stix2.parse(o, allow_custom=False)  # raises on any invalid object
    marking = next(o for o in raw["objects"] if o["type"] == "marking-definition")
    assert marking["name"] == "TLP:AMBER+STRICT"
    assert all(marking["id"] in o.get("object_marking_refs", [marking["id"]]) for o in raw["objects"])
    aps = [o for o in raw["objects"] if o["type"] == "attack-pattern"]
    assert all(o["external_references"][0]["source_name"] == "DISARM" for o in aps)
    assert "T0097.202" in {o["external_references"][0]["external_id"] for o in aps}
    # the threat actor is linked, not attributed: the state link is not established
    ta_rel = [o for o in raw["objects"] if o["type"] == "relationship" and o["target_ref"].startswith("threat-actor")]
    assert ta_rel and all(r["relationship_type"] == "related-to" for r in ta_rel)


def test_graphs_open_with_networkx(exported):
    import networkx as nx

    g = nx.read_gexf(exported[0] / "network.gexf")
    assert g.nodes[CAMPAIGN[0]]["campaign"] == "C1" and g.nodes[CAMPAIGN[0]]["role"] in ("amplifier", "originator")
    assert g.nodes[OUTLET]["role"] == "originator" and g.number_of_edges() == 66
    h = nx.read_graphml(exported[0] / "network.graphml")
    assert set(h.nodes) == set(g.nodes)


def test_pseudonymized_exports_leak_no_identifier(assessed, tmp_path):
    key = b"a secret key of enough length"
    export_all(assessed, tmp_path / "a", pseudonymize_key=key)
    export_all(assessed, tmp_path / "b", pseudonymize_key=key)
    handles = [r[0] for r in assessed.con.execute(
        "SELECT handle FROM accounts WHERE account_id IN (SELECT account_id FROM campaign_accounts)").fetchall()]
    for p in (tmp_path / "a").iterdir():
        text = p.read_text()
        for h in handles:
            assert h not in text, (p.name, h)
        for a in CAMPAIGN + [OUTLET]:
            assert f'"{a}"' not in text and f">{a}<" not in text and f",{a}," not in text, (p.name, a)
    # same key, same pseudonyms; another key, others
    assert (tmp_path / "a" / "accounts.csv").read_text() == (tmp_path / "b" / "accounts.csv").read_text()
    export_all(assessed, tmp_path / "c", pseudonymize_key=b"another secret key, also long")
    assert (tmp_path / "a" / "accounts.csv").read_text() != (tmp_path / "c" / "accounts.csv").read_text()
    f = json.loads((tmp_path / "a" / "findings.json").read_text())
    assert f["pseudonymized"] and all(a["account_id"].startswith("acct_") for a in f["accounts"])


def test_unknown_tlp_is_a_clear_error(assessed, tmp_path):
    from faisceau.errors import ParameterError

    with pytest.raises(ParameterError, match="TLP"):
        export_all(assessed, tmp_path, tlp="purple")


def test_report_escapes_hostile_posts(exported):
    html = (exported[0] / "report.html").read_text()
    assert "<script" not in html.lower() and "onerror=\"" not in html.lower()
    assert "&lt;script&gt;document.body.setAttribute" in html
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html.split("<body")[0]
