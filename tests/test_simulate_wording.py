"""Organic wording: posters on one topic and in one language do not write near copies of each other.

The old background built posts from a few hundred verbatim clauses and small, translated slot
lists: among same-language posts on one topic, about 1 pair in 5,000 (bodies) to 1 in 1,600
(replies) were near copies (5-code-point shingle Jaccard >= 0.7 on the copy detector's canonical
view), so at 200 k posts the organic background alone gave thousands of near-copy pairs that no
reader would call copies ("Source? airlines are spraying the cabins now" / "Nonsense. airlines are
spraying the cabins now"). Now each post puts its statement its own way and types it its own way.
"""
from __future__ import annotations

import numpy as np
from scipy import sparse

from faisceau.detect.content.normalize import canon_from_nfkc, nfkc
from faisceau.simulate.text import PhraseTable

TOPICS = ["bedbugs", "seine", "security"]
LANGS = ["fr", "en", "es", "de"]
N = 1200  # posts per (topic, language): 720 k pairs each
NEAR = 0.7  # the copy detector's Jaccard threshold (ContentDetector.jaccard_threshold)
MIN_WORDS = 5  # shorter texts are matched exactly only (ContentDetector.min_tokens_near)


def near_pairs(texts: list[str]) -> int:
    """Pairs of texts (>= MIN_WORDS words) with exact 5-shingle Jaccard >= NEAR on the canonical view."""
    canon = [c for c in canon_from_nfkc(nfkc(texts)).to_pylist() if len(c.split()) >= MIN_WORDS]
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, c in enumerate(canon):
        for s in {c[p:p + 5] for p in range(max(1, len(c) - 4))}:
            rows.append(i)
            cols.append(vocab.setdefault(s, len(vocab)))
    x = sparse.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(len(canon), len(vocab)))
    inter = (x @ x.T).toarray()
    size = np.diag(inter)
    jac = inter / np.maximum(size[:, None] + size[None, :] - inter, 1)
    return int(np.triu(jac >= NEAR, 1).sum())


def _rate(kind: str) -> float:
    table = PhraseTable.build(TOPICS, LANGS)
    rng = np.random.default_rng(11)
    found = 0
    for p in range(len(TOPICS) * len(LANGS)):
        texts = getattr(table, kind)(rng, np.full(N, p)).to_pylist()
        found += near_pairs(texts)
    return found / (len(TOPICS) * len(LANGS) * N * (N - 1) / 2)


def test_the_measure_flags_near_copies():
    post = "les punaises de lit ont été vues dans le RER B ce matin à Châtelet, la RATP dément tout"
    edited = post.replace("ce matin", "hier soir")
    other = "ce matin à Châtelet le RER B était en retard, rien à voir avec les punaises"
    assert near_pairs([post, edited]) == 1
    assert near_pairs([post, other]) == 0


def test_organic_posts_are_rarely_near_copies():
    # old generator (session 3): 2.0e-4 (bodies) and 6.1e-4 (replies and quote comments);
    # now 1.3e-6 and 4.6e-5 (short stock replies, "Fair point! big if true", still meet, as they do)
    assert _rate("bodies") < 1e-5
    assert _rate("reactions") < 1e-4
