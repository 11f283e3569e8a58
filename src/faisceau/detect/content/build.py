"""Turn the detector's groups and links into the result tables.

The clusters are aggregated where the posts are (``sql.layer_sql``,
``sql.LAYER_CLUSTERS_SQL``): the driver sends the copy group of each linked text
(``content_assign``, registered by the detector) and the language of each copy group that
needs one (``content_cp_lang``), and gets back one row per cluster and the member rows.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import sql
from .tables import CONTENT_CLUSTERS, CONTENT_ELIGIBILITY, CONTENT_MEMBERS, CONTENT_PAIRS
from .timing import stage

SAMPLE_CHARS = 280


def by_text(det, text_ids, query: str) -> pa.Table:
    """``query`` over ``content_keys(i, text_id)`` holding ``text_ids`` (rows in ``i`` order)."""
    eng = det._engine
    ids = np.asarray(text_ids, np.int64)
    eng.register("content_keys", pa.table({"i": pa.array(np.arange(len(ids)), pa.int64()),
                                           "text_id": pa.array(ids, pa.int64())}))
    try:
        return eng.sql(query)
    finally:
        eng.drop("content_keys")


def text_languages(det, text_ids: np.ndarray) -> dict[int, str | None]:
    """Language per distinct text: detected on the representative post (lid.176 lite),
    the platform's declared language when the text is too short to tell. Texts whose
    detection is confident (probability >= ``det.lang_confidence``) and, with
    ``det.declared_lang_check``, not contradicted by the declared language are also recorded
    in ``det.lang_sure_``: only those can make a pair cross-language."""
    from .langid import detect_scored

    known: dict[int, str | None] = dict(getattr(det, "text_lang_", {}) or {})
    sure: set[int] = set(getattr(det, "lang_sure_", set()) or set())
    todo = [int(t) for t in text_ids if int(t) not in known]
    if todo:
        from .normalize import nfkc

        reps = by_text(det, todo, sql.TEXT_REPS_SQL)
        texts = nfkc(reps.column("text").to_pylist()).to_pylist()
        declared = reps.column("lang").to_pylist()
        for t, (got, score), dec in zip(todo, detect_scored(_lang_text(texts)), declared):
            known[t] = got if got and score >= 0.4 else (dec.lower() if dec else None)
            if got and score >= det.lang_confidence and (not det.declared_lang_check or _agrees(got, dec)):
                sure.add(t)
    det.text_lang_ = known
    det.lang_sure_ = sure
    return known


# Platform codes that name no language (Twitter: undetermined, media only, hashtags only...).
_NO_LANG = {"und", "zxx", "mul", "mis"}
# Legacy ISO 639-1 codes some platforms still declare, as lid.176 names them.
_LEGACY = {"in": "id", "iw": "he", "ji": "yi", "jw": "jv"}


def _agrees(detected: str, declared: str | None) -> bool:
    """True unless the post declares a language and it is not ``detected`` (base codes
    compared: "en-gb" is "en"; undetermined codes such as "und", "zxx" and Twitter's "qme"
    declare nothing)."""
    if not declared:
        return True
    base = declared.strip().lower().replace("_", "-").split("-")[0]
    if not base or base in _NO_LANG or (len(base) == 3 and base.startswith("q")):
        return True
    return _LEGACY.get(base, base) == detected.split("-")[0].lower()


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


def group_of(det, text_ids) -> np.ndarray:
    """The copy-group key of each text: its Leiden group when linked, else its own id."""
    t = np.asarray(text_ids, np.int64)
    linked = det.linked_
    if len(linked) == 0:
        return t.copy()
    pos = np.clip(np.searchsorted(linked, t), 0, len(linked) - 1)
    return np.where(linked[pos] == t, det.group_of_linked_[pos], t)


def _group_languages(det, engine) -> dict[int, str | None]:
    """Language of each copy group the tables need (clusters, ends of links), identified
    once on its stand-in text (near copies of one text share its language); registered
    as ``content_cp_lang`` for the cluster rows."""
    stand = engine.sql(sql.stand_ins_sql(det.min_tokens_semantic, clustered_only=True))
    groups = stand.column("cp").to_numpy().astype(np.int64)
    ids = stand.column("text_id").to_numpy().astype(np.int64)
    sem = det.semantic_links_
    if sem is not None and len(sem["a"]):
        ends = np.unique(np.concatenate([sem["a"], sem["b"]]))
        groups = np.concatenate([groups, group_of(det, ends)])
        ids = np.concatenate([ids, det.stand_[det.cp_label_[ends]]])
        groups, first = np.unique(groups, return_index=True)
        ids = ids[first]
    with stage(det, "language id (clusters)"):
        got = text_languages(det, np.unique(ids))
    langs = [got.get(int(t)) for t in ids.tolist()]
    engine.register("content_cp_lang", pa.table({"cp": pa.array(groups, pa.int64()),
                                                 "lang": pa.array(langs, pa.string())}))
    return dict(zip(groups.tolist(), langs))


def layer(engine, source: str, min_groups: int, extra: dict) -> tuple[list[dict], pa.Table]:
    """Cluster rows (``sql.LAYER_CLUSTERS_SQL`` with ``extra``, in cluster order) and member
    rows (with their group key ``k``) of the groups ``source`` gives (``sql.layer_sql``)."""
    engine.materialize("content_layer", sql.layer_sql(source, min_groups))
    try:
        cl = engine.sql(sql.layer_clusters_sql(extra)).to_pylist()
        mem = engine.sql(sql.LAYER_MEMBERS_SQL)
    finally:
        engine.drop("content_layer")
    return cl, mem


def member_table(mem: pa.Table, cl: list[dict], rows: list[dict]) -> pa.Table:
    """``content_members`` rows: each member with the id and type of its group's cluster."""
    at = pc.index_in(mem.column("k"), value_set=pa.array([r["k"] for r in cl], pa.int64()))
    return pa.table({
        "cluster_id": pa.array([r["cluster_id"] for r in rows], pa.string()).take(at),
        "type": pa.array([r["type"] for r in rows], pa.string()).take(at),
        **{c: mem.column(c) for c in ("platform", "post_id", "account_id", "created_at", "text_id")},
    })


