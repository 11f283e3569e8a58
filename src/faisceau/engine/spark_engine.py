"""Spark engine: the same DuckDB-dialect SQL, transpiled (engine/spark_sql.py), run on PySpark.

Data stays in Spark: ``posts``/``accounts`` are read from Parquet (a local path or any
Hadoop-compatible URI such as hdfs://, s3a://, abfss://) or exported once from a DuckDB
store; ``materialize`` keeps intermediate relations on the executors; ``to_parquet``
writes results without collecting them. Only what ``sql`` returns comes to the driver,
so detectors ask it for reduced results (edges, communities, per-account rows).
"""
from __future__ import annotations

import atexit
import os
import tempfile
import threading

import pyarrow as pa

from ..errors import EngineError, require
from .base import Engine, parquet_sources
from .spark_sql import to_spark_sql, uses_regex_columns

DEFAULT_MASTER = "local[*]"
DEFAULT_PARTITIONS = 8

_LOCK = threading.Lock()
_SHIPPED: int | None = None  # SparkContext that already has the package


def _extra_conf(conf: dict[str, str] | None) -> dict[str, str]:
    """``conf`` plus $FAISCEAU_SPARK_CONF ("key=value;key=value"), the latter winning, plus
    faisceau's default driver JVM options where neither sets them."""
    out = dict(conf or {})
    for item in filter(None, (os.environ.get("FAISCEAU_SPARK_CONF") or "").split(";")):
        key, sep, value = item.partition("=")
        if not sep:
            raise EngineError(f"FAISCEAU_SPARK_CONF: expected key=value, got '{item}'")
        out[key.strip()] = value.strip()
    # An OutOfMemoryError outside a task (e.g. in the thread that serves a result to
    # Python) leaves the driver JVM alive but useless, and PySpark waits for it forever:
    # exit instead, and ``_error`` says why. A user's own driver options win.
    out.setdefault("spark.driver.extraJavaOptions", "-XX:+ExitOnOutOfMemoryError")
    return out


def spark_session(master: str | None = None, partitions: int | None = None, conf: dict[str, str] | None = None):
    """The process's SparkSession, created with faisceau's settings on first use.

    Settings that decide results are pinned: UTC session time zone, a fixed number of
    shuffle partitions (AQE may not coalesce them, so per-partition cost is measurable and
    runs are repeatable), ANSI SQL (errors instead of silent NULLs, like DuckDB).
    ``conf`` and $FAISCEAU_SPARK_CONF add settings (e.g. ``spark.driver.memory=8g``;
    JVM settings only take effect when this call starts the JVM).
    """
    require("pyspark", "spark", "the Spark engine")
    from pyspark.sql import SparkSession

    master = master or os.environ.get("SPARK_MASTER") or DEFAULT_MASTER
    partitions = int(partitions or os.environ.get("FAISCEAU_SPARK_PARTITIONS") or DEFAULT_PARTITIONS)
    with _LOCK:
        active = SparkSession.getActiveSession()
        builder = (
            SparkSession.builder.master(master)
            .appName("faisceau")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .config("spark.sql.ansi.enabled", "true")
            .config("spark.sql.parquet.inferTimestampNTZ.enabled", "true")
            .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
            .config("spark.sql.shuffle.partitions", str(partitions))
            .config("spark.sql.adaptive.coalescePartitions.enabled", "false")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
        )
        extra = _extra_conf(conf)
        for key, value in extra.items():
            builder = builder.config(key, value)
        try:
            session = builder.getOrCreate()
        except Exception as exc:  # JVM missing, bad master URL...
            raise EngineError(f"cannot start spark (master {master}): {exc}") from exc
        # getOrCreate returns an existing session as is; pin what decides results on it too.
        for key, value in (
            ("spark.sql.session.timeZone", "UTC"),
            ("spark.sql.ansi.enabled", "true"),
            ("spark.sql.shuffle.partitions", str(partitions)),
            ("spark.sql.execution.arrow.pyspark.enabled", "true"),
            *((k, v) for k, v in extra.items() if k.startswith("spark.sql.")),
        ):
            session.conf.set(key, value)
        session.sparkContext.setLogLevel(os.environ.get("FAISCEAU_SPARK_LOG_LEVEL", "FATAL"))
    return session


