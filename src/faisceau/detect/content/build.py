"""Turn the detector's labels and links into the result tables."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from .tables import CONTENT_CLUSTERS, CONTENT_ELIGIBILITY, CONTENT_MEMBERS, CONTENT_PAIRS
from .timing import stage

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
    d["lang"] = d["text_id"].map(langs)
    grp = d.groupby(key, sort=False)
    agg = grp.agg(first_post_id=("post_id", "first"), first_platform=("platform", "first"),
                  first_account_id=("account_id", "first"), first_at=("created_at", "first"),
                  last_at=("created_at", "max"), n_posts=("post_id", "size"),
                  n_accounts=("account_id", "nunique"), n_texts=("text_id", "nunique"),
                  first_idx=("idx", "first"), first_text=("text_id", "first"))
    agg["members"] = _lists(d[key], d["post_id"], agg.index)
    acc = d.drop_duplicates([key, "account_id"])
    agg["accounts"] = _lists(acc[key], acc["account_id"], agg.index)
    plat = d.drop_duplicates([key, "platform"]).sort_values([key, "platform"], kind="stable")
    agg["platforms"] = _lists(plat[key], plat["platform"], agg.index)
    lc = d.dropna(subset=["lang"]).groupby([key, "lang"]).size().reset_index(name="n")
    lc = lc.sort_values([key, "n", "lang"], ascending=[True, False, True])
    agg["languages"] = _lists(lc[key], lc["lang"].astype(str), agg.index)
    agg["_t"] = agg["first_at"].fillna(pd.Timestamp.max)
    agg = agg.sort_values(["_t", "first_platform", "first_post_id"], kind="stable")
    agg["cluster_id"] = [f"{prefix}-{n:06d}" for n in range(1, len(agg) + 1)]
    texts = det.post_texts(agg["first_idx"].to_numpy())
    first_at = agg["first_at"].tolist()
    last_at = agg["last_at"].tolist()
    span = (agg["last_at"] - agg["first_at"]).dt.total_seconds().tolist()
    short = det.short_[agg["first_text"].to_numpy()].tolist()
    col = {c: agg[c].tolist() for c in ("n_posts", "n_accounts", "n_texts", "members", "accounts", "platforms",
                                         "languages", "first_post_id", "first_account_id")}
    rows = []
    for i, (label, cid) in enumerate(zip(agg.index.tolist(), agg["cluster_id"].tolist())):
        info = extra.get(label, {})
        fa, la_ = first_at[i], last_at[i]
        rows.append({
            "cluster_id": cid, "type": info.get("type", ctype),
            "n_posts": int(col["n_posts"][i]), "n_accounts": int(col["n_accounts"][i]),
            "n_texts": int(col["n_texts"][i]),
            "members": col["members"][i], "accounts": col["accounts"][i],
            "platforms": col["platforms"][i], "languages": col["languages"][i],
            "first_post_id": col["first_post_id"][i], "first_account_id": col["first_account_id"][i],
            "first_at": None if pd.isna(fa) else fa.to_pydatetime(),
            "last_at": None if pd.isna(la_) else la_.to_pydatetime(),
            "span_s": None if pd.isna(fa) else float(span[i]),
            "method": info.get("method", "exact"), "min_similarity": info.get("min_similarity", 1.0),
            "short": bool(short[i]),
            "sample_text": (texts[i] or "")[:SAMPLE_CHARS],
        })
    cid = d[key].map(agg["cluster_id"])
    ctype_of = {r["cluster_id"]: r["type"] for r in rows}
    members = pd.DataFrame({
        "cluster_id": cid, "type": cid.map(ctype_of), "platform": d["platform"], "post_id": d["post_id"],
        "account_id": d["account_id"], "created_at": d["created_at"], "text_id": d["text_id"],
    })
    return rows, [members]


def _lists(keys: pd.Series, values: pd.Series, labels: pd.Index) -> list[list]:
    """values grouped by key (order kept within a key), one list per label (empty if none)."""
    k = keys.to_numpy()
    order = np.argsort(k, kind="stable")
    ks, vs = k[order], values.to_numpy()[order]
    cut = np.flatnonzero(ks[1:] != ks[:-1]) + 1
    starts = np.concatenate([[0], cut]) if len(ks) else np.zeros(0, np.int64)
    got = dict(zip(ks[starts].tolist(), (x.tolist() for x in np.split(vs, cut)))) if len(ks) else {}
    return [got.get(lab, []) for lab in labels.tolist()]


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
    # Language: identified once per copy cluster, on its stand-in text (near copies of one
    # text share its language), and for the ends of semantic links (stand-ins too).
    texts = [df.loc[clustered_cp, "text_id"].to_numpy(), near["a"], near["b"]]
    if sem is not None and len(sem["a"]):
        texts += [sem["a"], sem["b"]]
    texts = np.unique(np.concatenate(texts)).astype(np.int64)
    stand_of = det.stand_[det.cp_label_[texts]]
    with stage(det, "language id (clusters)"):
        got = text_languages(det, np.unique(stand_of))
    langs = {int(t): got.get(int(s)) for t, s in zip(texts.tolist(), stand_of.tolist())}
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
