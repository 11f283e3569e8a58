"""Parse a large JSON-lines file in two processes.

Parsing and normalising a tweet is Python work (~100 µs); DuckDB's own reader uses every
core. For files over ``PARALLEL_MIN_BYTES`` the file is cut at line ends into one byte
range per worker; each worker (a spawned process: no DuckDB state is shared) parses its
range into its own Sink and ships the Arrow batches back as IPC bytes; the parent stages
them in the file's transaction. Line numbers are exact (each range knows its first line),
and the writer de-duplicates by record_no, so the result does not depend on which worker
finished first.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import traceback
from multiprocessing.connection import wait

import pyarrow as pa

from ..errors import FaisceauError
from ..schema import ACCOUNTS, POSTS, QUARANTINE
from .base import Context, Sink
from .lines import json_records, split_lines

PARALLEL_MIN_BYTES = 64 * 1024 * 1024
_TABLES = {t.name: t for t in (POSTS, ACCOUNTS, QUARANTINE)}


def workers() -> int:
    """Parse processes: FAISCEAU_INGEST_WORKERS, else 2 when the machine has 2+ cores."""
    env = os.environ.get("FAISCEAU_INGEST_WORKERS")
    if env:
        return max(1, int(env))
    return 2 if (os.cpu_count() or 1) >= 2 else 1


def _ipc(batch: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, batch.schema) as w:
        w.write_table(batch)
    return sink.getvalue().to_pybytes()


def _worker(conn, handler_path: str, ctx: Context, start: int, end: int, first_line: int, batch_rows: int) -> None:
    try:
        import importlib

        mod_name, attr = handler_path.split(":")
        handle = getattr(importlib.import_module(mod_name), attr)
        sink = Sink(ctx, lambda table, batch: conn.send((table.name, _ipc(batch))), batch_rows=batch_rows)
        for line_no, obj in json_records(ctx.path, sink, start=start, end=end, first_line=first_line):
            handle(obj, line_no, sink, ctx.tz)
        sink.flush()
        conn.send(("done", sink.records_read, sink.quarantined, sink.posts_out))
    except BaseException:  # reported to the parent, which rolls the file back
        conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()


def read_parallel(ctx: Context, sink: Sink, handler_path: str, n: int) -> None:
    """Parse ``ctx.path`` in ``n`` processes with ``handler(obj, line_no, sink, tz)``;
    batches go to ``sink``'s stage callback, counters are added to ``sink``."""
    ranges = split_lines(ctx.path, n)
    spawn = mp.get_context("spawn")
    procs, conns = [], []
    try:
        for start, end, first in ranges:
            parent_end, child_end = spawn.Pipe(duplex=False)
            p = spawn.Process(target=_worker, args=(child_end, handler_path, ctx, start, end, first, sink.batch_rows),
                              daemon=True)
            p.start()
            child_end.close()
            procs.append(p)
            conns.append(parent_end)
        live = list(conns)
        while live:
            for c in wait(live):
                try:
                    msg = c.recv()
                except EOFError:
                    raise FaisceauError(f"{ctx.source_file}: a parse worker died") from None
                kind = msg[0]
                if kind == "done":
                    _, read, quarantined, posts = msg
                    sink.records_read += read
                    sink.quarantined += quarantined
                    sink.posts_out += posts
                    live.remove(c)
                elif kind == "error":
                    raise FaisceauError(f"{ctx.source_file}: parse worker failed:\n{msg[1]}")
                else:
                    batch = pa.ipc.open_stream(msg[1]).read_all()
                    sink._stage(_TABLES[kind], batch)
    finally:
        for p in procs:
            if p.is_alive():
                p.terminate()
            p.join()
        for c in conns:
            c.close()
