"""The organic background: a time-ordered stream of posts, reposts, replies and quotes.

The window is cut into slices of about ``chunk`` expected actions (cut on the activity
curve, so slices are short at the evening peak and long at night). Each slice draws its
root posts (diurnal, per time zone, per topic with news-event bursts), gives each root a
heavy-tailed cascade (retweets with log-normal delays, replies, quotes) and keeps the
children that fall after the slice in a pending buffer. Memory is bounded by one slice
plus the pending children, whatever the scale.

Every slice has its own random generator derived from (seed, slice number), and ids are
snowflakes of (time, sequence within the slice), so the stream is deterministic.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .columns import (MEDIA_STRUCT, PARENT_FIELDS, POST_SCHEMA, empty_lists, assemble, join, list_array, lists_from_counts,
                      parent_struct, pick, pick_rows, posts_table, shift_lists, snowflake, take_str)
from .population import Population, intensity
from .text import Headlines, PhraseTable, tco
from . import vocab


@dataclass(frozen=True)
class TopicEvent:
    """A news event: the topic's volume and hashtag use burst around ``center`` (Gaussian)."""

    topic: str
    center_ms: int
    sigma_ms: int
    boost: float  # extra volume of the topic at the peak, in multiples of its base volume
    tag_p: float = 0.6  # probability that a post on the topic carries hashtags at the peak


@dataclass(frozen=True)
class CascadeParams:
    """Organic popularity: share of roots never retweeted, Zipf exponent and cap of cascade sizes,
    log-normal reshare delay (median seconds, sigma)."""

    p_zero: float = 0.62
    zipf_a: float = 2.05
    cap: int = 5000
    delay_median_s: float = 1500.0
    delay_sigma: float = 1.5
    reply_rate: float = 0.15
    quote_rate: float = 0.05


@dataclass
class BackgroundSpec:
    start_ms: int
    end_ms: int
    topics: dict[str, float]  # base weight per topic
    events: list[TopicEvent] = field(default_factory=list)
    base_tag_p: float = 0.18
    headline_p: float = 0.07  # share of roots that are share-button headline posts
    photo_p: float = 0.03
    cascade: CascadeParams = field(default_factory=CascadeParams)


ROOT_COLS = ["ms", "author", "lang", "body", "tags", "url", "media", "R", "n_rep", "n_q", "d_med", "d_sigma", "views", "likes"]


def cascade_sizes(rng: np.random.Generator, followers: np.ndarray, c: CascadeParams):
    """Retweets, replies and quotes per root: heavy-tailed, likelier for well-followed authors."""
    n = len(followers)
    p_nz = np.clip((1 - c.p_zero) * (0.5 + 0.5 * np.log10(followers + 10) / 3), 0, 0.95)
    R = np.where(rng.random(n) < p_nz, np.minimum(rng.zipf(c.zipf_a, n), c.cap), 0).astype(np.int64)
    n_rep = rng.poisson(c.reply_rate * (1 + R ** 0.6))
    n_q = rng.poisson(c.quote_rate * (1 + R ** 0.6))
    return R, n_rep, n_q


