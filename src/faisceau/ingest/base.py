"""What every adapter shares: the per-file context, the record sink, the adapter base.

An adapter turns one file into calls on a ``Sink``: ``sink.read(n)`` for every record it
read, then for each record exactly one of ``sink.post(...)`` or ``sink.quarantine(...)``
(plus ``sink.account(...)`` for every account observation it saw). The sink buffers rows
column-wise and hands Arrow batches to the writer, which stages them in DuckDB; the
writer then checks ``read == posts + quarantined`` so an adapter cannot drop a record
silently.
"""
from __future__ import annotations

import abc
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, ClassVar

import orjson
import pyarrow as pa

from .. import __version__
from ..schema import ACCOUNTS, POSTS, QUARANTINE, Table

BATCH_ROWS = 50_000
MAX_RECORD_BYTES = 16 * 1024 * 1024  # a twarc2 page of 100 tweets with includes is < 2 MB
EXCERPT_CHARS = 300

_PROVENANCE = ("source_file", "source_sha256", "record_no", "adapter", "adapter_version", "ingested_at")
POST_FIELDS = tuple(c for c in POSTS.column_names if c not in _PROVENANCE)
ACCOUNT_FIELDS = tuple(c for c in ACCOUNTS.column_names if c not in _PROVENANCE)
_LIST_FIELDS = {c.name for c in POSTS.columns if pa.types.is_list(c.type)}


@dataclass
class Context:
    """What an adapter knows about the file it reads."""

    path: Path
    source_file: str
    sha256: str
    adapter: str
    adapter_version: str
    ingested_at: dt.datetime
    tz: dt.tzinfo | None = None  # --assume-tz (or the adapter's documented zone)
    mapping: Any = None  # parsed --mapping for the generic adapters


def excerpt(raw) -> str:
    """A bounded, printable excerpt of a raw record (bytes or text)."""
    if raw is None:
        return ""
    if isinstance(raw, (bytes, bytearray, memoryview)):
        raw = bytes(raw[: EXCERPT_CHARS * 4]).decode("utf-8", "replace")
    elif not isinstance(raw, str):
        raw = orjson.dumps(raw, default=str).decode()[: EXCERPT_CHARS * 4]
    return raw[:EXCERPT_CHARS]


class Sink:
    """Column-wise buffers for posts, accounts and quarantine rows of one file."""

    def __init__(self, ctx: Context, stage: Callable[[Table, pa.Table], None], batch_rows: int = BATCH_ROWS):
        self.ctx = ctx
        self._stage = stage
        self.batch_rows = batch_rows
        self.records_read = 0
        self.posts_out = 0
        self.quarantined = 0
        self._p: dict[str, list] = {c: [] for c in (*POST_FIELDS, "record_no")}
        self._a: dict[str, list] = {c: [] for c in (*ACCOUNT_FIELDS, "record_no")}
        self._q: list[dict] = []
        self.writer = None  # the FileWriter, for adapters that stage through SQL

    # -- adapter API ------------------------------------------------------------------
    def read(self, n: int = 1) -> None:
        self.records_read += n

    def post(self, row: dict, record_no: int) -> None:
        cols = self._p
        for name in POST_FIELDS:
            v = row.get(name)
            if v is None and name in _LIST_FIELDS:
                v = []
            cols[name].append(v)
        cols["record_no"].append(record_no)
        self.posts_out += 1
        if len(cols["record_no"]) >= self.batch_rows:
            self.flush()

    def account(self, row: dict, record_no: int) -> None:
        cols = self._a
        for name in ACCOUNT_FIELDS:
            v = row.get(name)
            if name == "attributes" and v is not None and not isinstance(v, str):
                v = orjson.dumps(v, option=orjson.OPT_SORT_KEYS, default=str).decode()
            cols[name].append(v)
        cols["record_no"].append(record_no)
        if len(cols["record_no"]) >= self.batch_rows:
            self._flush_accounts()

    def quarantine(self, record_no: int | None, code: str, message: str, raw=None) -> None:
        self.quarantined += 1
        self._q.append({"record_no": record_no, "error_code": code, "message": message[:500],
                        "excerpt": excerpt(raw)})
        if len(self._q) >= self.batch_rows:
            self._flush_quarantine()

    # -- batching ---------------------------------------------------------------------
    def _provenance(self, n: int) -> dict[str, pa.Array]:
        c = self.ctx
        return {
            "source_file": pa.repeat(pa.scalar(c.source_file, pa.string()), n),
            "source_sha256": pa.repeat(pa.scalar(c.sha256, pa.string()), n),
            "adapter": pa.repeat(pa.scalar(c.adapter, pa.string()), n),
            "adapter_version": pa.repeat(pa.scalar(c.adapter_version, pa.string()), n),
            "ingested_at": pa.repeat(pa.scalar(c.ingested_at, pa.timestamp("ms")), n),
        }

    def _build(self, table: Table, cols: dict[str, list]) -> pa.Table:
        n = len(cols["record_no"])
        prov = self._provenance(n)
        arrays = []
        for c in table.columns:
            if c.name in prov:
                arrays.append(prov[c.name])
            else:
                arrays.append(pa.array(cols[c.name], type=c.type))
        return pa.Table.from_arrays(arrays, schema=table.arrow_schema)

    def _flush_posts(self) -> None:
        if self._p["record_no"]:
            batch = self._build(POSTS, self._p)
            self._p = {c: [] for c in self._p}
            self._stage(POSTS, batch)

    def _flush_accounts(self) -> None:
        if self._a["record_no"]:
            batch = self._build(ACCOUNTS, self._a)
            self._a = {c: [] for c in self._a}
            self._stage(ACCOUNTS, batch)

    def _flush_quarantine(self) -> None:
        if self._q:
            c = self.ctx
            rows = [{**q, "source_file": c.source_file, "source_sha256": c.sha256, "adapter": c.adapter,
                     "quarantined_at": c.ingested_at} for q in self._q]
            self._q = []
            self._stage(QUARANTINE, QUARANTINE.from_rows(rows))

    def flush(self) -> None:
        self._flush_posts()
        self._flush_accounts()
        self._flush_quarantine()


class Adapter(abc.ABC):
    """One source format. Subclasses set the class attributes and implement ``read``."""

    name: ClassVar[str]
    platform: ClassVar[str] = "generic"
    revision: ClassVar[int] = 1
    description: ClassVar[str] = ""
    # The documented zone of the format's naive timestamps (None: ask --assume-tz).
    default_tz: ClassVar[str | None] = None
    needs_mapping: ClassVar[bool] = False

    @classmethod
    def version(cls) -> str:
        return f"{__version__}/{cls.revision}"

    @abc.abstractmethod
    def read(self, ctx: Context, sink: Sink) -> None:
        """Parse the file of ``ctx`` into ``sink``."""


@dataclass
class Sniffed:
    """What the first bytes of a file look like (filled once, shared by all sniffers)."""

    head: bytes
    kind: str  # parquet | json | jsonl | csv | empty | binary | text
    columns: list[str] = field(default_factory=list)  # CSV header / Parquet schema
    first: Any = None  # first JSON record (jsonl) when it parsed
