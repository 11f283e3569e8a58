"""Per-post and per-text arrays on the driver, for the semantic stage only.

The semantic stage (sentence embeddings, IVF search, second-stage checks) runs on the
driver and works on positional arrays: post metadata in store order, a text id per post,
the representative post, size and post count of every text, and the copy group of every
text. They are fetched here when that stage runs, from the relations the engine already
holds (``sql``); without it nothing per post comes back.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import sql

TEXT_ROWS_SQL = "SELECT text_id, n_posts, ntok, rep_platform, rep_post_id FROM content_text_stats ORDER BY text_id"


def semantic_inputs(det, engine) -> tuple:
    """(posts, text_id, rep, ntok, cp_label, counts), also kept on ``det`` (``posts_``,
    ``text_id_``, ``rep_``, ``cp_label_``, ``stand_``) for the stage and its tests."""
    posts = engine.sql(sql.POSTS_SQL)
    text_id = engine.sql(sql.POST_TEXT_IDS_SQL).column("text_id").fill_null(-1).to_numpy().astype(np.int64)
    texts = engine.sql(TEXT_ROWS_SQL)
    n_text = texts.num_rows
    # Position of each text's representative post among the posts (store order).
    where = pd.MultiIndex.from_arrays([posts.column("platform").to_pandas(), posts.column("post_id").to_pandas()])
    rep = where.get_indexer(pd.MultiIndex.from_arrays([texts.column("rep_platform").to_pandas(),
                                                       texts.column("rep_post_id").to_pandas()])).astype(np.int64)
    ntok = texts.column("ntok").to_numpy()
    counts = texts.column("n_posts").to_numpy().astype(np.int64)
    key = np.arange(n_text, dtype=np.int64)
    key[det.linked_] = det.group_of_linked_
    _, cp_label = np.unique(key, return_inverse=True)
    stand = engine.sql(sql.stand_ins_sql(det.min_tokens_semantic, clustered_only=False))
    # One row per group, in key order: row i is the stand-in of dense group i.
    det.posts_, det.text_id_, det.rep_ = posts, text_id, rep
    det.cp_label_ = cp_label.astype(np.int64)
    det.stand_ = stand.column("text_id").to_numpy().astype(np.int64)
    return posts, text_id, rep, ntok, det.cp_label_, counts
