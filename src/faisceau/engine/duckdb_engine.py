"""DuckDB engine: the embedded default, running on the store's own connection."""
from __future__ import annotations

import os
import re

import duckdb
import pyarrow as pa

from .._duck import query_arrow
from ..errors import EngineError
from .base import Engine, parquet_sources


def _quote(path: str) -> str:
    return "'" + path.replace("'", "''") + "'"


def parquet_source(path: str) -> str:
    """A DuckDB table function reading a Parquet file, glob or Spark-style directory."""
    if "://" not in path and os.path.isdir(path):
        # A directory written by Spark (or partitioned): every part file, hive keys as columns.
        return f"read_parquet({_quote(os.path.join(path, '**', '*.parquet'))}, hive_partitioning = true)"
    return f"read_parquet({_quote(path)})"


class DuckDBEngine(Engine):
    name = "duckdb"

    def __init__(self, store=None, con: duckdb.DuckDBPyConnection | None = None, *, parquet=None):
        if con is None:
            con = store.con if store is not None else duckdb.connect(":memory:")
            con.execute("SET TimeZone='UTC'")
        self.con = con
        self._registered: set[str] = set()
        for name, uri in parquet_sources(parquet).items():
            self.register(name, uri)

    def sql(self, query: str) -> pa.Table:
        try:
            return query_arrow(self.con, query)
        except duckdb.Error as exc:
            raise EngineError(f"duckdb: {exc}") from exc

    def register(self, name: str, data: pa.Table | str) -> None:
        self.drop(name)
        if isinstance(data, str):
            try:
                self.con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT * FROM {parquet_source(data)}")
            except duckdb.Error as exc:
                raise EngineError(f"duckdb: cannot read parquet {data}: {exc}") from exc
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

    def to_parquet(self, query: str, path: str, *, partition_by: list[str] | None = None) -> None:
        if partition_by:
            cols = ", ".join(partition_by)
            target, opts = path, f"FORMAT PARQUET, PARTITION_BY ({cols}), OVERWRITE_OR_IGNORE"
        elif path.endswith(".parquet"):
            target, opts = path, "FORMAT PARQUET"
        else:
            os.makedirs(path, exist_ok=True)
            for old in os.listdir(path):
                if re.fullmatch(r"part-\d+\.parquet", old):
                    os.remove(os.path.join(path, old))
            target, opts = os.path.join(path, "part-0.parquet"), "FORMAT PARQUET"
        try:
            self.con.execute(f"COPY ({query}) TO {_quote(target)} ({opts})")
        except duckdb.Error as exc:
            raise EngineError(f"duckdb: cannot write {path}: {exc}") from exc

    def map_batches(self, name: str, query: str, func, schema: pa.Schema, *, batch_rows: int = 65_536) -> None:
        try:
            reader = self.con.sql(query).to_arrow_reader(batch_rows)
            # The reader is consumed whole before the connection does anything else.
            out = pa.Table.from_batches([b.cast(schema) if b.schema != schema else b for b in func(iter(reader))],
                                        schema=schema)
        except duckdb.Error as exc:
            raise EngineError(f"duckdb: {exc}") from exc
        self.register(name, out)

    def columns(self, name: str) -> list[str]:
        return [r[0] for r in self.con.execute(f"DESCRIBE {name}").fetchall()]

    def register_store_table(self, store, name: str) -> None:
        if store.con is not self.con:
            self.register(name, store.table(name))
