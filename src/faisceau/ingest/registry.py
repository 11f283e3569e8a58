"""The adapter registry and format sniffing (``--format auto``)."""
from __future__ import annotations

import csv
import importlib
import io
import re
from pathlib import Path

import orjson

from ..errors import InputError, ParameterError, UnknownFormatError
from .base import Adapter, Sniffed

# format name -> "module:class". Imported lazily: a reader's dependencies are paid only
# when its format is used.
ADAPTERS: dict[str, str] = {
    "twarc2": "faisceau.ingest.twarc2:Twarc2Adapter",
    "x-v2": "faisceau.ingest.twarc2:XV2Adapter",
    "io-archive": "faisceau.ingest.ioarchive:IOArchiveAdapter",
    "ira538": "faisceau.ingest.ira538:IRA538Adapter",
    "telegram": "faisceau.ingest.telegram:TelegramAdapter",
    "coortweet": "faisceau.ingest.coortweet:CoorTweetAdapter",
    "csv": "faisceau.ingest.generic:CSVAdapter",
    "parquet": "faisceau.ingest.generic:ParquetAdapter",
    "jsonl": "faisceau.ingest.generic:JSONLAdapter",
}
FORMATS = ("auto", *ADAPTERS)

HEAD_BYTES = 256 * 1024


def available() -> list[str]:
    """Formats whose adapter module is present."""
    out = []
    for name in ADAPTERS:
        try:
            get_adapter(name)
        except ParameterError:
            continue
        out.append(name)
    return out


def get_adapter(name: str) -> type[Adapter]:
    target = ADAPTERS.get(name)
    if target is None:
        raise ParameterError(f"unknown format {name!r}: choose one of {', '.join(FORMATS)}")
    mod_name, attr = target.split(":")
    try:
        mod = importlib.import_module(mod_name)
    except ModuleNotFoundError as exc:
        if exc.name == mod_name:
            raise ParameterError(f"format {name!r} is not available in this build") from exc
        raise
    return getattr(mod, attr)


def sniff_file(path: Path) -> Sniffed:
    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES)
    if not head.strip():
        return Sniffed(head, "empty")
    if head.startswith(b"PAR1"):
        import pyarrow.parquet as pq

        try:
            cols = pq.ParquetFile(path).schema_arrow.names
        except Exception as exc:  # pyarrow raises several types for a corrupt footer
            raise InputError(f"{path}: looks like Parquet but cannot be read: {exc}") from exc
        return Sniffed(head, "parquet", columns=cols)
    body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if body[:1] in (b"{", b"["):
        first_line = body.split(b"\n", 1)[0]
        try:
            first = orjson.loads(first_line)
        except orjson.JSONDecodeError:
            return Sniffed(head, "json")
        return Sniffed(head, "jsonl", first=first)
    if b"\x00" in head[:4096]:
        return Sniffed(head, "binary")
    text = head.decode("utf-8", "replace")
    first_line = text.split("\n", 1)[0]
    if "," in first_line or "\t" in first_line or ";" in first_line:
        dialect_delim = "\t" if first_line.count("\t") > first_line.count(",") else ","
        cols = next(csv.reader(io.StringIO(first_line), delimiter=dialect_delim), [])
        return Sniffed(head, "csv", columns=[c.strip().lstrip("\ufeff") for c in cols])
    return Sniffed(head, "text")


def _table_format(cols: set[str]) -> str | None:
    if {"object_id", "account_id", "content_id", "timestamp_share"} <= cols:
        return "coortweet"
    if {"tweetid", "userid", "tweet_time"} <= cols:
        return "io-archive"
    if {"content", "publish_date"} <= cols and cols & {"author", "author_id"} and \
            cols & {"account_category", "external_author_id", "harvested_date"}:
        return "ira538"
    return None


_TELEGRAM = re.compile(rb'"messages"\s*:\s*\[')


def detect_format(path: Path, sniffed: Sniffed, *, has_mapping: bool = False) -> str:
    """The format name for ``--format auto``, or UnknownFormatError naming the file."""
    kind = sniffed.kind
    generic = {"csv": "csv", "parquet": "parquet", "jsonl": "jsonl"}
    if has_mapping and kind in generic:
        return generic[kind]
    if kind in ("csv", "parquet"):
        found = _table_format(set(sniffed.columns))
        if found:
            return found
        hint = f"columns {', '.join(sniffed.columns[:8])}{'...' if len(sniffed.columns) > 8 else ''}"
    elif kind == "jsonl":
        obj = sniffed.first
        if isinstance(obj, dict):
            if "messages" in obj and isinstance(obj.get("messages"), list):
                return "telegram"
            if isinstance(obj.get("data"), (list, dict)):
                return "twarc2" if "__twarc" in obj else "x-v2"
            if "id" in obj and "text" in obj:
                return "twarc2"
        hint = "JSON lines that are neither X API v2 tweets nor twarc2 pages"
    elif kind == "json":
        if _TELEGRAM.search(sniffed.head):
            return "telegram"
        if b'"data"' in sniffed.head or (b'"text"' in sniffed.head and b'"id"' in sniffed.head):
            return "x-v2"
        hint = "a JSON document of no known export"
    else:
        hint = {"binary": "binary data", "text": "text that is neither CSV nor JSON"}.get(kind, kind)
    raise UnknownFormatError(
        f"{path}: unknown format ({hint}); pass --format ({', '.join(ADAPTERS)}) "
        "and, for csv/parquet/jsonl, a --mapping file"
    )
