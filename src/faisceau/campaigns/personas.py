"""Presented personas of originators: an account that presents itself as a news outlet.

An unverified account whose name or bio presents it as a news medium and that originates
the content of a coordinated campaign presents a news-outlet persona (DISARM T0097.202).
When it was also created less than a year before the campaign, it counts as a profile
signal of inauthenticity (a fabricated outlet, T0143.002). The words below cover the languages of the scenarios we ship and common
international forms; matching is on word boundaries, case-insensitive.
"""
from __future__ import annotations

import datetime as dt
import re

from ..store import Store
from .evidence import item

NEWS_WORDS = ("news", "info", "infos", "actu", "actus", "actualité", "actualités", "media", "média", "medias",
              "press", "presse", "tv", "télé", "journal", "gazette", "times", "post", "daily", "breaking",
              "haber", "xəbər", "xeber", "xəbərləri", "новости", "noticias", "nachrichten", "agency", "agence",
              "reporter", "report", "flash", "live", "direct", "24")
_RE = re.compile(r"(?<![\w])(" + "|".join(re.escape(w) for w in NEWS_WORDS) + r")(?![\w])", re.I)
_RE_HANDLE = re.compile(r"(news|info|actu|media|press|journal|haber|xeber|tv24|24tv)", re.I)
RECENT_DAYS = 365


def news_outlet_items(store: Store, camp: dict) -> list[dict]:
    rows = store.con.execute(
        """SELECT a.account_id, a.handle, a.display_name, a.description, a.created_at, a.verified
           FROM accounts_latest a JOIN campaign_accounts c ON c.account_id = a.account_id
           WHERE c.campaign_id = ? AND c.role = 'originator' ORDER BY a.account_id""",
        [camp["campaign_id"]]).fetchall()
    out = []
    ref = camp["window_start"] or dt.datetime(2100, 1, 1)
    for acc, handle, name, bio, created, verified in rows:
        words = sorted({m.group(1).lower() for m in _RE.finditer(f"{name or ''} {bio or ''}")})
        if not words and not _RE_HANDLE.search(handle or ""):
            continue
        if verified:
            continue
        recent = created is not None and (ref - created).days <= RECENT_DAYS
        posts = [r[0] for r in store.con.execute(
            "SELECT post_id FROM campaign_posts WHERE campaign_id = ? AND account_id = ? ORDER BY created_at",
            [camp["campaign_id"], acc]).fetchall()]
        age = f"created on {created:%Y-%m-%d}, {(ref - created).days} days before the campaign" if created \
            else "creation date unknown"
        out.append(item("news-outlet-persona", "inauthenticity",
                        f"Originator @{handle} presents itself as a news outlet ({', '.join(words) or 'handle'}), "
                        f"is not verified, and was {age}.", value=(ref - created).days if created else None,
                        accounts=[acc], posts=posts, source="accounts")
                   | ({"family": "profile", "recent": True} if recent else {"recent": False}))
    return out