def common_row(r: dict, cluster_id: str, ctype: str, method: str, min_similarity: float) -> dict:
    """The ``content_clusters`` columns every kind of cluster fills the same way."""
    fa, la = r["first_at"], r["last_at"]
    return {
        "cluster_id": cluster_id, "type": ctype,
        "n_posts": r["n_posts"], "n_accounts": r["n_accounts"], "n_texts": r["n_texts"],
        "members": r["members"], "accounts": r["accounts"], "platforms": r["platforms"],
        "first_post_id": r["first_post_id"], "first_account_id": r["first_account_id"],
        "first_at": fa, "last_at": la, "span_s": None if fa is None else (la - fa).total_seconds(),
        "method": method, "min_similarity": min_similarity,
    }


def _text_layer(det, engine, source: str, min_groups: int, ctype: str, prefix: str, extra: dict):
    """Cluster rows, member rows and {group key: cluster id} of a text layer."""
    cl, mem = layer(engine, source, min_groups, sql.text_extra(det.min_tokens_near, det.min_chars_near))
    rows = []
    for n, r in enumerate(cl, start=1):
        info = extra.get(r["k"], {})
        rows.append({
            **common_row(r, f"{prefix}-{n:06d}", info.get("type", ctype), info.get("method", "exact"),
                         info.get("min_similarity", 1.0)),
            "languages": r["languages"] or [], "short": bool(r["short"]),
            "sample_text": (r["sample_text"] or "")[:SAMPLE_CHARS],
        })
    return rows, member_table(mem, cl, rows), {r["k"]: row["cluster_id"] for r, row in zip(cl, rows)}


def _link_stats(ga: np.ndarray, gb: np.ndarray, sim) -> dict:
    """Per group key: weakest link inside the group."""
    out: dict = {}
    inside = ga == gb
    for lab, s in zip(ga[inside].tolist(), np.asarray(sim)[inside].tolist()):
        cur = out.setdefault(int(lab), {"min_similarity": 1.0})
        cur["min_similarity"] = min(cur["min_similarity"], float(s))
    return out


