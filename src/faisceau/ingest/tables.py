"""Row readers for tabular files (CSV, Parquet), streaming in batches.

``iter_rows`` yields ``(record_no, {column: value})`` where record_no is the 1-based data
row (the CSV header is not counted). CSV rows that cannot be read are quarantined here
(and counted as read):

- ``bad-utf8``: a field is not valid UTF-8 (the rest of the file is read on);
- ``bad-row``: the row has more or fewer fields than the header;
- ``too-large``: a field over the record limit.

Parquet values keep their types (ints, floats, timestamps); CSV values are strings.
"""
from __future__ import annotations

import csv
import sys
from typing import Iterator, Sequence

from ..errors import InputError
from .base import MAX_RECORD_BYTES, Context, Sink
from .registry import sniff_file

PARQUET_BATCH = 65_536


def _check_columns(ctx: Context, columns: Sequence[str], required: Sequence[str]) -> None:
    missing = [c for c in required if c not in columns]
    if missing:
        raise InputError(
            f"{ctx.source_file}: missing column(s) {', '.join(missing)} for format {ctx.adapter} "
            f"(found: {', '.join(list(columns)[:12])})", code="bad-columns")


def parquet_batches(ctx: Context, columns: Sequence[str] | None = None):
    """Arrow record batches of a Parquet file (only ``columns`` when given)."""
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(ctx.path)
    except Exception as exc:  # pyarrow raises ArrowInvalid/OSError for corrupt files
        raise InputError(f"{ctx.source_file}: cannot read Parquet: {exc}") from exc
    names = pf.schema_arrow.names
    cols = [c for c in columns if c in names] if columns is not None else None
    yield from pf.iter_batches(batch_size=PARQUET_BATCH, columns=cols)


def parquet_columns(ctx: Context) -> list[str]:
    import pyarrow.parquet as pq

    return pq.ParquetFile(ctx.path).schema_arrow.names


def iter_rows(ctx: Context, sink: Sink, *, required: Sequence[str] = (),
              aliases: dict[str, str] | None = None) -> Iterator[tuple[int, dict]]:
    """Rows of a CSV or Parquet file as dicts. ``aliases`` renames source columns
    (e.g. ``author_id`` -> ``author``) before the required-columns check."""
    aliases = aliases or {}
    kind = sniff_file(ctx.path).kind
    if kind == "parquet":
        names = [aliases.get(c, c) for c in parquet_columns(ctx)]
        _check_columns(ctx, names, required)
        record_no = 0
        for batch in parquet_batches(ctx):
            cols = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
            for values in zip(*cols):
                record_no += 1
                yield record_no, dict(zip(names, values))
        return
    if kind != "csv":
        raise InputError(f"{ctx.source_file}: format {ctx.adapter} expects a CSV or Parquet file, "
                         f"this looks like {kind}", code="unknown-format")
    yield from _csv_rows(ctx, sink, required, aliases)


def _has_surrogate(row: list[str]) -> bool:
    try:
        "\x1f".join(row).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _csv_rows(ctx: Context, sink: Sink, required, aliases) -> Iterator[tuple[int, dict]]:
    csv.field_size_limit(min(MAX_RECORD_BYTES, sys.maxsize))
    with open(ctx.path, "r", encoding="utf-8", errors="surrogateescape", newline="") as fh:
        first = fh.readline()
        delim = "\t" if first.count("\t") > first.count(",") else ","
        header = next(csv.reader([first], delimiter=delim), [])
        header = [aliases.get(h.strip().lstrip("\ufeff"), h.strip().lstrip("\ufeff")) for h in header]
        _check_columns(ctx, header, required)
        ncol = len(header)
        reader = csv.reader(fh, delimiter=delim)
        record_no = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                record_no += 1
                sink.read()
                code = "too-large" if "field limit" in str(exc) else "bad-row"
                sink.quarantine(record_no, code, f"line {reader.line_num + 1}: {exc}", "")
                continue
            if not row:
                continue  # a blank line is not a record
            record_no += 1
            if len(row) != ncol:
                sink.read()
                sink.quarantine(record_no, "bad-row",
                                f"line {reader.line_num}: {len(row)} fields, the header has {ncol}",
                                ",".join(row).encode("utf-8", "surrogateescape"))
                continue
            if _has_surrogate(row):
                sink.read()
                sink.quarantine(record_no, "bad-utf8", f"line {reader.line_num}: invalid UTF-8",
                                ",".join(row).encode("utf-8", "surrogateescape"))
                continue
            yield record_no, dict(zip(header, row))
