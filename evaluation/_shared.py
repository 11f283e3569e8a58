"""Helpers shared by the coordination evaluation scripts."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def default_data() -> Path:
    """$FAISCEAU_SHARED_DATA, else shared/data beside the checkout (or beside its parent,
    for a worktree under wt/)."""
    if os.environ.get("FAISCEAU_SHARED_DATA"):
        return Path(os.environ["FAISCEAU_SHARED_DATA"])
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "data").exists():
            return base / "shared" / "data"
    return ROOT.parent / "shared" / "data"
