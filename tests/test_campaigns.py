from __future__ import annotations

import json

import pytest

from _campaign_store import CAMPAIGN, OUTLET, PARTY, WATCHLIST_CSV, build
from faisceau.campaigns.assemble import assemble
from faisceau.campaigns.assess import assess


def _grades(store):
    return {r["axis"]: r for r in store.table("campaign_assessments").to_pylist()}


def test_assembly_merges_evidence_into_one_campaign(store):
    build(store)
    assemble(store)
    camps = store.table("campaigns").to_pylist()
    assert len(camps) == 1
    c = camps[0]
    assert c["label"] == "#boycottparis2024" and c["window_source"] == "bursts"
    assert c["window_start"].date().isoformat() == "2023-07-26" and c["window_end"].date().isoformat() == "2023-07-27"
    roles = {r["account_id"]: r["role"] for r in store.table("campaign_accounts").to_pylist()}
    # the fake outlet is the seed of the reshare cascade; the flagged accounts amplify
    assert roles[OUTLET] == "originator"
    assert set(CAMPAIGN) <= set(roles)
    assert sum(1 for a in CAMPAIGN if roles[a] == "amplifier") >= 10
    media = json.loads(c["media"])
    assert media[0]["views"] == 7_200_000 and media[0]["duration_ms"] == 39000 and media[0]["reshared"] == 12
    assert c["views_peak"] == 7_200_000 and c["reposts_by_others"] == 5
    months = {m["value"]: m["n"] for m in json.loads(c["creation_months"])}
    assert months["2023-07"] == 8
    # organic accounts never enter the campaign
    assert not any(a in roles for a in ("1", "2", "3"))


def test_assessment_grades_attribution_and_disarm(store, tmp_path):
    build(store)
    wl = tmp_path / "wl.csv"
    wl.write_text(WATCHLIST_CSV)
    assemble(store)
    assess(store, watchlist=str(wl))
    g = _grades(store)
    assert {k: v["grade"] for k, v in g.items()} == {"coordination": "high", "inauthenticity": "high", "origin": "high"}
    assert g["origin"]["country"] == "AZ" and g["coordination"]["stix_confidence"] == 85
    ev = {e["evidence_id"]: e for e in store.table("campaign_evidence").to_pylist()}
    for axis in g.values():  # every grade points to evidence items that exist and carry data
        assert axis["evidence_ids"] and all(i in ev for i in axis["evidence_ids"])
    assert all(ev[i]["accounts"] or ev[i]["posts"] or ev[i]["value"] is not None for i in ev)
    att = store.table("campaign_attribution").to_pylist()[0]
    assert att["proximity"] == "close-to" and att["state_link"] == "not-established"
    assert "close to Azerbaijan" in att["statement"] and "not established" in att["statement"]
    assert att["level"] == "linked-to-actor" and att["actor"] == "Ruling party figure"
    crit = json.loads(att["viginum"])
    assert [c["status"] for c in crit] == ["analyst", "supported", "analyst", "supported"]
    techs = {t["disarm_id"] for t in store.table("campaign_techniques").to_pylist()}
    assert {"T0049.005", "T0097.202", "T0150.001", "T0084.001", "T0087", "T0049.002"} <= techs
    assert "T0015.002" not in techs  # organic accounts used the hashtag first


def test_missing_detectors_are_reported_not_invented(store):
    build(store, detectors=("coordination",))
    assemble(store)
    assess(store)
    g = _grades(store)
    assert g["inauthenticity"]["missing"] == ["account_signals"]
    assert g["origin"]["grade"] == "low" and g["origin"]["missing"] == ["account_signals"]
    att = store.table("campaign_attribution").to_pylist()[0]
    assert att["level"] == "none" and att["country"] is None
    assert any("account_signals" in c for c in att["caveats"])
    kinds = {e["kind"] for e in store.table("campaign_evidence").to_pylist()}
    assert not any(k.startswith("signal:") or k.startswith("origin:flags") for k in kinds)


def test_no_detector_tables_no_campaign(store):
    build(store, detectors=())
    assemble(store)
    assess(store)
    assert store.count("campaigns") == 0 and store.count("campaign_assessments") == 0


def test_content_clusters_seed_when_coordination_absent(store):
    build(store, detectors=("content", "accounts"))
    assemble(store)
    c = store.table("campaigns").to_pylist()
    assert len(c) == 1 and c[0]["seed"] == "content"
    assess(store)
    g = _grades(store)
    assert g["coordination"]["grade"] == "moderate"  # reuse + synchronised resharing, no significance test
    assert "coaction_edges" in g["coordination"]["missing"]


def test_state_attribution_only_when_a_state_account_originates(store, tmp_path):
    build(store)
    wl = tmp_path / "wl.csv"
    wl.write_text(f"account_id,label,affiliation,country\n{OUTLET},Ministry of Information,government,AZ\n")
    assemble(store)
    assess(store, watchlist=str(wl))
    att = store.table("campaign_attribution").to_pylist()[0]
    assert att["level"] == "attributable-to-state" and att["state_link"] == "established"
    # the same account listed as a mere party figure does not make the campaign state-attributable
    wl.write_text(f"account_id,label,affiliation,country\n{PARTY},Party figure,ruling party,AZ\n")
    assess(store, watchlist=str(wl))
    att = store.table("campaign_attribution").to_pylist()[0]
    assert att["state_link"] == "not-established"


def test_parameters_recorded_and_validated(store):
    from faisceau.errors import ParameterError

    build(store)
    assemble(store, min_accounts=20)  # the 12 flagged accounts are below the floor
    assert store.count("campaigns") == 0
    assert store.runs("campaigns")[-1]["params"].count('"min_accounts": 20') == 1
    with pytest.raises(ParameterError):
        assemble(store, min_accounts=1)


def test_author_of_an_older_organic_text_is_not_enrolled(store):
    import datetime as dt

    from faisceau.detect.content.tables import CONTENT_CLUSTERS
    from faisceau.schema import POSTS

    build(store)
    store.append(POSTS, POSTS.from_rows([{"platform": "x", "post_id": "5000", "account_id": "1", "kind": "post",
                                          "created_at": dt.datetime(2023, 7, 21, 8), "hashtags": [],
                                          "text": "#BoycottParis2024 Paris n'est pas sûr, émeutes à Bordo et Monpelye"}]))
    members = [r[0] for r in store.con.execute(
        "SELECT post_id FROM posts WHERE text LIKE '#BoycottParis2024 Paris n''est%' ORDER BY created_at").fetchall()]
    accounts = sorted({r[0] for r in store.con.execute(
        "SELECT DISTINCT account_id FROM posts WHERE post_id IN (SELECT unnest(?::VARCHAR[]))", [members]).fetchall()})
    store.write_result(CONTENT_CLUSTERS, CONTENT_CLUSTERS.from_rows(
        [{"cluster_id": "cp-1", "type": "copypasta", "members": members, "accounts": accounts,
          "first_post_id": "5000", "first_account_id": "1"}]), stage="fixture")
    assemble(store)
    roles = {r["account_id"]: r["membership"] for r in store.table("campaign_accounts").to_pylist()}
    assert roles.get("1") == "periphery"  # shares the text, is not an originator of the campaign
