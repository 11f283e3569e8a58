"""Generic CSV / Parquet / JSONL files, mapped to the canonical columns by a TOML file.

The mapping format is documented in docs/ingest.md ("Generic files and --mapping").
In short::

    platform = "facebook"             # required: the platform of every row
    timezone = "Europe/Paris"         # zone of naive times (--assume-tz wins)
    time_format = "%d/%m/%Y %H:%M"    # strptime format, when not ISO 8601 / epoch
    list_separator = "|"              # for list columns given as text (default: JSON or ',')
    account_attributes = ["page_category"]   # source columns kept in accounts.attributes

    [posts]                           # canonical column = source column (a.b.c: nested JSON)
    post_id = "id"
    account_id = "page.id"
    created_at = "published"
    text = "message"

    [accounts]                        # optional: the author's observation
    handle = "page.handle"

    [kinds]                           # optional: source value of posts.kind -> canonical kind
    share = "repost"
"""
from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from ..errors import MappingError
from .base import ACCOUNT_FIELDS, POST_FIELDS, Adapter, Context, Sink
from .lines import json_records
from .normalize import (RecordError, clean_tags, hashtags_in, mentions_in, parse_time, resolve_tz, to_bool,
                        to_id, to_int, to_str, urls_and_domains, urls_in)
from .tables import iter_rows

KINDS = ("post", "repost", "quote", "reply")
_POST_MAPPABLE = tuple(c for c in POST_FIELDS if c not in ("platform", "media"))
_ACCOUNT_MAPPABLE = tuple(c for c in ACCOUNT_FIELDS if c not in ("platform", "account_id", "attributes"))
_INT = {"views", "likes", "reposts", "replies", "quotes", "followers", "following", "posts_count"}
_BOOL = {"verified", "default_profile_image"}
_TIME = {"created_at", "observed_at"}
_ID = {"post_id", "account_id", "parent_post_id", "parent_account_id", "conversation_id"}
_LIST = {"hashtags", "urls", "domains", "mentions"}


@dataclass
class Mapping:
    platform: str
    posts: dict[str, str]
    accounts: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    timezone: str | None = None
    time_format: str | None = None
    list_separator: str | None = None
    account_attributes: list[str] = field(default_factory=list)
    source: str = ""

    def source_columns(self) -> list[str]:
        """Top-level source columns the mapping reads (for the required-columns check)."""
        cols = [*self.posts.values(), *self.accounts.values(), *self.account_attributes]
        return sorted({c.split(".")[0] for c in cols})


