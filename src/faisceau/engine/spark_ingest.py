"""Ingest on Spark: input files -> a canonical Parquet dataset (posts/, accounts/, ...).

Two paths, one result shape (what the DuckDB store would hold):

- ``canonical``: Parquet already shaped like ``posts`` (the simulator's output, a
  ``faisceau export``, another pipeline). Spark reads it natively, casts it to the
  declared schema (``schema.POSTS``/``ACCOUNTS``) and de-duplicates: no Python per row,
  so it scales with the cluster.
- any registered adapter (ira538, coortweet, twarc2, ...): the adapter's own ``read``
  runs on the executors, one task per input file (``mapInArrow``), so parsing is the
  very code the DuckDB ingest runs. Parallelism is by file: split a huge export into
  many files.

Either way, de-duplication follows ``ingest.writer``: the first record of a post key
(platform, post_id) in input order (file order, then record_no) is kept, account
observations are unique on (platform, account_id, observed_at), and ``ingest_log``
accounts for every record (read = stored + duplicates + quarantined).
Input and output paths may be local or any Hadoop-compatible URI for the canonical
path; adapters read their files with Python, so those must be visible to the executors
(a shared filesystem, or local mode).
"""
from __future__ import annotations

import os
from typing import Iterable

import pyarrow as pa

from ..errors import InputError
from ..schema import ACCOUNTS, INGEST_LOG, POSTS, QUARANTINE, Table

CANONICAL = "canonical"


def _us(fields) -> pa.StructType:
    """A struct of ``fields`` with microsecond timestamps (what Spark's Arrow bridge takes)."""
    return pa.struct([pa.field(f.name, pa.timestamp("us") if pa.types.is_timestamp(f.type) else f.type)
                      for f in fields])


_LOG_FIELDS = _us([pa.field(*f) for f in [
    ("source_file", pa.string()), ("source_sha256", pa.string()), ("adapter", pa.string()),
    ("adapter_version", pa.string()), ("rows_read", pa.int64()), ("quarantined", pa.int64()),
    ("started_at", pa.timestamp("ms")), ("ended_at", pa.timestamp("ms")),
]])
_PARSED = pa.schema([
    ("file_no", pa.int64()), ("part", pa.string()),
    ("post", _us(POSTS.arrow_schema)), ("account", _us(ACCOUNTS.arrow_schema)),
    ("quar", _us(QUARANTINE.arrow_schema)), ("log", _LOG_FIELDS),
])


def _wrap(file_no: int, part: str, table: pa.Table | None, n: int | None = None) -> pa.RecordBatch:
    """One output batch of the parse: ``table`` as the struct column named by ``part``."""
    n = table.num_rows if table is not None else n
    cols = {"file_no": pa.repeat(pa.scalar(file_no, pa.int64()), n), "part": pa.repeat(pa.scalar(part), n)}
    for name in ("post", "account", "quar", "log"):
        typ = _PARSED.field(name).type
        if name == part:
            cols[name] = pa.StructArray.from_arrays(
                [table.column(f.name).cast(f.type).combine_chunks() for f in typ], fields=list(typ))
        else:
            cols[name] = pa.nulls(n, typ)
    return pa.RecordBatch.from_pydict(cols, schema=_PARSED)


def _parse_files(batches: Iterable[pa.RecordBatch]):
    """Executor side: run each file's adapter; yield its rows as ``_PARSED`` batches."""
    from ..ingest import file_context
    from ..ingest.base import Sink
    from ..store import utcnow

    for batch in batches:
        for task in batch.to_pylist():
            mapping = None
            if task["mapping"]:
                from ..ingest.generic import load_mapping

                mapping = load_mapping(task["mapping"])
            ctx, adapter_cls, _ = file_context(task["path"], format=task["format"], mapping=mapping,
                                               assume_tz=task["assume_tz"])
            ctx.ingested_at = task["ingested_at"]
            out: list[pa.RecordBatch] = []
            names = {POSTS.name: "post", ACCOUNTS.name: "account", QUARANTINE.name: "quar"}
            sink = Sink(ctx, lambda table, data: out.append(_wrap(task["file_no"], names[table.name], data)))
            adapter_cls().read(ctx, sink)
            sink.flush()
            log = pa.table({
                "source_file": [ctx.source_file], "source_sha256": [ctx.sha256], "adapter": [ctx.adapter],
                "adapter_version": [ctx.adapter_version], "rows_read": [sink.records_read],
                "quarantined": [sink.quarantined], "started_at": [task["ingested_at"]], "ended_at": [utcnow()],
            })
            out.append(_wrap(task["file_no"], "log", log))
            yield from out