class Background:
    """Organic stream over ``spec``'s window with about ``n_actions`` actions.

    ``scheduled`` is a table of special organic roots (viral posts, reused media) with the
    columns ``ROOT_COLS`` (their cascades are drawn like any other); ``fixed`` holds fully
    built rows (POST_SCHEMA, ids already set) that are merged into the stream by time.
    """

    def __init__(self, pop: Population, spec: BackgroundSpec, n_actions: int, seed: int,
                 scheduled: pa.Table | None = None, fixed: pa.Table | None = None, chunk: int = 100_000):
        if chunk >= (1 << 21):
            raise ValueError("chunk must stay below 2**21 rows (snowflake sequence range)")
        self.pop, self.spec, self.seed = pop, spec, seed
        self.handles = pop.users.column("handle").combine_chunks()
        self.followers = pop.users.column("followers").to_numpy()
        self.topics = list(spec.topics)
        self.phrases = PhraseTable.build(self.topics, pop.langs)
        self.headlines = Headlines.build()
        self.minutes = np.arange(spec.start_ms, spec.end_ms, 60_000, dtype=np.int64)
        base = intensity(pop, self.minutes)
        tw = np.array([spec.topics[t] for t in self.topics])[None, :] * np.ones((len(self.minutes), 1))
        tag_p = np.full((len(self.minutes), len(self.topics)), spec.base_tag_p)
        for e in spec.events:
            g = np.exp(-0.5 * ((self.minutes - e.center_ms) / e.sigma_ms) ** 2)
            ti = self.topics.index(e.topic)
            tw[:, ti] *= 1 + e.boost * g
            tag_p[:, ti] = np.maximum(tag_p[:, ti], spec.base_tag_p + (e.tag_p - spec.base_tag_p) * g)
        vol = base * tw.sum(axis=1) / tw.sum(axis=1).mean()
        self.topic_cum = np.cumsum(tw, axis=1) / tw.sum(axis=1, keepdims=True)
        self.tag_p = tag_p
        # expected actions per root, measured on the population's own authors (fixed seed)
        cal = np.random.default_rng(12345)
        a = pop.sample(cal, cal.integers(0, 24, 100_000))
        r, q, p = cascade_sizes(cal, self.followers[a], spec.cascade)
        per_root = 1 + float(r.mean() + q.mean() + p.mean())
        scheduled_actions = 0 if scheduled is None else int(pc.sum(scheduled["R"]).as_py() or 0) + scheduled.num_rows
        n_roots = max(n_actions - scheduled_actions, 0) / per_root
        self.rate = vol * (n_roots / vol.sum())  # expected roots per minute
        cum = np.cumsum(self.rate * per_root)
        n_slices = max(1, int(np.ceil(cum[-1] / chunk)))
        cuts = np.searchsorted(cum, cum[-1] * np.arange(1, n_slices) / n_slices)
        self.bounds = np.unique(np.concatenate([[0], cuts, [len(self.minutes)]]))
        self.scheduled = scheduled
        self.labels: dict[str, int] = {}  # label of a scheduled root -> the id it was given
        self.fixed = fixed if fixed is not None else POST_SCHEMA.empty_table()

    @property
    def n_slices(self) -> int:
        return len(self.bounds) - 1

    def __iter__(self) -> Iterator[pa.Table]:
        """Yields the posts of each slice (POST_SCHEMA), sorted by time."""
        pending = POST_SCHEMA.empty_table()
        for k in range(self.n_slices):
            posts, children, labels = self.draw(k)
            self.labels.update(labels)
            out, pending = self.merge(k, posts, children, pending)
            yield out

    def draw(self, k: int) -> tuple[pa.Table, pa.Table, dict[str, int]]:
        """Slice k's root posts, all their children (any time) and the ids of its labelled roots.

        Depends on (seed, k) only, so slices can be drawn in any order or process."""
        rng = np.random.default_rng([self.seed, 7919, k])
        # texts draw from their own stream: richer wording never moves times, authors or cascades
        trng = np.random.default_rng([self.seed, 7919, k, 1])
        a, b = self.slice_ms(k)
        roots = self._roots(rng, trng, *self.bounds[k:k + 2])
        if self.scheduled is not None:
            sel = pc.and_(pc.greater_equal(self.scheduled["ms"], a), pc.less(self.scheduled["ms"], b))
            sched = self.scheduled.filter(sel)
            if sched.num_rows:
                labels = sched["label"] if "label" in sched.column_names else pa.nulls(sched.num_rows, pa.string())
                sched = sched.select(ROOT_COLS).cast(roots.schema).append_column("label", labels.cast(pa.string()))
                roots = pa.concat_tables([roots.append_column("label", pa.nulls(roots.num_rows, pa.string())), sched])
        roots = roots.sort_by("ms")
        posts = self._root_posts(rng, roots)
        found = {}
        if "label" in roots.column_names:
            lab = pc.is_valid(roots["label"])
            found = dict(zip(roots["label"].filter(lab).to_pylist(), posts["id"].filter(lab).to_pylist()))
        return posts, self._children(rng, trng, posts, roots), found

    def merge(self, k: int, posts: pa.Table, children: pa.Table, pending: pa.Table) -> tuple[pa.Table, pa.Table]:
        """Slice k's output (its roots, the children due in it, fixed rows) and what stays pending."""
        a, b = self.slice_ms(k)
        fsel = pc.and_(pc.greater_equal(self.fixed["ms"], a), pc.less(self.fixed["ms"], b))
        return _merge(posts, pa.concat_tables([pending, children]), self.fixed.filter(fsel), b)

    def slice_ms(self, k: int) -> tuple[int, int]:
        m0, m1 = self.bounds[k], self.bounds[k + 1]
        return int(self.minutes[m0]), (int(self.minutes[m1]) if m1 < len(self.minutes) else self.spec.end_ms)

    # -- roots -------------------------------------------------------------------------
    def _roots(self, rng: np.random.Generator, trng: np.random.Generator, m0: int, m1: int) -> pa.Table:
        spec = self.spec
        rate = self.rate[m0:m1]
        n = int(rng.poisson(rate.sum()))
        mi = pick(rng, np.cumsum(rate), n) + m0
        t = self.minutes[mi] + rng.integers(0, 60_000, n)
        author = self.pop.sample(rng, (t // 3_600_000) % 24)
        topic = pick_rows(rng, self.topic_cum, mi)  # rows indexed by minute
        lang_i = self.pop.lang_idx[author]
        pair = topic * len(self.pop.langs) + lang_i
        lang = self.phrases.used_lang[pair]
        body = self.phrases.bodies(trng, pair)
        tags = self.phrases.hashtags(rng, pair, self.tag_p[mi, topic])
        url = pa.nulls(n, pa.string())
        # share-button posts: the outlet's headline, verbatim, and the article link
        hl_idx, ok = self.headlines.pick(rng, np.asarray(lang))
        hl = ok & (rng.random(n) < spec.headline_p)
        if hl.any():
            hi = np.where(hl, hl_idx, 0)
            body = pc.if_else(pa.array(hl), take_str(self.headlines.text, hi), body)
            utm = rng.random(n) < 0.5
            u = take_str(self.headlines.url, hi)
            u = pc.if_else(pa.array(utm), join(u, pa.scalar("?utm_source=twitter&utm_medium=social")), u)
            url = pc.if_else(pa.array(hl), u, url)
            tags = _clear_lists(tags, hl)
        photo = rng.random(n) < spec.photo_p
        media = lists_from_counts(photo.astype(np.int64), _placeholder_photos(int(photo.sum())))
        c = spec.cascade
        fol = self.followers[author]
        R, n_rep, n_q = cascade_sizes(rng, fol, c)
        views = (fol * rng.uniform(0.03, 0.25, n) + R * 60 * rng.lognormal(0, 0.6, n) + rng.integers(5, 80, n)).astype(np.int64)
        likes = (views * 0.012 * rng.lognormal(0, 0.7, n) + R * 1.5).astype(np.int64)
        return pa.table({
            "ms": pa.array(t), "author": pa.array(self.pop.ids[author]), "lang": self.phrases.lang_array(pair),
            "body": body, "tags": tags, "url": url, "media": media, "R": pa.array(R.astype(np.int64)),
            "n_rep": pa.array(n_rep), "n_q": pa.array(n_q), "d_med": pa.array(np.full(n, c.delay_median_s)),
            "d_sigma": pa.array(np.full(n, c.delay_sigma)), "views": pa.array(views), "likes": pa.array(likes),
        })

    def _root_posts(self, rng: np.random.Generator, roots: pa.Table) -> tuple[pa.Table, pa.Table]:
        n = roots.num_rows
        t = roots["ms"].to_numpy()
        ids = snowflake(t, np.arange(n))
        url = roots["url"].combine_chunks()
        link = tco(rng, n)
        tco_col = pc.if_else(pc.is_valid(url), link, pa.nulls(n, pa.string()))
        text, ment_starts, tag_starts, url_start = assemble(roots["body"].combine_chunks(), roots["tags"].combine_chunks(), tco_col)
        # media: a placeholder photo becomes a fresh upload keyed by the post id
        med = roots["media"].combine_chunks()
        med = list_array(med.offsets.to_numpy(), _fresh_photos(med.flatten(), ids[np.repeat(np.arange(n), np.diff(med.offsets.to_numpy()))]))
        posts = posts_table({
            "id": ids, "author": roots["author"], "ms": roots["ms"], "kind": pa.repeat(pa.scalar("post"), n),
            "text": text, "lang": roots["lang"], "conv": ids, "tags": roots["tags"], "tag_starts": tag_starts,
            "ment_starts": ment_starts, "url": url, "tco": tco_col, "url_start": url_start, "media": med,
            "views": roots["views"], "likes": roots["likes"], "rts": roots["R"], "replies": roots["n_rep"],
            "quotes": roots["n_q"], "source": _clients(rng, n),
        })
        return posts

    # -- cascades ----------------------------------------------------------------------
    def _children(self, rng: np.random.Generator, trng: np.random.Generator, posts: pa.Table, roots: pa.Table) -> pa.Table:
        parts = [self._reposts(rng, posts, roots), self._replies(rng, trng, posts, roots, "reply"),
                 self._replies(rng, trng, posts, roots, "quote")]
        return pa.concat_tables([p for p in parts if p is not None and p.num_rows]) if any(
            p is not None and p.num_rows for p in parts) else POST_SCHEMA.empty_table()

    def _delays(self, rng, roots, idx):
        med = roots["d_med"].to_numpy()[idx]
        sig = roots["d_sigma"].to_numpy()[idx]
        return (np.exp(np.log(med) + sig * rng.standard_normal(len(idx))) * 1000).astype(np.int64) + 1000

    def _lang_idx(self, lang) -> np.ndarray:
        """Index of each language in the population's languages (-1 when none speaks it)."""
        return pc.fill_null(pc.index_in(lang, value_set=pa.array(self.pop.langs)), -1).to_numpy(zero_copy_only=False)

    def _authors(self, rng, t, want):
        """Accounts acting at times t, preferring speakers of language ``want`` (an index, see
        _lang_idx; of three diurnal draws, the first that speaks it): audiences follow language, loosely."""
        hour = (t // 3_600_000) % 24
        cands = [self.pop.sample(rng, hour) for _ in range(3)]
        out = cands[0].copy()
        done = self.pop.lang_idx[out] == want
        for c in cands[1:]:
            ok = ~done & (self.pop.lang_idx[c] == want)
            out[ok] = c[ok]
            done |= ok
        return out

    def _reposts(self, rng, posts, roots):
        R = roots["R"].to_numpy()
        if R.sum() == 0:
            return None
        # draw more candidates than needed: one retweet per (post, account), never one's own
        # post, then keep the first R of each post
        idx = np.repeat(np.arange(len(R)), (R * 1.5).astype(np.int64) + 2 * (R > 0))
        t = posts["ms"].to_numpy()[idx] + self._delays(rng, roots, idx)
        a = self._authors(rng, t, self._lang_idx(roots["lang"])[idx])
        aid = self.pop.ids[a]
        pa_id = posts["author"].to_numpy()[idx]
        key = idx.astype(np.int64) * (len(self.pop.ids) + 1) + a
        _, first = np.unique(key, return_index=True)
        keep = np.zeros(len(idx), bool)
        keep[first] = True
        keep &= aid != pa_id
        kept = np.flatnonzero(keep)
        rank = np.arange(len(kept)) - np.searchsorted(idx[kept], idx[kept], side="left")
        sel = kept[rank < R[idx[kept]]]
        idx, t, a, aid, pa_id = idx[sel], t[sel], a[sel], aid[sel], pa_id[sel]
        n = len(idx)
        parent_author_row = self._rows_of(pa_id)
        ph = self.handles.take(pa.array(parent_author_row))
        src = posts.select(PARENT_FIELDS).take(pa.array(idx))  # only what a child copies
        pr = parent_struct(src)
        prefix = join(pa.scalar("RT @"), ph, pa.scalar(": "))
        shift = 4 + _len(ph) + 2
        return posts_table({
            "id": np.zeros(n, np.int64), "author": aid, "ms": t, "kind": pa.repeat(pa.scalar("repost"), n),
            "text": join(prefix, src["text"]), "lang": src["lang"], "parent": src["id"], "parent_author": pa_id,
            "conv": src["id"], "tags": src["tags"], "tag_starts": shift_lists(src["tag_starts"].combine_chunks(), shift),
            "ments": lists_from_counts(np.ones(n, np.int64), pa.array(pa_id)),
            "ment_starts": lists_from_counts(np.ones(n, np.int64), pa.array(np.full(n, 3, np.int32))),
            "ment_handles": lists_from_counts(np.ones(n, np.int64), ph),
            "url": src["url"], "tco": src["tco"],
            "url_start": pc.add(src["url_start"].combine_chunks(), pa.array(shift.astype(np.int32))),
            "views": np.zeros(n, np.int64), "likes": np.zeros(n, np.int64), "rts": src["rts"], "replies": np.zeros(n, np.int64),
            "quotes": np.zeros(n, np.int64), "source": _clients(rng, n), "pr": pr,
        })

    def _replies(self, rng, trng, posts, roots, kind):
        cnt = roots["n_rep" if kind == "reply" else "n_q"].to_numpy()
        if cnt.sum() == 0:
            return None
        idx = np.repeat(np.arange(len(cnt)), cnt)
        t = posts["ms"].to_numpy()[idx] + self._delays(rng, roots, idx) * (2 if kind == "quote" else 1)
        a = self._authors(rng, t, self._lang_idx(roots["lang"])[idx])
        aid = self.pop.ids[a]
        pa_id = posts["author"].to_numpy()[idx]
        n = len(idx)
        src_ids = posts["id"].to_numpy()[idx]
        topic = rng.integers(0, len(self.topics), n)
        pair = topic * len(self.pop.langs) + self.pop.lang_idx[a]
        body = self.phrases.reactions(trng, pair)
        zero = np.zeros(n, np.int64)
        common = {"id": zero, "author": aid, "ms": t, "kind": pa.repeat(pa.scalar(kind), n), "lang": self.phrases.lang_array(pair),
                  "parent": src_ids, "parent_author": pa_id, "conv": src_ids, "source": _clients(rng, n),
                  "views": (self.followers[a] * rng.uniform(0.01, 0.1, n)).astype(np.int64) + rng.integers(2, 40, n),
                  "likes": rng.poisson(0.6, n), "rts": rng.poisson(0.05, n), "replies": rng.poisson(0.1, n), "quotes": zero,
                  "pr": parent_struct(posts.select(PARENT_FIELDS).take(pa.array(idx)))}
        ph = self.handles.take(pa.array(self._rows_of(pa_id)))
        no_tags = empty_lists(n, pa.string())
        if kind == "reply":
            mh = lists_from_counts(np.ones(n, np.int64), ph)
            text, ms_, ts_, us_ = assemble(body, no_tags, pa.nulls(n, pa.string()), mh)
            return posts_table({**common, "text": text, "ments": lists_from_counts(np.ones(n, np.int64), pa.array(pa_id)),
                                "ment_starts": ms_, "ment_handles": mh, "tag_starts": ts_})
        url = join(pa.scalar("https://twitter.com/"), ph, pa.scalar("/status/"), pa.array(src_ids.astype(str)))
        link = tco(rng, n)
        text, ms_, ts_, us_ = assemble(body, no_tags, link)
        return posts_table({**common, "text": text, "url": url, "tco": link, "url_start": us_, "tag_starts": ts_})

    def _rows_of(self, account_ids: np.ndarray) -> np.ndarray:
        if not hasattr(self, "_id_order"):
            self._id_order = np.argsort(self.pop.ids)
            self._sorted_ids = self.pop.ids[self._id_order]
        pos = np.searchsorted(self._sorted_ids, account_ids).clip(0, len(self._sorted_ids) - 1)
        if not np.array_equal(self._sorted_ids[pos], account_ids):
            raise ValueError("a cascade parent's author is not in the population")
        return self._id_order[pos]


def _merge(posts: pa.Table, pending: pa.Table, fixed: pa.Table, end_ms: int) -> tuple[pa.Table, pa.Table]:
    """The slice's rows sorted by (time, id), and the children still pending after ``end_ms``.

    Children due in the slice get their ids here: sequence numbers after the slice's roots,
    in time order. Everything is computed on the numeric columns first, so the wide rows
    (text, entities, the parent copy) are gathered once.
    """
    p, q = posts.num_rows, pending.num_rows
    pms = pending["ms"].to_numpy()
    due = np.flatnonzero(pms < end_ms)
    now = due[np.argsort(pms[due], kind="stable")]
    now_ids = snowflake(pms[now], np.arange(p, p + len(now)))
    t = np.concatenate([posts["ms"].to_numpy(), pms[now], fixed["ms"].to_numpy()])
    ids = np.concatenate([posts["id"].to_numpy(), now_ids, fixed["id"].to_numpy()])
    src = np.concatenate([np.arange(p), p + now, p + q + np.arange(fixed.num_rows)])
    order = np.lexsort((ids, t))
    out = pa.concat_tables([posts, pending, fixed]).take(pa.array(src[order]))
    out = out.set_column(0, "id", pa.array(ids[order]))
    rest = pending.filter(pa.array(pms >= end_ms))
    return out, rest


def _len(arr) -> np.ndarray:
    return pc.utf8_length(arr).to_numpy(zero_copy_only=False).astype(np.int64)


def _clear_lists(lists: pa.ListArray, clear: np.ndarray) -> pa.ListArray:
    offs = lists.offsets.to_numpy()
    counts = np.where(clear, 0, np.diff(offs))
    row_of = np.repeat(np.arange(len(lists)), np.diff(offs))
    keep = ~clear[row_of]
    return lists_from_counts(counts, lists.flatten().filter(pa.array(keep)))


def _clients(rng: np.random.Generator, n: int) -> pa.Array:
    return take_str(vocab.CLIENTS, pick(rng, np.cumsum(vocab.CLIENT_WEIGHTS), n))


def _placeholder_photos(n: int) -> pa.StructArray:
    return pa.array([{"media_key": "photo", "type": "photo"}] * n, type=MEDIA_STRUCT)


def _fresh_photos(flat: pa.StructArray, post_ids: np.ndarray) -> pa.StructArray:
    """Placeholder photos become uploads of their own (key 3_<post id>); others are kept."""
    if len(flat) == 0:
        return flat
    key = flat.field("media_key")
    fresh = pc.equal(key, "photo")
    sid = pa.array(post_ids.astype(str))
    fields = {f.name: flat.field(f.name) for f in MEDIA_STRUCT}
    fields["media_key"] = pc.if_else(fresh, join(pa.scalar("3_"), sid), key)
    fields["url"] = pc.if_else(fresh, join(pa.scalar("https://pbs.twimg.com/media/"), sid, pa.scalar(".jpg")), fields["url"])
    fields["width"] = pc.if_else(fresh, pa.scalar(1200, pa.int64()), fields["width"])
    fields["height"] = pc.if_else(fresh, pa.scalar(800, pa.int64()), fields["height"])
    fields["content_id"] = pc.if_else(fresh, join(pa.scalar("photo-"), sid), fields["content_id"])
    return pa.StructArray.from_arrays([fields[f.name] for f in MEDIA_STRUCT], fields=list(MEDIA_STRUCT))
