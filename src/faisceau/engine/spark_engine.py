"""Spark engine: the same DuckDB-dialect SQL, transpiled by sqlglot, run on PySpark.

The store's ``posts`` and ``accounts`` are handed to Spark as Parquet (exported once
from the store, or given directly as paths/URIs with ``register``). Only reduced
results come back to the driver through ``sql``.
"""
from __future__ import annotations

import os
import tempfile

import pyarrow as pa

from ..errors import EngineError, require
from .base import Engine


def to_spark_sql(query: str) -> str:
    """Transpile a DuckDB-dialect query to Spark SQL."""
    import sqlglot

    try:
        return sqlglot.transpile(query, read="duckdb", write="spark")[0]
    except sqlglot.errors.ParseError as exc:
        raise EngineError(f"cannot translate query for spark: {exc}") from exc


class SparkEngine(Engine):
    name = "spark"

    def __init__(self, store=None, master: str = "local[*]", session=None):
        require("pyspark", "spark", "the Spark engine")
        from pyspark.sql import SparkSession

        self.session = session or (
            SparkSession.builder.master(master)
            .appName("faisceau")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", os.environ.get("FAISCEAU_SPARK_PARTITIONS", "8"))
            .getOrCreate()
        )
        self._tmp = tempfile.TemporaryDirectory(prefix="faisceau-spark-")
        if store is not None:
            for name in ("posts", "accounts"):
                if store.has_table(name):
                    path = os.path.join(self._tmp.name, f"{name}.parquet")
                    store.con.execute(f"COPY (SELECT * FROM {name}) TO '{path}' (FORMAT PARQUET)")
                    self.register(name, path)

    def sql(self, query: str) -> pa.Table:
        df = self.session.sql(to_spark_sql(query))
        return df.toArrow() if hasattr(df, "toArrow") else pa.Table.from_pandas(df.toPandas())

    def register(self, name: str, data: pa.Table | str) -> None:
        if isinstance(data, str):
            df = self.session.read.parquet(data)
        else:
            path = os.path.join(self._tmp.name, f"{name}-{id(data)}.parquet")
            import pyarrow.parquet as pq

            pq.write_table(data, path)
            df = self.session.read.parquet(path)
        df.createOrReplaceTempView(name)

    def materialize(self, name: str, query: str) -> None:
        df = self.session.sql(to_spark_sql(query)).cache()
        df.count()
        df.createOrReplaceTempView(name)

    def drop(self, name: str) -> None:
        self.session.catalog.dropTempView(name)

    def close(self) -> None:
        self._tmp.cleanup()
