"""DuckDB compatibility and fast Arrow fetches.

DuckDB 2.0 renamed ``fetch_arrow_table`` to ``to_arrow_table`` and warns that Arrow
output from a DB-API cursor makes an extra copy of the rows; ``query_arrow`` goes
through a relation instead, which does not.
"""
from __future__ import annotations

import pyarrow as pa


def to_arrow(result) -> pa.Table:
    """The Arrow table of an executed DuckDB connection/cursor or relation."""
    fetch = getattr(result, "to_arrow_table", None) or getattr(result, "fetch_arrow_table")
    return fetch()


def query_arrow(con, sql: str, params: list | None = None) -> pa.Table:
    """Run ``sql`` on ``con`` and return Arrow without the DB-API copy."""
    rel = con.sql(sql, params=params) if params else con.sql(sql)
    if rel is None:  # a statement with no result set
        return pa.table({})
    return to_arrow(rel)


def scalar(con, sql: str, params: list | None = None):
    """First column of the first row, or None. Consumes the whole result: DuckDB 2.0
    refuses further work on a connection whose last ``execute`` was not fully fetched."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None


def row(con, sql: str, params: list | None = None):
    """The first row (a tuple) or None, consuming the whole result (see ``scalar``)."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None
