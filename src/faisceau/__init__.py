"""faisceau: find coordinated information-manipulation campaigns and weigh the evidence."""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "Store", "ingest"]


def __getattr__(name: str):
    # Lazy: importing faisceau must stay cheap (the CLI imports it for --version).
    if name == "Store":
        from .store import Store

        return Store
    if name == "ingest":
        from .ingest import ingest

        return ingest
    raise AttributeError(name)
