"""Atomic per-file writes: stage batches, then de-duplicate and insert in set operations.

One file is one transaction. Batches from the sink are appended to temporary staging
tables; at the end, posts whose key (platform, post_id) is already stored, or that
repeat an earlier record of the same file, are counted as duplicates by an anti-join,
and only the rest is inserted. Account observations are de-duplicated the same way on
(platform, account_id, observed_at), quarantine rows on (source_sha256, record_no,
error_code) so that re-ingesting a file adds nothing. Any exception rolls everything
back: a failure never leaves half a file in the store.
"""
from __future__ import annotations

import itertools

import pyarrow as pa

from ..errors import FaisceauError
from ..schema import ACCOUNTS, INGEST_LOG, POSTS, QUARANTINE, Table
from ..store import Store, utcnow
from .base import Context

_STAGE = {POSTS.name: "_ingest_stage_posts", ACCOUNTS.name: "_ingest_stage_accounts",
          QUARANTINE.name: "_ingest_stage_quarantine"}
_counter = itertools.count()


class AccountingError(FaisceauError):
    """read != stored + duplicates + quarantined: an adapter lost or invented a record."""

    code = "ingest-accounting"


class FileWriter:
    def __init__(self, store: Store, ctx: Context):
        self.store = store
        self.con = store.con
        self.ctx = ctx
        self.staged = {name: 0 for name in _STAGE}
        self._reg = f"_ingest_batch_{next(_counter)}"

    def __enter__(self) -> "FileWriter":
        # DuckDB draws its own progress bar on stdout for long statements; ours is on stderr
        self.con.execute("SET enable_progress_bar = false")
        self.con.execute("BEGIN TRANSACTION")
        try:
            for name, stage in _STAGE.items():
                self.con.execute(f'CREATE OR REPLACE TEMP TABLE {stage} AS SELECT * FROM "{name}" LIMIT 0')
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self.con.execute("COMMIT")
            else:
                self.con.execute("ROLLBACK")
        finally:
            for stage in _STAGE.values():
                self.con.execute(f"DROP TABLE IF EXISTS {stage}")

    def stage(self, table: Table, batch: pa.Table) -> None:
        self.con.register(self._reg, batch)
        try:
            self.con.execute(f"INSERT INTO {_STAGE[table.name]} SELECT * FROM {self._reg}")
        finally:
            self.con.unregister(self._reg)
        self.staged[table.name] += batch.num_rows

    def stage_select(self, table: Table, select_sql: str, params: list | None = None) -> int:
        """Stage the rows of a SELECT (in the table's column order). Returns the count."""
        row = self.con.execute(f"INSERT INTO {_STAGE[table.name]} {select_sql}", params or []).fetchone()
        n = int(row[0]) if row else 0
        self.staged[table.name] += n
        return n

    def _insert_count(self, sql: str) -> int:
        row = self.con.execute(sql).fetchone()
        return int(row[0]) if row else 0

    def finish(self, records_read: int, quarantined: int, started_at) -> dict:
        """De-duplicate and insert the staged rows, log the file and check the accounting."""
        cols = ", ".join(f'"{c}"' for c in POSTS.column_names)
        stored = self._insert_count(
            f"""INSERT INTO posts ({cols})
            SELECT {cols} FROM (
              SELECT *, row_number() OVER (PARTITION BY platform, post_id ORDER BY record_no) AS _rn
              FROM {_STAGE['posts']}) s
            WHERE _rn = 1 AND NOT EXISTS (
              SELECT 1 FROM posts p WHERE p.platform = s.platform AND p.post_id = s.post_id)"""
        )
        acols = ", ".join(f'"{c}"' for c in ACCOUNTS.column_names)
        accounts = self._insert_count(
            f"""INSERT INTO accounts ({acols})
            SELECT {acols} FROM (
              SELECT *, row_number() OVER (PARTITION BY platform, account_id, observed_at
                                           ORDER BY record_no) AS _rn
              FROM {_STAGE['accounts']}) s
            WHERE _rn = 1 AND NOT EXISTS (
              SELECT 1 FROM accounts a WHERE a.platform = s.platform AND a.account_id = s.account_id
                AND a.observed_at IS NOT DISTINCT FROM s.observed_at)"""
        )
        qcols = ", ".join(f'"{c}"' for c in QUARANTINE.column_names)
        self.con.execute(
            f"""INSERT INTO quarantine ({qcols})
            SELECT {qcols} FROM {_STAGE['quarantine']} s
            WHERE NOT EXISTS (
              SELECT 1 FROM quarantine q WHERE q.source_sha256 = s.source_sha256
                AND q.record_no IS NOT DISTINCT FROM s.record_no AND q.error_code = s.error_code)"""
        )
        posts_staged = self.staged["posts"]
        duplicates = posts_staged - stored
        if self.staged["quarantine"] != quarantined or records_read != stored + duplicates + quarantined:
            raise AccountingError(
                f"{self.ctx.source_file}: read {records_read} != stored {stored} + duplicates "
                f"{duplicates} + quarantined {quarantined} (adapter {self.ctx.adapter}); "
                "nothing was written: please report this with the file"
            )
        ended = utcnow()
        log = {
            "source_file": self.ctx.source_file, "source_sha256": self.ctx.sha256,
            "adapter": self.ctx.adapter, "adapter_version": self.ctx.adapter_version,
            "rows_read": records_read, "rows_stored": stored, "duplicates": duplicates,
            "quarantined": quarantined, "accounts_stored": accounts,
            "started_at": started_at, "ended_at": ended,
        }
        self.con.register(self._reg, INGEST_LOG.from_rows([log]))
        try:
            self.con.execute(f"INSERT INTO ingest_log SELECT * FROM {self._reg}")
        finally:
            self.con.unregister(self._reg)
        return log
