"""Small hand-built posts/accounts for the accounts and bursts tests."""
from __future__ import annotations

import datetime as dt
import random

from faisceau.schema import ACCOUNTS, POSTS

T0 = dt.datetime(2023, 7, 1)


def post(pid, account, when, **kw):
    row = {"platform": "x", "post_id": str(pid), "account_id": account, "created_at": when, "kind": "post"}
    row.update(kw)
    return row


def account(aid, **kw):
    row = {"platform": "x", "account_id": aid, "handle": aid, "observed_at": dt.datetime(2023, 8, 1)}
    row.update(kw)
    return row


def load(store, posts, accounts=()):
    store.append(POSTS, POSTS.from_rows(posts))
    if accounts:
        store.append(ACCOUNTS, ACCOUNTS.from_rows(accounts))


def background_posts(n_days=40, per_day=6, tags=("paris", "jo2024", "sport"), seed=1, start=0, n_accounts=30):
    """Organic-looking background: a few posts a day on several hashtags, daytime hours."""
    rnd = random.Random(seed)
    out = []
    pid = start
    for d in range(n_days):
        for _ in range(per_day):
            when = T0 + dt.timedelta(days=d, hours=rnd.randint(7, 22), minutes=rnd.randint(0, 59))
            out.append(post(pid, f"bg{rnd.randrange(n_accounts)}", when, hashtags=[rnd.choice(tags)]))
            pid += 1
    return out
