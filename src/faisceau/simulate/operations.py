"""Injected operations, described by parameters (dataclasses) and built into fixed rows.

An operation is a set of accounts (cohorts with a creation window and profile traits, plus
named seed accounts with an affiliation), a content plan (templates with small edits and
misspelt place names, or typed text variants: copy-paste, rewording, translation), an
amplification plan (who reshares the seed posts, after what delay) and a posting schedule
(time window and the operators' time zone). ``build_operation`` turns it into POST_SCHEMA /
USER_SCHEMA rows (media as structs inside the posts) with their ids fixed, and the truth record of every account
and post. The generator knows nothing of the detectors.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .columns import (FIXED_SEQ_BASE, MEDIA_STRUCT, USER_SCHEMA, assemble, ms, parent_struct, posts_table, snowflake,
                      TWITTER_EPOCH_MS)
from .population import _ascii
from .text import random_tokens


@dataclass(frozen=True)
class ProfileTraits:
    """What the operators put in profiles; each trait applies to a share of the accounts."""

    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    flag: str = ""
    flag_p: float = 0.0
    locations: tuple[str, ...] = ()
    location_p: float = 0.0
    bios: tuple[str, ...] = ()
    bio_p: float = 0.0
    digits_handle_p: float = 0.5  # name + 8 digits, the platform's suggested-handle pattern
    default_image_p: float = 0.0
    lang: str = "en"
    followers: tuple[float, float] = (3.0, 1.0)  # log-normal (mu, sigma)


@dataclass(frozen=True)
class Cohort:
    """Accounts created in one window. ``only_op`` accounts post nothing but the operation;
    the others also post ``other_posts`` unrelated posts before the operation starts."""

    name: str
    count: int
    created_start: str
    created_end: str
    traits: ProfileTraits
    only_op: bool = True
    other_posts: tuple[int, int] = (0, 0)
    originals: tuple[int, int] = (2, 5)  # templated original posts per account


@dataclass(frozen=True)
class SeedAccount:
    """A named originator: its key posts are what the amplifiers reshare."""

    role: str  # seed | outlet
    handle: str
    name: str
    description: str
    location: str
    created: str
    followers: int
    affiliation: str = ""
    key_posts: int = 10
    lang: str = "fr"


@dataclass(frozen=True)
class Amplification:
    """Reshares of each key post: a share of the amplifiers (``synchrony``), after a log-normal
    delay (median seconds, sigma) — tight medians make synchronised waves."""

    synchrony: float = 0.6
    delay_median_s: float = 25.0
    delay_sigma: float = 0.6
    quote_p: float = 0.05


@dataclass(frozen=True)
class KeyMedia:
    """Media attached to one seed post (the riot video), possibly reused footage."""

    owner_role: str
    type: str
    content_id: str
    duration_ms: int | None
    views: int  # view_count of the media and impression_count of its post


@dataclass(frozen=True)
class Message:
    """A text of a text-only operation, with its hand-written variants."""

    source: str
    lang: str
    rewordings: tuple[str, ...]
    translations: dict[str, str]


@dataclass(frozen=True)
class Content:
    hashtags: tuple[str, ...] = ()
    templates: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lang -> templates with {p1} {p2}
    template_langs: dict[str, float] = field(default_factory=dict)
    places: tuple[tuple[str, str], ...] = ()  # (misspelt, correct)
    key_texts: dict[str, tuple[str, ...]] = field(default_factory=dict)  # role -> texts of key posts
    media: tuple[KeyMedia, ...] = ()
    messages: tuple[Message, ...] = ()
    variants: dict[str, int] = field(default_factory=dict)  # copypasta/rewording/translation -> posts per message
    other_texts: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lang -> unrelated posts of older accounts


@dataclass(frozen=True)
class WatchLink:
    """A seed's ties to a watchlisted account: it reposts ``reposts`` of its posts and mentions
    it in its first ``mentions`` key posts."""

    seed_role: str
    handle: str
    reposts: int = 2
    mentions: int = 2


@dataclass(frozen=True)
class Operation:
    name: str
    description: str
    start: str
    end: str
    utc_offset: float  # the operators' time zone (they post in their daytime)
    active_hours: tuple[int, int]  # local hours
    cohorts: tuple[Cohort, ...]
    seeds: tuple[SeedAccount, ...]
    content: Content
    amplification: Amplification | None = None
    watch_links: tuple[WatchLink, ...] = ()
    min_posts: int = 0  # top up with templated originals until the operation has this many posts


def _edit(rng: np.random.Generator, text: str) -> str:
    """A small edit: punctuation, an emoji, doubled '!' or a changed case."""
    k = int(rng.integers(0, 5))
    if k == 0:
        return text
    if k == 1:
        return text.rstrip(".!") + " !!"
    if k == 2:
        return text + " " + ["🇫🇷", "⚠️", "👇", "‼️", "😡"][int(rng.integers(0, 5))]
    if k == 3:
        return text.replace(" ! ", " !! ", 1).replace(". ", " ... ", 1)
    return text[0].lower() + text[1:] if text[0].isupper() else text.upper()[:1] + text[1:]


class _Builder:
    """Accumulates operation rows; ids are snowflakes in the fixed sequence range."""

    def __init__(self, seq0: int):
        self.rows: list[dict] = []
        self.seq = seq0

    def next_id(self, t: int) -> int:
        self.seq += 1
        return int(snowflake(np.array([t]), np.array([FIXED_SEQ_BASE + self.seq]))[0])

    def add(self, **row) -> dict:
        row.setdefault("tags", [])
        row.setdefault("ments", [])
        row.setdefault("media", [])
        row["id"] = self.next_id(row["ms"])
        self.rows.append(row)
        return row


def _daytime(rng, n, start_ms, end_ms, offset, hours) -> np.ndarray:
    """n times in [start, end) within the operators' local active hours."""
    out = np.empty(0, dtype=np.int64)
    while len(out) < n:
        t = rng.integers(start_ms, end_ms, 4 * n + 16)
        local_h = ((t / 3_600_000 + offset) % 24)
        out = np.concatenate([out, t[(local_h >= hours[0]) & (local_h < hours[1])]])
    return np.sort(out[:n])


