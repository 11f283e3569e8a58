"""`faisceau accounts` (per-account signals) and `faisceau bursts` (campaign windows)."""
from __future__ import annotations

import json

import click

from .options import engine_option, json_option, spark_master_option, store_option


def _engine(st, engine: str, spark_master: str):
    from ..engine import get_engine

    return get_engine(engine, store=st, spark_master=spark_master)


@click.command("accounts")
@store_option
@click.option("--watchlist", type=click.Path(dir_okay=False), default=None,
              help="CSV or TOML of known accounts (handle, account_id, platform, label, affiliation, country).")
@click.option("--top", type=int, default=20, show_default=True, help="Accounts to print, highest score first.")
@click.option("--text-sample", type=int, default=100, show_default=True,
              help="Posts per account read for languages, scripts and misspelt places.")
@engine_option
@spark_master_option
@json_option
def accounts(store_path, watchlist, top, text_sample, engine, spark_master, as_json) -> None:
    """Inauthentic-account signals and origin clues -> table account_signals."""
    from ..detect.accounts import AccountSignals, run_accounts
    from ..store import Store

    with Store(store_path) as st:
        eng = _engine(st, engine, spark_master)
        try:
            det = run_accounts(st, engine=eng, watchlist=watchlist, detector=AccountSignals(text_sample=text_sample))
        finally:
            eng.close()
    rows = sorted(det.result_.to_pylist(), key=lambda r: (-(r["score"] or 0), r["platform"] or "", r["account_id"] or ""))
    if as_json:
        click.echo(json.dumps(rows[:top], default=str, ensure_ascii=False, indent=2))
        return
    windows = [dict(w, group="all accounts") for w in det.creation_windows_] + det.group_creation_windows_
    click.echo(f"account_signals: {det.result_.num_rows:,} accounts; creation bursts: {len(windows)}")
    for w in windows:
        click.echo(f"  {w['group']}: {w['accounts']} accounts created {w['start']:%Y-%m-%d}..{w['end']:%Y-%m-%d} "
                   f"(expected {w['expected']:.1f}, p={w['p']:.1e})")
    for r in rows[:top]:
        ev = json.loads(r["evidence"])
        keys = ", ".join(k for k in ev if k not in ("scripts", "languages"))
        click.echo(f"{r['score']:.2f}  {r['platform']}:{r['handle'] or r['account_id']}  {keys}")


@click.command("bursts")
@store_option
@click.option("--bin-seconds", type=int, default=3600, show_default=True, help="Width of a time bin, in seconds.")
@click.option("--min-posts", type=int, default=20, show_default=True, help="Posts a series needs to be tested, and a burst window to be reported.")
@engine_option
@spark_master_option
@json_option
def bursts(store_path, bin_seconds, min_posts, engine, spark_master, as_json) -> None:
    """Anomalous bursts per hashtag and content cluster -> table bursts."""
    from ..detect.accounts import run_bursts
    from ..detect.bursts import BurstDetector
    from ..store import Store

    with Store(store_path) as st:
        eng = _engine(st, engine, spark_master)
        try:
            det = run_bursts(st, engine=eng, detector=BurstDetector(bin_seconds=bin_seconds, min_posts=min_posts))
        finally:
            eng.close()
    rows = det.result_.to_pylist()
    if as_json:
        click.echo(json.dumps(rows, default=str, ensure_ascii=False, indent=2))
        return
    click.echo(f"bursts: {len(rows)} windows over {', '.join(det.series_kinds_)} series")
    for r in sorted(rows, key=lambda r: (r["p_value"], -r["posts"]))[:30]:
        click.echo(f"  {r['series_kind']}:{r['series']}  {r['start']:%Y-%m-%d %H:%M} .. {r['end']:%Y-%m-%d %H:%M} UTC  "
                   f"{r['posts']} posts, {r['accounts']} accounts, x{r['intensity']:.1f} baseline")
