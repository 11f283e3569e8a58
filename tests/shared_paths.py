"""Paths for tests (fixtures, ../shared/data). Imported by module name rather than from ``conftest``:
with a second conftest.py under tests/engine, ``import conftest`` may resolve to either."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEST_DATA = Path(__file__).resolve().parent / "data"
SHARED_DATA = Path(os.environ.get("FAISCEAU_SHARED_DATA", ROOT.parent / "shared" / "data"))


def shared_data(rel: str) -> Path:
    """Path into ../shared/data, skipping the test with a clear reason if absent."""
    p = SHARED_DATA / rel
    if not p.exists():
        pytest.skip(f"real data {p} is absent (set FAISCEAU_SHARED_DATA)")
    return p
