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


def _strip_tracking(query: str) -> str:
    """The query without tracking parameters. Kept parameters keep their original bytes
    (no decode/re-encode round trip that would rewrite %20 as +)."""
    kept = []
    for pair in query.split("&"):
        if not pair:
            continue
        key = pair.split("=", 1)[0].lower()
        if key.startswith("utm_") or key in TRACKING_PARAMS:
            continue
        kept.append(pair)
    return "&".join(kept)


_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")


@lru_cache(maxsize=262_144)
def _normalize(url: str) -> tuple[str | None, str | None]:
    url = url.strip()
    if not url:
        return None, None
    m = _SCHEME_RE.match(url)
    if m is None:
        if "://" in url[:12] or " " in url:
            return url, None  # keep what we cannot parse rather than lose the evidence
        url = "http://" + url  # "www.example.com/x" as typed in a bio or a CSV column
        m = _SCHEME_RE.match(url)
    scheme = m.group(1).lower()
    rest = url[m.end():]
    cut = len(rest)
    for sep in "/?#":
        i = rest.find(sep)
        if 0 <= i < cut:
            cut = i
    netloc, tail = rest[:cut], rest[cut:]
    userinfo = ""
    if "@" in netloc:
        userinfo, netloc = netloc.rsplit("@", 1)
        userinfo = userinfo.split(":", 1)[0] + "@"  # never keep a password
    host, port = netloc, ""
    if netloc.startswith("["):  # IPv6 literal
        close = netloc.find("]")
        host, port = netloc[: close + 1], netloc[close + 2:] if close + 1 < len(netloc) else ""
    elif ":" in netloc:
        host, port = netloc.rsplit(":", 1)
    host = host.rstrip(".").lower()
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            pass
    if port and (not port.isdigit() or int(port) == _DEFAULT_PORTS.get(scheme)):
        port = "" if port.isdigit() else port
    fragment = ""
    if "#" in tail:
        tail, fragment = tail.split("#", 1)
        fragment = "#" + fragment if fragment.startswith("!") else ""
    path, _, query = tail.partition("?")
    if query:
        q = query.lower()
        if "utm_" in q or any(k in q for k in TRACKING_PARAMS):
            query = _strip_tracking(query)
    out = f"{scheme}://{userinfo}{host}{':' + port if port else ''}{path or '/'}{'?' + query if query else ''}{fragment}"
    domain = host[4:] if host.startswith("www.") else host
    return out, (domain or None)


def normalize_url(url: str | None) -> str | None:
    """The canonical form of ``url`` (see module doc); None for an empty value."""
    if url is None:
        return None
    return _normalize(url)[0]


def domain_of(url: str | None) -> str | None:
    """Lower-cased host of a URL without a leading ``www.``."""
    if not url:
        return None
    return _normalize(url)[1]


def urls_and_domains(raw_urls) -> tuple[list[str], list[str]]:
    """Normalised, de-duplicated URLs (first-seen order) and their domains."""
    urls: list[str] = []
    domains: list[str] = []
    if not raw_urls:
        return urls, domains
    for u in raw_urls:
        if not isinstance(u, str):
            continue
        n, d = _normalize(u)
        if n and n not in urls:
            urls.append(n)
            if d and d not in domains:
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
    if value.__class__ is str and len(value) >= 16:
        # Fast path for the common forms: ISO with Z, and naive ISO in a UTC preset.
        zulu = value[-1] == "Z"
        try:
            t = dt.datetime.fromisoformat(value[:-1] if zulu else value)
        except ValueError:
            t = None
        if t is not None and t.tzinfo is None and (zulu or tz is _UTC):
            us = t.microsecond
            return t.replace(microsecond=us - us % 1000) if us % 1000 else t
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
    cls = value.__class__
    if cls is int:
        return value
    if cls is str and value.isascii() and value.isdigit():
        return int(value)
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
