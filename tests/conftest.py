from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("FAISCEAU_SHARED_DATA", ROOT.parent / "shared" / "data"))
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _quiet_progress(monkeypatch):
    from faisceau import progress

    monkeypatch.setattr(progress, "_QUIET", True)


@pytest.fixture
def store(tmp_path):
    from faisceau.store import Store

    st = Store(tmp_path / "t.duckdb")
    yield st
    st.close()


def shared_data(rel: str) -> Path:
    """Path into ../shared/data, skipping the test with a clear reason if absent."""
    p = SHARED_DATA / rel
    if not p.exists():
        pytest.skip(f"real data {p} is absent (set FAISCEAU_SHARED_DATA)")
    return p
