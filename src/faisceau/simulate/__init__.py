"""Scenario simulator: realistic organic background, injected operations, ground truth.

Python API::

    from faisceau.simulate import generate
    truth = generate(scenario="boycott-paris-2024", out="boycott.jsonl", fmt="twarc2",
                     truth="truth.json", scale=None, seed=0)
    truth.op_account_ids()        # the 91 operation accounts (ids as strings)
    truth.data["operations"][0]["figures"]   # every figure, recounted from the written rows

- ``scenario``: ``boycott-paris-2024`` (default) or ``copypasta-multilingual``.
- ``out``: the file to write; ``fmt``: ``twarc2`` (raw X API v2 pages, JSONL),
  ``io-archive`` (CSV of X's information-operations archives) or ``parquet`` (the
  canonical ``posts`` table, plus ``<out>.accounts.parquet``: for benchmarks that skip
  serialisation and ingest).
- ``truth``: where to write truth.json (optional; the Truth is returned either way). A
  scenario with a watchlist (boycott: the ruling-party figure) writes ``watchlist.csv``
  next to it (CSV columns of ``faisceau accounts --watchlist``).
- ``scale``: about how many organic actions (posts, reposts, replies, quotes) to generate;
  the operation is unchanged. Default: 30 000 (boycott), 20 000 (copypasta).
- ``seed``: the same seed gives byte-identical files.
- ``chunk``: rows per generation slice (memory is bounded by it, not by ``scale``).
- ``workers``: processes drawing and encoding slices (default: 2 on a machine with 2+
  cores; one slice runs in-process). The bytes written do not depend on it.

The simulator never imports a detector. See docs/simulate.md for what is generated.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa

from .columns import iso
from .parallel import run
from .scenarios import DEFAULT_SCALE, SCENARIOS, build
from .truth import Truth, operation_record, write_truth, write_watchlist

__all__ = ["generate", "SCENARIOS", "DEFAULT_SCALE", "Truth", "iter_posts"]

FORMATS = ("twarc2", "io-archive", "parquet")
_QUERIES = {"boycott-paris-2024": "(#Paris2024 OR #JO2024 OR #boycottparis2024 OR JO OR émeutes OR Nahel OR Olympics) -is:nullcast",
            "copypasta-multilingual": "(JO OR Paris2024 OR Seine OR punaises OR bedbugs OR Olympia) -is:nullcast"}


def _workers(workers: int | None) -> int:
    """Worker processes (the output is the same whatever the number). Default one: on the
    shared 2-core machine two processes were slower than one in every benchmark (the
    hand-over costs CPU: copy-on-write faults, pickled tables through pipes)."""
    return 1 if workers is None else max(1, int(workers))


def iter_posts(scenario: str = "boycott-paris-2024", scale: int | None = None, seed: int = 0, chunk: int = 100_000,
               workers: int = 1):
    """The scenario's posts as Arrow chunks (the simulator's own columns), without writing.

    With ``workers`` > 1 the chunks are drawn in worker processes and handed over (the same chunks)."""
    sc = build(scenario, seed=seed, scale=scale, chunk=chunk)
    for out, _ in run(sc.background, lambda posts, before: posts, _workers(workers)):
        yield out


def generate(scenario: str = "boycott-paris-2024", out: str | Path = "simulated.jsonl", fmt: str = "twarc2",
             truth: str | Path | None = None, scale: int | None = None, seed: int = 0, chunk: int = 100_000,
             workers: int | None = None) -> Truth:
    """Generate ``scenario`` into ``out`` and return its ground truth (see module doc)."""
    from ..errors import ParameterError
    from ..progress import progress

    if fmt not in FORMATS:
        raise ParameterError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    sc = build(scenario, seed=seed, scale=scale, chunk=chunk)
    users = pa.concat_tables([sc.pop.users, sc.op_users])
    ids = users.column("id").to_numpy()
    if len(np.unique(ids)) != len(ids):
        raise ParameterError("account ids collide; try another --seed")
    order = np.sort(ids)
    seen = np.zeros(len(ids), dtype=bool)
    out = Path(out)
    if fmt == "twarc2":
        from .twarc2 import Twarc2Writer

        writer = Twarc2Writer(out, users, sc.window[1] + 25 * 60_000, _QUERIES[sc.name])
    elif fmt == "io-archive":
        from .ioarchive import IoArchiveWriter

        writer = IoArchiveWriter(out, users)
    else:
        from .canonical import CanonicalWriter

        writer = CanonicalWriter(out, users, sc.window[1] + 25 * 60_000)
    kinds: dict[str, int] = {}
    total = 0
    first = last = None
    with progress(f"simulate {sc.name}", total=None) as task:
        try:
            for payload, st in run(sc.background, writer.encode, _workers(workers)):
                writer.put(payload, st["n"])
                sc.background.labels.update(st["labels"])
                n = st["n"]
                total += n
                if n:
                    seen[np.searchsorted(order, st["authors"])] = True
                    for kk, cc in st["kinds"].items():
                        kinds[kk] = kinds.get(kk, 0) + cc
                    first = st["first"] if first is None else first
                    last = st["last"]
                task.advance(n)
        finally:
            writer.close()

    from . import scenario_texts as T

    op_records = []
    for op in sc.operations:
        boycott = op["name"] == "boycott-paris-2024"
        op_records.append(operation_record(op, sc.fixed, users, places=T.MISSPELT_PLACES if boycott else (),
                                           hashtag="boycottparis2024" if boycott else None, watchlist=sc.watchlist))
    op_posts = sum(len(o["posts"]) + len(o["other_posts"]) for o in op_records)
    reuse: dict[str, list[str]] = {}
    for key, cid in sorted(sc.media_content.items()):
        reuse.setdefault(cid, []).append(key)
    data = {
        "scenario": sc.name, "seed": seed, "scale": scale if scale is not None else DEFAULT_SCALE[sc.name],
        "format": fmt, "file": out.name, "generator": "faisceau.simulate",
        "window": {"start": iso(sc.window[0]), "end": iso(sc.window[1])},
        "totals": {"posts": total, "kinds": dict(sorted(kinds.items())), "accounts_posting": int(seen.sum()),
                   "accounts_known": len(ids), "organic_posts": total - op_posts, "operation_posts": op_posts,
                   "first_post": iso(first) if first is not None else None, "last_post": iso(last) if last is not None else None},
        "operations": op_records,
        "organic": {
            "note": "everything not listed under operations is organic background; the items below are organic traps",
            "named_posts": {k: str(v) for k, v in sorted(sc.background.labels.items())},
            "media_reuse": {cid: keys for cid, keys in reuse.items()},
        },
        "watchlist": sc.watchlist,
    }
    tr = Truth(data, files=[str(out)] + ([str(writer.accounts_path)] if fmt == "parquet" else []))
    if truth is not None:
        tpath = Path(truth)
        if sc.watchlist:
            wpath = tpath.parent / "watchlist.csv"
            write_watchlist(wpath, sc.watchlist)
            data["watchlist_file"] = wpath.name
            tr.watchlist_path = wpath
        write_truth(tpath, data)
        tr.path = tpath
    return tr
