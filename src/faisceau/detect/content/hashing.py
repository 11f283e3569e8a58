"""Content hashing as row-wise functions over Arrow record batches, run where the data is.

``Engine.map_batches`` runs them in process on DuckDB and with ``mapInArrow`` on Spark's
executors: one definition, so both engines hash the same way. Each output row depends on
its input row only (never on the batch), which is what makes the results independent of
how an engine splits the data.

- ``post_views``: per post, the exact-copy key and the ``canon`` view (``normalize``), and
  why a post cannot take part (native repost, empty text);
- ``text_signatures``: per distinct text, its size and MinHash signature (``minhash``),
  the signature only for texts long enough for near matching;
- ``band_rows``: per text with a signature, one row per LSH band key;
- ``near_pairs``: per LSH candidate pair, the estimated Jaccard, kept at the threshold.
"""
from __future__ import annotations

from typing import Iterable, Iterator

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import minhash
from .normalize import canon_from_nfkc, nfkc

POST_VIEWS = pa.schema([
    ("platform", pa.string()), ("post_id", pa.string()), ("exact_text", pa.string()),
    ("canon", pa.string()), ("native", pa.bool_()), ("empty", pa.bool_()),
])
TEXT_SIGNATURES = pa.schema([
    ("text_id", pa.int64()), ("ntok", pa.int64()), ("nchar", pa.int64()), ("sig", pa.binary()),
])
BAND_ROWS = pa.schema([("text_id", pa.int64()), ("band", pa.int32()), ("key", pa.int64())])
NEAR_PAIRS = pa.schema([("a", pa.int64()), ("b", pa.int64()), ("sim", pa.float32())])


def post_views(batches: Iterable[pa.RecordBatch], include_native_reposts: bool = False) -> Iterator[pa.RecordBatch]:
    """(platform, post_id, kind, parent_post_id, text) -> ``POST_VIEWS``.

    ``exact_text`` is the ``canon`` view, or ``nfkc`` where canon is empty (URL-only
    posts); a native repost (kind repost with a known parent) is left to the
    coordination detector unless ``include_native_reposts``."""
    for b in batches:
        v_nfkc = nfkc(b.column("text"))
        canon = canon_from_nfkc(v_nfkc)
        exact = pc.if_else(pc.equal(canon, ""), v_nfkc, canon)
        if include_native_reposts:
            native = pa.array(np.zeros(b.num_rows, bool))
        else:
            native = pc.fill_null(pc.and_(pc.equal(b.column("kind"), "repost"),
                                          pc.is_valid(b.column("parent_post_id"))), False)
        yield pa.RecordBatch.from_arrays(
            [b.column("platform").cast(pa.string()), b.column("post_id").cast(pa.string()), exact, canon,
             native, pc.equal(exact, "")], schema=POST_VIEWS)


def text_signatures(batches: Iterable[pa.RecordBatch], *, shingle_k: int, num_perm: int, seed: int,
                    min_tokens: int, min_chars: int) -> Iterator[pa.RecordBatch]:
    """(text_id, canon) -> ``TEXT_SIGNATURES``: words and code points of ``canon``, and its
    MinHash signature (num_perm uint32, little-endian bytes) when the text is long enough
    (>= min_tokens words and >= min_chars code points) for near matching, else NULL."""
    for b in batches:
        canon = b.column("canon").to_pylist()
        ntok = np.fromiter((len(t.split()) for t in canon), np.int64, len(canon))
        nchar = np.fromiter((len(t) for t in canon), np.int64, len(canon))
        ok = np.flatnonzero((ntok >= min_tokens) & (nchar >= min_chars))
        sig: list[bytes | None] = [None] * len(canon)
        if len(ok):
            h, off = minhash.shingle_hashes([canon[i] for i in ok], shingle_k)
            sigs = minhash.signatures(h, off, num_perm, seed=seed).astype("<u4")
            for i, row in zip(ok.tolist(), sigs):
                sig[i] = row.tobytes()
        yield pa.RecordBatch.from_arrays(
            [b.column("text_id").cast(pa.int64()), pa.array(ntok), pa.array(nchar), pa.array(sig, pa.binary())],
            schema=TEXT_SIGNATURES)


def _sig_matrix(col: pa.Array, num_perm: int) -> np.ndarray:
    return np.frombuffer(b"".join(col.to_pylist()), "<u4").reshape(-1, num_perm).astype(np.uint32)


def band_rows(batches: Iterable[pa.RecordBatch], *, num_perm: int, bands: int, rows: int) -> Iterator[pa.RecordBatch]:
    """(text_id, sig) -> ``BAND_ROWS``: one 63-bit key per text and band."""
    for b in batches:
        n = b.num_rows
        keys = minhash.band_keys(_sig_matrix(b.column("sig"), num_perm), bands, rows) if n else np.zeros((0, bands), np.int64)
        yield pa.RecordBatch.from_arrays(
            [pa.array(np.repeat(b.column("text_id").to_numpy(), bands), pa.int64()),
             pa.array(np.tile(np.arange(bands, dtype=np.int32), n)),
             pa.array(keys.ravel(), pa.int64())], schema=BAND_ROWS)


def near_pairs(batches: Iterable[pa.RecordBatch], *, num_perm: int, threshold: float) -> Iterator[pa.RecordBatch]:
    """(a, b, sig_a, sig_b) -> ``NEAR_PAIRS``: the pairs whose estimated Jaccard (share of
    equal signature slots) reaches ``threshold``."""
    for b in batches:
        n = b.num_rows
        sigs = np.concatenate([_sig_matrix(b.column("sig_a"), num_perm), _sig_matrix(b.column("sig_b"), num_perm)])
        sim = minhash.estimated_jaccard(sigs, np.arange(n), np.arange(n) + n)
        keep = sim >= threshold
        yield pa.RecordBatch.from_arrays(
            [pa.array(b.column("a").to_numpy()[keep], pa.int64()), pa.array(b.column("b").to_numpy()[keep], pa.int64()),
             pa.array(sim[keep], pa.float32())], schema=NEAR_PAIRS)
