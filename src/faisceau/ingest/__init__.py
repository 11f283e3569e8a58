"""Ingest: read exports, normalise them and fill the canonical store.

    from faisceau import ingest
    summaries = ingest(["tweets.jsonl"], store="faisceau.duckdb")

Each file is one transaction (see ``writer``); its adapter is chosen by ``format`` or
sniffed (``registry.detect_format``). See docs/ingest.md for the formats, the mapping
file of the generic adapters and the quarantine codes.
"""
from __future__ import annotations

import hashlib
import os
import sys
import types
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

from ..errors import InputError
from ..progress import progress
from ..store import DEFAULT_STORE, Store, utcnow
from .base import BATCH_ROWS, Context, Sink
from .normalize import resolve_tz
from .registry import ADAPTERS, FORMATS, detect_format, get_adapter, sniff_file
from .writer import FileWriter

__all__ = ["ingest", "ingest_file", "file_context", "IngestSummary", "ADAPTERS", "FORMATS"]


@dataclass
class IngestSummary:
    source_file: str
    sha256: str
    format: str
    sniffed: bool  # True when --format auto chose the format
    read: int
    stored: int
    duplicates: int
    quarantined: int
    accounts_stored: int
    seconds: float

    def as_dict(self) -> dict:
        return asdict(self)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(8 * 1024 * 1024):
            h.update(chunk)
    return h.hexdigest()


def _open_store(store) -> tuple[Store, bool]:
    if isinstance(store, Store):
        return store, False
    return Store(store if store is not None else DEFAULT_STORE), True


def ingest(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    *,
    format: str = "auto",
    mapping: str | os.PathLike | None = None,
    store: Store | str | os.PathLike | None = None,
    assume_tz: str | None = None,
    batch_rows: int = BATCH_ROWS,
) -> list[IngestSummary]:
    """Ingest files into ``store`` (a Store or a path; default ./faisceau.duckdb).

    Raises InputError (naming the file) for a fatal problem: missing, unreadable or empty
    file, unknown format. Files before it are already committed; the failing one leaves
    the store untouched."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    st, owned = _open_store(store)
    try:
        mapping_obj = None
        if mapping is not None:
            from .generic import load_mapping

            mapping_obj = load_mapping(mapping)
        return [
            ingest_file(st, p, format=format, mapping=mapping_obj, assume_tz=assume_tz, batch_rows=batch_rows)
            for p in paths
        ]
    finally:
        if owned:
            st.close()


def file_context(path, *, format: str = "auto", mapping=None, assume_tz: str | None = None):
    """Check one input file, choose its adapter and build its Context.

    Returns ``(ctx, adapter_cls, chosen_format)``. Shared by ``ingest_file`` and the
    Spark ingest (``faisceau.engine.spark_ingest``), which runs adapters on executors."""
    source_file = str(path)
    path = Path(path)
    if not path.exists():
        raise InputError(f"{source_file}: no such file")
    if path.is_dir():
        raise InputError(f"{source_file}: is a directory, not a file")
    try:
        sniffed = sniff_file(path)
    except OSError as exc:
        raise InputError(f"{source_file}: cannot read: {exc.strerror or exc}") from exc
    if sniffed.kind == "empty":
        raise InputError(f"{source_file}: empty file, nothing to ingest", code="empty-file")
    chosen = format
    if format == "auto":
        chosen = detect_format(path, sniffed, has_mapping=mapping is not None)
    adapter_cls = get_adapter(chosen)
    if adapter_cls.needs_mapping and mapping is None:
        raise InputError(f"{source_file}: format {chosen} needs --mapping (see docs/ingest.md)",
                         code="bad-mapping")
    tz_name = assume_tz if assume_tz is not None else adapter_cls.default_tz
    if format == "auto":
        from ..progress import note

        note(f"{source_file}: format {chosen} (sniffed)")
    ctx = Context(
        path=path, source_file=source_file, sha256=file_sha256(path), adapter=adapter_cls.name,
        adapter_version=adapter_cls.version(), ingested_at=utcnow(), tz=resolve_tz(tz_name), mapping=mapping,
    )
    return ctx, adapter_cls, chosen


def ingest_file(st: Store, path, *, format: str = "auto", mapping=None, assume_tz: str | None = None,
                batch_rows: int = BATCH_ROWS) -> IngestSummary:
    """Ingest one file in one transaction."""
    t0 = time.perf_counter()
    ctx, adapter_cls, chosen = file_context(path, format=format, mapping=mapping, assume_tz=assume_tz)
    source_file, path = ctx.source_file, ctx.path
    started = ctx.ingested_at
    with progress(f"ingest {path.name} ({chosen})") as task, FileWriter(st, ctx) as writer:
        def stage(table, batch):
            writer.stage(table, batch)
            if table.name == "posts":
                task.advance(batch.num_rows)

        sink = Sink(ctx, stage, batch_rows=batch_rows)
        sink.writer = writer  # for adapters with a set-based path (ioarchive_fast)
        adapter_cls().read(ctx, sink)
        sink.flush()
        log = writer.finish(sink.records_read, sink.quarantined, started)
    return IngestSummary(
        source_file=source_file, sha256=ctx.sha256, format=chosen, sniffed=format == "auto",
        read=log["rows_read"], stored=log["rows_stored"], duplicates=log["duplicates"],
        quarantined=log["quarantined"], accounts_stored=log["accounts_stored"],
        seconds=round(time.perf_counter() - t0, 3),
    )


class _CallableModule(types.ModuleType):
    """``faisceau.ingest`` is both this package and the function: once the package is
    imported, Python binds the attribute ``faisceau.ingest`` to the module, so the module
    itself forwards calls to ``ingest()``."""

    def __call__(self, *args, **kwargs):
        return ingest(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
