"""Streaming readers for line-oriented JSON, with bounded memory per record.

``json_records`` yields ``(line_no, obj)`` for every non-blank line that parses as JSON,
and quarantines the others in the sink with a stable code:

- ``bad-utf8``: the line is not valid UTF-8;
- ``bad-json``: truncated or invalid JSON;
- ``too-large``: the line is longer than ``MAX_RECORD_BYTES``; it is skipped in chunks,
  never held in memory whole.
"""
from __future__ import annotations

from pathlib import Path
from typing import BinaryIO, Iterator

import orjson

from .base import MAX_RECORD_BYTES, Sink

CHUNK = 4 * 1024 * 1024


class TooLarge:
    __slots__ = ("size", "head")

    def __init__(self, size: int, head: bytes):
        self.size = size
        self.head = head


def raw_lines(fh: BinaryIO, max_bytes: int = MAX_RECORD_BYTES) -> Iterator[tuple[int, bytes | TooLarge]]:
    """(1-based line number, line bytes without the newline) for every line, read in
    chunks. A line over ``max_bytes`` comes back as ``TooLarge`` (its first bytes only)."""
    line_no = 0
    buf = b""
    big: TooLarge | None = None  # the line being skipped, if any
    while True:
        chunk = fh.read(CHUNK)
        if not chunk:
            break
        if big is not None:
            nl = chunk.find(b"\n")
            if nl < 0:
                big.size += len(chunk)
                continue
            big.size += nl
            line_no += 1
            yield line_no, big
            big = None
            chunk = chunk[nl + 1:]
        data = buf + chunk if buf else chunk
        parts = data.split(b"\n")
        buf = parts.pop()
        for line in parts:
            line_no += 1
            if len(line) > max_bytes:
                yield line_no, TooLarge(len(line), line[:1024])
            else:
                yield line_no, line
        if len(buf) > max_bytes:
            big = TooLarge(len(buf), buf[:1024])
            buf = b""
    if big is not None:
        line_no += 1
        yield line_no, big
    elif buf:
        line_no += 1
        yield line_no, buf


def decode_error(line: bytes) -> tuple[str, str]:
    """The quarantine code and message for a line orjson refused."""
    try:
        line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return "bad-utf8", f"invalid UTF-8 at byte {exc.start}"
    try:
        orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        return "bad-json", f"invalid or truncated JSON: {exc}"
    return "bad-json", "invalid JSON"


def json_records(path: Path, sink: Sink) -> Iterator[tuple[int, object]]:
    """Parsed JSON values of a JSONL file; bad lines are read and quarantined here."""
    loads = orjson.loads
    with open(path, "rb") as fh:
        for line_no, line in raw_lines(fh):
            if isinstance(line, TooLarge):
                sink.read()
                sink.quarantine(line_no, "too-large",
                                f"line of {line.size:,} bytes exceeds the {MAX_RECORD_BYTES:,}-byte record limit",
                                line.head)
                continue
            if not line.strip():
                continue
            try:
                obj = loads(line)
            except orjson.JSONDecodeError:
                sink.read()
                code, msg = decode_error(line)
                sink.quarantine(line_no, code, msg, line)
                continue
            yield line_no, obj
