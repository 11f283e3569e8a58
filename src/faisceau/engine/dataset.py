"""Canonical Parquet datasets: what a corpus too big for one DuckDB file becomes.

A dataset is a directory (or Hadoop-compatible URI) holding ``posts/``, ``accounts/``,
``quarantine/`` and ``ingest_log/`` as Parquet, with the store's columns and types.
``ingest_dataset`` builds one with either engine from the same inputs and gives the
same rows (Spark: ``engine.spark_ingest``; DuckDB: the store's own ingest, then COPY).
Detectors then read it with ``get_engine(..., parquet=DIR)`` / ``--parquet DIR``.
"""
from __future__ import annotations

import os
import tempfile

import pyarrow as pa
import pyarrow.compute  # noqa: F401 - pa.compute

from ..errors import InputError
from ..schema import ACCOUNTS, INGEST_LOG, POSTS, QUARANTINE

CANONICAL = "canonical"
TABLES = (POSTS.name, ACCOUNTS.name, QUARANTINE.name, INGEST_LOG.name)


def ingest_dataset(engine, paths, out: str, *, format: str = CANONICAL, accounts=None,
                   mapping: str | None = None, assume_tz: str | None = None) -> pa.Table:
    """Ingest ``paths`` into the canonical dataset ``out``; returns the ingest log.

    ``format``: ``canonical`` for Parquet already shaped like ``posts`` (``accounts``
    lists Parquet files shaped like ``accounts``), else an ingest format or ``auto``."""
    paths = [str(p) for p in paths]
    if not paths:
        raise InputError("nothing to ingest: give at least one input file")
    if engine.name == "spark":
        from .spark_ingest import ingest_to_parquet

        return ingest_to_parquet(engine, paths, out, format=format, accounts=accounts, mapping=mapping,
                                 assume_tz=assume_tz)
    return _duckdb_dataset(engine, paths, out, format, [str(p) for p in accounts or []], mapping, assume_tz)


def _duckdb_dataset(engine, paths, out, format, account_paths, mapping, assume_tz) -> pa.Table:
    from ..store import Store

    with tempfile.TemporaryDirectory(prefix="faisceau-ds-") as tmp, Store(os.path.join(tmp, "s.duckdb")) as st:
        if format == CANONICAL:
            _canonical_into(st, paths, account_paths)
        else:
            from ..ingest import ingest

            ingest(paths, store=st, format=format, mapping=mapping, assume_tz=assume_tz)
        out = out.rstrip("/")
        for name in TABLES:
            path = f"{out}/{name}"
            os.makedirs(path, exist_ok=True)
            for old in os.listdir(path):
                os.remove(os.path.join(path, old))
            order = "source_file, record_no" if name != INGEST_LOG.name else "started_at"
            st.con.execute(f"COPY (SELECT * FROM {name} ORDER BY {order}) TO "
                           f"'{os.path.join(path, 'part-0.parquet')}' (FORMAT PARQUET)")
        return st.table(INGEST_LOG.name)


def _canonical_into(st, paths, account_paths) -> None:
    """Canonical Parquet into a store: conform, fill provenance, keep each key's first row."""
    import pyarrow.parquet as pq

    from .. import __version__
    from ..ingest import file_sha256
    from ..store import utcnow

    now = utcnow()

    def load(files, table):
        rows = []
        for i, p in enumerate(files):
            data = pq.read_table(p)
            n = data.num_rows
            fill = {
                "source_file": pa.repeat(pa.scalar(p), n), "record_no": pa.array(range(1, n + 1), pa.int64()),
                "adapter": pa.repeat(pa.scalar(CANONICAL), n), "adapter_version": pa.repeat(pa.scalar(__version__), n),
                "ingested_at": pa.repeat(pa.scalar(now, pa.timestamp("ms")), n),
            }
            for name, arr in fill.items():
                if name in data.column_names:
                    col = data.column(name).cast(arr.type)
                    data = data.set_column(data.column_names.index(name), name, pa.compute.coalesce(col, arr))
                else:
                    data = data.append_column(name, arr)
            data = table.conform(data)
            for j, field in enumerate(data.schema):
                if pa.types.is_list(field.type):  # lists are empty, never NULL
                    data = data.set_column(j, field, pa.compute.fill_null(data.column(j), pa.scalar([], field.type)))
            rows.append((i, p, n, data))
        return rows

    posts = load(paths, POSTS)
    for _, _, _, data in posts:
        st.append(POSTS, data)
    for _, _, _, data in load(account_paths, ACCOUNTS):
        st.append(ACCOUNTS, data)
    # Same order and keys as the ingest writer: first row of a key in input order.
    order = " ".join(f"WHEN '{p.replace(chr(39), chr(39) * 2)}' THEN {i}" for i, p in enumerate(paths))
    acc_order = " ".join(f"WHEN '{p.replace(chr(39), chr(39) * 2)}' THEN {i}" for i, p in enumerate(account_paths))
    for name, key, whens in (("posts", "platform, post_id", order),
                             ("accounts", "platform, account_id, observed_at", acc_order)):
        rank = f"CASE source_file {whens} END" if whens else "0"
        st.con.execute(f"""CREATE OR REPLACE TABLE {name} AS SELECT * FROM {name}
            QUALIFY row_number() OVER (PARTITION BY {key} ORDER BY {rank}, source_file, record_no) = 1""")
    stored = dict(st.con.execute("SELECT source_file, count(*) FROM posts GROUP BY 1").fetchall())
    accs = dict(st.con.execute("SELECT source_file, count(*) FROM accounts GROUP BY 1").fetchall())
    log = [{"source_file": p, "source_sha256": file_sha256(p) if os.path.isfile(p) else None,
            "adapter": CANONICAL, "adapter_version": __version__, "rows_read": n,
            "rows_stored": stored.get(p, 0), "duplicates": n - stored.get(p, 0), "quarantined": 0,
            "accounts_stored": accs.get(p, 0), "started_at": now, "ended_at": now}
           for _, p, n, _ in posts]
    st.append(INGEST_LOG, INGEST_LOG.from_rows(log))
