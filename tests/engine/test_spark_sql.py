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
    # One direction: structs sorted by SORT_ARRAY (compiled), no comparator lambda.
    sql = to_spark_sql("SELECT list(x ORDER BY t DESC, u DESC) FROM p GROUP BY a")
    assert "SORT_ARRAY(COLLECT_LIST(STRUCT(" in sql and ", FALSE)" in sql and "(l, r) ->" not in sql
    # Mixed directions: a comparator.
    sql = to_spark_sql("SELECT list(x ORDER BY t DESC, u) FROM p GROUP BY a")
    assert "ARRAY_SORT(COLLECT_LIST(" in sql and "(l, r) ->" in sql


def test_exclude_becomes_a_regex_column():
    sql = to_spark_sql("SELECT * EXCLUDE (rn) FROM t")
    assert "`(rn)?+.+`" in sql


def test_with_clause_becomes_subqueries():
    # Spark's cache lookup misses materialized relations from WITH queries (spark_sql._inline_ctes).
    sql = to_spark_sql("WITH a AS (SELECT 1 AS x), b AS (SELECT x FROM a) SELECT * FROM b JOIN a AS z ON z.x = b.x")
    assert "WITH" not in sql.upper()
    assert sql == "SELECT * FROM (SELECT x FROM (SELECT 1 AS x) AS a) AS b JOIN (SELECT 1 AS x) AS z ON z.x = b.x"
