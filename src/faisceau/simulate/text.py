"""Vectorised organic text: topic x language phrase tables, hashtags, headlines, t.co links."""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import informal, vocab, vocab_variety
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


_ALT = re.compile(r"\{([^{}]*\|[^{}]*)\}")


def wordings(statement: str) -> list[str]:
    """Every wording of a statement written with alternatives: "{a friend|my mate} had to {bin|throw
    out} her mattress" gives four. A statement without braces is its only wording."""
    parts = _ALT.split(statement)  # text, alternatives, text, ...
    out = [""]
    for k, part in enumerate(parts):
        choices = part.split("|") if k % 2 else [part]
        out = [o + c for o in out for c in choices]
    return [" ".join(o.split()) for o in out]


_ASIDE_SEP = [", ", " - ", ", ", " ; ", ". ", " (", " / "]
_REACT_END = ["", "!", ".", " !", "...", " !!", " ?!", ""]


def _when(mask, values) -> pa.Array:
    """values where mask, else null."""
    return pc.if_else(mask, values, pa.scalar(None, pa.string()))


def _join_skip(*parts) -> pa.Array:
    """Space-joined pieces, null pieces skipped (null only where every piece is)."""
    if any(p.null_count == 0 for p in parts):
        # pyarrow's null_handling='skip' is right whenever a row has a piece (it drops the
        # rows whose pieces are all null): here every row has one
        return pc.binary_join_element_wise(*parts, " ", null_handling="skip")
    out = parts[0]
    for p in parts[1:]:
        out = pc.coalesce(pc.binary_join_element_wise(out, p, " "), out, p)
    return out


def _capitalise(text: pa.Array, mask: np.ndarray) -> pa.Array:
    """Upper-case the first character where ``mask`` (people capitalise, not always)."""
    first = pc.utf8_slice_codeunits(text, 0, 1)
    cap = join(pc.utf8_upper(first), pc.utf8_slice_codeunits(text, 1, 1 << 20))
    return pc.if_else(pa.array(mask), cap, text)


@dataclass
class Generic:
    """``vocab_variety.GENERIC`` flattened: per slot, an offset and a count per language."""

    langs: list[str]
    flat: dict[str, list[str]]
    off: dict[str, np.ndarray]
    cnt: dict[str, np.ndarray]

    @classmethod
    def build(cls) -> "Generic":
        langs = list(vocab_variety.GENERIC)
        slots = list(vocab_variety.GENERIC["fr"])
        flat = {k: [] for k in slots}
        off = {k: np.zeros(len(langs), np.int64) for k in slots}
        cnt = {k: np.zeros(len(langs), np.int64) for k in slots}
        for li, lang in enumerate(langs):
            for k in slots:
                off[k][li] = len(flat[k])
                cnt[k][li] = len(vocab_variety.GENERIC[lang][k])
                flat[k] += vocab_variety.GENERIC[lang][k]
        return cls(langs, flat, off, cnt)

    def index(self, lang: str) -> int:
        return self.langs.index(lang) if lang in self.langs else self.langs.index("en")

    def pick(self, rng: np.random.Generator, slot: str, lang_idx: np.ndarray) -> np.ndarray:
        return self.off[slot][lang_idx] + (rng.random(len(lang_idx)) * self.cnt[slot][lang_idx]).astype(np.int64)

    def take(self, rng: np.random.Generator, slot: str, lang_idx: np.ndarray, mask: np.ndarray) -> pa.Array:
        """A random ``slot`` phrase in each row's language where ``mask``, else null."""
        return _when(pa.array(mask), take_str(self.flat[slot], self.pick(rng, slot, lang_idx)))

    def frame(self, rng: np.random.Generator, lang_idx: np.ndarray, clause: pa.Array, mask: np.ndarray) -> pa.Array:
        """``clause`` put the way a poster puts it ("I read that {}", "{}, apparently") where
        ``mask``; as is elsewhere (nulls stay null)."""
        i = self.pick(rng, "frame", lang_idx)
        pre, post = zip(*(f.split("{}", 1) for f in self.flat["frame"]))
        framed = join(take_str(list(pre), i), clause, take_str(list(post), i))
        return pc.if_else(pc.and_(pa.array(mask), pc.is_valid(clause)), framed, clause)


