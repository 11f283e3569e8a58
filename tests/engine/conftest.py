"""Fixtures for the suite shared by both engines.

``engine_name`` is parametrised over ["duckdb", "spark"]; the Spark case carries the
``spark`` marker. One SparkSession (local[2], 2 shuffle partitions: the inputs are
small, and Spark's cost here is per task) serves the whole run.
Detector tests elsewhere can reuse these fixtures through ``pytest_plugins`` or by
importing ``ENGINE_PARAMS``.
"""
from __future__ import annotations

import pytest

ENGINE_PARAMS = [pytest.param("duckdb", id="duckdb"), pytest.param("spark", id="spark", marks=pytest.mark.spark)]


@pytest.fixture(scope="session")
def spark():
    from faisceau.engine.spark_engine import spark_session

    return spark_session("local[2]", partitions=2)


@pytest.fixture(params=ENGINE_PARAMS)
def engine_name(request):
    return request.param


@pytest.fixture
def make_engine(engine_name, request):
    """Factory: an engine of the parametrised kind over a store (and/or parquet sources)."""
    made = []

    def make(store=None, **kw):
        if engine_name == "spark":
            from faisceau.engine.spark_engine import SparkEngine

            eng = SparkEngine(store=store, session=request.getfixturevalue("spark"), **kw)
        else:
            from faisceau.engine.duckdb_engine import DuckDBEngine

            eng = DuckDBEngine(store=store, **kw)
        made.append(eng)
        return eng

    yield make
    for eng in made:
        eng.close()
