"""Media duplicates: perceptual hashes of local files, near-duplicates by Hamming distance.

Hashing (``hash_store_media``): for every item of ``posts.media`` a local file is looked
up in ``--media-dir`` by media key (``<media_key>.<ext>``) or by the file name of its URL.
- images: 64-bit pHash (imagehash, DCT of a 32x32 grey thumbnail) into ``media.phash``;
- animated GIFs: the pHash of the middle frame (Pillow decodes GIF frames itself);
- videos: no video decoder ships with faisceau's dependencies (no ffmpeg, OpenCV or PyAV
  on the target machines, and nothing may be downloaded), so a video is hashed through
  its preview image when one is there (``<media_key>.jpg|png|webp``, or the URL's file
  when it is an image), and otherwise matched by its platform media key only. The
  command reports how many items went each way.

Matching (``media_sql``, on the engine): distinct hashes are split into
``max_distance + 1`` chunks; by the pigeonhole principle two hashes within
``max_distance`` bits agree on at least one whole chunk, so candidates come from a SQL
self-join on (chunk, value) and only they get a popcount (``bit_count(xor(x, y))``).
Items without a hash but with the same media key are the same media (exact).
"""
from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa

from ...errors import InputError
from ...schema import POSTS

IMAGE_EXT = {".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif", ".tif", ".tiff"}
VIDEO_EXT = {".mp4", ".mov", ".m4v", ".webm", ".mkv", ".avi", ".ts"}

def phash_file(path: str | os.PathLike) -> str | None:
    """16-hex pHash of an image (middle frame of an animation); None if unreadable."""
    import imagehash
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as im:
            frames = getattr(im, "n_frames", 1)
            if frames > 1:
                im.seek(frames // 2)
            return str(imagehash.phash(im.convert("RGB")))
    except (UnidentifiedImageError, OSError, ValueError):
        return None


def _index_dir(media_dir: str) -> dict[str, list[Path]]:
    by_stem: dict[str, list[Path]] = {}
    for p in sorted(Path(media_dir).rglob("*")):
        if p.is_file():
            by_stem.setdefault(p.stem, []).append(p)
            by_stem.setdefault(p.name, []).append(p)
    return by_stem


def _candidates(item: dict, index: dict[str, list[Path]]) -> list[Path]:
    found: list[Path] = []
    if item.get("media_key"):
        found += index.get(item["media_key"], [])
    url = item.get("url")
    if url:
        name = url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        found += index.get(name, []) + index.get(Path(name).stem, [])
    return list(dict.fromkeys(found))


def hash_store_media(store, media_dir: str, *, overwrite: bool = False) -> dict:
    """Fill ``posts.media[].phash`` from local files. Returns counts and notes."""
    if not Path(media_dir).is_dir():
        raise InputError(f"media directory {media_dir} does not exist")
    index = _index_dir(media_dir)
    rows = store.query(
        "SELECT platform, post_id, media FROM posts WHERE media IS NOT NULL AND len(media) > 0"
    ).to_pylist()
    rep = {"items": 0, "hashed": 0, "images": 0, "video_frames": 0, "video_previews": 0,
           "kept": 0, "missing": 0, "unreadable": 0, "videos_by_key": 0, "notes": []}
    changed = []
    for r in rows:
        new_media, dirty = [], False
        for item in r["media"]:
            rep["items"] += 1
            item = dict(item)
            if item.get("phash") and not overwrite:
                rep["kept"] += 1
                new_media.append(item)
                continue
            files = _candidates(item, index)
            images = [f for f in files if f.suffix.lower() in IMAGE_EXT]
            videos = [f for f in files if f.suffix.lower() in VIDEO_EXT]
            h = None
            for f in images:
                h = phash_file(f)
                if h:
                    break
            if h:
                rep["hashed"] += 1
                if item.get("type") == "video":
                    rep["video_previews"] += 1
                else:
                    rep["images"] += 1
                item["phash"] = h
                dirty = True
            elif files and not videos:
                rep["unreadable"] += 1
            elif videos:
                rep["videos_by_key"] += 1
            else:
                rep["missing"] += 1
            new_media.append(item)
        if dirty:
            changed.append({"platform": r["platform"], "post_id": r["post_id"], "media": new_media})
    if rep["videos_by_key"]:
        rep["notes"].append(
            f"{rep['videos_by_key']} video file(s) without a preview image: no video decoder is available "
            "offline (ffmpeg/OpenCV/PyAV absent), so these match by platform media key only")
    if changed:
        media_type = POSTS.arrow_schema.field("media").type
        upd = pa.table({
            "platform": pa.array([c["platform"] for c in changed], pa.string()),
            "post_id": pa.array([c["post_id"] for c in changed], pa.string()),
            "media": pa.array([c["media"] for c in changed], media_type),
        })
        with store.transaction() as con:
            con.register("_faisceau_media", upd)
            try:
                con.execute("UPDATE posts SET media = m.media FROM _faisceau_media m "
                            "WHERE posts.platform = m.platform AND posts.post_id = m.post_id")
            finally:
                con.unregister("_faisceau_media")
    return rep
