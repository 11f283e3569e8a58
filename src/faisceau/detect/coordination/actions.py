"""Derive the actions relation from ``posts``: one row per (action type, target, post).

An *action* is what two accounts can do "the same of": repost the same post, post the
same normalised text, share the same URL... Each type is one SELECT over ``posts``
producing ``(action_type, target, account_id, post_id, t_ms)``; the union of the
selected types is the input of the pair search. All SQL is DuckDB dialect that sqlglot
transpiles to Spark (``faisceau.engine.spark_engine.to_spark_sql``).

Content types (co-post, co-link, co-domain, co-hashtag, co-mention, co-media) skip
reposts that carry a parent id: their text, links and tags are the parent's, and the
co-repost type already counts them. A repost *without* a parent id (IRA exports) keeps
its text, so identical-text co-retweets show up as co-post.
"""
from __future__ import annotations

from ...errors import ParameterError

# Milliseconds since the epoch; spelled so that it transpiles to Spark's DATEDIFF.
T_MS = "date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', created_at)"

# Reposts with a parent are counted by co-repost only (see module doc).
OWN_CONTENT = "NOT (kind = 'repost' AND parent_post_id IS NOT NULL)"

# Case, URLs, mentions, a leading "rt @user:" and runs of whitespace are removed, so
# that copies of one message that differ only in those match.
NORMALISED_TEXT = (
    "trim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(lower(text), "
    "'^rt @[a-z0-9_]+:?', '', 'g'), 'https?://[^ ]+', '', 'g'), '@[a-z0-9_]+', '', 'g'), "
    "'[ \\t\\r\\n]+', ' ', 'g'))"
)


def _sel(action_type: str, target: str, frm: str, where: str, order: bool = False) -> str:
    extra = ", source_file, record_no" if order else ""
    return (
        f"SELECT '{action_type}' AS action_type, {target} AS target, account_id, post_id, "
        f"{T_MS} AS t_ms{extra} FROM {frm} WHERE account_id IS NOT NULL AND created_at IS NOT NULL AND {where}"
    )


def _action_sql(action_type: str, min_text_chars: int, order: bool = False) -> str:
    """One type's SELECT; ``order`` adds source_file and record_no (CooRTweet mode)."""
    sel = _sel if not order else (lambda *a: _sel(*a, order=True))
    cols = "account_id, post_id, created_at" + (", source_file, record_no" if order else "")
    if action_type == "co-repost":
        return sel(action_type, "parent_post_id", "posts", "kind = 'repost' AND parent_post_id IS NOT NULL")
    if action_type == "co-reply":
        return sel(action_type, "parent_post_id", "posts", "kind = 'reply' AND parent_post_id IS NOT NULL")
    if action_type == "co-post":
        inner = (
            f"(SELECT {cols}, {NORMALISED_TEXT} AS ntext FROM posts "
            f"WHERE text IS NOT NULL AND {OWN_CONTENT}) AS p"
        )
        return sel(action_type, "ntext", inner, f"length(ntext) >= {int(min_text_chars)}")
    if action_type in ("co-link", "co-domain"):
        col = "urls" if action_type == "co-link" else "domains"
        inner = (
            f"(SELECT {cols}, x.item AS item FROM posts "
            f"CROSS JOIN UNNEST({col}) AS x(item) WHERE {OWN_CONTENT}) AS p"
        )
        return sel(action_type, "item", inner, "item IS NOT NULL AND item <> ''")
    if action_type in ("co-hashtag", "co-mention"):
        col = "hashtags" if action_type == "co-hashtag" else "mentions"
        # The *set* of tags of a post is the target: order and repeats do not matter.
        inner = (
            f"(SELECT {cols}, "
            f"array_to_string(list_sort(list_distinct({col})), ' ') AS tagset FROM posts "
            f"WHERE {col} IS NOT NULL AND array_length({col}) > 0 AND {OWN_CONTENT}) AS p"
        )
        return sel(action_type, "tagset", inner, "tagset <> ''")
    if action_type == "co-media":
        inner = (
            f"(SELECT {cols}, m.item.phash AS phash FROM posts "
            f"CROSS JOIN UNNEST(media) AS m(item) WHERE {OWN_CONTENT}) AS p"
        )
        return sel(action_type, "phash", inner, "phash IS NOT NULL AND phash <> ''")
    raise ParameterError(f"unknown action type '{action_type}': choose from {', '.join(ACTION_TYPES)}")


ACTION_TYPES = ("co-repost", "co-post", "co-link", "co-domain", "co-reply", "co-hashtag", "co-mention", "co-media")


def actions_sql(types, *, min_text_chars: int = 20, with_order: bool = False) -> str:
    """One query yielding the actions of ``types`` from ``posts``."""
    types = list(types)
    if not types:
        raise ParameterError("no action type selected: pass at least one of " + ", ".join(ACTION_TYPES))
    for t in types:
        if t not in ACTION_TYPES:
            raise ParameterError(f"unknown action type '{t}': choose from {', '.join(ACTION_TYPES)}")
    return "\nUNION ALL\n".join(_action_sql(t, min_text_chars, with_order) for t in types)
