"""Normalisation shared by every adapter: URLs, domains, hashtags, mentions, timestamps.

Two posts sharing "the same" link must compare equal whatever the export did to it, so
URLs are normalised before they reach the store:

- scheme and host are lower-cased (paths and queries keep their case: they are
  case-sensitive on most servers);
- default ports (``:80`` for http, ``:443`` for https) and an empty path (``/``) are made
  uniform;
- tracking parameters are removed: every ``utm_*`` plus the click identifiers listed in
  ``TRACKING_PARAMS`` (fbclid, gclid, ...);
- the fragment is dropped, except a ``#!`` hash-bang route, which addresses content.

``domain_of`` gives the host without a leading ``www.``. It is the host, not the
registrable domain: without a public-suffix list (nothing downloads at run time) we cannot
tell ``bbc.co.uk`` from ``news.bbc.co.uk`` reliably, and sub-domains are evidence
(``fr.sputniknews.africa``) we do not want to lose.

Timestamps: everything is stored as naive UTC with millisecond precision. An aware value
is converted; a naive one is interpreted in ``assume_tz`` when given and otherwise
rejected with the quarantine code ``naive-timestamp``.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import ParameterError

TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid",
        "mc_cid", "mc_eid", "_ga", "_gl", "ref_src", "ref_url", "twclid", "ttclid",
        "si", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "_hsenc", "_hsmi",
    }
)
_DEFAULT_PORTS = {"http": 80, "https": 443}

HASHTAG_RE = re.compile(r"(?<![\w&])[#＃](\w+)")
MENTION_RE = re.compile(r"(?<![\w@])[@＠](\w{1,30})")
URL_RE = re.compile(r"(?i)\bhttps?://[^\s<>\"'\u200b\u2026]+")
_TRAILING = ".,;:!?)]}»…'\""


class RecordError(ValueError):
    """A record that cannot be stored; ``code`` is the stable quarantine code."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@lru_cache(maxsize=200_000)
def normalize_url(url: str) -> str | None:
    """The canonical form of ``url`` (see module doc); None for an empty value."""
    if url is None:
        return None
    url = url.strip()
    if not url:
        return None
    if "://" not in url[:12]:
        # "www.example.com/x" as typed in a bio or a CSV column
        url = "http://" + url
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").rstrip(".")
        port = parts.port
    except ValueError:
        return url  # keep what we cannot parse rather than lose the evidence
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        pass
    host = host.lower()
    netloc = host
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{netloc}:{port}"
    path = parts.path or "/"
    query = parts.query
    if query:
        kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True)
                if not (k.lower().startswith("utm_") or k.lower() in TRACKING_PARAMS)]
        query = urlencode(kept, doseq=True, safe="/:@!$'()*,;~")
    fragment = parts.fragment if parts.fragment.startswith("!") else ""
    return urlunsplit((scheme, netloc, path, query, fragment))


@lru_cache(maxsize=200_000)
def domain_of(url: str | None) -> str | None:
    """Lower-cased host of a (normalised) URL without a leading ``www.``."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower()
    return host[4:] if host.startswith("www.") else host


def urls_and_domains(raw_urls) -> tuple[list[str], list[str]]:
    """Normalised, de-duplicated URLs (first-seen order) and their domains."""
    urls: list[str] = []
    seen = set()
    for u in raw_urls or ():
        n = normalize_url(u) if isinstance(u, str) else None
        if n and n not in seen:
            seen.add(n)
            urls.append(n)
    domains: list[str] = []
    dseen = set()
    for u in urls:
        d = domain_of(u)
        if d and d not in dseen:
            dseen.add(d)
            domains.append(d)
    return urls, domains


def clean_tags(values, strip: str = "#") -> list[str]:
    """Lower-cased, prefix-stripped, de-duplicated (first-seen order) hashtags or handles."""
    out: list[str] = []
    seen = set()
    for v in values or ():
        if not isinstance(v, str):
            if v is None:
                continue
            v = str(v)
        v = v.strip().lstrip(strip).lower()
        if v and v not in seen:
            seen.add(v)
            out.append(v)
    return out


def hashtags_in(text: str | None) -> list[str]:
    return clean_tags(HASHTAG_RE.findall(text)) if text else []


def mentions_in(text: str | None) -> list[str]:
    return clean_tags(MENTION_RE.findall(text), "@") if text else []


def urls_in(text: str | None) -> list[str]:
    if not text or "://" not in text:
        return []
    return [u.rstrip(_TRAILING) for u in URL_RE.findall(text)]


# -- time ---------------------------------------------------------------------------

_UTC = dt.timezone.utc


def resolve_tz(name: str | None) -> dt.tzinfo | None:
    """A tzinfo for ``--assume-tz`` (IANA name, 'UTC' or an offset like +02:00)."""
    if name is None:
        return None
    if name.upper() in ("UTC", "Z", "GMT"):
        return _UTC
    m = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", name)
    if m:
        sign = 1 if m.group(1) == "+" else -1
        return dt.timezone(sign * dt.timedelta(hours=int(m.group(2)), minutes=int(m.group(3))))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ParameterError(
            f"unknown time zone {name!r} for --assume-tz: use an IANA name such as "
            "Europe/Paris, or UTC, or an offset such as +02:00"
        ) from exc


def _to_utc_naive(t: dt.datetime, tz: dt.tzinfo | None, raw) -> dt.datetime:
    if t.tzinfo is None:
        if tz is None:
            raise RecordError(
                "naive-timestamp",
                f"timestamp {raw!r} has no time zone: pass --assume-tz to say which it is",
            )
        t = t.replace(tzinfo=tz)
    t = t.astimezone(_UTC).replace(tzinfo=None)
    if t.microsecond % 1000:
        t = t.replace(microsecond=t.microsecond // 1000 * 1000)
    return t


_TWITTER_V1 = "%a %b %d %H:%M:%S %z %Y"


def parse_time(value, tz: dt.tzinfo | None = None, field: str = "timestamp") -> dt.datetime | None:
    """Naive-UTC datetime (ms precision) from an ISO string, a v1 date, epoch seconds or
    a datetime. None/"" gives None. Raises RecordError('bad-timestamp' | 'naive-timestamp')."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return _to_utc_naive(value, tz, value)
    if isinstance(value, bool):
        raise RecordError("bad-timestamp", f"{field} {value!r} is not a timestamp")
    if isinstance(value, (int, float)):
        return epoch_to_utc(value, field=field)
    if not isinstance(value, str):
        raise RecordError("bad-timestamp", f"{field} {str(value)[:60]!r} is not a timestamp")
    s = value.strip()
    if not s:
        return None
    try:
        t = dt.datetime.fromisoformat(s)
    except ValueError:
        t = None
        if s[:3].isalpha():
            try:
                t = dt.datetime.strptime(s, _TWITTER_V1)
            except ValueError:
                t = None
        elif s.replace(".", "", 1).isdigit():
            return epoch_to_utc(float(s), field=field)
        if t is None:
            raise RecordError("bad-timestamp", f"cannot read {field} {s[:60]!r} as a date/time") from None
    return _to_utc_naive(t, tz, s)


