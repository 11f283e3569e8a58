"""Per-text language, script and place-name evidence, computed where the texts are.

``text_features`` is a row-wise function over Arrow batches of the ``TEXT_SAMPLE`` rows
(platform, account_id, kind, text, rk: its rank in the account's sample), run by ``Engine.map_batches``: in process on DuckDB,
on Spark's executors with ``mapInArrow``. It emits one long row per fact of a text, so
that SQL can add them up per account (``FEATURE_COUNTS_SQL``) and only per-account counts
reach the driver, not the sampled texts:

- ``lang``: the detected language (``language.detect_lang``), n = 1;
- ``script``: letters of a script (``text.scripts`` of the cleaned text), n = count;
- ``misspelt``: a place name written the non-French way (``places.misspellings``), own
  posts only (not reposts). A word's verdict does not depend on the other texts it is
  seen with, so the per-account union equals ``misspellings`` over all own texts.
"""
from __future__ import annotations

from typing import Iterable, Iterator

import pyarrow as pa

TEXT_FEATURES = pa.schema([
    ("platform", pa.string()), ("account_id", pa.string()), ("feature", pa.string()), ("value", pa.string()),
    ("city", pa.string()), ("attested", pa.bool_()), ("n", pa.int64()), ("first_rk", pa.int64()),
])

FEATURE_COUNTS_SQL = """
SELECT platform, account_id, feature, value, city, attested, CAST(sum(n) AS BIGINT) AS n,
       min(first_rk) AS first_rk
FROM account_text_features
GROUP BY platform, account_id, feature, value, city, attested
"""


def text_features(batches: Iterable[pa.RecordBatch], *, min_letters: int, min_fr_pop: int) -> Iterator[pa.RecordBatch]:
    from .language import detect_lang
    from .places import misspellings
    from .text import clean_text, scripts

    for b in batches:
        out: dict[str, list] = {f.name: [] for f in TEXT_FEATURES}

        def add(plat, acc, feature, value, n, city=None, attested=None):
            for k, v in zip(("platform", "account_id", "feature", "value", "city", "attested", "n", "first_rk"),
                            (plat, acc, feature, value, city, attested, n, rk)):
                out[k].append(v)

        cols = ("platform", "account_id", "kind", "text", "rk")
        for plat, acc, kind, text, rk in zip(*(b.column(c).to_pylist() for c in cols)):
            lang = detect_lang(text, min_letters)
            if lang:
                add(plat, acc, "lang", lang, 1)
            for sc, n in scripts(clean_text(text)).items():
                add(plat, acc, "script", sc, n)
            if kind != "repost":
                for word, city, attested in misspellings([text], min_fr_pop, [lang]):
                    add(plat, acc, "misspelt", word, 1, city, attested)
        yield pa.RecordBatch.from_pydict(out, schema=TEXT_FEATURES)
