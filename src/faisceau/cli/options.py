"""Options shared by several commands, declared once."""
from __future__ import annotations

import os

import click

from ..store import DEFAULT_STORE

store_option = click.option(
    "--store",
    "store_path",
    default=lambda: os.environ.get("FAISCEAU_STORE", DEFAULT_STORE),
    show_default=DEFAULT_STORE,
    type=click.Path(dir_okay=False),
    help="DuckDB store file (env FAISCEAU_STORE).",
)

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")

engine_option = click.option(
    "--engine",
    type=click.Choice(["duckdb", "spark"]),
    default=lambda: os.environ.get("FAISCEAU_ENGINE", "duckdb"),
    show_default="duckdb",
    help="Compute engine (env FAISCEAU_ENGINE).",
)

spark_master_option = click.option(
    "--spark-master",
    default=lambda: os.environ.get("SPARK_MASTER", "local[*]"),
    show_default="local[*]",
    help="Spark master URL when --engine spark (env SPARK_MASTER).",
)