def load_mapping(path: str | os.PathLike) -> Mapping:
    """Parse and check a mapping file; every problem is a MappingError naming the file."""
    p = Path(path)
    try:
        raw = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise MappingError(f"{p}: cannot read mapping: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise MappingError(f"{p}: invalid TOML: {exc}") from exc
    known = {"platform", "timezone", "time_format", "list_separator", "account_attributes", "posts",
             "accounts", "kinds"}
    unknown = set(raw) - known
    if unknown:
        raise MappingError(f"{p}: unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(known))}")
    platform = raw.get("platform")
    if not isinstance(platform, str) or not platform:
        raise MappingError(f"{p}: 'platform' (e.g. platform = \"facebook\") is required")
    posts = raw.get("posts")
    if not isinstance(posts, dict):
        raise MappingError(f"{p}: a [posts] table is required")
    for section, allowed, table in (("posts", _POST_MAPPABLE, posts), ("accounts", _ACCOUNT_MAPPABLE, raw.get("accounts", {}))):
        if not isinstance(table, dict):
            raise MappingError(f"{p}: [{section}] must be a table")
        for k, v in table.items():
            if k not in allowed:
                raise MappingError(f"{p}: [{section}] {k} is not a canonical column; allowed: {', '.join(allowed)}")
            if not isinstance(v, str) or not v:
                raise MappingError(f"{p}: [{section}] {k} must name a source column")
    missing = [c for c in ("post_id", "account_id", "created_at") if c not in posts]
    if missing:
        raise MappingError(f"{p}: [posts] must map {', '.join(missing)}")
    kinds = raw.get("kinds", {})
    if not isinstance(kinds, dict) or any(v not in KINDS for v in kinds.values()):
        raise MappingError(f"{p}: [kinds] maps source values to one of {', '.join(KINDS)}")
    tz = raw.get("timezone")
    if tz is not None:
        resolve_tz(tz)  # fail now, with the file named by the caller's error
    attrs = raw.get("account_attributes", [])
    if not isinstance(attrs, list) or not all(isinstance(a, str) for a in attrs):
        raise MappingError(f"{p}: account_attributes must be a list of column names")
    return Mapping(platform=platform, posts=dict(posts), accounts=dict(raw.get("accounts", {})),
                   kinds={str(k): v for k, v in kinds.items()}, timezone=tz,
                   time_format=raw.get("time_format"), list_separator=raw.get("list_separator"),
                   account_attributes=attrs, source=str(p))


_MISSING = object()


def lookup(row: dict, path: str):
    """A value by column name, or by dotted path into nested objects (JSONL)."""
    if path in row:
        return row[path]
    cur: Any = row
    for part in path.split("."):
        if isinstance(cur, dict) and part in cur:
            cur = cur[part]
        else:
            return None
    return cur


def _as_list(value, sep: str | None) -> list:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return value
    if hasattr(value, "tolist"):
        return list(value.tolist())
    s = str(value).strip()
    if sep is None and s.startswith("["):
        try:
            v = orjson.loads(s)
            if isinstance(v, list):
                return v
        except orjson.JSONDecodeError:
            pass
        s = s.strip("[]")
    return [x.strip() for x in s.split(sep or ",") if x.strip()]


class Converter:
    def __init__(self, m: Mapping, tz: dt.tzinfo | None):
        self.m = m
        self.tz = tz

    def time(self, v, name):
        if v in (None, ""):
            return None
        if self.m.time_format and isinstance(v, str):
            try:
                v = dt.datetime.strptime(v.strip(), self.m.time_format)
            except ValueError:
                raise RecordError("bad-timestamp", f"{name} {v[:40]!r} does not match {self.m.time_format!r}") from None
        return parse_time(v, self.tz, name)

    def value(self, name: str, v):
        if name in _ID:
            return to_id(v, name)
        if name in _TIME:
            return self.time(v, name)
        if name in _INT:
            return to_int(v, name)
        if name in _BOOL:
            return to_bool(v, name)
        if name in _LIST:
            return _as_list(v, self.m.list_separator)
        return to_str(v, name)

    def post(self, row: dict) -> dict:
        m = self.m
        out: dict[str, Any] = {"platform": m.platform}
        for name, src in m.posts.items():
            out[name] = self.value(name, lookup(row, src))
        if out.get("post_id") is None:
            raise RecordError("missing-id", f"post id ({m.posts['post_id']}) is missing")
        if out.get("account_id") is None:
            raise RecordError("missing-id", f"account id ({m.posts['account_id']}) is missing")
        if out.get("created_at") is None:
            raise RecordError("missing-timestamp", f"creation time ({m.posts['created_at']}) is missing")
        kind = out.get("kind")
        if kind is not None:
            kind = m.kinds.get(kind, kind)
            if kind not in KINDS:
                raise RecordError("bad-type", f"kind {kind!r} is not one of {', '.join(KINDS)} (add it to [kinds])")
        out["kind"] = kind or "post"
        text = out.get("text")
        out["hashtags"] = clean_tags(out["hashtags"]) if "hashtags" in m.posts else hashtags_in(text)
        out["mentions"] = clean_tags(out["mentions"], "@") if "mentions" in m.posts else mentions_in(text)
        raw_urls = [str(u) for u in out["urls"]] if "urls" in m.posts else urls_in(text)
        urls, domains = urls_and_domains(raw_urls)
        out["urls"] = urls
        out["domains"] = clean_tags(out["domains"]) if "domains" in m.posts else domains
        return out

    def account(self, row: dict, post: dict) -> dict | None:
        m = self.m
        if not m.accounts and not m.account_attributes:
            return None
        acc: dict[str, Any] = {"platform": m.platform, "account_id": post["account_id"]}
        for name, src in m.accounts.items():
            try:
                acc[name] = self.value(name, lookup(row, src))
            except RecordError:
                acc[name] = None  # context of the post: one bad field must not cost the post
        attrs = {a: lookup(row, a) for a in m.account_attributes}
        acc["attributes"] = {k: v for k, v in attrs.items() if v is not None} or None
        return acc


class _GenericAdapter(Adapter):
    needs_mapping = True
    platform = "generic"
    revision = 1

    def _rows(self, ctx: Context, sink: Sink):
        return iter_rows(ctx, sink, required=ctx.mapping.source_columns())

    def read(self, ctx: Context, sink: Sink) -> None:
        m: Mapping = ctx.mapping
        tz = ctx.tz if ctx.tz is not None else resolve_tz(m.timezone)
        conv = Converter(m, tz)
        for record_no, row in self._rows(ctx, sink):
            sink.read()
            if not isinstance(row, dict):
                sink.quarantine(record_no, "bad-record", f"expected an object, got {type(row).__name__}", row)
                continue
            try:
                post = conv.post(row)
            except RecordError as exc:
                sink.quarantine(record_no, exc.code, exc.message, row)
                continue
            sink.post(post, record_no)
            acc = conv.account(row, post)
            if acc:
                sink.account(acc, record_no)


class CSVAdapter(_GenericAdapter):
    name = "csv"
    description = "any CSV file, with a --mapping"


class ParquetAdapter(_GenericAdapter):
    name = "parquet"
    description = "any Parquet file, with a --mapping"


class JSONLAdapter(_GenericAdapter):
    name = "jsonl"
    description = "any JSON-lines file, with a --mapping"

    def _rows(self, ctx: Context, sink: Sink):
        return json_records(ctx.path, sink)
