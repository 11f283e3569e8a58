"""Text normalisation with explicit views, vectorised over Arrow arrays.

Each view exists for one comparison and is named for it, so a match can say which
view it was found on:

- ``nfkc``  Unicode NFKC, whitespace collapsed, otherwise untouched. Display and the
  strictest exact key (kept for posts whose canonical view is empty: URL-only posts).
- ``canon`` what copy-paste keeps: ``nfkc`` case-folded, with the retweet prefix
  ("RT @user:"), URLs and @mentions removed, '#' dropped from hashtags, and every
  character that is not a letter, mark or digit (punctuation, symbols, emoji) turned
  into a space. Exact hashing and MinHash shingles run on this view, so a copy that
  only changes emoji, punctuation, links or the tagged accounts is still a copy.
- ``fold``  ``canon`` with accents removed (NFKD, marks dropped) and Cyrillic and
  Greek transliterated to Latin. Used for edit distance and for the tokens the
  second-stage check compares across languages ("Путин" and "Putin" meet as "putin").

Side lists kept for evidence: ``urls``, ``mentions``, ``numbers``, ``emoji``.
"""
from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

URL_RE = r"(?i)\b(?:https?://|www\.)\S+"
MENTION_RE = r"(?:^|[^\w])@(\w{1,30})"
RT_PREFIX_RE = r"(?i)^rt\s+@\w+:?\s*"
# "20 000" (French thousands, any space after NFKC) is one number, like "20,000" and "20.000".
NUMBER_RE = r"\d{1,3}(?: \d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*"
# Emoji and pictographs (So), keycaps, flags (regional indicators are So too).
EMOJI_RE = r"[\p{So}\x{1F1E6}-\x{1F1FF}]"

VIEWS = ("nfkc", "canon", "fold")

_TRANSLIT = {
    # Cyrillic (Russian, Ukrainian, Serbian, Bulgarian, Macedonian letters), ISO-9-like.
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "ђ": "dj", "ѓ": "gj",
    "е": "e", "ё": "e", "є": "ye", "ж": "zh", "з": "z", "ѕ": "dz", "и": "i", "і": "i",
    "ї": "yi", "й": "y", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n",
    "њ": "nj", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "c", "ќ": "kj",
    "у": "u", "ў": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "џ": "dz", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Greek.
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o",
    # Latin letters NFKD does not decompose.
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ı": "i", "þ": "th",
}
_TRANSLIT_TABLE = str.maketrans(_TRANSLIT)


def _as_array(texts) -> pa.Array:
    arr = texts if isinstance(texts, (pa.Array, pa.ChunkedArray)) else pa.array(texts, pa.string())
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if pa.types.is_large_string(arr.type):
        arr = arr.cast(pa.string())
    return pc.fill_null(arr, "")


def _squash(arr: pa.Array) -> pa.Array:
    return pc.utf8_trim_whitespace(pc.replace_substring_regex(arr, r"\s+", " "))


def nfkc(texts) -> pa.Array:
    """NFKC with whitespace collapsed (NULL text becomes '')."""
    return _squash(pc.utf8_normalize(_as_array(texts), "NFKC"))


def canon_from_nfkc(v: pa.Array) -> pa.Array:
    v = pc.utf8_lower(v)
    v = pc.replace_substring_regex(v, RT_PREFIX_RE, "")
    v = pc.replace_substring_regex(v, URL_RE, " ")
    v = pc.replace_substring_regex(v, r"@\w+", " ")
    v = pc.replace_substring_regex(v, r"[^\p{L}\p{M}\p{N}]+", " ")
    return _squash(v)


def fold_from_canon(v: pa.Array) -> pa.Array:
    v = pc.utf8_normalize(v, "NFKD")
    v = pc.replace_substring_regex(v, r"\p{M}+", "")
    # str.translate runs in C; Arrow has no per-character mapping kernel.
    return pa.array([s.translate(_TRANSLIT_TABLE) for s in v.to_pylist()], pa.string())


def views(texts) -> pa.Table:
    """All views and side lists for a column of texts, in input order."""
    v_nfkc = nfkc(texts)
    v_canon = canon_from_nfkc(v_nfkc)
    lowered = pc.utf8_lower(v_nfkc)
    return pa.table(
        {
            "nfkc": v_nfkc,
            "canon": v_canon,
            "fold": fold_from_canon(v_canon),
            "urls": _findall(lowered, URL_RE),
            "mentions": _findall(lowered, r"@\w+"),
            # numbers of the text itself, not digits inside links, handles or hashtags
            # ("#Paris2024" names a topic; it does not state the number 2024)
            "numbers": _findall(pc.replace_substring_regex(v_nfkc, URL_RE + r"|[@#]\w+", " "), NUMBER_RE),
            "emoji": _findall(v_nfkc, EMOJI_RE),
        }
    )


def _findall(arr: pa.Array, pattern: str) -> pa.Array:
    """All non-overlapping matches per row, as a list<string> column."""
    # Arrow has no findall; split on the complement is lossy, so mark matches first.
    marked = pc.replace_substring_regex(arr, f"({pattern})", "\x00\\1\x00")
    parts = pc.split_pattern(marked, "\x00")
    flat = pc.list_flatten(parts)
    parent = pc.list_parent_indices(parts)
    # Matched pieces sit at odd positions within each row's split list.
    offsets = parts.offsets.to_numpy()

    pos = np.arange(len(flat)) - np.repeat(offsets[:-1], np.diff(offsets))
    keep = (pos % 2) == 1
    keep &= pc.not_equal(flat, "").to_numpy(zero_copy_only=False)
    kept = flat.filter(pa.array(keep))
    kept_parent = parent.to_numpy()[keep]
    counts = np.bincount(kept_parent, minlength=len(arr))
    new_offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
    return pa.ListArray.from_arrays(pa.array(new_offsets), kept)


def fold_text(text: str) -> str:
    """The ``fold`` view of one string (for evidence and tests)."""
    return views([text]).column("fold")[0].as_py()
