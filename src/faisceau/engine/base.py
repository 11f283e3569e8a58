"""The engine interface."""
from __future__ import annotations

import abc

import pyarrow as pa


class Engine(abc.ABC):
    """Runs DuckDB-dialect SQL over named relations and returns Arrow tables.

    Relations: ``posts`` and ``accounts`` (the store's canonical tables) are always
    visible; ``register`` adds Arrow tables or Parquet files; ``materialize`` stores the
    result of a query under a name for later queries (a temp table or a cached view).
    Only reduced results should come back through ``sql``: on Spark, that collects to
    the driver.
    """

    name: str = "?"

    @abc.abstractmethod
    def sql(self, query: str) -> pa.Table:
        """Run a query (DuckDB dialect) and return the result as Arrow."""

    @abc.abstractmethod
    def register(self, name: str, data: pa.Table | str) -> None:
        """Make an Arrow table, or a Parquet path/URI, queryable as ``name``."""

    @abc.abstractmethod
    def materialize(self, name: str, query: str) -> None:
        """Compute ``query`` once and keep it queryable as ``name``."""

    @abc.abstractmethod
    def drop(self, name: str) -> None:
        """Forget a registered or materialized relation (no error if absent)."""

    def count(self, name: str) -> int:
        return self.sql(f"SELECT count(*) AS n FROM {name}").column(0)[0].as_py()

    def close(self) -> None:  # pragma: no cover - engines without resources
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