def build_tables(det, engine) -> dict[str, pa.Table]:
    near = det.near_links_
    near_ga, near_gb = group_of(det, near["a"]), group_of(det, near["b"])
    cp_extra = _link_stats(near_ga, near_gb, near["sim"])
    for v in cp_extra.values():
        v["method"] = "minhash"
    langs = _group_languages(det, engine)
    rows, cp_members, cp_cid = _text_layer(det, engine, sql.CP_SOURCE, 1, "copypasta", "cp", cp_extra)
    members = [cp_members]
    sem = det.semantic_links_
    if det.sem_label_ is not None:
        text_sem = det.sem_label_[det.cp_label_]
        sem_ga, sem_gb = text_sem[sem["a"]], text_sem[sem["b"]]
        sem_extra = _link_stats(sem_ga, sem_gb, sem["sim"])
        la = np.array([langs.get(int(g)) for g in group_of(det, sem["a"])], object)
        lb = np.array([langs.get(int(g)) for g in group_of(det, sem["b"])], object)
        sure = det.lang_sure_
        cross = ((la != lb) & pd.notna(la) & pd.notna(lb)
                 & np.array([int(x) in sure and int(y) in sure for x, y in zip(sem["a"], sem["b"])], bool))
        inside = sem_ga == sem_gb
        trans_labels = set(sem_ga[inside & cross].tolist())
        for lab in set(sem_ga[inside].tolist()):
            info = sem_extra.setdefault(int(lab), {"min_similarity": 1.0})
            info["method"] = "semantic"
            info["type"] = "translation" if lab in trans_labels else "rewording"
        chosen = np.flatnonzero(np.isin(text_sem, np.fromiter(sem_extra, np.int64, len(sem_extra))))
        engine.register("content_sem_assign", pa.table({"text_id": pa.array(chosen, pa.int64()),
                                                        "k": pa.array(text_sem[chosen], pa.int64())}))
        r2, m2, sem_cid = _text_layer(det, engine, sql.SEM_SOURCE, 2, "rewording", "sm", sem_extra)
        rename = {r["cluster_id"]: ("tr" if r["type"] == "translation" else "rw") + r["cluster_id"][2:] for r in r2}
        for r in r2:
            r["cluster_id"] = rename[r["cluster_id"]]
        sem_cid = {k: rename[c] for k, c in sem_cid.items()}
        m2 = m2.set_column(0, "cluster_id", pa.array([rename[c] for c in m2.column("cluster_id").to_pylist()],
                                                     pa.string()))
        rows += r2
        members.append(m2)
    if det.media_ is not None:
        rows += det.media_[0]
        members += det.media_[1]
    clusters = CONTENT_CLUSTERS.from_rows(rows)
    mem = pa.concat_tables([CONTENT_MEMBERS.conform(m) for m in members])
    layers = [("minhash", near, near_ga, near_gb, cp_cid)]
    if det.sem_label_ is not None:
        layers.append(("semantic", sem, sem_ga, sem_gb, sem_cid))
    pairs = _pairs(det, layers, langs)
    return {
        "content_clusters": clusters,
        "content_members": mem,
        "content_pairs": pairs,
        "content_eligibility": CONTENT_ELIGIBILITY.from_rows(det.eligibility_),
    }


def _pairs(det, layers, langs) -> pa.Table:
    """One row per kept link: its texts' representative posts and languages, and the
    cluster it ended in (when both ends are in the same one)."""
    frames = []
    for method, links, ga, gb, cid in layers:
        a, b = links["a"], links["b"]
        if len(a) == 0:
            continue
        ends, inv = np.unique(np.concatenate([a, b]), return_inverse=True)
        rep = by_text(det, ends, sql.REP_IDS_SQL).column("rep_post_id").take(pa.array(inv))
        where_a = [cid.get(int(x)) for x in ga]
        where_b = [cid.get(int(x)) for x in gb]
        lang_a = [langs.get(int(x)) for x in group_of(det, a)]
        lang_b = [langs.get(int(x)) for x in group_of(det, b)]
        frames.append(pa.table({
            "post_a": rep.slice(0, len(a)),
            "post_b": rep.slice(len(a)),
            "text_a": pa.array(a, pa.int64()),
            "text_b": pa.array(b, pa.int64()),
            "method": pa.array([method] * len(a)),
            "similarity": pa.array(np.asarray(links["sim"], np.float64)),
            "lang_a": pa.array(lang_a, pa.string()),
            "lang_b": pa.array(lang_b, pa.string()),
            "shared": pa.array(links.get("shared", [[] for _ in a]), pa.list_(pa.string())),
            "cluster_id": pa.array([x if x == y else None for x, y in zip(where_a, where_b)], pa.string()),
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
