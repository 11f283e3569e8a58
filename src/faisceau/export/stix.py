"""STIX 2.1 bundle of the findings, built with the stix2 library.

Per campaign: a campaign object; attack-patterns for its DISARM techniques (with the
DISARM external id); user-account, url and domain-name observables; a note carrying the
caveats. An intrusion-set is added only when the data show one operator (coordination
high and inauthenticity at least moderate); a threat-actor only when the campaign is
linked to an identified actor of the watchlist. Everything is marked with the TLP 2.0
marking chosen (the official marking-definition ids) and created by one identity; a
report object lists it all. Ids are UUIDv5 of stable content, so reruns keep them.
"""
from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path

import stix2

from ..errors import ParameterError

TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
TLP2_IDS = {
    "clear": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    "green": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    "amber": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    "amber+strict": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    "red": "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}
NAMESPACE = uuid.UUID("6f1c2b1e-8a43-4f6e-9a57-2b4d1f0e9c11")
MAX_ACCOUNTS = 500


def tlp_marking(level: str) -> stix2.v21.MarkingDefinition:
    level = level.lower().removeprefix("tlp:")
    if level == "white":
        level = "clear"
    if level not in TLP2_IDS:
        raise ParameterError(f"unknown TLP level '{level}': choose one of {', '.join(TLP2_IDS)}")
    return stix2.v21.MarkingDefinition(
        id=TLP2_IDS[level], created="2022-10-01T00:00:00.000Z", name=f"TLP:{level.upper()}",
        extensions={TLP2_EXTENSION: {"extension_type": "property-extension", "tlp_2_0": level}})


def _sid(kind: str, *parts) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, kind + '|' + '|'.join(str(p) for p in parts))}"


def _ts(v: str | None):
    return dt.datetime.fromisoformat(v).replace(tzinfo=dt.timezone.utc) if v else None


