"""Derive the DISARM Red v1.6 technique table shipped in src/faisceau/data/.

Reads the DISARM files in ../shared/data/disarm/ (or $FAISCEAU_SHARED_DATA/disarm) and
writes ids, names, tactic and the STIX attack-pattern id of all 391 techniques; the long
summaries stay out to keep the package small. Run: python3 scripts/derive_disarm_table.py
"""
from __future__ import annotations

import csv
import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FAISCEAU_SHARED_DATA", ROOT.parent / "shared" / "data"))
OUT = ROOT / "src" / "faisceau" / "data" / "disarm_red_v1_6.csv"


def main() -> None:
    src = SHARED / "disarm"
    bundle = json.loads((src / "DISARM.json").read_text())
    stix_ids = {}
    for o in bundle["objects"]:
        if o["type"] == "attack-pattern":
            for ref in o.get("external_references", []):
                if ref.get("external_id"):
                    stix_ids[ref["external_id"]] = o["id"]
    rows = list(csv.DictReader((src / "disarm_red_techniques_DERIVED.csv").open(encoding="utf-8")))
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["disarm_id", "name", "tactic_id", "tactic_name", "parent_id", "stix_id"])
        for r in sorted(rows, key=lambda r: [int(p.lstrip("T")) for p in r["disarm_id"].split(".")]):
            w.writerow([r["disarm_id"], r["name"], r["tactic_id"], r["tactic_name"], r["parent_id"],
                        stix_ids.get(r["disarm_id"], "")])
    print(f"wrote {len(rows)} techniques to {OUT}")


if __name__ == "__main__":
    main()