@dataclass
class PhraseTable:
    """Flattened phrase lists for every (topic, language) pair, for index arithmetic."""

    topics: list[str]
    langs: list[str]
    used_lang: np.ndarray  # per pair: the language actually written (fallback when a pair is missing)
    off: list[np.ndarray]  # per part (opener, core, tail, tags): offset per pair
    cnt: list[np.ndarray]
    flat: list[list[str]]
    generic: "Generic"
    pair_lang: np.ndarray  # per pair: index of its written language in ``generic``
    say_off: np.ndarray  # per core statement (index into flat[1]): offset and count of its wordings
    say_cnt: np.ndarray
    said: list[str]  # every wording of every core statement

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
                openers, cores, tails = table[wl]
                # an opener written with alternatives counts each wording as an opener
                parts = [[w for o in openers for w in wordings(o)], cores, tails, vocab.HASHTAGS.get(t, {}).get(wl, [])]
                for k in range(4):
                    off[k][p] = len(flat[k])
                    cnt[k][p] = len(parts[k])
                    flat[k] += parts[k]
        generic = Generic.build()
        pair_lang = np.array([generic.index(str(x)) for x in used], dtype=np.int64)
        said: list[str] = []
        say_off = np.zeros(len(flat[1]), np.int64)
        say_cnt = np.zeros(len(flat[1]), np.int64)
        for i, statement in enumerate(flat[1]):
            w = wordings(statement)
            say_off[i], say_cnt[i] = len(said), len(w)
            said += w
        return cls(topics, langs, used.astype(str), off, cnt, flat, generic, pair_lang, say_off, say_cnt, said)

    def say(self, rng: np.random.Generator, statement: np.ndarray) -> pa.Array:
        """One wording, drawn per post, of each core statement (indices into flat[1])."""
        return take_str(self.said, self.say_off[statement] + (rng.random(len(statement)) * self.say_cnt[statement]).astype(np.int64))

    def lang_array(self, pair: np.ndarray) -> pa.Array:
        """The written language of each (topic, language) pair, as an Arrow string column."""
        return take_str(self.used_lang.tolist(), pair)

    def pick_part(self, rng: np.random.Generator, k: int, pair: np.ndarray) -> np.ndarray:
        return self.off[k][pair] + (rng.random(len(pair)) * np.maximum(self.cnt[k][pair], 1)).astype(np.int64)

    def bodies(self, rng: np.random.Generator, pair: np.ndarray) -> pa.Array:
        """Organic post bodies: the topic's opener/core/tail plus per-post slots (see vocab_variety).

        ``[lead] [When where,] [opener] core [when where] [connector core'] [, aside] [tail] [emoji]``,
        each optional piece drawn independently, so same-topic posts share words, rarely sentences.
        """
        n = len(pair)
        g = self.generic
        li = self.pair_lang[pair]
        u = rng.random((n, 9))
        adv_kind = np.searchsorted([0.15, 0.45, 0.75], u[:, 0], side="right")  # 0 none, 1 when, 2 where, 3 both
        # the topic's opener, core and tail make a few hundred sentences per language, which
        # posters would share nearly verbatim by chance: a post with fewer than three pieces of
        # its own (time, place, marker, second clause, aside) gets a time and a place, and with
        # fewer than two an aside as well
        framed = rng.random(n) < 0.5  # "I read that ...", "..., apparently": how the statement is put
        own = (adv_kind == 3).astype(int) + (adv_kind > 0) + (u[:, 2] < 0.2) + (u[:, 4] < 0.2) + (u[:, 5] < 0.3) + framed
        adv_kind = np.where(own < 3, 3, adv_kind)
        u[:, 5] = np.where(own < 2, 0.0, u[:, 5])  # and an aside
        front = u[:, 1] < 0.45
        when = g.take(rng, "when", li, (adv_kind == 1) | (adv_kind == 3))
        where = g.take(rng, "where", li, adv_kind >= 2)
        adv = _join_skip(when, where)
        lead = g.take(rng, "lead", li, u[:, 2] < 0.2)
        adv_front = _when(pa.array(front), pc.binary_join_element_wise(adv, ",", ""))
        adv_back = _when(pa.array(~front), adv)
        opener = self._part(rng, 0, pair, u[:, 3] < 0.3)
        second = u[:, 4] < 0.2  # a second statement of the topic: posts rarely make two
        ci = self.pick_part(rng, 1, pair)
        # the second clause is another core of the topic, never the first one again
        c = np.maximum(self.cnt[1][pair], 1)
        c2 = self.off[1][pair] + (ci - self.off[1][pair] + 1 + (rng.random(n) * np.maximum(c - 1, 1)).astype(np.int64)) % c
        core = g.frame(rng, li, self.say(rng, ci), framed)
        core2 = _when(pa.array(second & (c > 1)), self.say(rng, c2))
        clause2 = _join_skip(_when(pc.is_valid(core2), g.take(rng, "join", li, second)), core2)
        aside = g.take(rng, "aside", li, u[:, 5] < 0.3)
        aside = pc.binary_join_element_wise(take_str(_ASIDE_SEP, rng.integers(0, len(_ASIDE_SEP), n)), aside, "")
        tail = self._part(rng, 2, pair, u[:, 6] < 0.7)
        e = _when(pa.array(u[:, 7] < 0.25), take_str(vocab.EMOJI, rng.integers(0, len(vocab.EMOJI), n)))
        head = _join_skip(lead, adv_front, opener, core, adv_back, clause2)
        head = _join_skip(join(head, aside), tail, e)
        head = informal.retype(rng, head, np.array(g.langs)[li])
        return _capitalise(head, u[:, 8] < 0.6)

    def reactions(self, rng: np.random.Generator, pair: np.ndarray) -> pa.Array:
        """Replies and quote comments: a reaction, most with a statement of the topic, a time or place, an aside..."""
        n = len(pair)
        g = self.generic
        li = self.pair_lang[pair]
        u = rng.random((n, 7))
        lead = g.take(rng, "lead", li, u[:, 0] < 0.15)
        react = g.take(rng, "react", li, np.ones(n, bool))
        react = join(react, take_str(_REACT_END, rng.integers(0, len(_REACT_END), n)))
        # most replies take up a statement of the topic, put their own way ("so ...?"); the
        # topic's sign-offs ("we'll see.") are the poster's own posts', not replies'
        said = u[:, 1] < 0.75
        core = g.frame(rng, li, _when(pa.array(said), self.say(rng, self.pick_part(rng, 1, pair))), np.ones(n, bool))
        # the others comment: an aside, and a time or a place ("Bravo, ça change tout, dans le bus");
        # a bare stock reaction ("Source ?") stays possible, as in any data
        bare = ~said & (u[:, 5] < 0.03)
        alone = ~said & ~bare
        adv = _join_skip(g.take(rng, "when", li, (u[:, 2] < 0.25) & ~bare | alone & (u[:, 3] < 0.5)),
                         g.take(rng, "where", li, (u[:, 3] < 0.25) & ~bare | alone & (u[:, 3] >= 0.5)))
        aside = g.take(rng, "aside", li, (u[:, 4] < 0.45) & ~bare | alone)
        e = _when(pa.array(u[:, 6] < 0.4), take_str(vocab.EMOJI, rng.integers(0, len(vocab.EMOJI), n)))
        return informal.retype(rng, _join_skip(lead, react, core, adv, aside, e), np.array(g.langs)[li])

    def _part(self, rng: np.random.Generator, k: int, pair: np.ndarray, mask: np.ndarray) -> pa.Array:
        """Topic part k (0 opener, 1 core, 2 tail) where ``mask``, else null."""
        return _when(pa.array(mask), take_str(self.flat[k], self.pick_part(rng, k, pair)))

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
