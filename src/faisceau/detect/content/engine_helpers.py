"""A throw-away in-memory DuckDB engine, for helpers used outside a store."""
from __future__ import annotations


def duck_engine():
    from ...engine.duckdb_engine import DuckDBEngine

    return DuckDBEngine()
