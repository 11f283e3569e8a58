"""UTC offset from the daily rhythm: the sleep trough.

People post least in the middle of their night. The centre of an account's quietest
6 consecutive UTC hours is taken as its local ``trough_local_hour`` (default 4.0: the
minimum of human posting activity falls between 3 and 5 a.m. local in published
diurnal studies of Twitter), so ``offset = trough_local_hour - trough_utc``, wrapped to
[-12, +12). The trough centre is refined to a fraction of an hour by a parabola through
the 6-hour window sums around the minimum. The 95 % interval comes from a parametric
bootstrap: the account's hourly counts are redrawn ``n_boot`` times from its own
profile (multinomial, seeded) and the offset re-estimated; the interval is the 2.5-97.5
percentiles of the redrawn offsets, unwrapped around the point estimate. It measures how
sharply the data pin the trough, not the spread of people's bedtimes (about +-1 h more).

No offset is given when the account has fewer than ``min_posts`` posts, or no trough
(sleep share above ``max_sleep_share``: an around-the-clock poster has no night).
"""
from __future__ import annotations

import numpy as np

from .cadence import SLEEP_HOURS, window_sums


def _wrap(x):
    return (np.asarray(x) + 12.0) % 24.0 - 12.0


def trough_centre(m: np.ndarray) -> np.ndarray:
    """Centre (UTC hour, fractional) of the quietest 6-hour window for each row of (n, 24).

    A sparse profile has several equally quiet windows (a 10-hour gap holds five empty
    6-hour windows); their centres are averaged on the circle so the estimate sits in the
    middle of the gap rather than at its first hour. A unique minimum is refined by a
    parabola through its neighbours.
    """
    w = window_sums(m)
    lo = w.min(axis=-1, keepdims=True)
    tied = w <= lo + 1e-9
    centres = (np.arange(24) + SLEEP_HOURS / 2.0) % 24.0
    ang = centres * 2 * np.pi / 24.0
    mean_ang = np.arctan2((tied * np.sin(ang)).sum(-1), (tied * np.cos(ang)).sum(-1))
    tie_centre = (mean_ang * 24.0 / (2 * np.pi)) % 24.0
    k = np.argmin(w, axis=-1)
    left = np.take_along_axis(w, ((k - 1) % 24)[..., None], -1)[..., 0]
    mid = np.take_along_axis(w, k[..., None], -1)[..., 0]
    right = np.take_along_axis(w, ((k + 1) % 24)[..., None], -1)[..., 0]
    denom = left - 2 * mid + right
    with np.errstate(invalid="ignore", divide="ignore"):
        shift = np.where(denom > 0, 0.5 * (left - right) / denom, 0.0)
    shift = np.clip(shift, -0.5, 0.5)
    unique = (k + shift + SLEEP_HOURS / 2.0) % 24.0
    return np.where(tied.sum(-1) > 1, tie_centre, unique)


def fit_offsets(m: np.ndarray, *, trough_local_hour: float = 4.0, min_posts: int = 30,
                max_sleep_share: float = 0.12, n_boot: int = 200, random_state: int = 0) -> list[dict]:
    """Offset, interval and trough for each row of the (accounts, 24) hourly matrix."""
    rng = np.random.default_rng(random_state)
    tot = m.sum(axis=1)
    mins = window_sums(m).min(axis=1)
    out = []
    for i in range(m.shape[0]):
        row = {"utc_offset": None, "utc_offset_low": None, "utc_offset_high": None, "trough_utc_hour": None}
        n = int(tot[i])
        if n < min_posts or mins[i] / n > max_sleep_share:
            out.append(row)
            continue
        centre = float(trough_centre(m[i][None, :])[0])
        off = float(_wrap(trough_local_hour - centre))
        boot = rng.multinomial(n, m[i] / n, size=n_boot).astype(float)
        boff = _wrap(trough_local_hour - trough_centre(boot))
        d = _wrap(boff - off)  # unwrap around the estimate
        lo, hi = np.percentile(d, [2.5, 97.5])
        row.update(utc_offset=round(off, 2), utc_offset_low=round(off + float(lo), 2),
                   utc_offset_high=round(off + float(hi), 2), trough_utc_hour=round(centre, 2))
        out.append(row)
    return out
