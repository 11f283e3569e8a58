"""Second-stage check of embedding pairs: topical similarity is not reuse.

Two organic posts about the same judo final embed close together (cosine ~0.85 with
USE-multilingual). A rewording or a translation of one message keeps its specific
material: names, numbers, links, hashtags, handles, rare words. Rules, per candidate pair:

- languages: a pair is cross-language only when both texts' languages are identified
  with lid.176 probability >= ``lang_confidence`` (0.7) and differ; an unsure language
  (a list of names, a hashtag string) is treated as the same language, the strict path;
- same language, both texts carry numbers, none in common: rejected at any cosine (one
  template, two instances: "USD exchange rate set at SYP 335.65" / "... 346.66");
- same language, cosine >= ``cosine_accept`` (0.95): kept;
- cross-language, cosine >= ``cosine_cross_accept`` (0.70): kept (a translation keeps the
  meaning but rarely a shared string; D3lta's own translation threshold is 0.715);
- otherwise (cosine >= ``cosine_threshold`` 0.80 same-language, >= ``cosine_cross`` 0.60
  across): kept when the texts share at least ``min_shared`` (2) *specific* items, for a
  same-language pair at least ``min_shared_share`` (half) of the shorter text's, and the
  posts are within ``time_window_s`` of each other or share an author;
- triangle support: a cross-language pair (>= ``cosine_cross``) whose two texts are both
  linked by the rules above to one third text is kept (one round, no chaining);
- corroboration: a cross-language pair kept on its cosine alone below ``cosine_cross_alone``
  (0.80), with no specific item in common, stays only when its two texts are both linked to
  one same third text (one round over the links kept above). Short generic replies reach
  0.70-0.80 across languages and chain into star-shaped clusters; the translations of one
  message also resemble each other, so they link to each other, not only to the source.

Specific items:
- tokens of the ``fold`` view (accents dropped, Cyrillic/Greek transliterated, so
  "Путин"/"Putin" meet) with at least 3 characters and a document frequency among
  distinct texts of at most ``rare_max_df`` and at most ``rare_max_count`` texts (floor 5);
- numbers (digits only, so "1,500", "1 500" and "1.500" meet; not digits inside a hashtag),
  URLs, @mentions. A hashtag is its word in the ``fold`` view: specific when rare, counted once.
"""
from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc



def rare_limit(n_texts: int, max_df: float, max_count: int) -> int:
    """Document-frequency limit of a "rare" token: a share of the corpus, capped at an
    absolute count. A fixed share grows with the corpus (0.001 of 172 k texts is 172 texts,
    enough for a news agency's recurring words: "exchange", "rate", "police"), whereas a
    message's specific words stay in about as many texts as it has variants."""
    return max(5, min(int(max_df * n_texts), max_count))


def _rare_tokens(fold: list[str], max_df: float, max_count: int) -> list[set[str]]:
    arr = pa.array(fold, pa.string())
    toks = pc.split_pattern(arr, " ")
    flat = pc.list_flatten(toks)
    doc = pc.list_parent_indices(toks)
    t = pa.table({"doc": doc, "tok": flat}).filter(pc.greater_equal(pc.utf8_length(flat), 3))
    t = t.group_by(["doc", "tok"]).aggregate([])
    df = t.group_by("tok").aggregate([("doc", "count")])
    limit = rare_limit(len(fold), max_df, max_count)
    rare = df.filter(pc.less_equal(df.column("doc_count"), limit)).column("tok")
    t = t.filter(pc.is_in(t.column("tok"), value_set=rare))
    out: list[set[str]] = [set() for _ in fold]
    for d, tok in zip(t.column("doc").to_pylist(), t.column("tok").to_pylist()):
        out[d].add(tok)
    return out


def specific_items(nfkc: str, fold_rare: set[str], numbers, urls, mentions) -> set[str]:
    items = {f"w:{w}" for w in fold_rare}
    items |= {f"n:{re.sub(r'[^0-9]', '', x)}" for x in numbers if len(re.sub(r'[^0-9]', '', x)) >= 2}
    items |= {f"u:{u.rstrip('/.,')}" for u in urls}
    items |= {f"@:{m.lstrip('@')}" for m in mentions}
    # A hashtag is its word in the ``fold`` view ("#Paris2024" -> "paris2024"): specific when
    # rare like any word, and counted once (a topic's hashtag is in thousands of posts).
    return items


def _digits(items: set[str]) -> set[str]:
    return {x for x in items if x.startswith("n:")}


def second_stage(det, posts, v, text_id, rep, ta, tb, cos, langs) -> tuple[np.ndarray, list[list[str]]]:
    """Boolean keep mask over the candidate pairs, and the shared items of each."""
    keep, shared, cross = _checks(det, posts, v, text_id, rep, ta, tb, cos, langs)
    if det.triangle_support:
        keep |= triangles(ta, tb, keep, cross & (cos >= det.cosine_cross) & ~keep)
    # cosine alone: nothing specific in common (``shared`` is filled for every kept pair)
    alone = cross & keep & (cos < det.cosine_cross_alone) & np.array([not s for s in shared], bool)
    keep[alone] = triangles(ta, tb, keep, alone)[alone]
    return keep, shared


