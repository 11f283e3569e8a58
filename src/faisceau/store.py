"""The DuckDB store: open, migrate, read tables, write results.

A Store wraps one DuckDB database file (default ``./faisceau.duckdb``). Every stage
reads the tables of the stage before it and writes its own tables back through
``write_result``, which also records the stage's parameters in ``runs`` so a report
can say exactly how each table was produced.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import uuid
from pathlib import Path
from typing import Any, Iterator

import duckdb
import pyarrow as pa

from . import __version__
from ._duck import query_arrow, row, scalar
from .errors import MissingTableError, StoreError
from .schema import CORE_TABLES, RUNS, Table, all_tables

DEFAULT_STORE = "faisceau.duckdb"
SCHEMA_VERSION = 1


def utcnow() -> dt.datetime:
    """Naive UTC now, millisecond precision (the store's time convention)."""
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


class Store:
    """A canonical faisceau store backed by a DuckDB file (or ``:memory:``)."""

    def __init__(self, path: str | os.PathLike = DEFAULT_STORE, *, read_only: bool = False):
        self.path = str(path)
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"no store at {self.path}: run 'faisceau ingest' first or pass --store")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc
        # Naive timestamps are UTC by convention; pin the session zone so nothing shifts them.
        with contextlib.suppress(duckdb.Error):
            self.con.execute("SET TimeZone='UTC'")
        self.read_only = read_only
        if not read_only:
            self.migrate()

    # -- lifecycle -----------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def migrate(self) -> None:
        self.con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        version = scalar(self.con, "SELECT value FROM meta WHERE key='schema_version'")
        if version and int(version) > SCHEMA_VERSION:
            raise StoreError(
                f"store {self.path} has schema version {version}, newer than this faisceau "
                f"({SCHEMA_VERSION}): upgrade faisceau"
            )
        for t in CORE_TABLES.values():
            self.con.execute(t.ddl())
            for sql in t.extra_sql:
                self.con.execute(sql)
        self.con.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
        )

    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All-or-nothing block: an exception rolls back every write inside it."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        else:
            self.con.execute("COMMIT")

    # -- reading -------------------------------------------------------------------
    def has_table(self, name: str) -> bool:
        return bool(
            scalar(self.con, "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name])
        )

    def tables(self) -> list[str]:
        return [
            r[0]
            for r in self.con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema='main' "
                "ORDER BY table_name"
            ).fetchall()
        ]

    def _check(self, name: str) -> None:
        if not self.has_table(name):
            raise MissingTableError(
                f"table '{name}' is not in store {self.path}; available: {', '.join(self.tables())}"
            )

    def table(self, name: str, columns: list[str] | None = None) -> pa.Table:
        """A whole table (or view) as an Arrow table."""
        self._check(name)
        cols = ", ".join(f'"{c}"' for c in columns) if columns else "*"
        return query_arrow(self.con, f'SELECT {cols} FROM "{name}"')

    def df(self, name: str, columns: list[str] | None = None):
        """A whole table as a pandas DataFrame."""
        return self.table(name, columns).to_pandas()

    def query(self, sql: str, params: list | None = None) -> pa.Table:
        return query_arrow(self.con, sql, params)

    def count(self, name: str) -> int:
        self._check(name)
        return scalar(self.con, f'SELECT count(*) FROM "{name}"')

    # -- writing results -----------------------------------------------------------
    def write_result(
        self,
        table: Table,
        data: pa.Table,
        *,
        stage: str,
        params: dict[str, Any] | None = None,
        engine: str = "duckdb",
        started_at: dt.datetime | None = None,
    ) -> str:
        """Replace a result table with ``data`` and record the run. Returns the run id."""
        return self.write_results(
            {table.name: (table, data)}, stage=stage, params=params, engine=engine,
            started_at=started_at,
        )

    def write_results(
        self,
        results: dict[str, tuple[Table, pa.Table]],
        *,
        stage: str,
        params: dict[str, Any] | None = None,
        engine: str = "duckdb",
        started_at: dt.datetime | None = None,
    ) -> str:
        """Replace several result tables atomically and record one run for them."""
        run_id = uuid.uuid4().hex[:12]
        started_at = started_at or utcnow()
        with self.transaction() as con:
            for name, (tdef, data) in results.items():
                data = tdef.conform(data)
                con.execute(f'DROP TABLE IF EXISTS "{name}"')
                con.execute(tdef.ddl())
                con.register("_faisceau_incoming", data)
                try:
                    con.execute(f'INSERT INTO "{name}" SELECT * FROM _faisceau_incoming')
                finally:
                    con.unregister("_faisceau_incoming")
                for sql in tdef.extra_sql:
                    con.execute(sql)
            run = RUNS.from_rows(
                [
                    {
                        "run_id": run_id,
                        "stage": stage,
                        "tables": list(results),
                        "params": json.dumps(params or {}, sort_keys=True, default=str),
                        "engine": engine,
                        "faisceau_version": __version__,
                        "started_at": started_at,
                        "ended_at": utcnow(),
                    }
                ]
            )
            con.register("_faisceau_run", run)
            try:
                con.execute("INSERT INTO runs SELECT * FROM _faisceau_run")
            finally:
                con.unregister("_faisceau_run")
        return run_id

    def append(self, table: Table, data: pa.Table) -> None:
        """Append rows to a declared table (no de-duplication: callers own the key)."""
        self.con.execute(table.ddl())
        data = table.conform(data)
        self.con.register("_faisceau_append", data)
        try:
            self.con.execute(f'INSERT INTO "{table.name}" SELECT * FROM _faisceau_append')
        finally:
            self.con.unregister("_faisceau_append")

    def runs(self, stage: str | None = None) -> list[dict]:
        sql = "SELECT * FROM runs"
        args: list = []
        if stage:
            sql += " WHERE stage = ?"
            args.append(stage)
        sql += " ORDER BY started_at"
        return query_arrow(self.con, sql, args).to_pylist()

    # -- summaries -----------------------------------------------------------------
    def info(self) -> dict[str, Any]:
        counts = {name: self.count(name) for name in self.tables() if name != "meta"}
        span = row(self.con, "SELECT min(created_at), max(created_at) FROM posts")
        platforms = dict(
            self.con.execute(
                "SELECT platform, count(*) FROM posts GROUP BY platform ORDER BY platform"
            ).fetchall()
        )
        accounts = scalar(
            self.con, "SELECT count(*) FROM (SELECT DISTINCT platform, account_id FROM accounts)"
        )
        return {
            "store": self.path,
            "tables": counts,
            "distinct_accounts": accounts,
            "first_post": span[0].isoformat() if span[0] else None,
            "last_post": span[1].isoformat() if span[1] else None,
            "platforms": platforms,
        }

    def export(self, name: str, out: str | os.PathLike) -> int:
        """Write a table to CSV or Parquet, chosen by the file suffix. Returns rows written."""
        self._check(name)
        out = str(out)
        suffix = Path(out).suffix.lower()
        if suffix == ".parquet":
            fmt = "(FORMAT PARQUET)"
        elif suffix == ".csv":
            fmt = "(FORMAT CSV, HEADER)"
        else:
            raise StoreError(f"cannot export to {out}: use a .csv or .parquet file name")
        n = self.count(name)
        rel = f'SELECT * FROM "{name}"'
        if suffix == ".csv":
            # CSV has no nested types: lists and structs become JSON text.
            types = self.con.execute(f'DESCRIBE "{name}"').fetchall()
            sel = []
            for col, typ, *_ in types:
                if "[]" in typ or typ.startswith("STRUCT") or typ.startswith("MAP"):
                    sel.append(f'to_json("{col}") AS "{col}"')
                else:
                    sel.append(f'"{col}"')
            rel = f'SELECT {", ".join(sel)} FROM "{name}"'
        self.con.execute(f"COPY ({rel}) TO '{out.replace(chr(39), chr(39) * 2)}' {fmt}")
        return n


def known_table(name: str) -> Table | None:
    return all_tables().get(name)