def _naive_utc(table: pa.Table) -> pa.Table:
    """Timestamps as the store keeps them: naive UTC (Spark returns some zone-aware)."""
    if not any(pa.types.is_timestamp(f.type) and f.type.tz for f in table.schema):
        return table
    cols = []
    for col, field in zip(table.columns, table.schema):
        if pa.types.is_timestamp(field.type) and field.type.tz:
            col = col.cast(pa.timestamp(field.type.unit, tz="UTC")).cast(pa.timestamp(field.type.unit))
        cols.append(col)
    return pa.Table.from_arrays(cols, names=table.column_names)


class SparkEngine(Engine):
    name = "spark"

    def __init__(
        self,
        store=None,
        master: str | None = None,
        session=None,
        *,
        parquet: str | dict[str, str] | None = None,
        partitions: int | None = None,
    ):
        self.session = session or spark_session(master, partitions)
        self._tmp = tempfile.TemporaryDirectory(prefix="faisceau-spark-")
        self._frames: dict[str, object] = {}
        sources = parquet_sources(parquet)
        if store is not None:
            for name in ("posts", "accounts"):
                if name not in sources and store.has_table(name):
                    self.register_store_table(store, name)
        for name, uri in sources.items():
            self.register(name, uri)

    # -- the Engine contract ----------------------------------------------------------
    def sql(self, query: str) -> pa.Table:
        df = self._df(query)
        try:
            return _naive_utc(df.toArrow())
        except Exception as exc:  # runtime errors (ANSI arithmetic, bad casts...) surface here
            raise _error(self.session, exc) from exc

    def dataframe(self, query: str):
        """The query as a lazy Spark DataFrame (for callers that keep working in Spark)."""
        return self._df(query)

    def register(self, name: str, data: pa.Table | str) -> None:
        self.drop(name)
        if isinstance(data, str):
            try:
                df = self.session.read.parquet(data)
            except Exception as exc:
                raise _error(self.session, exc, f"cannot read parquet {data}: ") from exc
        else:
            import pyarrow.parquet as pq

            path = os.path.join(self._tmp.name, f"{name}-{id(data)}.parquet")
            pq.write_table(data, path)
            df = self.session.read.parquet(path)
        df.createOrReplaceTempView(name)
        self._frames[name] = df

    def materialize(self, name: str, query: str) -> None:
        self._persist(name, self._df(query))

    def _persist(self, name: str, df) -> None:
        """Compute ``df`` once and register it as ``name``, its lineage cut.

        A cached DataFrame keeps the plan that produced it, and a view over views keeps
        all of theirs: every later query was analysed, and described (Spark writes each
        execution's plan out as text), over a tree that doubles with each shared
        reference. On the six-type coordination run one such description filled a 1 GB
        driver heap (OutOfMemoryError in the thread serving the result, and PySpark then
        waited forever). A local checkpoint makes the relation a leaf (Scan ExistingRDD).
        It is taken from the persisted frame so that its statistics, which the join
        planner uses, are the measured size and row count rather than the plan's
        estimate; the cache is released once the checkpoint holds the rows (one job)."""
        from pyspark import StorageLevel

        level = StorageLevel.MEMORY_AND_DISK
        cached = df.persist(level)
        self.drop(name)
        try:
            leaf = cached.localCheckpoint(eager=True, storageLevel=level)
        except Exception as exc:
            raise _error(self.session, exc) from exc
        finally:
            cached.unpersist()
        leaf.createOrReplaceTempView(name)
        self._frames[name] = leaf

    def map_batches(self, name: str, query: str, func, schema: pa.Schema) -> None:
        """``mapInArrow`` on the executors (the package shipped), computed once (``_persist``)."""
        from pyspark.sql.pandas.types import from_arrow_schema

        self.ship_package()
        self._persist(name, self._df(query).mapInArrow(func, from_arrow_schema(schema, prefer_timestamp_ntz=True)))

    def drop(self, name: str) -> None:
        df = self._frames.pop(name, None)
        if df is not None:
            _release(df)
        self.session.catalog.dropTempView(name)

    def to_parquet(self, query: str, path: str, *, partition_by: list[str] | None = None) -> None:
        df = self._df(query)
        df = _ntz(df)
        writer = df.write.mode("overwrite")
        if partition_by:
            writer = writer.partitionBy(*partition_by)
        try:
            writer.parquet(path)
        except Exception as exc:
            raise _error(self.session, exc, f"cannot write {path}: ") from exc

    def columns(self, name: str) -> list[str]:
        return list(self.session.table(name).columns)

    def register_store_table(self, store, name: str) -> None:
        path = os.path.join(self._tmp.name, f"{name}.parquet")
        store.con.execute(f'COPY (SELECT * FROM "{name}") TO \'{path}\' (FORMAT PARQUET)')
        self.register(name, path)

    def ship_package(self) -> None:
        """Make this faisceau importable by the executors' Python (for code that runs
        there, such as the ingest adapters): the package is zipped and added once."""
        global _SHIPPED
        if _SHIPPED == id(self.session.sparkContext):
            return
        import shutil
        from pathlib import Path

        pkg = Path(__file__).resolve().parents[1]
        # Outlives this engine: the session (and its executors) may fetch it later.
        keep = tempfile.mkdtemp(prefix="faisceau-pkg-")
        atexit.register(shutil.rmtree, keep, True)
        base = os.path.join(keep, "faisceau")
        archive = shutil.make_archive(base, "zip", root_dir=pkg.parent, base_dir=pkg.name)
        self.session.sparkContext.addPyFile(archive)
        _SHIPPED = id(self.session.sparkContext)

    def close(self) -> None:
        for name in list(self._frames):
            self.drop(name)
        self._tmp.cleanup()

    # -- helpers ---------------------------------------------------------------------
    def _df(self, query: str):
        spark_sql = to_spark_sql(query)
        regex = uses_regex_columns(spark_sql)
        try:
            if regex:
                # SELECT * EXCLUDE becomes a regex column; the parser flag must be on while
                # the query is analysed (analysis is eager, so it can be reset right after).
                self.session.conf.set("spark.sql.parser.quotedRegexColumnNames", "true")
            return self.session.sql(spark_sql)
        except Exception as exc:
            raise _error(self.session, exc, suffix=f"\n  query: {spark_sql}") from exc
        finally:
            if regex:
                self.session.conf.set("spark.sql.parser.quotedRegexColumnNames", "false")


