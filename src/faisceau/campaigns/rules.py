"""Grading rules: evidence items -> low / moderate / high confidence per axis.

The rules are deliberately simple and written out in docs/assessment.md; each returns the
grade, the sentence of the rule that fired and the evidence ids it used. STIX confidence
follows the STIX 2.1 "None/Low/Med/High" scale (Appendix A): low 15, moderate 50, high 85.
"""
from __future__ import annotations

STIX_CONFIDENCE = {"low": 15, "moderate": 50, "high": 85}

# A signal counts for the inauthenticity axis when it covers at least this share of the
# campaign's accounts and is at least LIFT times as frequent as among the other accounts.
MIN_SHARE = 0.25
LIFT = 3.0
# An origin clue family counts when it covers at least this share of the core accounts.
ORIGIN_MIN_SHARE = 0.2


def grade_coordination(items: list[dict], missing: list[str]) -> tuple[str, str, list[str]]:
    by = {}
    for it in items:
        by.setdefault(it["kind"], []).append(it)
    community = by.get("coordination-community", []) + by.get("coaction-edges", [])
    sync = [i for i in by.get("synchronised-resharing", []) if i["value"] >= 0.5]
    reuse = by.get("content-reuse", []) + by.get("media-reuse", [])
    used = [i["evidence_id"] for i in community + sync + reuse + by.get("burst", [])]
    if community and (sync or reuse):
        return "high", ("flagged by the coordination detector against chance, and corroborated by "
                        "synchronised resharing or content reuse"), used
    if community:
        return "moderate", "flagged by the coordination detector, without a second, independent pattern", used
    if sync and reuse:
        return "moderate", ("synchronised resharing and content reuse, but no significance test "
                            "(coordination tables missing)" if "coordination" in missing else
                            "synchronised resharing and content reuse, not flagged by the coordination detector"), used
    return "low", "no significant co-action, or a single weak pattern", used


def inauthenticity_families(items: list[dict]) -> dict[str, list[dict]]:
    fams: dict[str, list[dict]] = {}
    for it in items:
        fam = None
        if it["kind"] == "creation-month":
            # share of campaign accounts created in one month, and its lift over the background
            if it["share"] >= MIN_SHARE and it["lift"] >= LIFT:
                fam = "creation"
        elif it["kind"] == "window-only-accounts":
            if it["share"] >= MIN_SHARE:
                fam = "lifetime"
        elif it["kind"].startswith("signal:"):
            bg = it.get("background") or 0.0
            if it["value"] >= MIN_SHARE and (bg == 0 or it["value"] / bg >= LIFT):
                fam = it.get("family")
        elif it["kind"] == "news-outlet-persona" and it.get("recent"):
            fam = "profile"
        if fam:
            fams.setdefault(fam, []).append(it)
    return fams


def grade_inauthenticity(items: list[dict], missing: list[str]) -> tuple[str, str, list[str]]:
    fams = inauthenticity_families(items)
    score = next((i for i in items if i["kind"] == "inauthenticity-score"), None)
    used = [i["evidence_id"] for f in fams.values() for i in f] + ([score["evidence_id"]] if score else [])
    names = ", ".join(sorted(fams))
    if len(fams) >= 3 or (len(fams) >= 2 and score and score["value"] >= 0.6):
        return "high", f"{len(fams)} independent families of inauthenticity signals ({names})", used
    if fams or (score and score["value"] >= 0.4):
        return "moderate", f"{len(fams)} family of inauthenticity signals ({names or 'score only'})", used
    return "low", "no inauthenticity signal over-represented in the campaign", used


def grade_origin(country: str | None, agreeing: dict[str, list[dict]]) -> tuple[str, str, list[str]]:
    if not country:
        return "low", "no origin clue family covers enough of the accounts", []
    its = agreeing.get(country, [])
    fams = sorted({i["family"] for i in its})
    used = [i["evidence_id"] for i in its]
    if len(fams) >= 3:
        return "high", f"{len(fams)} independent clue families agree ({', '.join(fams)})", used
    if len(fams) == 2:
        return "moderate", f"2 clue families agree ({', '.join(fams)})", used
    return "low", f"a single clue family ({', '.join(fams)})", used
