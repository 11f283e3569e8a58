"""Media clusters: posts that carry the same or a near-duplicate image/video."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .cluster import communities
from .media import hex_to_int, media_links

MEDIA_SQL = """
SELECT platform, post_id, account_id, created_at, media
FROM posts
WHERE media IS NOT NULL
ORDER BY platform, post_id
"""


def media_items(engine) -> pd.DataFrame:
    """One row per media item of every post: platform, post_id, account_id, created_at, media_key, phash."""
    t = engine.sql(MEDIA_SQL)
    media = t.column("media").combine_chunks()
    parents = pc.list_parent_indices(media).to_numpy()
    flat = pc.list_flatten(media)
    df = pd.DataFrame({c: t.column(c).take(pa.array(parents)).to_pandas() for c in
                       ("platform", "post_id", "account_id", "created_at")})
    df["media_key"] = pc.struct_field(flat, "media_key").to_pandas()
    df["phash"] = pc.struct_field(flat, "phash").to_pandas()
    return df


def media_clusters(det, engine) -> tuple[list[dict], list[pd.DataFrame], dict, list[dict]]:
    """Rows for content_clusters/members, the link table and eligibility counts."""
    df = media_items(engine)
    valid = df["phash"].notna() & df["phash"].astype(object).fillna("").str.fullmatch(r"[0-9a-fA-F]{16}")
    keyed = ~valid & df["media_key"].notna()
    elig = [
        {"view": "media", "reason": "eligible: perceptual hash", "posts": int(df.loc[valid, "post_id"].nunique()),
         "texts": int(valid.sum())},
        {"view": "media", "reason": "no hash: matched by platform media key only",
         "posts": int(df.loc[keyed, "post_id"].nunique()), "texts": int(keyed.sum())},
        {"view": "media", "reason": "no hash and no media key: not comparable",
         "posts": int(df.loc[~valid & ~keyed, "post_id"].nunique()), "texts": int((~valid & ~keyed).sum())},
    ]
    hashes = sorted(df.loc[valid, "phash"].str.lower().unique())
    keys = sorted(df.loc[keyed, "media_key"].unique())
    node_of = {h: i for i, h in enumerate(hashes)}
    node_of.update({("key", k): len(hashes) + i for i, k in enumerate(keys)})
    node = np.full(len(df), -1, np.int64)
    node[valid.to_numpy(bool)] = [node_of[h] for h in df.loc[valid, "phash"].str.lower()]
    node[keyed.to_numpy(bool)] = [node_of[("key", k)] for k in df.loc[keyed, "media_key"]]
    df["node"] = node
    df = df[df["node"] >= 0]
    hv = hex_to_int(hashes)
    a, b, sim = media_links(engine, hv, det.media_max_distance)
    n_nodes = len(hashes) + len(keys)
    label = communities(n_nodes, a, b, sim, resolution=det.semantic_resolution, seed=det.random_state)
    df["label"] = label[df["node"].to_numpy()]
    df = df.sort_values(["created_at", "platform", "post_id"], kind="stable", na_position="last")
    posts = df.drop_duplicates(["label", "platform", "post_id"])
    rows, members = [], []
    groups = [(g["created_at"].iloc[0], g["platform"].iloc[0], g["post_id"].iloc[0], lab, g)
              for lab, g in posts.groupby("label", sort=False) if len(g) >= 2]
    groups.sort(key=lambda r: (pd.Timestamp.max if pd.isna(r[0]) else r[0], r[1], r[2]))
    min_sim = {}
    for x, y, s in zip(label[a], label[b], sim):
        if x == y:
            min_sim[x] = min(min_sim.get(x, 1.0), float(s))
    for n, (first_at, _, _, lab, g) in enumerate(groups, start=1):
        cid = f"md-{n:06d}"
        last_at = g["created_at"].max()
        nodes = g["node"].unique()
        rows.append({
            "cluster_id": cid, "type": "media", "n_posts": len(g), "n_accounts": int(g["account_id"].nunique()),
            "n_texts": len(nodes), "members": g["post_id"].tolist(),
            "accounts": list(dict.fromkeys(g["account_id"].tolist())),
            "platforms": sorted(g["platform"].unique().tolist()), "languages": [],
            "first_post_id": g["post_id"].iloc[0], "first_account_id": g["account_id"].iloc[0],
            "first_at": None if pd.isna(first_at) else first_at.to_pydatetime(),
            "last_at": None if pd.isna(last_at) else last_at.to_pydatetime(),
            "span_s": None if pd.isna(first_at) else float((last_at - first_at).total_seconds()),
            "method": "phash" if (nodes < len(hashes)).any() else "media_key",
            "min_similarity": min_sim.get(lab, 1.0), "short": False,
            "sample_text": ", ".join(sorted({hashes[i] if i < len(hashes) else keys[i - len(hashes)] for i in nodes}))[:280],
        })
        members.append(pd.DataFrame({"cluster_id": cid, "type": "media", "platform": g["platform"],
                                     "post_id": g["post_id"], "account_id": g["account_id"],
                                     "created_at": g["created_at"], "text_id": g["node"]}))
    node_post = df.drop_duplicates("node").set_index("node")["post_id"]
    where = {}
    for m in members:
        where.update(dict(zip(m["text_id"], m["cluster_id"])))
    links = {"a": a, "b": b, "sim": sim,
             "post_a": [node_post.get(int(x)) for x in a], "post_b": [node_post.get(int(x)) for x in b],
             "cluster_id": [where.get(int(x)) if where.get(int(x)) == where.get(int(y)) else None
                            for x, y in zip(a, b)]}
    return rows, members, links, elig
