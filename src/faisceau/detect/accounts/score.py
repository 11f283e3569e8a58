"""The 0-1 inauthenticity score: a documented, monotone noisy-OR of sub-scores.

Each component maps one feature to [0, 1], non-decreasing in the suspicious direction
(more accounts in the creation burst, higher topic share, lower entropy ...), and is
multiplied by its weight ``w`` (the score that component alone can give). The score is

    score = 1 - prod_i (1 - w_i * s_i)

so it is 0 when nothing fires, never exceeds 1, rises with every component and needs
several independent clues to approach 1. Missing features (NULL) contribute 0: absence
of data is not evidence. Origin clues (offset, languages, flags, locations) and the
watchlist are attribution evidence, not inauthenticity, and are left out, except
misspelt place names (someone writing about France as a non-native: a persona clue).
Weights are judgement calls, documented in docs/signals.md with their reasons.
"""
from __future__ import annotations

import json

WEIGHTS = {
    "creation_burst": 0.45,
    "history_in_window": 0.40,
    "single_topic": 0.30,
    "handle_name_digits": 0.10,
    "default_or_shared_image": 0.20,
    "bio_empty_or_shared": 0.25,
    "name_handle_mismatch": 0.10,
    "low_interval_entropy": 0.30,
    "fixed_period": 0.35,
    "round_the_clock": 0.35,
    "burst_rate": 0.30,
    "misspelt_places": 0.20,
}


def _ramp(x, lo, hi):
    """0 at or below lo, 1 at or above hi, linear between."""
    if x is None:
        return 0.0
    if hi == lo:
        return float(x >= hi)
    return min(1.0, max(0.0, (x - lo) / (hi - lo)))


def components(f: dict) -> dict[str, float]:
    """Sub-scores in [0, 1], each monotone in its feature."""
    n = f.get("n_posts") or 0
    entropy = f.get("interval_entropy")
    c = {
        "creation_burst": 1.0 if f.get("creation_burst") else 0.0,
        "history_in_window": 1.0 if f.get("history_in_window") else 0.0,
        # a topic share only means something over several posts
        "single_topic": _ramp(f.get("top_hashtag_share") if n >= 3 else None, 0.5, 1.0),
        "handle_name_digits": 1.0 if f.get("handle_name_digits") else 0.0,
        "default_or_shared_image": max(1.0 if f.get("default_profile_image") else 0.0,
                                       _ramp(f.get("shared_profile_image"), 0, 3)),
        "bio_empty_or_shared": max(0.4 if f.get("bio_empty") else 0.0,
                                   _ramp(f.get("bio_identical"), 0, 3), _ramp(f.get("bio_templated"), 0, 5)),
        "name_handle_mismatch": 1.0 if f.get("name_handle_mismatch") else 0.0,
        # log2-binned entropy: people ~3-4 bits, one-interval schedulers ~0
        "low_interval_entropy": 0.0 if entropy is None else _ramp(-entropy, -2.5, -0.5),
        "fixed_period": _ramp(f.get("top_interval_share") if f.get("fixed_period") is not None else None, 0.3, 0.8),
        "round_the_clock": _ramp(f.get("sleep_share") if n >= 50 else None, 0.08, 0.2),
        "burst_rate": _ramp(f.get("max_posts_hour"), 20, 60),
        "misspelt_places": _ramp(len(f.get("misspelt_places") or []), 0, 2),
    }
    return c


def score(f: dict, weights: dict[str, float] = WEIGHTS) -> tuple[float, str]:
    comp = components(f)
    keep = 1.0
    contrib = {}
    for k, s in comp.items():
        v = weights.get(k, 0.0) * s
        if v > 0:
            contrib[k] = round(v, 4)
        keep *= 1.0 - v
    return round(1.0 - keep, 4), json.dumps(contrib, sort_keys=True)
