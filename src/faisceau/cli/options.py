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
