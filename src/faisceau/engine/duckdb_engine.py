"""DuckDB engine: the embedded default, running on the store's own connection."""
from __future__ import annotations

import duckdb
import pyarrow as pa

from .._duck import query_arrow
from ..errors import EngineError
from .base import Engine


class DuckDBEngine(Engine):
    name = "duckdb"

    def __init__(self, store=None, con: duckdb.DuckDBPyConnection | None = None):
        if con is None:
            con = store.con if store is not None else duckdb.connect(":memory:")
        self.con = con
        self._registered: set[str] = set()

    def sql(self, query: str) -> pa.Table:
        try:
            return query_arrow(self.con, query)
        except duckdb.Error as exc:
            raise EngineError(f"duckdb: {exc}") from exc

    def register(self, name: str, data: pa.Table | str) -> None:
        self.drop(name)
        if isinstance(data, str):
            path = data.replace("'", "''")
            self.con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT * FROM read_parquet('{path}')")
        else:
            self.con.register(name, data)
            self._registered.add(name)

    def materialize(self, name: str, query: str) -> None:
        self.drop(name)
        try:
            self.con.execute(f"CREATE TEMP TABLE {name} AS {query}")
        except duckdb.Error as exc:
            raise EngineError(f"duckdb: {exc}") from exc

    def drop(self, name: str) -> None:
        if name in self._registered:
            self.con.unregister(name)
            self._registered.discard(name)
        self.con.execute(f"DROP TABLE IF EXISTS temp.{name}")
        self.con.execute(f"DROP VIEW IF EXISTS temp.{name}")
