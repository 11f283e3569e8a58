"""Small hand-made post sets for the content tests."""
from __future__ import annotations

import datetime as dt

from faisceau.schema import POSTS

T0 = dt.datetime(2023, 7, 26, 12, 0, 0)


def posts_table(rows):
    """rows: (post_id, account_id, text[, minutes after T0[, kind, parent]])."""
    out = []
    for r in rows:
        pid, acc, text = r[:3]
        minutes = r[3] if len(r) > 3 else 0
        kind = r[4] if len(r) > 4 else "post"
        parent = r[5] if len(r) > 5 else None
        out.append({"platform": "x", "post_id": pid, "account_id": acc, "text": text, "kind": kind,
                    "parent_post_id": parent, "created_at": T0 + dt.timedelta(minutes=minutes)})
    return POSTS.from_rows(out)


def load(store, rows):
    store.append(POSTS, posts_table(rows))
    return store