def _first_by(df, key: list[str], order: list[str]):
    """Rows of ``df`` that come first within ``key`` by ``order`` (the writer's dedupe)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    w = Window.partitionBy(*key).orderBy(*order)
    return df.withColumn("_rn", F.row_number().over(w)).where("_rn = 1").drop("_rn")


def _conform_columns(df, table: Table) -> list:
    """The declared columns of ``table`` with their declared types (missing: NULL, lists:
    empty), like ``Table.conform`` does for Arrow."""
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_type

    have = {c.lower(): c for c in df.columns}
    cols = []
    for c in table.columns:
        typ = from_arrow_type(c.type, prefer_timestamp_ntz=True)
        if c.name.lower() in have:
            col = F.col(f"`{have[c.name.lower()]}`").cast(typ)
            if pa.types.is_list(c.type):
                col = F.coalesce(col, F.array().cast(typ))
        elif pa.types.is_list(c.type):
            col = F.array().cast(typ)
        else:
            col = F.lit(None).cast(typ)
        cols.append(col.alias(c.name))
    return cols


def ingest_to_parquet(engine, paths: list[str], out: str, *, format: str = CANONICAL,
                      accounts: list[str] | None = None, mapping: str | None = None,
                      assume_tz: str | None = None) -> pa.Table:
    """Ingest ``paths`` with the Spark ``engine`` into the canonical dataset ``out``
    (``out/posts``, ``out/accounts``, ``out/quarantine``, ``out/ingest_log``); returns the
    ingest log (one row per file: small). ``format``: ``canonical`` (Parquet shaped like
    ``posts``; ``accounts`` lists account Parquet files) or an adapter name or ``auto``."""
    from pyspark.sql import functions as F

    from ..store import utcnow

    paths = [str(p) for p in paths]
    if not paths:
        raise InputError("nothing to ingest: give at least one input file")
    spark = engine.session
    started = utcnow()
    out = out.rstrip("/")
    parsed = None
    if format == CANONICAL:
        posts, accs, quar, logs = _canonical(spark, paths, [str(p) for p in accounts or []], started)
    else:
        engine.ship_package()
        tasks = spark.createDataFrame(
            [(i, p, format, assume_tz, mapping, started) for i, p in enumerate(paths)],
            "file_no long, path string, format string, assume_tz string, mapping string, ingested_at timestamp_ntz",
        ).repartition(len(paths), "file_no")
        parsed = tasks.mapInArrow(_parse_files, _spark_schema(_PARSED)).persist()
        posts = parsed.where("part = 'post'").select("file_no", "post.*")
        accs = parsed.where("part = 'account'").select("file_no", "account.*")
        quar = parsed.where("part = 'quar'").select("file_no", "quar.*")
        logs = parsed.where("part = 'log'").select("file_no", "log.*")
    try:
        staged = posts.groupBy("file_no").agg(F.count(F.lit(1)).alias("posts_staged"))
        kept = _first_by(posts, ["platform", "post_id"], ["file_no", "source_file", "record_no"]).persist()
        accs = _first_by(accs, ["platform", "account_id", "observed_at"], ["file_no", "source_file", "record_no"]).persist()
        quar = _first_by(quar, ["source_sha256", "record_no", "error_code"], ["file_no"])
        for df, table in ((kept, POSTS), (accs, ACCOUNTS), (quar, QUARANTINE)):
            df.select(*_conform_columns(df, table)).write.mode("overwrite").parquet(f"{out}/{table.name}")
        written = kept.groupBy("file_no").agg(F.count(F.lit(1)).alias("rows_stored"))
        acc_written = accs.groupBy("file_no").agg(F.count(F.lit(1)).alias("accounts_stored"))
        log = (logs.join(staged, "file_no", "left").join(written, "file_no", "left")
               .join(acc_written, "file_no", "left")
               .fillna(0, ["rows_stored", "accounts_stored", "posts_staged"])
               .withColumn("duplicates", F.col("posts_staged") - F.col("rows_stored"))
               .orderBy("file_no"))
        log = log.select(*_conform_columns(log, INGEST_LOG))
        result = log.toArrow()
        spark.createDataFrame(result.to_pandas(), _spark_schema(INGEST_LOG.arrow_schema)) \
            .coalesce(1).write.mode("overwrite").parquet(f"{out}/ingest_log")
    finally:
        for df in (parsed, locals().get("kept"), locals().get("accs")):
            if df is not None and df.is_cached:
                df.unpersist()
    for r in result.to_pylist():
        if r["rows_read"] != r["rows_stored"] + r["duplicates"] + r["quarantined"]:
            raise InputError(f"{r['source_file']}: read {r['rows_read']} != stored {r['rows_stored']} + duplicates "
                             f"{r['duplicates']} + quarantined {r['quarantined']}", code="ingest-accounting")
    return result


def _canonical(spark, paths: list[str], account_paths: list[str], started):
    """Read canonical-shaped Parquet; fill the provenance the input lacks."""
    from pyspark.sql import functions as F

    from .. import __version__
    from ..ingest import file_sha256

    def read(files, table, first_no=0):
        frames = []
        for i, p in enumerate(files, start=first_no):
            df = spark.read.parquet(p)
            one_file = "://" not in p and os.path.isfile(p)
            fill = {
                "source_file": F.lit(p) if one_file else F.col("_metadata.file_path"),
                "record_no": F.col("_metadata.row_index") + 1,
                "adapter": F.lit(CANONICAL),
                "adapter_version": F.lit(__version__),
                "ingested_at": F.lit(started).cast("timestamp_ntz"),
            }
            for name, value in fill.items():
                df = df.withColumn(name, F.coalesce(F.col(name), value) if name in df.columns else value)
            df = df.withColumn("file_no", F.lit(i).cast("long"))
            frames.append(df.select("file_no", *_conform_columns(df, table)))
        if not frames:
            return spark.createDataFrame([], _spark_schema(pa.schema([("file_no", pa.int64()), *table.arrow_schema])))
        out = frames[0]
        for f in frames[1:]:
            out = out.unionByName(f)
        return out

    posts = read(paths, POSTS)
    # Account files are numbered after the post files: their rows are no post file's.
    accs = read(account_paths, ACCOUNTS, first_no=len(paths))
    quar = spark.createDataFrame([], _spark_schema(pa.schema([("file_no", pa.int64()), *QUARANTINE.arrow_schema])))
    logs = spark.createDataFrame(
        [(i, p, file_sha256(p) if "://" not in p and os.path.isfile(p) else None, CANONICAL, __version__,
          started, started) for i, p in enumerate(paths)],
        "file_no long, source_file string, source_sha256 string, adapter string, adapter_version string, "
        "started_at timestamp_ntz, ended_at timestamp_ntz",
    )
    read_counts = posts.groupBy("file_no").agg(F.count(F.lit(1)).alias("rows_read"))
    logs = (logs.join(read_counts, "file_no", "left").fillna(0, ["rows_read"])
            .withColumn("quarantined", F.lit(0).cast("long")))
    return posts, accs, quar, logs


def _spark_schema(schema: pa.Schema):
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema, prefer_timestamp_ntz=True)
