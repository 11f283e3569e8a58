"""The canonical tables, declared once.

Every table is a list of ``Column`` (name, Arrow type, doc). The DuckDB DDL, the
Arrow schema and the docs are all derived from these declarations, so a column is
added in exactly one place.

Conventions
- Times are UTC, stored as naive TIMESTAMP with millisecond precision
  (``pa.timestamp('ms')``): naive so DuckDB and Spark do the same arithmetic
  whatever the session time zone; UTC by construction because every adapter
  converts before writing.
- Unknown is NULL, never 0 (a missing view count is not zero views).
- Lists (hashtags, urls...) are never NULL when the source had none: they are empty.
- Result tables of later stages are declared by the stage itself with the same
  ``Table`` type, and registered in ``RESULT_TABLES`` at import of that stage.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

import pyarrow as pa

TS = pa.timestamp("ms")

MEDIA_TYPE = pa.struct(
    [
        pa.field("media_key", pa.string()),
        pa.field("type", pa.string()),  # photo | video | gif
        pa.field("url", pa.string()),
        pa.field("duration_ms", pa.int64()),
        pa.field("phash", pa.string()),  # 16 hex chars (64-bit pHash); filled by the content stage
    ]
)


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    doc: str
    nullable: bool = True


@dataclass(frozen=True)
class Table:
    name: str
    doc: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()  # logical primary key, enforced by writers not DDL
    extra_sql: tuple[str, ...] = field(default_factory=tuple)  # views/indexes created after the table

    @property
    def arrow_schema(self) -> pa.Schema:
        return pa.schema([pa.field(c.name, c.type, nullable=c.nullable) for c in self.columns])

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def ddl(self) -> str:
        cols = ",\n  ".join(f'"{c.name}" {duckdb_type(c.type)}' for c in self.columns)
        return f'CREATE TABLE IF NOT EXISTS "{self.name}" (\n  {cols}\n)'

    def empty(self) -> pa.Table:
        return self.arrow_schema.empty_table()

    def from_rows(self, rows: Iterable[Mapping]) -> pa.Table:
        """Build an Arrow table from dicts; missing keys become NULL (lists: empty)."""
        rows = list(rows)
        arrays = []
        for c in self.columns:
            values = [r.get(c.name, _default(c.type)) for r in rows]
            arrays.append(pa.array(values, type=c.type))
        return pa.Table.from_arrays(arrays, schema=self.arrow_schema)

    def conform(self, table: pa.Table) -> pa.Table:
        """Reorder, add missing columns as NULL and cast to the declared types."""
        n = table.num_rows
        arrays = []
        for c in self.columns:
            if c.name in table.column_names:
                col = table.column(c.name)
                if col.type != c.type:
                    col = col.cast(c.type)
                arrays.append(col)
            elif pa.types.is_list(c.type):
                arrays.append(pa.array([[] for _ in range(n)], type=c.type))
            else:
                arrays.append(pa.nulls(n, type=c.type))
        return pa.Table.from_arrays(arrays, schema=self.arrow_schema)


def _default(t: pa.DataType):
    return [] if pa.types.is_list(t) else None


def duckdb_type(t: pa.DataType) -> str:
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return "VARCHAR"
    if pa.types.is_int64(t):
        return "BIGINT"
    if pa.types.is_int32(t):
        return "INTEGER"
    if pa.types.is_boolean(t):
        return "BOOLEAN"
    if pa.types.is_float64(t):
        return "DOUBLE"
    if pa.types.is_float32(t):
        return "FLOAT"
    if pa.types.is_timestamp(t):
        return "TIMESTAMP"
    if pa.types.is_list(t):
        return f"{duckdb_type(t.value_type)}[]"
    if pa.types.is_struct(t):
        inner = ", ".join(f'"{f.name}" {duckdb_type(f.type)}' for f in t)
        return f"STRUCT({inner})"
    raise TypeError(f"no DuckDB type for {t}")


def _cols(specs: Sequence[tuple]) -> tuple[Column, ...]:
    return tuple(Column(*s) for s in specs)


PROVENANCE = [
    ("source_file", pa.string(), "path of the file the row came from, as given to ingest"),
    ("source_sha256", pa.string(), "SHA-256 of that file's bytes"),
    ("record_no", pa.int64(), "1-based line (JSONL) or data row (CSV/Parquet) or message index (Telegram)"),
    ("adapter", pa.string(), "adapter that parsed the row (twarc2, io-archive, ...)"),
    ("adapter_version", pa.string(), "faisceau version and adapter revision, e.g. 0.1.0/1"),
    ("ingested_at", TS, "UTC time the row was written"),
]

POSTS = Table(
    "posts",
    "One row per post (tweet, retweet, Telegram message...). Key: (platform, post_id).",
    _cols(
        [
            ("platform", pa.string(), "x | telegram | facebook | generic ..."),
            ("post_id", pa.string(), "platform id of the post, as a string"),
            ("account_id", pa.string(), "platform id of the author"),
            ("created_at", TS, "UTC, millisecond precision"),
            ("kind", pa.string(), "post | repost | quote | reply"),
            ("text", pa.string(), "full text; for a repost, the reposted text when the export has it"),
            ("lang", pa.string(), "language code declared by the platform or detected; NULL if unknown"),
            ("parent_post_id", pa.string(), "what a repost, quote or reply points to"),
            ("parent_account_id", pa.string(), "author of the parent post"),
            ("conversation_id", pa.string(), "thread root id"),
            ("hashtags", pa.list_(pa.string()), "lower-cased, without '#'"),
            ("urls", pa.list_(pa.string()), "expanded where known, normalised (see ingest.normalize)"),
            ("domains", pa.list_(pa.string()), "registrable host of each url, lower-cased, without www."),
            ("mentions", pa.list_(pa.string()), "lower-cased handles without '@'"),
            ("media", pa.list_(MEDIA_TYPE), "attached media"),
            ("views", pa.int64(), "views / impressions; NULL if unknown"),
            ("likes", pa.int64(), "NULL if unknown"),
            ("reposts", pa.int64(), "NULL if unknown"),
            ("replies", pa.int64(), "NULL if unknown"),
            ("quotes", pa.int64(), "NULL if unknown"),
            ("source", pa.string(), "client application"),
            *PROVENANCE,
        ]
    ),
    key=("platform", "post_id"),
)

ACCOUNTS = Table(
    "accounts",
    "Every distinct observation of an account. The view accounts_latest keeps the newest per account.",
    _cols(
        [
            ("platform", pa.string(), ""),
            ("account_id", pa.string(), ""),
            ("handle", pa.string(), "screen name without '@'"),
            ("display_name", pa.string(), ""),
            ("created_at", TS, "account creation, UTC"),
            ("description", pa.string(), "bio"),
            ("location", pa.string(), "declared location, free text"),
            ("url", pa.string(), "profile url"),
            ("followers", pa.int64(), ""),
            ("following", pa.int64(), ""),
            ("posts_count", pa.int64(), ""),
            ("verified", pa.bool_(), ""),
            ("profile_image_url", pa.string(), ""),
            ("default_profile_image", pa.bool_(), ""),
            ("lang", pa.string(), "account language if declared"),
            ("attributes", pa.string(), "JSON object of source-specific attributes (e.g. account_category for IRA data)"),
            ("observed_at", TS, "when the platform reported this state (retrieval time), UTC"),
            *PROVENANCE,
        ]
    ),
    key=("platform", "account_id", "observed_at"),
    extra_sql=(
        """CREATE OR REPLACE VIEW accounts_latest AS
        SELECT * EXCLUDE (rn) FROM (
          SELECT *, row_number() OVER (PARTITION BY platform, account_id
                 ORDER BY observed_at DESC NULLS LAST, ingested_at DESC, source_file, record_no) AS rn
          FROM accounts) WHERE rn = 1""",
    ),
)

QUARANTINE = Table(
    "quarantine",
    "Records that could not be stored, each with a stable error code and a bounded excerpt.",
    _cols(
        [
            ("source_file", pa.string(), ""),
            ("source_sha256", pa.string(), ""),
            ("record_no", pa.int64(), ""),
            ("adapter", pa.string(), ""),
            ("error_code", pa.string(), "bad-json | bad-timestamp | missing-id | bad-type | bad-utf8 | too-large | naive-timestamp ..."),
            ("message", pa.string(), ""),
            ("excerpt", pa.string(), "first bytes of the raw record (bounded)"),
            ("quarantined_at", TS, ""),
        ]
    ),
)

INGEST_LOG = Table(
    "ingest_log",
    "One row per ingested file. read = stored + duplicates + quarantined.",
    _cols(
        [
            ("source_file", pa.string(), ""),
            ("source_sha256", pa.string(), ""),
            ("adapter", pa.string(), ""),
            ("adapter_version", pa.string(), ""),
            ("rows_read", pa.int64(), "records read from the file"),
            ("rows_stored", pa.int64(), "posts newly stored"),
            ("duplicates", pa.int64(), "records whose post was already stored (this file or earlier)"),
            ("quarantined", pa.int64(), ""),
            ("accounts_stored", pa.int64(), "distinct account observations newly stored"),
            ("started_at", TS, ""),
            ("ended_at", TS, ""),
        ]
    ),
)

RUNS = Table(
    "runs",
    "One row per stage run: how each result table was produced.",
    _cols(
        [
            ("run_id", pa.string(), ""),
            ("stage", pa.string(), "detector or stage name"),
            ("tables", pa.list_(pa.string()), "result tables written"),
            ("params", pa.string(), "JSON of get_params()"),
            ("engine", pa.string(), "duckdb | spark"),
            ("faisceau_version", pa.string(), ""),
            ("started_at", TS, ""),
            ("ended_at", TS, ""),
        ]
    ),
)

CORE_TABLES: dict[str, Table] = {t.name: t for t in (POSTS, ACCOUNTS, QUARANTINE, INGEST_LOG, RUNS)}

# Result tables declared by later stages register here (see register_result_table).
RESULT_TABLES: dict[str, Table] = {}


def register_result_table(table: Table) -> Table:
    RESULT_TABLES[table.name] = table
    return table


def all_tables() -> dict[str, Table]:
    return {**CORE_TABLES, **RESULT_TABLES}
