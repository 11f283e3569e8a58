"""`faisceau content` (text and media reuse) and `faisceau media hash` (fills posts.media[].phash)."""
from __future__ import annotations

import click

from .options import engine_option, json_option, spark_master_option, store_option


@click.command("content")
@store_option
@engine_option
@spark_master_option
@click.option("--semantic/--no-semantic", default=None,
              help="Rewording and translation via multilingual embeddings (needs faisceau[semantic]); "
                   "default: on when the extra is installed.")
@click.option("--jaccard", "jaccard_threshold", type=float, default=0.7, show_default=True,
              help="Estimated shingle Jaccard for a near copy.")
@click.option("--cosine", "cosine_threshold", type=float, default=0.80, show_default=True,
              help="Embedding cosine from which a pair goes to the second-stage check.")
@click.option("--include-native-reposts", is_flag=True,
              help="Also compare reposts that point at their parent (left to coordination by default).")
@click.option("--seed", "random_state", type=int, default=0, show_default=True,
              help="Seed of the randomised steps (MinHash permutations, community detection).")
@click.option("--explain", nargs=2, metavar="POST_A POST_B",
              help="Print the evidence linking two posts (all views) instead of running the detector.")
@json_option
def content(store_path, engine, spark_master, semantic, jaccard_threshold, cosine_threshold,
            include_native_reposts, random_state, explain, as_json) -> None:
    """Find copy-paste, rewording, translation and media clusters; write content_clusters."""
    import json

    if explain:
        from ..detect.content.evidence import pair_evidence
        from ..store import Store

        with Store(store_path, read_only=True) as st:
            ev = pair_evidence(st, *explain)
        click.echo(json.dumps(ev, indent=2, default=str, ensure_ascii=False))
        return

    from ..detect.content import ContentDetector
    from ..detect.content.semantic import semantic_available
    from ..engine import get_engine
    from ..store import Store

    with Store(store_path) as st:
        if semantic is None:
            semantic = semantic_available()
        det = ContentDetector(semantic=semantic, jaccard_threshold=jaccard_threshold,
                              cosine_threshold=cosine_threshold,
                              include_native_reposts=include_native_reposts, random_state=random_state)
        with get_engine(engine, store=st, spark_master=spark_master) as eng:
            det.fit(st, engine=eng)
        run_id = det.write(st)
        clusters = det.tables_["content_clusters"]
        by_type = {}
        for t in clusters.column("type").to_pylist():
            by_type[t] = by_type.get(t, 0) + 1
        summary = {"run_id": run_id, "clusters": by_type, "eligibility": det.eligibility_, "lsh": det.lsh_}
    if as_json:
        click.echo(json.dumps(summary, indent=2, default=str))
        return
    click.echo(f"content run {run_id}: " + (", ".join(f"{n:,} {t}" for t, n in sorted(by_type.items())) or "no clusters"))
    for r in det.eligibility_:
        texts = "" if r["texts"] is None else f" ({r['texts']:,} texts)"
        click.echo(f"  {r['view']:<9} {r['reason']:<52} {r['posts']:>10,} posts{texts}")


@click.group("media")
def media() -> None:
    """Attached media: perceptual hashes that `faisceau content` clusters."""


@media.command("hash")
@store_option
@click.option("--media-dir", required=True, type=click.Path(exists=True, file_okay=False),
              help="Folder with the media files, named by media key or by the file name of their URL.")
@click.option("--overwrite", is_flag=True, help="Recompute hashes already in the store.")
def media_hash(store_path, media_dir, overwrite) -> None:
    """Hash the local files that belong to posts and fill posts.media[].phash."""
    from ..detect.content.media import hash_store_media
    from ..store import Store

    with Store(store_path) as st:
        rep = hash_store_media(st, media_dir, overwrite=overwrite)
    click.echo(f"media items: {rep['items']:,}; hashed {rep['hashed']:,} ({rep['images']:,} images/GIFs, "
               f"{rep['video_previews']:,} videos through their preview image); already hashed {rep['kept']:,}; "
               f"no local file {rep['missing']:,}; unreadable {rep['unreadable']:,}; "
               f"videos matched by media key only {rep['videos_by_key']:,}")
    for line in rep["notes"]:
        click.echo(f"  note: {line}")
