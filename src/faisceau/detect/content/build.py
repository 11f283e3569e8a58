"""Turn the detector's labels and links into the result tables."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from .tables import CONTENT_CLUSTERS, CONTENT_ELIGIBILITY, CONTENT_MEMBERS, CONTENT_PAIRS

SAMPLE_CHARS = 280


def text_languages(det, text_ids: np.ndarray) -> dict[int, str | None]:
    """Language per distinct text: detected on the representative post (lid.176 lite),
    the platform's declared language when the text is too short to tell. Texts whose
    detection is confident (probability >= ``det.lang_confidence``) are also recorded in
    ``det.lang_sure_``: only those can make a pair cross-language."""
    from .langid import detect_scored

    known: dict[int, str | None] = dict(getattr(det, "text_lang_", {}) or {})
    sure: set[int] = set(getattr(det, "lang_sure_", set()) or set())
    todo = [int(t) for t in text_ids if int(t) not in known]
    if todo:
        from .normalize import nfkc

        reps = det.rep_[np.asarray(todo)]
        texts = nfkc(det.post_texts(reps)).to_pylist()
        declared = det.posts_.column("lang").take(pa.array(reps)).to_pylist()
        for t, (got, score), dec in zip(todo, detect_scored(_lang_text(texts)), declared):
            known[t] = got if got and score >= 0.4 else (dec.lower() if dec else None)
            if got and score >= det.lang_confidence:
                sure.add(t)
    det.text_lang_ = known
    det.lang_sure_ = sure
    return known


def _lang_text(texts):
    """Text for language id: links, mentions, hashtags and a leading RT removed (hashtag
    strings like "#Köln #Cologne" make lid.176 guess Swedish or French for English)."""
    import re

    pat = re.compile(r"(?i)(?:https?://|www\.)\S+|[@#]\w+|^\s*rt\b")
    return [pat.sub(" ", t) for t in texts]


def _strip_links(texts):
    import re

    pat = re.compile(r"(?i)(?:https?://|www\.)\S+|@\w+")
    return [pat.sub(" ", t) for t in texts]


def _frame(det) -> pd.DataFrame:
    posts = det.posts_
    tid = det.text_id_
    idx = np.flatnonzero(tid >= 0)
    df = pd.DataFrame({
        "idx": idx,
        "platform": posts.column("platform").take(pa.array(idx)).to_pandas(),
        "post_id": posts.column("post_id").take(pa.array(idx)).to_pandas(),
        "account_id": posts.column("account_id").take(pa.array(idx)).to_pandas(),
        "created_at": posts.column("created_at").take(pa.array(idx)).to_pandas(),
        "text_id": tid[idx],
    })
    return df.sort_values(["created_at", "platform", "post_id"], kind="stable", na_position="last")


def _clusters(df: pd.DataFrame, key: str, ctype: str, prefix: str, det, langs, extra: dict) -> tuple[list, list]:
    """Cluster rows and member frames for the groups of ``key`` (df sorted oldest first)."""
    size = df.groupby(key, sort=False)[key].transform("size")
    keep = size >= 2
    if ctype != "copypasta":
        keep &= df.groupby(key, sort=False)["cp"].transform("nunique") >= 2
    d = df[keep].copy()
    if d.empty:
        return [], []
    d["lang"] = d["text_id"].map(lambda t: langs.get(int(t)))
    grp = d.groupby(key, sort=False)
    agg = grp.agg(first_post_id=("post_id", "first"), first_platform=("platform", "first"),
                  first_account_id=("account_id", "first"), first_at=("created_at", "first"),
                  last_at=("created_at", "max"), n_posts=("post_id", "size"),
                  n_accounts=("account_id", "nunique"), n_texts=("text_id", "nunique"),
                  first_idx=("idx", "first"), first_text=("text_id", "first"),
                  members=("post_id", list))
    agg["accounts"] = d.drop_duplicates([key, "account_id"]).groupby(key, sort=False)["account_id"].agg(list)
    agg["platforms"] = d.drop_duplicates([key, "platform"]).groupby(key, sort=False)["platform"].agg(
        lambda x: sorted(x))
    lc = d.dropna(subset=["lang"]).groupby([key, "lang"]).size().reset_index(name="n")
    lc = lc.sort_values([key, "n", "lang"], ascending=[True, False, True])
    agg["languages"] = lc.groupby(key)["lang"].agg(list)
    agg["languages"] = agg["languages"].apply(lambda x: x if isinstance(x, list) else [])
    agg["_t"] = agg["first_at"].fillna(pd.Timestamp.max)
    agg = agg.sort_values(["_t", "first_platform", "first_post_id"], kind="stable")
    agg["cluster_id"] = [f"{prefix}-{n:06d}" for n in range(1, len(agg) + 1)]
    texts = det.post_texts(agg["first_idx"].to_numpy())
    rows = []
    for (label, r), text in zip(agg.iterrows(), texts):
        info = extra.get(label, {})
        first_at, last_at = r["first_at"], r["last_at"]
        rows.append({
            "cluster_id": r["cluster_id"], "type": info.get("type", ctype),
            "n_posts": int(r["n_posts"]), "n_accounts": int(r["n_accounts"]), "n_texts": int(r["n_texts"]),
            "members": r["members"], "accounts": r["accounts"], "platforms": r["platforms"],
            "languages": [str(x) for x in r["languages"]],
            "first_post_id": r["first_post_id"], "first_account_id": r["first_account_id"],
            "first_at": None if pd.isna(first_at) else first_at.to_pydatetime(),
            "last_at": None if pd.isna(last_at) else last_at.to_pydatetime(),
            "span_s": None if pd.isna(first_at) else float((last_at - first_at).total_seconds()),
            "method": info.get("method", "exact"), "min_similarity": info.get("min_similarity", 1.0),
            "short": bool(det.short_[int(r["first_text"])]),
            "sample_text": (text or "")[:SAMPLE_CHARS],
        })
    cid = d[key].map(agg["cluster_id"])
    ctype_of = {r["cluster_id"]: r["type"] for r in rows}
    members = pd.DataFrame({
        "cluster_id": cid, "type": cid.map(ctype_of), "platform": d["platform"], "post_id": d["post_id"],
        "account_id": d["account_id"], "created_at": d["created_at"], "text_id": d["text_id"],
    })
    return rows, [members]


def _link_stats(a, b, sim, label, methods=None) -> dict:
    """Per cluster label: weakest internal link and link kind."""
    out: dict = {}
    if len(a) == 0:
        return out
    la, lb = label[a], label[b]
    inside = la == lb
    for lab, s in zip(la[inside], sim[inside]):
        cur = out.setdefault(int(lab), {"min_similarity": 1.0})
        cur["min_similarity"] = min(cur["min_similarity"], float(s))
    return out


def build_tables(det) -> dict[str, pa.Table]:
    df = _frame(det)
    df["cp"] = det.cp_label_[df["text_id"].to_numpy()]
    near = det.near_links_
    cp_extra = _link_stats(near["a"], near["b"], near["sim"], det.cp_label_)
    for v in cp_extra.values():
        v["method"] = "minhash"
    clustered_cp = df.groupby("cp")["idx"].transform("size") >= 2
    sem = det.semantic_links_
    sem_label = det.sem_label_
    wanted = set(df.loc[clustered_cp, "text_id"].unique().tolist())
    if sem is not None and len(sem["a"]):
        wanted |= set(np.concatenate([sem["a"], sem["b"]]).tolist())
    langs = text_languages(det, np.array(sorted(wanted), np.int64))
    rows, members = _clusters(df, "cp", "copypasta", "cp", det, langs, cp_extra)
    cp_of_text = det.cp_label_
    if sem_label is not None:
        df["sem"] = sem_label[df["cp"].to_numpy()]
        text_sem = sem_label[cp_of_text]
        sem_extra = _link_stats(sem["a"], sem["b"], sem["sim"], text_sem)
        la = np.array([langs.get(int(t)) for t in sem["a"]], object)
        lb = np.array([langs.get(int(t)) for t in sem["b"]], object)
        sure = det.lang_sure_
        cross = ((la != lb) & pd.notna(la) & pd.notna(lb)
                 & np.array([int(x) in sure and int(y) in sure for x, y in zip(sem["a"], sem["b"])], bool))
        inside = text_sem[sem["a"]] == text_sem[sem["b"]]
        trans_labels = set(text_sem[sem["a"]][inside & cross].tolist())
        for lab in set(text_sem[sem["a"]][inside].tolist()):
            info = sem_extra.setdefault(int(lab), {"min_similarity": 1.0})
            info["method"] = "semantic"
            info["type"] = "translation" if lab in trans_labels else "rewording"
        sem_df = df[df["sem"].isin(list(sem_extra))]
        r2, m2 = _clusters(sem_df, "sem", "rewording", "sm", det, langs, sem_extra)
        rename = {r["cluster_id"]: ("tr" if r["type"] == "translation" else "rw") + r["cluster_id"][2:]
                  for r in r2}
        for r in r2:
            r["cluster_id"] = rename[r["cluster_id"]]
        for m in m2:
            m["cluster_id"] = m["cluster_id"].map(rename)
        rows += r2
        members += m2
    if det.media_ is not None:
        rows += det.media_[0]
        members += det.media_[1]
    clusters = CONTENT_CLUSTERS.from_rows(rows)
    mem = (CONTENT_MEMBERS.conform(pa.Table.from_pandas(pd.concat(members), preserve_index=False))
           if members else CONTENT_MEMBERS.empty())
    pairs = _pairs(det, df, mem, langs)
    return {
        "content_clusters": clusters,
        "content_members": mem,
        "content_pairs": pairs,
        "content_eligibility": CONTENT_ELIGIBILITY.from_rows(det.eligibility_),
    }


def _pairs(det, df, mem: pa.Table, langs) -> pa.Table:
    post_ids = det.posts_.column("post_id")
    # cluster of each text per layer, to say where a link ended up
    m = mem.select(["cluster_id", "type", "text_id"]).to_pandas().drop_duplicates()
    cp_of = dict(zip(m.loc[m["type"] == "copypasta", "text_id"], m.loc[m["type"] == "copypasta", "cluster_id"]))
    sem_of = dict(zip(m.loc[m["type"] != "copypasta", "text_id"], m.loc[m["type"] != "copypasta", "cluster_id"]))
    frames = []
    layers = [("minhash", det.near_links_, cp_of)]
    if det.semantic_links_ is not None:
        layers.append(("semantic", det.semantic_links_, sem_of))
    for method, links, where in layers:
        a, b = links["a"], links["b"]
        if len(a) == 0:
            continue
        ca = [where.get(int(x)) for x in a]
        cb = [where.get(int(x)) for x in b]
        frames.append(pa.table({
            "post_a": post_ids.take(pa.array(det.rep_[a])),
            "post_b": post_ids.take(pa.array(det.rep_[b])),
            "text_a": pa.array(a, pa.int64()),
            "text_b": pa.array(b, pa.int64()),
            "method": pa.array([method] * len(a)),
            "similarity": pa.array(np.asarray(links["sim"], np.float64)),
            "lang_a": pa.array([langs.get(int(x)) for x in a], pa.string()),
            "lang_b": pa.array([langs.get(int(x)) for x in b], pa.string()),
            "shared": pa.array(links.get("shared", [[] for _ in a]), pa.list_(pa.string())),
            "cluster_id": pa.array([x if x == y else None for x, y in zip(ca, cb)], pa.string()),
        }))
    if det.media_ is not None and len(det.media_[2]["a"]):
        ml = det.media_[2]
        frames.append(pa.table({
            "post_a": pa.array(ml["post_a"], pa.string()), "post_b": pa.array(ml["post_b"], pa.string()),
            "text_a": pa.array(ml["a"], pa.int64()), "text_b": pa.array(ml["b"], pa.int64()),
            "method": pa.array(["phash"] * len(ml["a"])),
            "similarity": pa.array(np.asarray(ml["sim"], np.float64)),
            "cluster_id": pa.array(ml["cluster_id"], pa.string()),
        }))
    if not frames:
        return CONTENT_PAIRS.empty()
    return pa.concat_tables([CONTENT_PAIRS.conform(f) for f in frames])