def triangles(ta, tb, keep, which) -> np.ndarray:
    """Pairs in ``which`` whose two ends are both linked, by pairs in ``keep``, to one same
    third text. One round over the links as they are, so it never chains.

    Two rules use it. Triangle support: translations of one message resemble the source
    more than they resemble each other (en-de 0.62 where each is 0.75-0.85 from the French
    source), so a cross-language pair below ``cosine_cross_accept`` is kept when a kept
    link from each end meets at the same text. Corroboration: a cross-language pair kept
    on its cosine alone below ``cosine_cross_alone`` stays only when it closes such a
    triangle.
    """
    out = np.zeros(len(ta), bool)
    todo = np.flatnonzero(which)
    if len(todo) == 0 or not keep.any():
        return out
    nb: dict[int, set[int]] = {}
    for a, b in zip(ta[keep].tolist(), tb[keep].tolist()):
        nb.setdefault(a, set()).add(b)
        nb.setdefault(b, set()).add(a)
    for i in todo.tolist():
        na, nbb = nb.get(int(ta[i])), nb.get(int(tb[i]))
        out[i] = bool(na and nbb and na & nbb)
    return out


def _checks(det, posts, v, text_id, rep, ta, tb, cos, langs):
    n_text = len(rep)
    la = np.array([langs.get(int(t)) for t in ta], object)
    lb = np.array([langs.get(int(t)) for t in tb], object)
    # Cross-language only when both languages are identified with confidence: a name list
    # or a hashtag string gets a random language at low probability, which is no evidence
    # of a translation.
    sure = getattr(det, "lang_sure_", set())
    cross = np.array([x is not None and y is not None and x != y and int(p) in sure and int(q) in sure
                      for x, y, p, q in zip(la, lb, ta, tb)], bool)
    floor = np.where(cross, det.cosine_cross, det.cosine_threshold)
    keep = (~cross & (cos >= det.cosine_accept)) | (cross & (cos >= det.cosine_cross_accept))
    if not (cos >= floor).any():
        return keep, [[] for _ in range(len(ta))], cross
    shared: list[list[str]] = [[] for _ in range(len(ta))]
    todo = np.flatnonzero(cos >= floor)
    if len(todo) == 0:
        return keep, shared, cross
    fold_all = v.column("fold").take(pa.array(rep)).to_pylist()
    rare = _rare_tokens(fold_all, det.rare_max_df, det.rare_max_count)
    involved = np.unique(np.concatenate([ta[todo], tb[todo]]))
    take = pa.array(rep[involved])
    cols = {c: v.column(c).take(take).to_pylist() for c in ("nfkc", "numbers", "urls", "mentions")}
    items = {int(t): specific_items(cols["nfkc"][i], rare[t], cols["numbers"][i], cols["urls"][i], cols["mentions"][i])
             for i, t in enumerate(involved)}
    # Time and account context per text: all posts carrying it.
    created_arr = posts.column("created_at").cast(pa.int64())
    has_time = np.asarray(pc.is_valid(created_arr).to_numpy(zero_copy_only=False), bool)
    created = created_arr.fill_null(0).to_numpy()
    post_idx = np.flatnonzero((text_id >= 0) & has_time)
    tmin = np.full(n_text, np.iinfo(np.int64).max)
    tmax = np.full(n_text, np.iinfo(np.int64).min)
    np.minimum.at(tmin, text_id[post_idx], created[post_idx])
    np.maximum.at(tmax, text_id[post_idx], created[post_idx])
    accounts = posts.column("account_id").to_pylist()
    acc_of: dict[int, set] = {}
    sel = np.flatnonzero(np.isin(text_id, involved))
    for p, t in zip(sel.tolist(), text_id[sel].tolist()):
        acc_of.setdefault(t, set()).add(accounts[p])
    window_ms = det.time_window_s * 1000
    for i in todo:
        a, b = int(ta[i]), int(tb[i])
        common = items[a] & items[b]
        na, nb = _digits(items[a]), _digits(items[b])
        if not cross[i] and na and nb and not (na & nb):
            # Same language, both carry numbers, none in common: another instance of a
            # template ("USD exchange rate set at SYP 335.65" / "... 346.66"), not a
            # rewording of one message. Also applies above cosine_accept.
            keep[i] = False
            continue
        if keep[i]:
            shared[i] = sorted(common)[:20]
            continue
        if len(common) < det.min_shared:
            continue
        if not cross[i] and len(common) < det.min_shared_share * min(len(items[a]), len(items[b])):
            # Two posts on one story share a name and a place; a rewording keeps most of
            # the specific material of the shorter text.
            continue
        # Gap between the two texts' time ranges (0 when they overlap).
        gap = max(int(tmin[a]) - int(tmax[b]), int(tmin[b]) - int(tmax[a]), 0)
        if gap <= window_ms or (acc_of.get(a, set()) & acc_of.get(b, set())):
            keep[i] = True
            shared[i] = sorted(common)[:20]
    return keep, shared, cross
