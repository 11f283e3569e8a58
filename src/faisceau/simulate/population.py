"""The organic population: accounts spread over time zones, with heavy-tailed activity.

Every account belongs to a population group (a region with its UTC offset, languages,
place names and first/last names, see ``vocab.GROUPS``). Activity and follower counts are
heavy-tailed (Pareto / log-normal); creation dates spread over 2008-2023 with more recent
accounts, as on the real platform. Name-plus-digits handles, flags in names and default
profile images all occur organically, at realistic rates, so none of them alone marks an
account as inauthentic.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import vocab
from .columns import USER_SCHEMA, TWITTER_EPOCH_MS, join, ms, take_str

# A diurnal activity curve by local hour (share of a day's posts), typical of X usage:
# a trough at 3-5 a.m., a lunch bump and an evening peak.
DIURNAL = np.array([2.2, 1.3, 0.8, 0.5, 0.4, 0.6, 1.4, 3.0, 4.4, 5.0, 5.2, 5.5, 6.0, 5.6, 5.2, 5.1, 5.2, 5.6,
                    6.1, 6.6, 7.0, 6.9, 5.6, 3.7])
DIURNAL = DIURNAL / DIURNAL.mean()


def _ascii(s: str) -> str:
    s = s.replace("ə", "e").replace("Ə", "E").replace("ı", "i").replace("İ", "I")
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower().replace(" ", "").replace("'", "")


@dataclass
class Population:
    """Organic accounts (``users``, USER_SCHEMA) with their sampling tables."""

    users: pa.Table
    group: np.ndarray  # group index per account
    lang_idx: np.ndarray  # index into ``langs`` per account
    langs: list[str]
    offsets: np.ndarray  # UTC offset (hours) per group
    shares: np.ndarray  # activity share per group
    flat_cum: np.ndarray  # per-group cumulative activity, each group in [g, g+1)
    group_start: np.ndarray
    hour_group_cum: np.ndarray  # (24, G): P(group | UTC hour), cumulative

    @property
    def ids(self) -> np.ndarray:
        return self.users.column("id").to_numpy()

    def sample(self, rng: np.random.Generator, utc_hour: np.ndarray) -> np.ndarray:
        """Account row indices for actions at the given UTC hours (diurnal, activity-weighted)."""
        from .columns import pick_rows

        g = pick_rows(rng, self.hour_group_cum, utc_hour)
        u = rng.random(len(g)) + g
        # searched in sorted order (cache-friendly, twice as fast), results put back in place
        o = np.argsort(u)
        idx = np.empty(len(u), np.int64)
        idx[o] = np.searchsorted(self.flat_cum, u[o], side="right")
        hi = np.append(self.group_start[1:], len(self.flat_cum))
        return np.minimum(idx, hi[g] - 1)


def build_population(n: int, rng: np.random.Generator, observed_ms: int, groups=vocab.GROUPS) -> Population:
    G = len(groups)
    weights = np.array([g[2] for g in groups], dtype=float)
    group = np.sort(rng.choice(G, size=n, p=weights / weights.sum()))
    counts = np.bincount(group, minlength=G)
    group_start = np.concatenate([[0], np.cumsum(counts)[:-1]])

    langs = sorted({lang for g in groups for lang in g[3]})
    lang_idx = np.empty(n, dtype=np.int64)
    for gi, g in enumerate(groups):
        sel = group == gi
        ls = list(g[3])
        p = np.array([g[3][x] for x in ls])
        lang_idx[sel] = np.array([langs.index(x) for x in ls])[rng.choice(len(ls), size=sel.sum(), p=p / p.sum())]

    # heavy-tailed activity (Pareto, alpha 1.3) and followers (log-normal, plus a Pareto head)
    activity = rng.pareto(1.3, n) + 0.05
    followers = np.exp(rng.normal(5.0, 1.9, n)).astype(np.int64) + (rng.pareto(1.1, n) * 50 * (rng.random(n) < 0.02)).astype(np.int64)
    followers = np.minimum(followers, 60_000_000)
    following = np.exp(rng.normal(5.6, 1.2, n)).astype(np.int64)
    # account ages over years: 2008-07/2023, denser for recent years
    t0, t1 = ms("2008-06-01T00:00:00"), observed_ms - 86_400_000 * 2
    age_frac = rng.beta(1.6, 1.1, n)
    created = (t0 + age_frac * (t1 - t0)).astype(np.int64)
    years = (observed_ms - created) / (365.25 * 86_400_000)
    tweets = (activity * 400 * years * np.exp(rng.normal(0, 0.8, n))).astype(np.int64) + 1
    listed = (followers * 0.01 * rng.random(n)).astype(np.int64)
    verified = followers > 300_000

    ids = _user_ids(created, rng)

    # per-group names, handles, locations, flags
    firsts, lasts, firsts_a, lasts_a, locs = [], [], [], [], []
    fi = np.empty(n, dtype=np.int64)
    la = np.empty(n, dtype=np.int64)
    lo = np.empty(n, dtype=np.int64)
    flag = np.empty(n, dtype=object)
    for gi, g in enumerate(groups):
        sel = group == gi
        k = int(sel.sum())
        fi[sel] = len(firsts) + rng.integers(0, len(g[5]), k)
        la[sel] = len(lasts) + rng.integers(0, len(g[6]), k)
        lo[sel] = len(locs) + rng.integers(0, len(g[4]), k)
        firsts += g[5]
        lasts += g[6]
        locs += g[4]
        flag[sel] = g[7]
    firsts_a = [_ascii(x) for x in firsts]
    lasts_a = [_ascii(x) for x in lasts]
    digits = pc.cast(pa.array(rng.integers(1, 99999, n)), pa.string())
    style = rng.choice(5, size=n, p=[0.3, 0.2, 0.22, 0.13, 0.15])
    f_a, l_a = take_str(firsts_a, fi), take_str(lasts_a, la)
    handle = pc.case_when(
        pc.make_struct(*(pa.array(style == s) for s in range(4))),
        join(f_a, l_a), join(f_a, l_a, sep="_"), join(f_a, digits), join(pc.utf8_slice_codeunits(f_a, 0, 1), l_a, digits),
        join(l_a, pc.utf8_slice_codeunits(digits, 0, 2), f_a),
    )
    handle = pc.utf8_slice_codeunits(handle, 0, 12)
    handle = _dedupe(handle)
    flag_on = rng.random(n) < 0.06
    name = join(take_str(firsts, fi), take_str(lasts, la), sep=" ")
    name = pc.if_else(pa.array(flag_on), join(name, pa.array(flag.astype(str)), sep=" "), name)
    lang_names = np.array(langs)[lang_idx]
    bios = []
    bio_idx = np.empty(n, dtype=np.int64)
    for lang in langs:
        sel = lang_names == lang
        opts = vocab.BIOS.get(lang, [""])
        bio_idx[sel] = len(bios) + rng.integers(0, len(opts), int(sel.sum()))
        bios += opts
    default_img = rng.random(n) < 0.05
    image = pc.if_else(pa.array(default_img),
                       pa.scalar("https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png"),
                       join(pa.scalar("https://pbs.twimg.com/profile_images/"), pc.cast(pa.array(ids), pa.string()), pa.scalar("/p_normal.jpg")))
    users = pa.Table.from_arrays([
        pa.array(ids), handle, name, pa.array(created), take_str(bios, bio_idx), take_str(locs, lo),
        pa.array(followers), pa.array(following), pa.array(tweets), pa.array(listed), pa.array(verified),
        image, pa.array(default_img), pa.array(lang_names.astype(str)),
    ], schema=USER_SCHEMA)

    offsets = np.array([g[1] for g in groups], dtype=float)
    shares = counts * 1.0
    # P(group | UTC hour) = share_g * diurnal(local hour) / sum
    hrs = np.arange(24)
    local = (hrs[:, None] + offsets[None, :]) % 24
    dens = np.interp(local, np.arange(25), np.append(DIURNAL, DIURNAL[0])) * np.array(
        [activity[group == gi].sum() for gi in range(G)])[None, :]
    hour_group_cum = np.cumsum(dens, axis=1) / dens.sum(axis=1, keepdims=True)
    flat_cum = np.empty(n)
    for gi in range(G):
        s, e = group_start[gi], group_start[gi] + counts[gi]
        if e > s:
            c = np.cumsum(activity[s:e])
            flat_cum[s:e] = gi + c / c[-1]
    return Population(users, group, lang_idx, langs, offsets, shares, flat_cum, group_start, hour_group_cum)


def intensity(pop: Population, minute_ms: np.ndarray) -> np.ndarray:
    """Relative organic activity per minute (UTC), from every group's diurnal cycle."""
    hrs = (minute_ms // 3_600_000) % 24 + ((minute_ms // 60_000) % 60) / 60.0
    local = (hrs[:, None] + pop.offsets[None, :]) % 24
    act = np.interp(local.ravel(), np.arange(25), np.append(DIURNAL, DIURNAL[0])).reshape(local.shape)
    w = np.bincount(pop.group, minlength=len(pop.offsets)).astype(float)
    return act @ (w / w.sum())


def _user_ids(created: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Realistic user ids: sequential-looking before the 2013 switch, snowflakes after."""
    switch = ms("2013-11-01T00:00:00")
    idx = np.arange(len(created), dtype=np.int64)
    old = 12 + ((created - ms("2006-03-21T00:00:00")) / (switch - ms("2006-03-21T00:00:00")) * 2_000_000_000).astype(np.int64)
    old = (old // 4096) * 4096 + (idx % 4096)
    new = ((created - TWITTER_EPOCH_MS) << 22) | (idx & 0x1FFFFF)
    ids = np.where(created < switch, old, new)
    # resolve the rare collision of the sequential scheme deterministically: strictly increasing
    order = np.argsort(ids, kind="stable")
    ar = np.arange(len(ids), dtype=np.int64)
    ids[order] = np.maximum.accumulate(ids[order] - ar) + ar
    return ids


def _dedupe(handle: pa.Array) -> pa.Array:
    """Make handles unique by suffixing the 2nd, 3rd... holder of the same name."""
    handle = handle.combine_chunks() if isinstance(handle, pa.ChunkedArray) else handle
    inv = pc.dictionary_encode(handle).indices.to_numpy().astype(np.int64)
    n = len(inv)
    order = np.argsort(inv, kind="stable")  # holders of one name, in order of appearance
    g = inv[order]
    start = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    k = np.empty(n, np.int64)
    k[order] = np.arange(n) - np.repeat(start, np.diff(np.r_[start, n]))
    suffix = pc.if_else(pa.array(k > 0), join(pa.scalar("_"), pc.cast(pa.array(k), pa.string())), pa.scalar(""))
    return join(handle, suffix)


def with_accounts(pop: Population, extra: pa.Table) -> Population:
    """The population plus named organic accounts (outlets, officials...). They author the
    scheduled posts; the random sampling of authors keeps to the generated accounts."""
    if extra.num_rows == 0:
        return pop
    users = pa.concat_tables([pop.users, extra.select(USER_SCHEMA.names).cast(USER_SCHEMA)])
    langs = list(pop.langs)
    extra_lang = np.array([langs.index(x) if x in langs else 0 for x in extra.column("lang").to_pylist()], dtype=np.int64)
    return Population(users, np.concatenate([pop.group, np.zeros(extra.num_rows, np.int64)]),
                      np.concatenate([pop.lang_idx, extra_lang]), langs, pop.offsets, pop.shares, pop.flat_cum,
                      pop.group_start, pop.hour_group_cum)