def make_user(uid: int, handle: str, name: str, created: int, description: str, location: str, followers: int,
              following: int, tweets: int, lang: str, default_image: bool = False) -> dict:
    image = ("https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png" if default_image
             else f"https://pbs.twimg.com/profile_images/{uid}/p_normal.jpg")
    return dict(id=uid, handle=handle, name=name, created_ms=created, description=description, location=location,
                followers=followers, following=following, tweets=tweets, listed=0, verified=False, image_url=image,
                default_image=default_image, lang=lang)


def user_id(created: int, k: int) -> int:
    return ((created - TWITTER_EPOCH_MS) << 22) | (0x3FF000 + k)


def finish(rows: list[dict], handle_of: dict[int, str]) -> pa.Table:
    """POST_SCHEMA rows from row dicts (body, tags, mention ids, url...), entities computed."""
    if not rows:
        return posts_table({"id": pa.array([], pa.int64())})
    rows = sorted(rows, key=lambda r: (r["ms"], r["id"]))
    n = len(rows)
    kind = [r["kind"] for r in rows]
    body = pa.array([r["body"] for r in rows], pa.string())
    by_id = {r["id"]: i for i, r in enumerate(rows)}
    for r in rows:  # a repost carries its parent's hashtags (the entities of 'RT @x: <text>')
        if r["kind"] == "repost":
            r["tags"] = list(rows[by_id[r["parent"]]]["tags"])
    tags = pa.array([r["tags"] for r in rows], pa.list_(pa.string()))
    mh = pa.array([[handle_of[m] for m in r["ments"]] for r in rows], pa.list_(pa.string()))
    tco = pa.array([r.get("tco") for r in rows], pa.string())
    text, ment_starts, tag_starts, url_start = assemble(body, tags, tco, mh)
    # reposts: 'RT @author: ' + the parent's full text, entities shifted
    text = text.to_pylist()
    ts = tag_starts.to_pylist()
    us = url_start.to_pylist()
    msl = ment_starts.to_pylist()
    for i, r in enumerate(rows):
        if r["kind"] == "repost":
            j = by_id[r["parent"]]
            h = handle_of[r["parent_author"]]
            pre = f"RT @{h}: "
            text[i] = pre + text[j]
            ts[i] = [x + len(pre) for x in ts[j]]
            us[i] = None if us[j] is None else us[j] + len(pre)
            msl[i] = [3]
    tbl = posts_table({
        "id": [r["id"] for r in rows], "author": [r["author"] for r in rows], "ms": [r["ms"] for r in rows],
        "kind": kind, "text": text, "lang": [r["lang"] for r in rows], "parent": [r.get("parent") for r in rows],
        "parent_author": [r.get("parent_author") for r in rows], "conv": [r.get("parent") or r["id"] for r in rows],
        "tags": tags, "tag_starts": pa.array(ts, pa.list_(pa.int32())), "ments": pa.array([r["ments"] for r in rows], pa.list_(pa.int64())),
        "ment_starts": pa.array(msl, pa.list_(pa.int32())), "ment_handles": pa.array([[handle_of[m] for m in r["ments"]] for r in rows], pa.list_(pa.string())), "url": [r.get("url") for r in rows], "tco": tco,
        "url_start": pa.array(us, pa.int32()), "media": pa.array([r["media"] for r in rows], pa.list_(MEDIA_STRUCT)),
        "views": [r.get("views", 0) for r in rows], "likes": [r.get("likes", 0) for r in rows],
        "rts": [r.get("rts", 0) for r in rows], "replies": [r.get("replies", 0) for r in rows],
        "quotes": [r.get("quotes", 0) for r in rows], "source": [r.get("source", "Twitter for Android") for r in rows],
    })
    # each child carries a copy of its parent (the writers' includes.tweets)
    parent_idx = pa.array([by_id.get(r.get("parent")) if r.get("parent") is not None else None for r in rows], pa.int64())
    pr = parent_struct(tbl.take(parent_idx))
    pr = pa.StructArray.from_arrays([pr.field(i) for i in range(pr.type.num_fields)], fields=list(pr.type),
                                    mask=pc.is_null(parent_idx))
    return tbl.set_column(tbl.schema.get_field_index("pr"), "pr", pr)


