"""Which copy-cluster stand-ins the semantic stage embeds: those that can end in a link.

The sentence embedding is most of the semantic stage's cost (pure numpy, about 1.5 ms
of CPU per text), so a text is embedded only when the second-stage rules (``verify``)
leave it a way to be linked:

- its language is identified with confidence (lid.176 p >= ``lang_confidence``): it can
  be half of a cross-language pair, which the rules keep on cosine alone
  (>= ``cosine_cross_accept``);
- it shares at least ``min_shared`` specific items (``verify.specific_items``) with the
  stand-in of another copy cluster: a same-language pair below ``cosine_accept`` needs
  that many shared items, so a text without such a partner cannot be linked that way;
- otherwise only a same-language pair at cosine >= ``cosine_accept`` (0.95, near-verbatim
  meaning) could link it; such pairs are rewrites of one text and share most of their
  words, so the text is embedded when it shares at least ``accept_min_tokens`` fold tokens
  of three characters or more (any document frequency) with another stand-in.

Everything else is counted in the eligibility table with its reason, not dropped.
The item sets are built once and handed to the second stage.
"""
from __future__ import annotations

import numpy as np


def _partnered(sets: list[set], min_shared: int) -> np.ndarray:
    """True for each set sharing at least ``min_shared`` elements with another set.

    Exact for ``min_shared`` 1 or 2: element ids (or id pairs) that occur in two sets.
    Elements present in only one set are dropped first, which keeps the pair count small.
    """
    n = len(sets)
    out = np.zeros(n, bool)
    if n < 2:
        return out
    lens = np.fromiter(map(len, sets), np.int64, count=n)
    flat = [x for s in sets for x in s]
    if not flat:
        return out
    _, code = np.unique(np.array(flat, dtype=object).astype(str), return_inverse=True)
    owner = np.repeat(np.arange(n), lens)
    df = np.bincount(code)
    keep = df[code] >= 2
    code, owner = code[keep], owner[keep]
    if min_shared <= 1:
        out[np.unique(owner)] = True
        return out
    # Sort by owner then code, and list every pair of one owner's shared-able elements.
    order = np.lexsort((code, owner))
    code, owner = code[order], owner[order]
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    sizes = np.diff(np.r_[starts, len(owner)])
    m = int(df.max()) + 1 if len(df) else 1
    keys, who = [], []
    for k in np.unique(sizes[sizes >= 2]).tolist():
        sel = starts[sizes == k]
        i, j = np.triu_indices(k, 1)
        lo = code[sel[:, None] + i[None, :]]
        hi = code[sel[:, None] + j[None, :]]
        keys.append((lo.astype(np.int64) * len(df) + hi).ravel())
        who.append(np.repeat(owner[sel], len(i)))
    del m
    if not keys:
        return out
    keys_a, who_a = np.concatenate(keys), np.concatenate(who)
    _, inv, cnt = np.unique(keys_a, return_inverse=True, return_counts=True)
    out[np.unique(who_a[cnt[inv] >= 2])] = True
    return out
