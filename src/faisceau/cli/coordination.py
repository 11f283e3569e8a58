"""`faisceau coordination`: co-action graph, significance, communities -> store tables."""
from __future__ import annotations

import click

from .options import engine_option, spark_master_option, store_option


def _parse_windows(items: tuple[str, ...]) -> dict[str, float]:
    from ..errors import ParameterError

    out: dict[str, float] = {}
    for item in items:
        name, sep, value = item.partition("=")
        try:
            if not sep:
                raise ValueError
            out[name.strip()] = float(value)
        except ValueError:
            raise ParameterError(f"--window expects TYPE=SECONDS (e.g. co-repost=30), got '{item}'") from None
    return out


@click.command("coordination")
@store_option
@click.option("--types", "types", multiple=True, metavar="TYPE",
              help="Action types (repeat or comma-separate): co-repost, co-post, co-link, co-domain, "
                   "co-reply, co-hashtag, co-mention, co-media. Default: all but co-domain and co-mention.")
@click.option("--window", "windows", multiple=True, metavar="TYPE=SECONDS", help="Time window of one action type, in seconds, e.g. co-repost=30 (repeatable; "
                   "defaults: 60, co-post 3600, co-media 300).")
@click.option("--alpha", type=float, default=0.01, show_default=True, help="False discovery rate (Benjamini-Hochberg).")
@click.option("--max-neighbors", type=int, default=30, show_default=True, help="Cap on later actions paired with each action of a target.")
@click.option("--random-state", type=int, default=0, show_default=True, help="Seed of the Leiden community detection.")
@click.option("--mode", type=click.Choice(["default", "coortweet"]), default="default", show_default=True,
              help="coortweet: CooRTweet's detect_groups + generate_coordinated_network semantics.")
@click.option("--time-window", type=float, default=10, show_default=True, help="coortweet mode: time_window, in seconds.")
@click.option("--min-participation", type=int, default=2, show_default=True, help="coortweet mode: min_participation.")
@click.option("--edge-weight", type=float, default=0.5, show_default=True, help="coortweet mode: edge_weight quantile.")
@engine_option
@spark_master_option
def coordination(store_path, types, windows, alpha, max_neighbors, random_state, mode, time_window,
                 min_participation, edge_weight, engine, spark_master) -> None:
    """Find accounts that repeatedly act alike within seconds, more than chance allows."""
    from ..detect.coordination import DEFAULT_TYPES, detect_coordination
    from ..engine import get_engine
    from ..errors import ParameterError
    from ..store import Store

    type_list = [t.strip() for item in types for t in item.split(",") if t.strip()] or list(DEFAULT_TYPES)
    if mode == "default":
        params = dict(types=type_list, windows=_parse_windows(windows), alpha=alpha,
                      max_neighbors=max_neighbors, random_state=random_state)
    else:
        if len(type_list) != 1 and types:
            raise ParameterError("coortweet mode analyses one object type: pass a single --types")
        params = dict(object_type=type_list[0] if types else "co-repost", time_window=time_window,
                      min_participation=min_participation, edge_weight=edge_weight, random_state=random_state)
    with Store(store_path) as st:
        # posts may come from a Parquet dataset (FAISCEAU_PARQUET) rather than the store
        eng = get_engine(engine, store=st, spark_master=spark_master)
        try:
            if not eng.count("posts"):
                raise ParameterError(f"store {store_path} has no posts: run 'faisceau ingest' first")
            frames = detect_coordination(st, engine=eng, mode=mode, **params)
        finally:
            eng.close()
    edges = frames["coaction_edges"]
    acc = frames["coordination_accounts"]
    com = frames["coordination_communities"]
    click.echo(f"coaction_edges: {len(edges):,} ({int(edges['significant'].sum()):,} significant)")
    click.echo(f"coordination_accounts: {len(acc):,} ({int(acc['flagged'].sum()):,} flagged)")
    click.echo(f"coordination_communities: {len(com):,} ({int(com['flagged'].sum()):,} flagged)")
    for _, c in com[com["flagged"]].head(10).iterrows():
        click.echo(f"  community {c['community_id']}: {c['size']} accounts, density {c['density']:.2f}, "
                   f"{', '.join(c['action_types'])}")
