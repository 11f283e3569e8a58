"""`faisceau ingest` and `faisceau quarantine`."""
from __future__ import annotations

import json
import sys

import click

from .options import json_option, store_option

_FORMATS = ("auto", "twarc2", "x-v2", "io-archive", "ira538", "telegram", "coortweet", "csv", "parquet", "jsonl")


@click.command("ingest")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default="auto", show_default=True,
              help="Source format; auto sniffs it and says which it chose.")
@click.option("--mapping", type=click.Path(exists=True, dir_okay=False),
              help="TOML mapping from source columns to canonical columns (csv, parquet, jsonl).")
@click.option("--assume-tz", help="Time zone of naive timestamps (IANA name, UTC, +02:00); "
                                  "without it they are quarantined as naive-timestamp.")
@store_option
@json_option
def ingest(files, fmt, mapping, assume_tz, store_path, as_json) -> None:
    """Load export FILES into the canonical store, one transaction per file.

    Bad records are quarantined (see `faisceau quarantine`), not fatal. The exit status
    is non-zero only when a file cannot be ingested at all (unreadable, empty, unknown
    format); the other files are still ingested."""
    from ..errors import FaisceauError
    from ..ingest import ingest_file
    from ..ingest.normalize import resolve_tz
    from ..store import Store

    resolve_tz(assume_tz)  # a bad --assume-tz is one error up front, not one per file
    mapping_obj = None
    if mapping:
        from ..ingest.generic import load_mapping

        mapping_obj = load_mapping(mapping)
    failures = 0
    results = []
    with Store(store_path) as st:
        for f in files:
            try:
                s = ingest_file(st, f, format=fmt, mapping=mapping_obj, assume_tz=assume_tz)
            except FaisceauError as exc:
                failures += 1
                click.echo(f"error[{exc.code}]: {exc}", err=True)
                continue
            results.append(s)
            if not as_json:
                how = " (sniffed)" if s.sniffed else ""
                click.echo(
                    f"{s.source_file}: {s.format}{how}  read {s.read:,}  stored {s.stored:,}  "
                    f"duplicates {s.duplicates:,}  quarantined {s.quarantined:,}  "
                    f"accounts {s.accounts_stored:,}  {s.seconds:.1f}s"
                )
    if as_json:
        click.echo(json.dumps([s.as_dict() for s in results], indent=2))
    if failures:
        sys.exit(2)


@click.command("quarantine")
@store_option
@click.option("--file", "source_file", help="Only rows from this source file.")
@click.option("--code", "error_code", help="Only this error code (bad-json, bad-timestamp, ...).")
@click.option("--limit", default=50, show_default=True, help="At most this many rows (0: all).")
@json_option
def quarantine(store_path, source_file, error_code, limit, as_json) -> None:
    """List the records that could not be stored, with their error code and an excerpt."""
    from ..store import Store

    where, args = [], []
    if source_file:
        where.append("source_file = ?")
        args.append(source_file)
    if error_code:
        where.append("error_code = ?")
        args.append(error_code)
    sql = "SELECT source_file, record_no, adapter, error_code, message, excerpt FROM quarantine"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY source_file, record_no"
    if limit:
        sql += f" LIMIT {int(limit)}"
    with Store(store_path, read_only=True) as st:
        rows = st.query(sql, args).to_pylist()
        counts = st.con.execute(
            "SELECT error_code, count(*) FROM quarantine GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()
    if as_json:
        click.echo(json.dumps(rows, indent=2, default=str))
        return
    total = sum(n for _, n in counts)
    click.echo(f"{total:,} quarantined record(s)" + (": " + ", ".join(f"{c} {n:,}" for c, n in counts) if counts else ""))
    for r in rows:
        ex = (r["excerpt"] or "").replace("\n", " ")[:100]
        click.echo(f"{r['source_file']}:{r['record_no']}  [{r['error_code']}] {r['message']}  | {ex}")
