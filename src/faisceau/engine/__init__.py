"""The one interface detectors compute through; DuckDB and Spark behind it.

Detectors write their queries once, in DuckDB's SQL dialect, over relations named
``posts``, ``accounts`` and whatever they ``materialize``. The DuckDB engine runs the
SQL as written; the Spark engine transpiles it (engine/spark_sql.py). A detector never
imports duckdb or pyspark itself: engine-specific code lives here, and pyspark is only
imported when a Spark engine is asked for.
"""
from __future__ import annotations

import os

from .base import Engine, parquet_sources

ENGINES = ("duckdb", "spark")


def get_engine(
    name: str | None = None,
    *,
    store=None,
    spark_master: str | None = None,
    parquet: str | dict[str, str] | None = None,
) -> Engine:
    """The engine named by ``name``, else $FAISCEAU_ENGINE, else DuckDB.

    ``posts``/``accounts`` come from ``store``, or from ``parquet`` (a canonical dataset
    root or ``{"posts": uri, ...}``; default $FAISCEAU_PARQUET), which wins when both
    are given. The Spark master is ``spark_master``, else $SPARK_MASTER, else local[*].
    """
    from ..errors import EngineError

    name = (name or os.environ.get("FAISCEAU_ENGINE") or "duckdb").lower()
    if parquet is None:
        parquet = os.environ.get("FAISCEAU_PARQUET") or None
    if name == "duckdb":
        from .duckdb_engine import DuckDBEngine

        return DuckDBEngine(store=store, parquet=parquet)
    if name == "spark":
        from .spark_engine import SparkEngine

        return SparkEngine(store=store, master=spark_master, parquet=parquet)
    raise EngineError(f"unknown engine '{name}': choose one of {', '.join(ENGINES)}")


__all__ = ["Engine", "get_engine", "ENGINES", "parquet_sources"]
