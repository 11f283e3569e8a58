"""Wall and CPU seconds per detector stage (``det.timings_``), for the benchmarks.

CPU seconds (user + system of this process, all threads) are what compare across runs
on a shared machine; wall seconds depend on the load. Each stage is also noted on
stderr, so a long run shows where it is.
"""
from __future__ import annotations

import contextlib
import time

from ...progress import note


@contextlib.contextmanager
def stage(det, name: str):
    """Add the wall and CPU seconds of the block to ``det.timings_[name]``."""
    timings = det.__dict__.setdefault("timings_", {})
    w0, c0 = time.perf_counter(), time.process_time()
    try:
        yield
    finally:
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        cur = timings.setdefault(name, {"wall_s": 0.0, "cpu_s": 0.0})
        cur["wall_s"] = round(cur["wall_s"] + wall, 3)
        cur["cpu_s"] = round(cur["cpu_s"] + cpu, 3)
        note(f"content: {name} {wall:.1f} s wall, {cpu:.1f} s CPU")
