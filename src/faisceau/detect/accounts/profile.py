"""Handle and profile patterns: name+digits handles, default/shared images, bios, name/handle.

All functions take the per-account base rows (dicts from ``aggregate.BASE``) and
return per-account values; nothing here reads posts.
"""
from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher

from .text import fold, strip_flags

_NAME_DIGITS = re.compile(r"^[A-Za-z][A-Za-z_.]*?_?(\d+)$")
_LETTERS = re.compile(r"[a-z]+")
_DIGITS = re.compile(r"\d+")
_WS = re.compile(r"\s+")
_DEFAULT_IMAGE = re.compile(r"default_profile|default-avatar|/avatar/default|no[_-]?avatar", re.I)


def name_digits(handle: str | None, min_digits: int = 4) -> bool | None:
    """Handle made of a name followed by a run of digits ('elvin84731')."""
    if not handle:
        return None
    m = _NAME_DIGITS.match(handle)
    return bool(m and len(m.group(1)) >= min_digits and sum(c.isalpha() for c in handle) >= 3)


def default_image(flag: bool | None, url: str | None) -> bool | None:
    """True when the platform says so or the url is a known default; None when unknown."""
    if flag is not None:
        return bool(flag) or bool(url and _DEFAULT_IMAGE.search(url))
    if url:
        return bool(_DEFAULT_IMAGE.search(url))
    return None


def shared_counts(values: list[str | None]) -> list[int | None]:
    """For each value, how many *other* rows carry the same value (None stays None)."""
    c = Counter(v for v in values if v)
    return [None if not v else c[v] - 1 for v in values]


def bio_norm(bio: str | None) -> str | None:
    if bio is None or not bio.strip():
        return None
    return _WS.sub(" ", bio.strip().casefold())


def bio_template(bio: str | None, handle: str | None, name: str | None) -> str | None:
    """The bio with the account's own names, digits and flags masked: one template per family."""
    b = bio_norm(bio)
    if b is None:
        return None
    b = strip_flags(b)
    for token in {fold(t) for t in re_split(handle) + re_split(name) if len(t) >= 3}:
        b = re.sub(re.escape(token), "<name>", fold(b))
    b = _DIGITS.sub("0", fold(b))
    return _WS.sub(" ", b).strip()


def re_split(s: str | None) -> list[str]:
    return [t for t in re.split(r"[\W_\d]+", s or "") if t]


def name_handle_similarity(handle: str | None, name: str | None) -> float | None:
    """0-1: how well the display name's words are found in the handle (after folding).

    For each word of the name (3+ letters), the longest run it shares with the handle,
    counted only from 3 letters up, over the word's length; the best word wins. So
    'Elvin Mammadov' ~ 'elvin_m' = 1.0, 'John Doe' ~ 'jdoe' = 1.0 and 'Sophie Martin' ~
    'elvin10009' = 0. None when either side has fewer than 3 Latin letters.
    """
    h = "".join(_LETTERS.findall(fold(handle or "")))
    words = [w for w in _LETTERS.findall(fold(name or "")) if len(w) >= 3]
    if len(h) < 3 or not words:
        return None
    best = 0.0
    for w in words:
        m = SequenceMatcher(None, w, h, autojunk=False).find_longest_match(0, len(w), 0, len(h))
        if m.size >= 3:
            best = max(best, m.size / len(w))
    return round(best, 3)


def profile_features(base: list[dict], min_digits: int = 4, mismatch_below: float = 0.5) -> list[dict]:
    """Per-account profile features, aligned with ``base``."""
    any_bio = any(r.get("description") is not None for r in base)
    norms = [bio_norm(r.get("description")) for r in base]
    templates = [bio_template(r.get("description"), r.get("handle"), r.get("display_name")) for r in base]
    ident = shared_counts(norms)
    templ = shared_counts(templates)
    images = shared_counts([r.get("profile_image_url") for r in base])
    out = []
    for i, r in enumerate(base):
        sim = name_handle_similarity(r.get("handle"), r.get("display_name"))
        out.append({
            "handle_name_digits": name_digits(r.get("handle"), min_digits),
            "default_profile_image": default_image(r.get("default_profile_image"), r.get("profile_image_url")),
            "shared_profile_image": images[i],
            "bio_empty": (norms[i] is None) if any_bio else None,
            "bio_identical": ident[i] if any_bio else None,
            "bio_templated": templ[i] if any_bio else None,
            "name_handle_similarity": sim,
            "name_handle_mismatch": None if sim is None else sim < mismatch_below,
        })
    return out
