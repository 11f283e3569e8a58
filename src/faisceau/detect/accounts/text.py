"""Text helpers shared by the profile and origin signals: folding, scripts, flags."""
from __future__ import annotations

import functools
import re
import unicodedata

# Letters that NFKD does not decompose to ASCII, mapped to their usual Latin reading.
_SPECIAL = str.maketrans({
    "ə": "e", "Ə": "e", "ı": "i", "İ": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "æ": "ae",
    "Æ": "ae", "œ": "oe", "Œ": "oe", "ß": "ss", "đ": "d", "Đ": "d", "ð": "d", "þ": "th",
})

_URL = re.compile(r"https?://\S+|www\.\S+")
_MENTION = re.compile(r"@\w+")
_WS = re.compile(r"\s+")


def fold(s: str) -> str:
    """Lower-case ASCII fold: diacritics stripped, special Latin letters mapped."""
    s = (s or "").translate(_SPECIAL)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def clean_text(s: str) -> str:
    """Text stripped of urls and mentions, on one line (fastText needs one line)."""
    s = _URL.sub(" ", s or "")
    s = _MENTION.sub(" ", s)
    return _WS.sub(" ", s.replace("#", " ")).strip()


@functools.lru_cache(maxsize=65536)
def char_script(c: str) -> str | None:
    """Writing system of a letter (Latin, Cyrillic, Arabic...), None for non-letters."""
    if not unicodedata.category(c).startswith("L"):
        return None
    try:
        name = unicodedata.name(c)
    except ValueError:
        return None
    first = name.split(" ", 1)[0]
    if first == "CJK":
        return "Han"
    if first in ("HIRAGANA", "KATAKANA"):
        return "Japanese"
    return first.capitalize()


def scripts(s: str) -> dict[str, int]:
    """Letter counts per script."""
    out: dict[str, int] = {}
    for c in s or "":
        sc = char_script(c)
        if sc:
            out[sc] = out.get(sc, 0) + 1
    return out


def flags(s: str) -> list[str]:
    """ISO 3166 codes of flag emoji (pairs of regional indicator symbols), in order."""
    codes, pending = [], None
    for c in s or "":
        o = ord(c)
        if 0x1F1E6 <= o <= 0x1F1FF:
            letter = chr(o - 0x1F1E6 + ord("A"))
            if pending is None:
                pending = letter
            else:
                codes.append(pending + letter)
                pending = None
        else:
            pending = None
    return codes


def strip_flags(s: str) -> str:
    return "".join(c for c in s or "" if not 0x1F1E6 <= ord(c) <= 0x1F1FF)