def build_bundle(findings: dict) -> stix2.v21.Bundle:
    marking = tlp_marking(findings.get("tlp") or "clear")
    now = dt.datetime.fromisoformat(findings["generated_at"])
    identity = stix2.v21.Identity(
        id=_sid("identity", "faisceau"), name="faisceau analysis", identity_class="system",
        description="Produced by faisceau " + findings["faisceau_version"], created=now, modified=now,
        object_marking_refs=[marking.id])
    common = {"created_by_ref": identity.id, "object_marking_refs": [marking.id], "created": now, "modified": now}
    objects: list = [marking, identity]
    seen: set[str] = set()

    def add(o):
        if o.id not in seen:
            seen.add(o.id)
            objects.append(o)
        return o

    platform_of = {a["account_id"]: a.get("platform") for a in findings["accounts"]}
    for c in findings["campaigns"]:
        cid, a = c["campaign_id"], c["assessment"]
        att = c["attribution"]
        coord = a.get("coordination", {})
        camp = add(stix2.v21.Campaign(
            id=_sid("campaign", findings["generated_at"][:10], cid, c["label"]), name=f"{c['label']} ({cid})",
            description=(f"{c['volume']['accounts']} accounts, {c['volume']['posts']} posts, "
                         f"{c['window']['start']} - {c['window']['end']} UTC. " + (att.get("statement") or "")),
            first_seen=_ts(c["window"]["start"]), last_seen=_ts(c["window"]["end"]),
            confidence=coord.get("stix_confidence", 15), **common))
        for t in c["techniques"]:
            ap = add(stix2.v21.AttackPattern(
                id=_sid("attack-pattern", "disarm", t["disarm_id"]), name=t["name"],
                external_references=[{"source_name": "DISARM", "external_id": t["disarm_id"],
                                      "url": "https://github.com/DISARMFoundation/DISARMframeworks/blob/main/"
                                             f"generated_pages/techniques/{t['disarm_id']}.md"}],
                kill_chain_phases=[{"kill_chain_name": "disarm",
                                    "phase_name": t["tactic_name"].lower().replace(" ", "-")}],
                **common))
            add(stix2.v21.Relationship(id=_sid("relationship", camp.id, "uses", ap.id), relationship_type="uses",
                                       source_ref=camp.id, target_ref=ap.id, description=t["behaviour"], **common))
        core = [x for x in findings["accounts"] if x["campaign_id"] == cid and x["membership"] == "core"]
        for x in core[:MAX_ACCOUNTS]:
            ua = add(stix2.v21.UserAccount(
                user_id=x["account_id"], account_login=x.get("handle"),
                account_type=_account_type(platform_of.get(x["account_id"])),
                object_marking_refs=[marking.id]))
            add(stix2.v21.Relationship(id=_sid("relationship", camp.id, "related-to", ua.id),
                                       relationship_type="related-to", source_ref=camp.id, target_ref=ua.id,
                                       description=f"{x['role']} of the campaign", **common))
        for u in c["narratives"]["urls"][:20]:
            try:
                obs = add(stix2.v21.URL(value=u["value"], object_marking_refs=[marking.id]))
            except stix2.exceptions.STIXError:
                continue
            add(stix2.v21.Relationship(id=_sid("relationship", camp.id, "related-to", obs.id),
                                       relationship_type="related-to", source_ref=camp.id, target_ref=obs.id,
                                       description=f"shared {u['n']} times by the campaign", **common))
        for d in c["narratives"]["domains"][:20]:
            try:
                obs = add(stix2.v21.DomainName(value=d["value"], object_marking_refs=[marking.id]))
            except stix2.exceptions.STIXError:
                continue
            add(stix2.v21.Relationship(id=_sid("relationship", camp.id, "related-to", obs.id),
                                       relationship_type="related-to", source_ref=camp.id, target_ref=obs.id,
                                       description=f"linked {d['n']} times by the campaign", **common))
        if coord.get("grade") == "high" and a.get("inauthenticity", {}).get("grade") in ("moderate", "high"):
            iset = add(stix2.v21.IntrusionSet(
                id=_sid("intrusion-set", camp.id), name=f"Operator of {c['label']} ({cid})",
                description="The set of coordinated, inauthentic accounts behind the campaign, treated as one "
                            "operator. " + (att.get("statement") or ""),
                first_seen=_ts(c["window"]["start"]), last_seen=_ts(c["window"]["end"]),
                confidence=min(coord["stix_confidence"], a["inauthenticity"]["stix_confidence"]), **common))
            add(stix2.v21.Relationship(id=_sid("relationship", camp.id, "attributed-to", iset.id),
                                       relationship_type="attributed-to", source_ref=camp.id, target_ref=iset.id,
                                       **common))
            if att.get("level") in ("linked-to-actor", "attributable-to-state") and att.get("actor"):
                state = att["level"] == "attributable-to-state"
                ta = add(stix2.v21.ThreatActor(
                    id=_sid("threat-actor", att["actor"]), name=att["actor"],
                    threat_actor_types=["nation-state"] if state else ["unknown"],
                    description="Identified actor from the analyst's watchlist.", **common))
                add(stix2.v21.Relationship(
                    id=_sid("relationship", iset.id, "ta", ta.id),
                    relationship_type="attributed-to" if state else "related-to", source_ref=iset.id,
                    target_ref=ta.id, description=att.get("statement"),
                    confidence=a.get("origin", {}).get("stix_confidence", 15), **common))
        caveats = list(att.get("caveats") or [])
        add(stix2.v21.Note(
            id=_sid("note", camp.id), abstract=f"Assessment and caveats for {cid}",
            content="\n".join([att.get("statement") or ""]
                              + [f"{ax}: {v['grade']} confidence ({v['stix_confidence']}/100): {v['rule']}"
                                 for ax, v in a.items()]
                              + ["Caveat: " + x for x in caveats]),
            object_refs=[camp.id], **common))
    report = stix2.v21.Report(
        id=_sid("report", findings["generated_at"]), name="faisceau findings", published=now,
        report_types=["campaign", "threat-actor"] if findings["campaigns"] else ["observed-data"],
        description=f"{len(findings['campaigns'])} campaign(s) found in {findings['dataset']['posts']} posts.",
        object_refs=[o.id for o in objects if o.type != "marking-definition"] or [identity.id], **common)
    objects.append(report)
    return stix2.v21.Bundle(objects=objects)


def _account_type(platform: str | None) -> str | None:
    return {"x": "twitter", "twitter": "twitter", "facebook": "facebook", "telegram": "telegram"}.get(platform or "")


def write_stix(findings: dict, path: Path) -> Path:
    bundle = build_bundle(findings)
    path.write_text(json.dumps(json.loads(bundle.serialize()), indent=1, ensure_ascii=False), encoding="utf-8")
    return path
