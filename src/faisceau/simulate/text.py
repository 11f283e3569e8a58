"""Vectorised organic text: topic x language phrase tables, hashtags, headlines, t.co links."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import vocab
from .columns import join, lists_from_counts, take_str

_B62 = np.array(list("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"))


def random_tokens(rng: np.random.Generator, n: int, width: int = 10) -> np.ndarray:
    """n random base-62 tokens of ``width`` characters (t.co paths, media ids)."""
    if n == 0:
        return np.array([], dtype=f"<U{width}")
    d = _B62[rng.integers(0, 62, size=(n, width))]
    return np.ascontiguousarray(d).view(f"<U{width}").ravel()


def tco(rng: np.random.Generator, n: int) -> pa.Array:
    return join(pa.scalar("https://t.co/"), pa.array(random_tokens(rng, n)))


@dataclass
class PhraseTable:
    """Flattened phrase lists for every (topic, language) pair, for index arithmetic."""

    topics: list[str]
    langs: list[str]
    used_lang: np.ndarray  # per pair: the language actually written (fallback when a pair is missing)
    off: list[np.ndarray]  # per part (opener, core, tail, tags): offset per pair
    cnt: list[np.ndarray]
    flat: list[list[str]]

    @classmethod
    def build(cls, topics: list[str], langs: list[str]) -> "PhraseTable":
        P = len(topics) * len(langs)
        off = [np.zeros(P, dtype=np.int64) for _ in range(4)]
        cnt = [np.zeros(P, dtype=np.int64) for _ in range(4)]
        flat: list[list[str]] = [[], [], [], []]
        used = np.empty(P, dtype=object)
        for ti, t in enumerate(topics):
            for li, lang in enumerate(langs):
                p = ti * len(langs) + li
                table = vocab.TOPICS[t]
                wl = lang if lang in table else ("en" if "en" in table else next(iter(table)))
                used[p] = wl
                parts = list(table[wl]) + [vocab.HASHTAGS.get(t, {}).get(wl, [])]
                for k in range(4):
                    off[k][p] = len(flat[k])
                    cnt[k][p] = len(parts[k])
                    flat[k] += parts[k]
        return cls(topics, langs, used.astype(str), off, cnt, flat)

    def pick_part(self, rng: np.random.Generator, k: int, pair: np.ndarray) -> np.ndarray:
        return self.off[k][pair] + (rng.random(len(pair)) * np.maximum(self.cnt[k][pair], 1)).astype(np.int64)

    def bodies(self, rng: np.random.Generator, pair: np.ndarray, emoji_p: float = 0.18) -> pa.Array:
        n = len(pair)
        o = take_str(self.flat[0], self.pick_part(rng, 0, pair))
        c = take_str(self.flat[1], self.pick_part(rng, 1, pair))
        t = take_str(self.flat[2], self.pick_part(rng, 2, pair))
        # emoji and small numbers: organic posts on one topic share words, rarely whole sentences
        e = take_str(vocab.EMOJI, rng.integers(0, len(vocab.EMOJI), n))
        e = pc.if_else(pa.array(rng.random(n) < emoji_p), e, pa.scalar(""))
        body = join(o, c, t, sep=" ")
        return pc.utf8_trim_whitespace(join(body, e, sep=" "))

    def reactions(self, rng: np.random.Generator, pair: np.ndarray) -> pa.Array:
        """Short replies/quote comments: a tail phrase, sometimes with an emoji."""
        n = len(pair)
        t = take_str(self.flat[2], self.pick_part(rng, 2, pair))
        e = take_str(vocab.EMOJI, rng.integers(0, len(vocab.EMOJI), n))
        return pc.if_else(pa.array(rng.random(n) < 0.5), join(t, e, sep=" "), t)

    def hashtags(self, rng: np.random.Generator, pair: np.ndarray, p_tag: np.ndarray) -> pa.ListArray:
        """0-2 hashtags per post; ``p_tag`` is the per-post probability of carrying any."""
        n = len(pair)
        avail = self.cnt[3][pair]
        k = np.where((rng.random(n) < p_tag) & (avail > 0), 1 + (rng.random(n) < 0.35), 0)
        k = np.minimum(k, avail)
        first = self.pick_part(rng, 3, pair)
        second = self.off[3][pair] + (first - self.off[3][pair] + 1 + (rng.random(n) * np.maximum(avail - 1, 1)).astype(np.int64)) % np.maximum(avail, 1)
        vals = np.stack([first, second], axis=1)
        mask = np.arange(2)[None, :] < k[:, None]
        return lists_from_counts(k, take_str(self.flat[3], vals[mask]))


@dataclass
class Headlines:
    """Share-button headlines: identical text and URL from many accounts."""

    lang: list[str]
    text: list[str]
    url: list[str]

    @classmethod
    def build(cls) -> "Headlines":
        langs, texts, urls = [], [], []
        for lang, heads in vocab.HEADLINES.items():
            outlets = [o for o in vocab.OUTLETS if o[2] == lang]
            for i, h in enumerate(heads):
                handle, domain, _ = outlets[i % len(outlets)]
                slug = "-".join("".join(ch for ch in w.lower() if ch.isalnum()) for w in h.split()[:6])
                langs.append(lang)
                texts.append(f"{h} via @{handle}")
                urls.append(f"https://www.{domain}/2023/07/{slug}-{1000 + 37 * i}")
        return cls(langs, texts, urls)

    def pick(self, rng: np.random.Generator, langs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """A headline index per row in the row's language; ok=False where there is none."""
        n = len(langs)
        idx = np.full(n, -1, dtype=np.int64)
        hl = np.array(self.lang)
        for lang in np.unique(hl):
            cand = np.flatnonzero(hl == lang)
            sel = langs == lang
            idx[sel] = cand[rng.integers(0, len(cand), int(sel.sum()))]
        return idx, idx >= 0