_EPOCH = dt.datetime(1970, 1, 1)


def epoch_to_utc(value, *, field: str = "timestamp") -> dt.datetime:
    """Unix seconds (int/float; milliseconds if clearly so) to naive UTC."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise RecordError("bad-timestamp", f"{field} {str(value)[:60]!r} is not unix seconds") from None
    if v != v or abs(v) > 1e13 * 1000:
        raise RecordError("bad-timestamp", f"{field} {value!r} is out of range")
    if abs(v) > 1e11:  # milliseconds since the epoch (year > 5138 otherwise)
        v /= 1000.0
    try:
        return _EPOCH + dt.timedelta(milliseconds=round(v * 1000))
    except OverflowError:
        raise RecordError("bad-timestamp", f"{field} {value!r} is out of range") from None


def to_int(value, field: str) -> int | None:
    """An integer metric; None stays None (unknown is not zero). Bad types are errors."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise RecordError("bad-type", f"{field} is a boolean, expected an integer")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value != value:
            return None
        if value.is_integer():
            return int(value)
        raise RecordError("bad-type", f"{field} {value!r} is not an integer")
    if isinstance(value, str):
        s = value.strip().replace(",", "")
        try:
            return int(s)
        except ValueError:
            try:
                f = float(s)
            except ValueError:
                raise RecordError("bad-type", f"{field} {value[:40]!r} is not an integer") from None
            if f != f:
                return None
            if f.is_integer():
                return int(f)
            raise RecordError("bad-type", f"{field} {value[:40]!r} is not an integer") from None
    raise RecordError("bad-type", f"{field} has type {type(value).__name__}, expected an integer")


def to_id(value, field: str, *, required: bool = False) -> str | None:
    """An identifier as a string. Numbers are accepted (CSV readers make them floats)."""
    if value is None or value == "":
        if required:
            raise RecordError("missing-id", f"{field} is missing")
        return None
    if isinstance(value, str):
        v = value.strip()
        if v.endswith(".0") and v[:-2].isdigit():
            v = v[:-2]
        if not v and required:
            raise RecordError("missing-id", f"{field} is empty")
        return v or None
    if isinstance(value, bool):
        raise RecordError("bad-type", f"{field} is a boolean, expected an id")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            if required:
                raise RecordError("missing-id", f"{field} is missing")
            return None
        if value.is_integer():
            return str(int(value))
        return repr(value)
    raise RecordError("bad-type", f"{field} has type {type(value).__name__}, expected an id")


def to_str(value, field: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise RecordError("bad-type", f"{field} has type {type(value).__name__}, expected text")


def to_bool(value, field: str) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return bool(value)
    if isinstance(value, str):
        v = value.strip().lower()
        if v in ("true", "t", "1", "yes", "y"):
            return True
        if v in ("false", "f", "0", "no", "n"):
            return False
    raise RecordError("bad-type", f"{field} {str(value)[:40]!r} is not a boolean")
