"""The one interface detectors compute through; DuckDB and Spark behind it.

Detectors write their queries once, in DuckDB's SQL dialect, over relations named
``posts``, ``accounts`` and whatever they ``materialize``. The DuckDB engine runs the
SQL as written; the Spark engine transpiles it with sqlglot. A detector never imports
duckdb or pyspark itself: engine-specific code lives here.
"""
from __future__ import annotations

import os

from .base import Engine

ENGINES = ("duckdb", "spark")


def get_engine(name: str | None = None, *, store=None, spark_master: str | None = None) -> Engine:
    """The engine named by ``name``, else $FAISCEAU_ENGINE, else DuckDB (loaded lazily)."""
    from ..errors import EngineError

    name = (name or os.environ.get("FAISCEAU_ENGINE") or "duckdb").lower()
    if name == "duckdb":
        from .duckdb_engine import DuckDBEngine

        return DuckDBEngine(store=store)
    if name == "spark":
        from .spark_engine import SparkEngine

        return SparkEngine(store=store, master=spark_master or os.environ.get("SPARK_MASTER") or "local[*]")
    raise EngineError(f"unknown engine '{name}': choose one of {', '.join(ENGINES)}")


__all__ = ["Engine", "get_engine", "ENGINES"]