def _release(df) -> None:
    """Free what a registered frame holds: its cache, or its checkpointed rows."""
    if df.is_cached:
        df.unpersist()
        return
    plan = df._jdf.logicalPlan()
    if plan.getClass().getSimpleName() == "LogicalRDD":
        plan.rdd().unpersist(False)


def _ntz(df):
    """Zone-aware timestamps to naive UTC before writing, like the canonical Parquet."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import TimestampType

    cols = [
        F.col(f"`{f.name}`").cast("timestamp_ntz").alias(f.name) if isinstance(f.dataType, TimestampType)
        else F.col(f"`{f.name}`")
        for f in df.schema.fields
    ]
    return df.select(*cols)


# How the JVM ends on an OutOfMemoryError: HotSpot's ExitOnOutOfMemoryError, or Spark's
# handler for a task's OOM (local mode runs tasks in the driver JVM).
_OOM_EXIT = {3: "ran out of memory", 52: "ran out of memory"}


def _error(session, exc: Exception, what: str = "", suffix: str = "") -> EngineError:
    """The one-line EngineError for ``exc``; when the driver JVM is gone, say so and how
    to give it more memory instead of echoing Py4J's connection error."""
    status = _jvm_exit_status(session, exc)
    if status is not None:
        why = _OOM_EXIT.get(status, f"stopped (exit status {status})")
        return EngineError(f"spark: the driver JVM {why}; give it more memory, e.g. "
                           f"FAISCEAU_SPARK_CONF='spark.driver.memory=8g'")
    return EngineError(f"spark: {what}{_short(exc)}{suffix}")


def _jvm_exit_status(session, exc: Exception) -> int | None:
    """The driver JVM's exit status, None while it runs. After a broken connection the
    JVM may still be exiting: wait a little for it then."""
    import subprocess

    proc = getattr(getattr(session.sparkContext, "_gateway", None), "proc", None)
    if proc is None:
        return None
    status = proc.poll()
    if status is None and _connection_lost(exc):
        try:
            status = proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            return None
    return status


def _connection_lost(exc: BaseException | None) -> bool:
    from py4j.protocol import Py4JError, Py4JJavaError

    while exc is not None:
        # a Py4JJavaError is an exception thrown in a live JVM; other Py4J errors are the
        # connection's (including "An error occurred while calling oN.getResult")
        if isinstance(exc, (ConnectionError, EOFError)) or (
                isinstance(exc, Py4JError) and not isinstance(exc, Py4JJavaError)):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _short(exc: Exception) -> str:
    """The first line of a JVM error, without the stack trace."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