@dataclass
class BuiltOperation:
    users: list[dict]
    rows: list[dict]  # post dicts (finished together with the other fixed rows)
    media: list[dict]
    truth: dict


def build_operation(op: Operation, rng: np.random.Generator, builder: _Builder, handle_of: dict[int, str],
                    watch: dict[str, tuple[int, list[dict]]] | None = None) -> BuiltOperation:
    """Accounts, posts and media of ``op``. ``watch`` maps a watchlisted handle to its account
    id and its posts (row dicts), which the seeds repost and mention."""
    watch = watch or {}
    start, end = ms(op.start), ms(op.end)
    users: list[dict] = []
    roles: dict[int, str] = {}
    cohort_of: dict[int, str] = {}
    k = 0
    seed_ids: dict[str, int] = {}
    for s in op.seeds:
        c = ms(s.created)
        uid = user_id(c, k)
        k += 1
        users.append(make_user(uid, s.handle, s.name, c, s.description, s.location, s.followers,
                               int(rng.integers(80, 900)), int(rng.integers(300, 5000)), s.lang))
        roles[uid] = s.role
        seed_ids[s.role] = uid
        cohort_of[uid] = s.role
    amplifiers: list[int] = []
    only_op: set[int] = set()
    for co in op.cohorts:
        tr = co.traits
        c0, c1 = ms(co.created_start), ms(co.created_end)
        created = np.sort(rng.integers(c0, c1, co.count))
        for c in created.tolist():
            uid = user_id(int(c), k)
            k += 1
            first = tr.first_names[int(rng.integers(0, len(tr.first_names)))]
            last = tr.last_names[int(rng.integers(0, len(tr.last_names)))]
            name = f"{first} {last}"
            if rng.random() < tr.flag_p:
                name = f"{name} {tr.flag}"
            ascii_first = _ascii(first) or "user"
            if rng.random() < tr.digits_handle_p:
                handle = f"{ascii_first.capitalize()}{int(rng.integers(10_000_000, 99_999_999))}"
            else:
                handle = f"{ascii_first}_{_ascii(last)}{int(rng.integers(1, 99))}"
            loc = tr.locations[int(rng.integers(0, len(tr.locations)))] if tr.locations and rng.random() < tr.location_p else ""
            bio = tr.bios[int(rng.integers(0, len(tr.bios)))] if tr.bios and rng.random() < tr.bio_p else ""
            fol = int(np.exp(rng.normal(*tr.followers)))
            users.append(make_user(uid, handle, name, int(c), bio, loc, fol, int(rng.integers(20, 400)),
                                   int(rng.integers(5, 300)), tr.lang, bool(rng.random() < tr.default_image_p)))
            roles[uid] = "amplifier"
            cohort_of[uid] = co.name
            amplifiers.append(uid)
            if co.only_op:
                only_op.add(uid)
    for u in users:
        handle_of[u["id"]] = u["handle"]

    op_posts: list[dict] = []
    other_posts: list[dict] = []
    media: list[dict] = []
    cont = op.content
    # unrelated history of the older amplifiers, before the operation
    for co in op.cohorts:
        if co.only_op or co.other_posts[1] == 0:
            continue
        mine = [u for u in amplifiers if cohort_of[u] == co.name]
        for uid in mine:
            n = int(rng.integers(co.other_posts[0], co.other_posts[1] + 1))
            for t in _daytime(rng, n, start - 4 * 86_400_000, start - 3_600_000, op.utc_offset, op.active_hours).tolist():
                lang = next(iter(cont.other_texts))
                opts = cont.other_texts[lang]
                other_posts.append(builder.add(kind="post", author=uid, ms=int(t), lang=lang,
                                               body=opts[int(rng.integers(0, len(opts)))], views=int(rng.integers(5, 200)),
                                               source="Twitter for Android"))
    # seeds' links to watchlisted accounts: reposts (and mentions in key posts)
    mention_of: dict[str, tuple[int, int]] = {}
    for wl in op.watch_links:
        seed = seed_ids[wl.seed_role]
        wid, wposts = watch[wl.handle]
        mention_of[wl.seed_role] = (wid, wl.mentions)
        for wp in wposts[: wl.reposts]:
            t = wp["ms"] + int(rng.integers(60_000, 3_600_000))
            row = builder.add(kind="repost", author=seed, ms=t, lang=wp["lang"], body="", parent=wp["id"],
                              parent_author=wp["author"], ments=[wp["author"]], source="Twitter for Android")
            (op_posts if start <= t < end else other_posts).append(row)

    # key posts of the seeds, spread over the operators' daytime
    key_rows: list[dict] = []
    for s in op.seeds:
        uid = seed_ids[s.role]
        texts = cont.key_texts.get(s.role, ())
        times = _daytime(rng, s.key_posts, start, end - 3 * 3_600_000, op.utc_offset, op.active_hours)
        for i, t in enumerate(times.tolist()):
            txt = texts[i % len(texts)]
            row = dict(kind="post", author=uid, ms=int(t), lang=s.lang, body=txt, tags=list(cont.hashtags[:1 + (i % 2)]),
                       views=int(rng.integers(800, 20_000)), likes=int(rng.integers(20, 300)), source="Twitter Web App")
            if s.role in mention_of and i < mention_of[s.role][1]:
                row["ments"] = [mention_of[s.role][0]]
            for km in cont.media:
                if km.owner_role == s.role and i == 0:
                    row["views"] = km.views
                    row["likes"] = int(km.views * 0.004)
                    key = f"{'7' if km.type == 'video' else '3'}_{builder.next_id(int(t))}"
                    m = dict(media_key=key, type=km.type, url=f"https://pbs.twimg.com/ext_tw_video_thumb/{key[2:]}/pu/img/{random_tokens(rng, 1, 12)[0]}.jpg",
                             duration_ms=km.duration_ms, width=1280, height=720, view_count=km.views, content_id=km.content_id)
                    row["media"] = [m]
                    media.append(m)
            key_rows.append(builder.add(**row))
    op_posts += key_rows

    # templated originals (copy-paste with small edits, misspelt place names)
    if cont.templates:
        langs = list(cont.template_langs)
        p = np.array([cont.template_langs[x] for x in langs])
        for co in op.cohorts:
            for uid in [u for u in amplifiers if cohort_of[u] == co.name]:
                n = int(rng.integers(co.originals[0], co.originals[1] + 1))
                for t in _daytime(rng, n, start, end, op.utc_offset, op.active_hours).tolist():
                    lang = langs[int(rng.choice(len(langs), p=p / p.sum()))]
                    tpl = cont.templates[lang][int(rng.integers(0, len(cont.templates[lang])))]
                    pl = rng.choice(len(cont.places), 2, replace=False)
                    body = _edit(rng, tpl.format(p1=cont.places[pl[0]][0], p2=cont.places[pl[1]][0]))
                    op_posts.append(builder.add(kind="post", author=uid, ms=int(t), lang=lang, body=body,
                                                tags=list(cont.hashtags[: 1 + int(rng.integers(0, 2))]),
                                                views=int(rng.integers(3, 120)), likes=int(rng.integers(0, 6)),
                                                source="Twitter for Android"))
    # synchronised resharing of every key post
    amp = op.amplification
    if amp is not None:
        pool = np.array(amplifiers)
        for kr in key_rows:
            who = pool[rng.random(len(pool)) < amp.synchrony]
            delays = np.exp(np.log(amp.delay_median_s) + amp.delay_sigma * rng.standard_normal(len(who))) * 1000
            for uid, d in zip(who.tolist(), delays.astype(np.int64).tolist()):
                t = kr["ms"] + 2000 + d
                if t >= end:
                    continue
                op_posts.append(builder.add(kind="repost", author=uid, ms=int(t), lang=kr["lang"], body="", parent=kr["id"],
                                            parent_author=kr["author"], ments=[kr["author"]], source="Twitter for Android",
                                            tags=list(kr["tags"]), rts=len(who)))
            kr["rts"] = int(len(who))
    # the published figure is a floor (">1,600 posts"): top up with templated originals
    if cont.templates and len(op_posts) < op.min_posts:
        langs = list(cont.template_langs)
        p = np.array([cont.template_langs[x] for x in langs])
        extra = op.min_posts - len(op_posts)
        times = _daytime(rng, extra, start, end, op.utc_offset, op.active_hours).tolist()
        for t in times:
            uid = amplifiers[int(rng.integers(0, len(amplifiers)))]
            lang = langs[int(rng.choice(len(langs), p=p / p.sum()))]
            tpl = cont.templates[lang][int(rng.integers(0, len(cont.templates[lang])))]
            pl = rng.choice(len(cont.places), 2, replace=False)
            op_posts.append(builder.add(kind="post", author=uid, ms=int(t), lang=lang,
                                        body=_edit(rng, tpl.format(p1=cont.places[pl[0]][0], p2=cont.places[pl[1]][0])),
                                        tags=list(cont.hashtags[:1]), views=int(rng.integers(3, 120)),
                                        likes=int(rng.integers(0, 6)), source="Twitter for Android"))
    # typed variants of text-only messages (copypasta / rewording / translation)
    variants: list[dict] = []
    for mi, msg in enumerate(cont.messages):
        seed = seed_ids[op.seeds[mi % len(op.seeds)].role]
        t0 = int(_daytime(rng, 1, start, start + (end - start) // 2, op.utc_offset, op.active_hours)[0])
        src = builder.add(kind="post", author=seed, ms=t0, lang=msg.lang, body=msg.source, views=int(rng.integers(200, 3000)),
                          source="Twitter Web App")
        op_posts.append(src)
        variants.append({"post_id": src["id"], "type": "source", "source_post_id": src["id"], "message": mi, "lang": msg.lang})
        for vtype, count in cont.variants.items():
            for j in range(count):
                uid = amplifiers[int(rng.integers(0, len(amplifiers)))]
                t = int(_daytime(rng, 1, t0 + 60_000, end, op.utc_offset, op.active_hours)[0])
                if vtype == "copypasta":
                    body, lang = (msg.source if j % 3 == 0 else _edit(rng, msg.source)), msg.lang
                elif vtype == "rewording":
                    body, lang = msg.rewordings[j % len(msg.rewordings)], msg.lang
                else:
                    lang = sorted(msg.translations)[j % len(msg.translations)]
                    body = msg.translations[lang]
                row = builder.add(kind="post", author=uid, ms=t, lang=lang, body=body, views=int(rng.integers(3, 150)),
                                  source="Twitter for Android")
                op_posts.append(row)
                variants.append({"post_id": row["id"], "type": vtype, "source_post_id": src["id"], "message": mi, "lang": lang})
    truth = {
        "name": op.name, "description": op.description,
        "accounts": [{"account_id": str(u["id"]), "handle": u["handle"], "role": roles[u["id"]], "cohort": cohort_of[u["id"]],
                      "created_at": u["created_ms"], "only_op_content": u["id"] in only_op} for u in users],
        "op_rows": op_posts, "other_rows": other_posts, "variants": variants,
        "seed_ids": seed_ids,
    }
    return BuiltOperation(users, op_posts + other_posts, media, truth)


def users_table(users: list[dict]) -> pa.Table:
    return pa.Table.from_pylist(users, schema=USER_SCHEMA)


