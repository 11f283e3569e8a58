"""DuckDB compatibility: the Arrow fetch method was renamed in DuckDB 2.0."""
from __future__ import annotations

import pyarrow as pa


def to_arrow(result) -> pa.Table:
    """The Arrow table of an executed DuckDB connection/cursor or relation."""
    fetch = getattr(result, "to_arrow_table", None) or getattr(result, "fetch_arrow_table")
    return fetch()
