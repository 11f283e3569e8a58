"""`faisceau store ...` and `faisceau export`."""
from __future__ import annotations

import json

import click

from .options import json_option, store_option


@click.group()
def store() -> None:
    """Inspect the canonical store."""


@store.command("info")
@store_option
@json_option
def info(store_path: str, as_json: bool) -> None:
    """Counts per table, time span and platforms."""
    from ..store import Store

    with Store(store_path, read_only=True) as st:
        data = st.info()
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    click.echo(f"store: {data['store']}")
    for name, n in data["tables"].items():
        click.echo(f"  {name:<28} {n:>12,}")
    click.echo(f"distinct accounts: {data['distinct_accounts']:,}")
    click.echo(f"posts from {data['first_post']} to {data['last_post']}")
    for p, n in data["platforms"].items():
        click.echo(f"  platform {p}: {n:,} posts")


@store.command("runs")
@store_option
def runs(store_path: str) -> None:
    """How each result table was produced (stage, parameters, engine)."""
    from ..store import Store

    with Store(store_path, read_only=True) as st:
        for r in st.runs():
            click.echo(f"{r['started_at']}  {r['stage']:<14} {','.join(r['tables'])}  {r['engine']}  {r['params']}")


@click.command("export")
@click.argument("table")
@store_option
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="Output file; its suffix, .csv or .parquet, picks the format.")
def export(table: str, store_path: str, out: str) -> None:
    """Write TABLE of the store to CSV or Parquet: any canonical or result table (posts, campaigns...)."""
    from ..store import Store

    with Store(store_path, read_only=True) as st:
        n = st.export(table, out)
    click.echo(f"wrote {n:,} rows of {table} to {out}")
