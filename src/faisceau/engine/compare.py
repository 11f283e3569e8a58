"""Compare results across engines: same rows, whatever the row order or numeric type.

Used by the shared engine tests and by benchmarks/bench_spark.py to check that DuckDB
and Spark agree before their times are compared.
"""
from __future__ import annotations

import datetime as dt
import decimal
import math

import pyarrow as pa


def _norm(value, digits: int):
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return float(f"{value:.{digits}g}")
    if isinstance(value, decimal.Decimal):
        return _norm(float(value), digits)
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    if isinstance(value, list):
        return tuple(_norm(v, digits) for v in value)
    if isinstance(value, dict):
        return tuple((k, _norm(v, digits)) for k, v in value.items())
    return value


def _key(row):
    # None sorts first, values by (type name, value) so mixed types never compare.
    return tuple((v is not None, type(v).__name__, v) if not isinstance(v, tuple) else (True, "t", repr(v)) for v in row)


def rows(table: pa.Table, digits: int = 9) -> list[tuple]:
    """Rows as sorted tuples; floats to ``digits`` significant digits, decimals as floats."""
    names = table.column_names
    return normalized([tuple(r[n] for n in names) for r in table.to_pylist()], digits)


def normalized(values: list[tuple], digits: int = 9) -> list[tuple]:
    """Python row tuples normalised and sorted the way ``rows`` does it."""
    return sorted((tuple(_norm(v, digits) for v in r) for r in values), key=_key)


def differences(left: pa.Table, right: pa.Table, digits: int = 9) -> str | None:
    """None when both tables hold the same rows under the same column names, else why not."""
    if left.column_names != right.column_names:
        return f"columns differ: {left.column_names} vs {right.column_names}"
    a, b = rows(left, digits), rows(right, digits)
    if a == b:
        return None
    if len(a) != len(b):
        return f"{len(a)} rows vs {len(b)} rows"
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return f"first difference at sorted row {i}: {x} vs {y}"
    return "rows differ"  # pragma: no cover - equal lengths and rows means equal
