"""Automation cadence and the daily rhythm, from the reduced per-account aggregates.

- interval entropy: Shannon entropy (bits) of the inter-post intervals binned on a log2
  scale (1 s, 2 s, 4 s ... ). People mix seconds, hours and days (high entropy);
  schedulers repeat one interval (low entropy).
- fixed period: the most frequent exact interval and its share ("every 45 s").
- sleep share: posts in the quietest 6 consecutive UTC hours over all posts. A person
  sleeps (a few %), a uniform around-the-clock poster sits near 6/24 = 0.25.
- client concentration and burst rates come straight from the SQL aggregates.
"""
from __future__ import annotations

import numpy as np

SLEEP_HOURS = 6


def hourly_matrix(rows: list[dict], index: dict[tuple, int]) -> np.ndarray:
    """(accounts, 24) counts of posts per UTC hour."""
    m = np.zeros((len(index), 24))
    for r in rows:
        i = index.get((r["platform"], r["account_id"]))
        if i is not None and r["h"] is not None:
            m[i, int(r["h"])] += r["n"]
    return m


def window_sums(m: np.ndarray, width: int = SLEEP_HOURS) -> np.ndarray:
    """Circular sums of ``width`` consecutive hours starting at each hour: (..., 24)."""
    out = np.zeros_like(m)
    for k in range(width):
        out += np.roll(m, -k, axis=-1)
    return out


def sleep_share(m: np.ndarray) -> np.ndarray:
    tot = m.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(tot > 0, window_sums(m).min(axis=1) / tot, np.nan)


def interval_entropy(rows: list[dict], index: dict[tuple, int], min_intervals: int) -> list[float | None]:
    bins: dict[int, dict[int, int]] = {}
    for r in rows:
        i = index.get((r["platform"], r["account_id"]))
        if i is not None:
            bins.setdefault(i, {})[int(r["b"])] = int(r["n"])
    out: list[float | None] = [None] * len(index)
    for i, b in bins.items():
        c = np.array(list(b.values()), dtype=float)
        if c.sum() < min_intervals:
            continue
        p = c / c.sum()
        out[i] = round(float(-(p * np.log2(p)).sum()), 4)
    return out
