"""Translation rules, checked without Spark: what is refused, and what is rewritten."""
from __future__ import annotations

import pytest

from faisceau.engine.spark_sql import to_spark_sql
from faisceau.errors import EngineError


@pytest.mark.parametrize(
    "query, message",
    [
        ("SELECT hash(x) FROM t", "md5"),
        ("SELECT quantile_disc(x, 0.5) FROM t", "quantile_disc"),
        ("SELECT regexp_replace(x, 'a', 'b', 'x') FROM t", "options"),
        ("SELECT date_diff('week', a, b) FROM t", "week"),
        ("SELECT 1; SELECT 2", "one SQL statement"),
        ("SELEC x FROM", "cannot translate"),
    ],
)
def test_untranslatable_constructs_are_refused(query, message):
    with pytest.raises(EngineError, match=message):
        to_spark_sql(query)


def test_importing_faisceau_does_not_import_pyspark():
    import os
    import subprocess
    import sys

    code = (
        "import sys, faisceau, faisceau.engine, faisceau.engine.spark_sql, faisceau.engine.spark_engine;"
        "faisceau.engine.spark_sql.to_spark_sql('SELECT 1');"
        "print('pyspark' in sys.modules)"
    )
    from pathlib import Path

    src = str(Path(__file__).resolve().parents[2] / "src")
    env = {**os.environ, "PYTHONPATH": src}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip() == "False"


def test_ordered_list_is_sorted_not_collected_in_arbitrary_order():
    sql = to_spark_sql("SELECT list(x ORDER BY t DESC) FROM p GROUP BY a")
    assert "ARRAY_SORT" in sql and "COLLECT_LIST" in sql


def test_exclude_becomes_a_regex_column():
    sql = to_spark_sql("SELECT * EXCLUDE (rn) FROM t")
    assert "`(rn)?+.+`" in sql
