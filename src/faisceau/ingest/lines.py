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

PIECE = 1024 * 1024  # lines are read in pieces of this size at most
CHUNK = 8 * 1024 * 1024


class TooLarge:
    __slots__ = ("size", "head")

    def __init__(self, size: int, head: bytes):
        self.size = size
        self.head = head


def raw_lines(fh: BinaryIO, max_bytes: int = MAX_RECORD_BYTES) -> Iterator[tuple[int, bytes | TooLarge]]:
    """(1-based line number, line bytes without the newline) for every line. A line over
    ``max_bytes`` comes back as ``TooLarge`` (its first bytes only); it is read in
    pieces and dropped as soon as it is too long, so memory stays bounded by ``max_bytes``."""
    line_no = 0
    readline = fh.readline
    piece = min(PIECE, max_bytes + 1)
    while True:
        line = readline(piece)
        if not line:
            return
        line_no += 1
        if line[-1:] == b"\n":
            yield line_no, line[:-1]
            continue
        if len(line) < piece:
            yield line_no, line  # last line, without a newline
            continue
        parts, size, head, done = [line], len(line), line[:1024], False
        while True:
            more = readline(PIECE)
            if not more:
                done = True
                break
            size += len(more)
            if parts is not None:
                parts.append(more)
                if size > max_bytes + 1:
                    parts = None  # too large: drop what we hold, count the rest
            if more[-1:] == b"\n":
                break
        if parts is not None:
            whole = b"".join(parts)
            whole = whole[:-1] if whole[-1:] == b"\n" else whole
            if len(whole) <= max_bytes:
                yield line_no, whole
                continue
        yield line_no, TooLarge(size - (0 if done else 1), head)


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


def json_records(path: Path, sink: Sink, *, start: int = 0, end: int | None = None,
                 first_line: int = 1) -> Iterator[tuple[int, object]]:
    """Parsed JSON values of a JSONL file (or of the byte range [start, end), whose first
    line has number ``first_line``); bad lines are read and quarantined here."""
    loads = orjson.loads
    offset = first_line - 1
    with open(path, "rb") as raw:
        raw.seek(start)
        fh = raw if end is None else _Range(raw, end - start)
        for line_no, line in raw_lines(fh):
            line_no += offset
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


class _Range:
    """``readline`` over the next ``size`` bytes of a file, no further."""

    def __init__(self, fh: BinaryIO, size: int):
        self._fh = fh
        self._left = size

    def readline(self, limit: int = -1) -> bytes:
        if self._left <= 0:
            return b""
        n = self._left if limit is None or limit < 0 else min(limit, self._left)
        line = self._fh.readline(n)
        self._left -= len(line)
        return line


def split_lines(path: Path, parts: int) -> list[tuple[int, int, int]]:
    """``parts`` byte ranges (start, end, first line number) cut at line ends."""
    size = path.stat().st_size
    cuts = [0]
    with open(path, "rb") as fh:
        for i in range(1, parts):
            fh.seek(max(size * i // parts, cuts[-1]))
            fh.readline()
            cuts.append(min(fh.tell(), size))
    cuts.append(size)
    out, line = [], 1
    with open(path, "rb") as fh:
        for a, b in zip(cuts, cuts[1:]):
            out.append((a, b, line))
            fh.seek(a)
            left = b - a
            while left > 0:
                chunk = fh.read(min(CHUNK, left))
                if not chunk:
                    break
                left -= len(chunk)
                line += chunk.count(b"\n")
    return [r for r in out if r[1] > r[0]]
