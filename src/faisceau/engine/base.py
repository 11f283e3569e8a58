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
    the driver; ``to_parquet`` writes large results where they are.
    Timestamps come back naive UTC on every engine (the store's convention).
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

    @abc.abstractmethod
    def to_parquet(self, query: str, path: str, *, partition_by: list[str] | None = None) -> None:
        """Write a query's result as Parquet without bringing it to the caller.

        ``path`` ending in ``.parquet`` is one file on DuckDB; otherwise a directory of
        part files (always a directory on Spark). ``register`` reads either form back.
        """

    @abc.abstractmethod
    def map_batches(self, name: str, query: str, func, schema: pa.Schema) -> None:
        """Run ``func`` over the query's rows as Arrow record batches where the data is, and
        keep its output (``schema``) queryable as ``name``, computed once.

        ``func(batches) -> batches`` must be a module-level function of faisceau (or a
        ``functools.partial`` of one), so Spark's executors can import it, and must map rows
        independently of how they are batched: the same function then gives the same rows
        on every engine (in process on DuckDB, ``mapInArrow`` on Spark's executors).
        """

    @abc.abstractmethod
    def columns(self, name: str) -> list[str]:
        """Column names of a relation."""

    @abc.abstractmethod
    def register_store_table(self, store, name: str) -> None:
        """Make a table of a DuckDB store queryable under its own name."""

    def count(self, name: str) -> int:
        return self.sql(f"SELECT count(*) AS n FROM {name}").column(0)[0].as_py()

    def close(self) -> None:  # pragma: no cover - engines without resources
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def parquet_sources(parquet: str | dict[str, str] | None) -> dict[str, str]:
    """``{"posts": uri, "accounts": uri}`` from a dict or the root of a canonical dataset.

    A canonical dataset (what ``faisceau ingest --engine spark`` writes) is a directory or
    URI holding ``posts/`` and ``accounts/`` Parquet directories.
    """
    if not parquet:
        return {}
    if isinstance(parquet, dict):
        return dict(parquet)
    root = parquet.rstrip("/")
    return {"posts": f"{root}/posts", "accounts": f"{root}/accounts"}
