"""`faisceau dataset ingest`: build a canonical Parquet dataset (for Spark-scale corpora)."""
from __future__ import annotations

import json

import click

from .options import engine_option, json_option, spark_master_option

_FORMATS = ("canonical", "auto", "twarc2", "x-v2", "io-archive", "ira538", "telegram", "coortweet", "csv",
            "parquet", "jsonl")


@click.group("dataset")
def dataset() -> None:
    """Canonical Parquet datasets: ingest a corpus too big for one store, then analyse it
    by setting FAISCEAU_PARQUET=DIR and passing --engine spark to the detector commands."""


@dataset.command("ingest")
@click.argument("files", nargs=-1, required=True)
@click.option("--out", required=True, help="Dataset directory or Hadoop URI (hdfs://, s3a://...); "
                                           "posts/, accounts/, quarantine/, ingest_log/ are written under it.")
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default="canonical", show_default=True,
              help="canonical: Parquet shaped like the posts table (read natively by Spark); "
                   "otherwise an ingest format, whose adapter runs on the executors (one task per file).")
@click.option("--accounts", "account_files", multiple=True, help="Canonical accounts Parquet (with --format canonical).")
@click.option("--mapping", type=click.Path(exists=True, dir_okay=False), help="TOML mapping (csv, parquet, jsonl).")
@click.option("--assume-tz", help="Time zone of naive timestamps.")
@engine_option
@spark_master_option
@json_option
def ingest(files, out, fmt, account_files, mapping, assume_tz, engine, spark_master, as_json) -> None:
    """Ingest FILES into the canonical dataset --out, de-duplicated like the store."""
    from ..engine import get_engine
    from ..engine.dataset import ingest_dataset

    with get_engine(engine, spark_master=spark_master, parquet={}) as eng:
        log = ingest_dataset(eng, list(files), out, format=fmt, accounts=list(account_files), mapping=mapping,
                             assume_tz=assume_tz).to_pylist()
    if as_json:
        click.echo(json.dumps(log, indent=2, default=str))
        return
    for r in log:
        click.echo(f"{r['source_file']}: read {r['rows_read']:,}  stored {r['rows_stored']:,}  "
                   f"duplicates {r['duplicates']:,}  quarantined {r['quarantined']:,}  "
                   f"accounts {r['accounts_stored']:,}")
    click.echo(f"dataset: {out} (analyse it with FAISCEAU_PARQUET={out} and --engine {engine})")
