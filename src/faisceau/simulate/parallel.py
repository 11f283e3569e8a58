"""Slices drawn and encoded by worker processes, with the same bytes as one process.

A slice's roots and cascades depend on (seed, slice) only (``Background.draw``), so workers
draw them in parallel. Only the merge (children due in a slice, ids of children) needs the
previous slice's pending children: that small hand-off travels from worker to worker in
slice order, with the count of rows and pages written before (the writers' headers and
page tokens). Each worker then encodes its slice for the writer (JSON lines, CSV, the
canonical table) and the main process appends the results in slice order. With one worker
the same functions run in the same order in-process, so the output never depends on the
number of workers.

Workers are forked after the scenario is built (population, operation, writer tables are
shared, not rebuilt). Result queues hold at most two slices per worker: memory stays
bounded by the slice size.
"""
from __future__ import annotations

import multiprocessing as mp
import queue
import traceback
from typing import Callable, Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .background import Background
from .columns import POST_SCHEMA

Encode = Callable[[pa.Table, dict], object]


def slice_stats(out: pa.Table, labels: dict[str, int]) -> dict:
    """What generate() needs to know of a slice without its rows."""
    n = out.num_rows
    st = {"n": n, "labels": labels, "kinds": {}, "authors": np.zeros(0, np.int64), "first": None, "last": None}
    if n:
        vc = pc.value_counts(out.column("kind")).to_pylist()
        st["kinds"] = {d["values"]: d["counts"] for d in vc}
        st["authors"] = np.unique(out.column("author").to_numpy())
        t = out.column("ms")
        st["first"], st["last"] = t[0].as_py(), t[-1].as_py()
    return st


def _advance(before: dict, n: int) -> dict:
    return {"rows": before["rows"] + n, "pages": before["pages"] + (n + 99) // 100}


def run(bg: Background, encode: Encode, workers: int = 1) -> Iterator[tuple[object, dict]]:
    """(encoded slice, slice_stats) for every slice of ``bg``, in slice order."""
    n = bg.n_slices
    if workers <= 1 or n <= 1 or "fork" not in mp.get_all_start_methods():
        pending, before = POST_SCHEMA.empty_table(), {"rows": 0, "pages": 0}
        for k in range(n):
            posts, children, labels = bg.draw(k)
            out, pending = bg.merge(k, posts, children, pending)
            yield encode(out, before), slice_stats(out, labels)
            before = _advance(before, out.num_rows)
        return
    yield from _run_forked(bg, encode, min(workers, n))


def _worker(w: int, nw: int, bg: Background, encode: Encode, handoff: list, results) -> None:
    try:
        n = bg.n_slices
        for k in range(w, n, nw):
            posts, children, labels = bg.draw(k)
            pending, before = handoff[w].get()
            out, pending = bg.merge(k, posts, children, pending)
            if k + 1 < n:  # the last slice's leftovers fall after the window: nobody takes them
                handoff[(w + 1) % nw].put((pending, _advance(before, out.num_rows)))
            del posts, children, pending
            payload = encode(out, before)
            if isinstance(payload, memoryview):
                payload = bytes(payload)
            results.put(("ok", payload, slice_stats(out, labels)))
    except BaseException:  # reported to the main process, which stops everything
        results.put(("error", traceback.format_exc(), None))


def _run_forked(bg: Background, encode: Encode, nw: int) -> Iterator[tuple[object, dict]]:
    from ..errors import FaisceauError

    ctx = mp.get_context("fork")
    handoff = [ctx.Queue() for _ in range(nw)]
    results = [ctx.Queue(maxsize=2) for _ in range(nw)]
    procs = [ctx.Process(target=_worker, args=(w, nw, bg, encode, handoff, results[w]), daemon=True) for w in range(nw)]
    for p in procs:
        p.start()
    handoff[0].put((POST_SCHEMA.empty_table(), {"rows": 0, "pages": 0}))
    try:
        for k in range(bg.n_slices):
            w = k % nw
            while True:
                try:
                    status, payload, st = results[w].get(timeout=1.0)
                    break
                except queue.Empty:
                    if not procs[w].is_alive():
                        raise FaisceauError(f"simulate: worker {w} stopped (exit code {procs[w].exitcode})") from None
            if status == "error":
                raise FaisceauError(f"simulate: worker {w} failed:\n{payload}")
            yield payload, st
        for p in procs:
            p.join(timeout=30)
    finally:
        for p in procs:
            if p.is_alive():
                p.terminate()
            p.join()
        for q in handoff + results:
            q.close()
            q.cancel_join_thread()
