"""Synthetic posts for the coordination tests: an operation and organic background."""
from __future__ import annotations

import datetime as dt

import numpy as np

T0 = dt.datetime(2023, 7, 26, 8, 0, 0)


def synth_rows(n_op=12, n_org=300, n_targets_op=15, n_viral=5, seed=1):
    """An operation of ``n_op`` accounts reposting ``n_targets_op`` posts within seconds of
    each other, over organic accounts reposting a few viral posts and many rare ones
    spread over hours."""
    rng = np.random.default_rng(seed)
    rows = []
    pid = 0

    def add(acc, t, parent, kind="repost", text=None, hashtags=()):
        nonlocal pid
        pid += 1
        rows.append({
            "platform": "x", "post_id": f"p{pid}", "account_id": acc, "created_at": t,
            "kind": kind, "parent_post_id": parent, "text": text, "hashtags": list(hashtags),
        })

    for j in range(n_targets_op):
        start = T0 + dt.timedelta(hours=3 * j)
        for i in range(n_op):
            if rng.random() < 0.9:
                add(f"op{i:02d}", start + dt.timedelta(seconds=float(rng.uniform(0, 20))), f"target{j}")
    for v in range(n_viral):
        start = T0 + dt.timedelta(hours=5 * v)
        for a in rng.choice(n_org, size=n_org // 2, replace=False):
            add(f"org{a:03d}", start + dt.timedelta(seconds=float(rng.exponential(3600))), f"viral{v}")
    for a in range(n_org):
        for _ in range(int(rng.integers(1, 6))):
            add(f"org{a:03d}", T0 + dt.timedelta(seconds=float(rng.uniform(0, 86400 * 3))),
                f"rare{int(rng.integers(0, 400))}")
    return rows
