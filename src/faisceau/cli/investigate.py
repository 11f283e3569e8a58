"""`faisceau investigate` (ingest + detectors + assessment + exports) and `faisceau demo`."""
from __future__ import annotations

import json

import click

from .options import engine_option, json_option, spark_master_option

TLP_CHOICES = ["clear", "green", "amber", "amber+strict", "red"]


def _print_summary(s: dict) -> None:
    click.echo(f"{s['posts']:,} posts from {s['accounts']:,} accounts; detectors run: "
               f"{', '.join(s['detectors_run']) or 'none'}")
    for name, why in s["detectors_skipped"].items():
        click.echo(f"  skipped {name}: {why}")
    if not s["campaigns"]:
        click.echo("no campaign found")
    for c in s["campaigns"]:
        g = c["grades"]
        views = f", top post {c['views_peak']:,} views" if c["views_peak"] else ""
        click.echo(f"{c['campaign_id']} {c['label']}: {c['accounts']} accounts, {c['posts']:,} posts, "
                   f"{c['window']['start'][:16]} - {c['window']['end'][:16]} UTC{views}")
        click.echo(f"   coordination {g.get('coordination')}, inauthenticity {g.get('inauthenticity')}, "
                   f"origin {g.get('origin')}; DISARM {' '.join(c['disarm'])}")
        click.echo(f"   {c['attribution']}")
    click.echo(f"report: {s['report']}")


@click.command("investigate")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--out", required=True, type=click.Path(file_okay=False), help="Folder for the report and exports.")
@click.option("--store", "store_path", type=click.Path(dir_okay=False), default=None,
              help="Store to build (default OUT/faisceau.duckdb, recreated on each run).")
@click.option("--format", "fmt", default="auto", show_default=True, help="Input format, as in 'faisceau ingest --format'; auto sniffs it.")
@click.option("--mapping", type=click.Path(dir_okay=False), default=None, help="TOML mapping from source columns to canonical columns (csv, parquet, jsonl).")
@click.option("--watchlist", type=click.Path(dir_okay=False), default=None,
              help="CSV or TOML of known accounts (handle, account_id, platform, label, affiliation, country).")
@click.option("--tlp", type=click.Choice(TLP_CHOICES, case_sensitive=False), default="clear", show_default=True,
              help="TLP 2.0 marking of the report and STIX bundle.")
@click.option("--pseudonymize-key", type=click.Path(dir_okay=False, exists=True), default=None,
              help="File holding a secret key: account ids, handles and post ids become keyed HMAC pseudonyms.")
@click.option("--min-accounts", type=int, default=5, show_default=True,
              help="Smallest number of flagged accounts for a coordination community to seed a campaign.")
@click.option("--alpha", type=float, default=0.01, show_default=True, help="Coordination: false discovery rate.")
@click.option("--semantic/--no-semantic", default=None,
              help="Content: rewordings and translations via embeddings (default: on when installed).")
@click.option("--random-state", type=int, default=0, show_default=True, help="Seed of the randomised steps.")
@click.option("--strict", is_flag=True, help="Stop when a detector fails instead of reporting its evidence missing.")
@engine_option
@spark_master_option
@json_option
def investigate(inputs, out, store_path, fmt, mapping, watchlist, tlp, pseudonymize_key, min_accounts, alpha,
                semantic, random_state, strict, engine, spark_master, as_json) -> None:
    """Ingest INPUT files, run every detector, assess the campaigns, write the report and exports."""
    from ..export.pseudonym import load_key
    from ..pipeline import investigate as run

    key = load_key(pseudonymize_key) if pseudonymize_key else None
    params = {"coordination": {"alpha": alpha, "random_state": random_state},
              "content": {"random_state": random_state, "semantic": semantic},
              "campaigns": {"min_accounts": min_accounts}}
    res = run(inputs, out, store=store_path, format=fmt, mapping=mapping, watchlist=watchlist, tlp=tlp.lower(),
              pseudonymize_key=key, engine=engine, spark_master=spark_master, params=params, strict=strict)
    s = res.summary()
    if as_json:
        click.echo(json.dumps(s, indent=2, default=str, ensure_ascii=False))
    else:
        _print_summary(s)


@click.command("demo")
@click.option("--out", type=click.Path(file_okay=False), default="faisceau-demo", show_default=True,
              help="Folder for the simulated data, the report and the exports.")
@click.option("--seed", type=int, default=7, show_default=True, help="Seed of the simulation.")
@click.option("--quiet", "-q", is_flag=True, help="No progress output on stderr.")
@json_option
def demo(out, seed, quiet, as_json) -> None:
    """Simulate the #BoycottParis2024 case (VIGINUM, July 2023) and investigate it."""
    from ..pipeline import demo as run
    from ..progress import set_quiet

    if quiet:
        set_quiet(True)
    s = run(out, seed=seed).summary()
    if as_json:
        click.echo(json.dumps(s, indent=2, default=str, ensure_ascii=False))
    else:
        _print_summary(s)
