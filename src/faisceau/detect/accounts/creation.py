"""Creation bursts: many accounts created in a short window, against the background.

The background is the dataset's own distribution of creation dates, smoothed with a
wide Gaussian kernel (``bandwidth_days``) plus a small uniform floor. For every window
of ``widths_days`` starting on a creation day, the accounts created inside it are
compared with the number the background predicts *from the accounts created outside
it* (leave-window-out, so a burst cannot hide itself in its own baseline). The count
is tested with a Poisson tail, Bonferroni-corrected over all the windows scanned; a
window must also hold ``min_accounts`` accounts and ``min_ratio`` times the expected
count, and at least ``min_accounts`` accounts must be created outside it (no background,
no burst). Significant windows are kept greedily, best p first, without overlap.
"""
from __future__ import annotations

import datetime as dt


import numpy as np
from scipy import ndimage, special, stats

EPOCH = dt.datetime(1970, 1, 1)


def creation_bursts(dates: list[dt.datetime | None], *, widths_days=(7, 31), bandwidth_days: float = 180.0,
                    floor: float = 0.05, alpha: float = 0.01, min_accounts: int = 5,
                    min_ratio: float = 3.0) -> tuple[list[dict], list[int | None]]:
    """Return (windows, membership): significant windows, and for each date the index
    of the window containing it (None if none)."""
    days = [None if d is None else (d - EPOCH).days for d in dates]
    known = np.array([d for d in days if d is not None], dtype=np.int64)
    member: list[int | None] = [None] * len(dates)
    if len(known) < min_accounts:
        return [], member
    d0 = int(known.min())
    n_days = int(known.max()) - d0 + 1
    hist = np.bincount(known - d0, minlength=n_days).astype(float)
    cum = np.concatenate([[0.0], np.cumsum(hist)])
    smooth = ndimage.gaussian_filter1d(hist, bandwidth_days, mode="reflect", truncate=4.0)
    scum = np.concatenate([[0.0], np.cumsum(smooth)])
    n = float(len(known))
    starts = np.unique(known - d0)
    cands = []
    for w in widths_days:
        w = int(min(w, n_days))
        for s in starts:
            e = min(s + w, n_days)  # window [s, e) in day offsets
            k = cum[e] - cum[s]
            # a burst is relative to a background: it needs accounts created outside it
            if k < min_accounts or n - k < min_accounts:
                continue
            # mass of the window's own accounts that the kernel keeps inside the window
            idx = np.flatnonzero(hist[s:e]) + s
            own = float(np.sum(hist[idx] * (special.ndtr((e - idx - 0.5) / bandwidth_days)
                                            - special.ndtr((s - idx - 0.5) / bandwidth_days))))
            bg_in = max(scum[e] - scum[s] - own, 0.0)
            out_n = n - k
            frac = bg_in / out_n
            p_bg = (1 - floor) * frac + floor * (e - s) / n_days
            cands.append((s, e, int(k), n * p_bg))
    n_tests = max(len(cands), 1)
    sig = []
    for s, e, k, mu in cands:
        if mu <= 0 or k < min_ratio * mu:
            continue
        p = min(1.0, float(stats.poisson.sf(k - 1, mu)) * n_tests)
        if p < alpha:
            sig.append((p, -k, s, e, mu))
    sig.sort()
    chosen: list[tuple] = []
    for p, negk, s, e, mu in sig:
        if all(e <= cs or s >= ce for _, _, cs, ce, _ in chosen):
            chosen.append((p, negk, s, e, mu))
    chosen.sort(key=lambda c: c[2])
    windows = [{
        "start": EPOCH + dt.timedelta(days=int(d0 + s)), "end": EPOCH + dt.timedelta(days=int(d0 + e - 1)),
        "accounts": int(-negk), "expected": float(mu), "p": p,
    } for p, negk, s, e, mu in chosen]
    for i, d in enumerate(days):
        if d is None:
            continue
        for j, (_, _, s, e, _) in enumerate(chosen):
            if d0 + s <= d < d0 + e:
                member[i] = j
                break
    return windows, member


def describe(window: dict) -> str:
    return (f"created inside {window['start']:%Y-%m-%d}..{window['end']:%Y-%m-%d}: {window['accounts']} accounts "
            f"vs {window['expected']:.1f} expected from the background (p={window['p']:.1e})")



