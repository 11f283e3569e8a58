"""`faisceau simulate`: write a scenario's data and its ground truth."""
from __future__ import annotations

import json

import click

from .options import json_option


@click.command()
@click.option("--scenario", default="boycott-paris-2024", show_default=True,
              type=click.Choice(["boycott-paris-2024", "copypasta-multilingual"]), help="Scenario to generate.")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False), help="Output file.")
@click.option("--format", "fmt", default="twarc2", show_default=True, type=click.Choice(["twarc2", "io-archive", "parquet"]),
              help="twarc2 raw X API v2 pages (JSONL), io-archive CSV, or parquet (canonical posts table, for benchmarks).")
@click.option("--truth", type=click.Path(dir_okay=False), default=None,
              help="Write the ground truth here (JSON); a watchlist.csv goes next to it when the scenario has one.")
@click.option("--scale", type=click.IntRange(min=1000), default=None,
              help="About this many organic actions (default: 30,000 boycott / 20,000 copypasta); the operation is unchanged.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed: same seed, same bytes.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes drawing and encoding slices (default 1). The bytes do not depend on it.")
@json_option
def simulate(scenario: str, out: str, fmt: str, truth: str | None, scale: int | None, seed: int, workers: int | None,
             as_json: bool) -> None:
    """Generate a scenario: organic background plus injected operations, with ground truth."""
    from ..simulate import generate

    tr = generate(scenario=scenario, out=out, fmt=fmt, truth=truth, scale=scale, seed=seed, workers=workers)
    d = tr.data
    if as_json:
        click.echo(json.dumps({"file": out, "truth": str(tr.path) if tr.path else None,
                               "watchlist": str(tr.watchlist_path) if tr.watchlist_path else None,
                               "totals": d["totals"],
                               "operations": [{"name": o["name"], **{k: o["figures"][k] for k in ("accounts", "posts")}}
                                              for o in d["operations"]]}, indent=2))
        return
    t = d["totals"]
    click.echo(f"{out}: {t['posts']:,} posts ({fmt}) from {t['accounts_posting']:,} accounts, "
               f"{d['window']['start']} to {d['window']['end']}")
    for o in d["operations"]:
        f = o["figures"]
        w = f["window"] or {}
        click.echo(f"  operation {o['name']}: {f['accounts']} accounts, {f['posts']:,} posts, "
                   f"{w.get('first_post')} to {w.get('last_post')}")
    if tr.path:
        click.echo(f"truth: {tr.path}" + (f"  watchlist: {tr.watchlist_path}" if tr.watchlist_path else ""))
