"""The built-in scenarios: an organic background with named organic events, plus operations.

``boycott-paris-2024`` replicates VIGINUM's #BoycottParis2024 figures (July 2023) inside
eight days of organic discussion of Paris 2024 (one year to go on 26 July) and of the June
riots, with organic traps: a viral official post retweeted by thousands within minutes, a
viral photo and the riot footage reused organically, share-button headlines, hashtag bursts,
organic Azerbaijani accounts. ``copypasta-multilingual`` hides a text-only operation
(copy-paste with small edits, rewordings, translations into four languages) among organic
posts on the same topics (autumn 2023: bedbugs, the Seine, security).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from ..errors import ParameterError
from . import scenario_texts as T
from .background import Background, BackgroundSpec, CascadeParams, TopicEvent
from .columns import MEDIA_STRUCT, ms
from .operations import (Amplification, Cohort, Content, KeyMedia, Operation, ProfileTraits, SeedAccount, WatchLink,
                         _Builder, build_operation, finish, make_user, user_id, users_table)
from .population import Population, build_population, with_accounts
from .text import random_tokens

SCENARIOS = ("boycott-paris-2024", "copypasta-multilingual")
DEFAULT_SCALE = {"boycott-paris-2024": 30_000, "copypasta-multilingual": 20_000}


@dataclass
class Scenario:
    name: str
    window: tuple[int, int]
    pop: Population
    background: Background
    op_users: pa.Table
    fixed: pa.Table
    operations: list[dict]  # truth records from build_operation (rows included)
    watchlist: list[dict] = field(default_factory=list)
    organic_labels: dict[str, str] = field(default_factory=dict)  # scheduled label -> what it is
    media_content: dict[str, str] = field(default_factory=dict)  # media_key -> content id (fixed and scheduled)
    reused_keys: list[str] = field(default_factory=list)


def _special(k: int, handle: str, name: str, created: str, description: str, location: str, followers: int,
             lang: str, verified: bool = False) -> dict:
    c = ms(created)
    u = make_user(user_id(c, 0x800 + k), handle, name, c, description, location, followers, 400, 9000, lang)
    u["verified"] = verified
    return u


def _scheduled(rows: list[dict]) -> pa.Table:
    return pa.table({
        "ms": pa.array([r["ms"] for r in rows], pa.int64()), "author": pa.array([r["author"] for r in rows], pa.int64()),
        "lang": [r["lang"] for r in rows], "body": [r["body"] for r in rows],
        "tags": pa.array([r.get("tags", []) for r in rows], pa.list_(pa.string())),
        "url": pa.array([r.get("url") for r in rows], pa.string()),
        "media": pa.array([r.get("media", []) for r in rows], pa.list_(MEDIA_STRUCT)),
        "R": pa.array([r.get("R", 0) for r in rows], pa.int64()), "n_rep": pa.array([r.get("n_rep", 0) for r in rows], pa.int64()),
        "n_q": pa.array([r.get("n_q", 0) for r in rows], pa.int64()),
        "d_med": pa.array([float(r.get("d_med", 600)) for r in rows]), "d_sigma": pa.array([float(r.get("d_sigma", 1.2)) for r in rows]),
        "views": pa.array([r.get("views", 100) for r in rows], pa.int64()), "likes": pa.array([r.get("likes", 5) for r in rows], pa.int64()),
        "label": pa.array([r.get("label") for r in rows], pa.string()),
    })


def _reuploads(rng, pop: Population, builder: _Builder, n: int, t0: int, t1: int, langs: tuple[str, ...], texts: dict,
               content_id: str, mtype: str, duration: int | None, label: str, tags: list[str]) -> tuple[list[dict], list[dict]]:
    """Organic re-uploads of one picture/footage: new media keys, same content."""
    lang_names = np.array(pop.langs)[pop.lang_idx[: len(pop.flat_cum)]]
    rows, media = [], []
    cand = np.flatnonzero(np.isin(lang_names, langs))
    who = cand[rng.integers(0, len(cand), n)]
    times = np.sort(rng.integers(t0, t1, n))
    for i, (a, t) in enumerate(zip(who.tolist(), times.tolist())):
        lang = str(lang_names[a])
        key = f"{'7' if mtype == 'video' else '3'}_{builder.next_id(int(t))}"
        m = dict(media_key=key, type=mtype, url=f"https://pbs.twimg.com/media/{random_tokens(rng, 1, 15)[0]}.jpg",
                 duration_ms=duration, width=1280, height=720, view_count=int(rng.integers(500, 40_000)) if mtype == "video" else None,
                 content_id=content_id)
        media.append(m)
        opts = texts.get(lang, texts["en"])
        rows.append(dict(ms=int(t), author=int(pop.ids[a]), lang=lang if lang in texts else "en", body=opts[i % len(opts)],
                         tags=tags if i % 3 == 0 else [], media=[m], R=int(rng.integers(0, 30)), n_rep=int(rng.integers(0, 4)),
                         views=int(rng.integers(300, 30_000)), likes=int(rng.integers(3, 400)), label=f"{label}-{i}"))
    return rows, media


def build(name: str, seed: int = 0, scale: int | None = None, chunk: int = 100_000) -> Scenario:
    if name not in SCENARIOS:
        raise ParameterError(f"unknown scenario {name!r}: choose one of {', '.join(SCENARIOS)}")
    n_actions = int(scale if scale is not None else DEFAULT_SCALE[name])
    if n_actions < 1000:
        raise ParameterError("--scale must be at least 1000 organic actions")
    return (_boycott if name == "boycott-paris-2024" else _copypasta)(seed, n_actions, chunk)


def _population(seed: int, n_actions: int, end: str) -> Population:
    n_acc = int(np.clip(n_actions // 5, 12_000, 1_000_000))
    return build_population(n_acc, np.random.default_rng([seed, 1]), ms(end))


def _boycott(seed: int, n_actions: int, chunk: int) -> Scenario:
    start, end = "2023-07-22T00:00:00", "2023-07-30T00:00:00"
    pop = _population(seed, n_actions, end)
    rng = np.random.default_rng([seed, 2])
    builder = _Builder(0)
    specials = [
        _special(0, "Paris2024", "Paris 2024", "2017-09-13T10:00:00", "Compte officiel des Jeux Olympiques et Paralympiques de Paris 2024",
                 "Paris, France", 1_480_000, "fr", verified=True),
        _special(1, "sarah_benali_athle", "Sarah Benali 🏅", "2012-05-02T08:00:00", "Athlète de l'équipe de France. Objectif Paris 2024 !",
                 "Paris", 212_000, "fr", verified=True),
        _special(2, "InfosDirectFR", "Infos Direct", "2015-02-11T12:00:00", "L'info en direct, 24h/24", "France", 388_000, "fr"),
        _special(3, "paris_photos_75", "Paris en photos", "2011-10-20T12:00:00", "Photographe. Paris sous tous les angles 📷",
                 "Paris", 96_000, "fr"),
        _special(4, "resad_novruzlu", "Rəşad Novruzlu", "2014-04-08T09:00:00",
                 "Milli Məclisin deputatı, Yeni Azərbaycan Partiyası", "Bakı, Azərbaycan", 31_000, "az", verified=True),
    ]
    pop = with_accounts(pop, pa.Table.from_pylist(specials, schema=pop.users.schema))
    ids = {u["handle"]: u["id"] for u in specials}
    handle_of = {u["id"]: u["handle"] for u in specials}
    figure = ids["resad_novruzlu"]
    # the party figure's own posts (fixed rows: the seed reposts them)
    fig_rows = []
    for i, t in enumerate(["2023-07-23T08:12:00", "2023-07-25T07:40:00", "2023-07-26T06:05:00", "2023-07-27T09:30:00"]):
        fig_rows.append(builder.add(kind="post", author=figure, ms=ms(t), lang="az", body=T.FIGURE_TEXTS[i],
                                    views=int(rng.integers(4000, 30_000)), likes=int(rng.integers(50, 600)), source="Twitter for iPhone"))
    az_traits = dict(first_names=T.AZ_FIRST, last_names=T.AZ_LAST, flag="🇦🇿", locations=T.AZ_LOCATIONS, bios=T.AZ_BIOS, lang="fr")
    op = Operation(
        name="boycott-paris-2024",
        description="Replica of the #BoycottParis2024 operation documented by VIGINUM (July 2023): 91 accounts, "
                    "an actor close to Azerbaijan; a link to the state is not established.",
        start="2023-07-26T00:00:00", end="2023-07-28T00:00:00", utc_offset=4, active_hours=(8, 24),
        cohorts=(
            Cohort("created-july-2023", 40, "2023-07-01T00:00:00", "2023-07-24T00:00:00",
                   ProfileTraits(**az_traits, flag_p=0.75, location_p=0.7, bio_p=0.8, digits_handle_p=0.8,
                                 default_image_p=0.45, followers=(1.5, 1.0)),
                   only_op=True, originals=(3, 6)),
            Cohort("older", 49, "2015-01-01T00:00:00", "2023-05-31T00:00:00",
                   ProfileTraits(**az_traits, flag_p=0.5, location_p=0.5, bio_p=0.6, digits_handle_p=0.4,
                                 default_image_p=0.1, followers=(4.0, 1.2)),
                   only_op=False, other_posts=(2, 6), originals=(2, 4)),
        ),
        seeds=(
            SeedAccount("seed", "tural_qarayev", "Tural Qarayev 🇦🇿",
                        "Siyasi şərhçi. YAP Gənclər Birliyi. Fikirlər şəxsidir.", "Bakı", "2016-03-14T10:00:00", 4200,
                        affiliation="youth wing of the ruling New Azerbaijan Party; reposts and mentions deputy "
                                    "Rəşad Novruzlu (@resad_novruzlu)", key_posts=12),
            SeedAccount("outlet", "InfoFranceLive", "Info France Live", "L'actualité de la France en continu. Breaking news 🇫🇷",
                        "Paris, France", "2021-09-02T10:00:00", 12_800, affiliation="fake news outlet", key_posts=12),
        ),
        content=Content(
            hashtags=("boycottparis2024", "Paris2024", "JO2024"),
            templates=T.BOYCOTT_TEMPLATES, template_langs={"fr": 0.7, "en": 0.2, "az": 0.1},
            places=T.MISSPELT_PLACES,
            key_texts={"seed": T.SEED_TEXTS, "outlet": T.OUTLET_TEXTS},
            media=(KeyMedia("outlet", "video", "riot-footage-nanterre-2023-06", 39_000, 7_214_563),),
            other_texts={"az": T.OTHER_AZ},
        ),
        amplification=Amplification(synchrony=0.62, delay_median_s=25.0, delay_sigma=0.6),
        watch_links=(WatchLink("seed", "resad_novruzlu", reposts=2, mentions=2),),
        min_posts=1620,
    )
    built = build_operation(op, rng, builder, handle_of, watch={"resad_novruzlu": (figure, fig_rows[1:3])})
    # the figure reposts the seed's first key post: proximity runs both ways
    seed_first = min((r for r in built.rows if r["author"] == built.truth["seed_ids"]["seed"] and r["kind"] == "post"),
                     key=lambda r: r["ms"])
    fig_rows.append(builder.add(kind="repost", author=figure, ms=seed_first["ms"] + 540_000, lang=seed_first["lang"], body="",
                                parent=seed_first["id"], parent_author=seed_first["author"], ments=[seed_first["author"]],
                                source="Twitter for iPhone"))
    fixed = finish(built.rows + fig_rows, handle_of)

    # organic named events
    media: list[dict] = list(built.media)
    sched: list[dict] = []
    k_j365 = f"7_{builder.next_id(ms('2023-07-26T18:24:00'))}"
    media.append(dict(media_key=k_j365, type="video", url="https://pbs.twimg.com/amplify_video_thumb/j365/img/teaser.jpg",
                      duration_ms=45_000, width=1920, height=1080, view_count=2_431_000, content_id="paris2024-j365-teaser"))
    sched.append(dict(ms=ms("2023-07-26T18:24:00"), author=ids["Paris2024"], lang="fr",
                      body="Dans un an, jour pour jour, la Seine accueillera la cérémonie d'ouverture. Rendez-vous le 26 juillet 2024 !",
                      tags=["Paris2024", "J365"], media=[media[-1]], R=3000, n_rep=140, n_q=60, d_med=120, d_sigma=1.2,
                      views=2_431_000, likes=41_000, label="viral-j365"))
    sched.append(dict(ms=ms("2023-07-24T17:02:00"), author=ids["sarah_benali_athle"], lang="fr",
                      body="Plus qu'un an pour vivre mon rêve olympique à la maison 🇫🇷 Merci pour votre soutien !",
                      tags=["Paris2024"], R=1500, n_rep=90, n_q=20, d_med=200, d_sigma=1.1, views=610_000, likes=22_000,
                      label="viral-athlete"))
    k_riot = f"7_{builder.next_id(ms('2023-07-23T19:40:00'))}"
    media.append(dict(media_key=k_riot, type="video", url="https://pbs.twimg.com/ext_tw_video_thumb/riot/pu/img/nanterre.jpg",
                      duration_ms=39_000, width=1280, height=720, view_count=850_000, content_id="riot-footage-nanterre-2023-06"))
    sched.append(dict(ms=ms("2023-07-23T19:40:00"), author=ids["InfosDirectFR"], lang="fr",
                      body="Images des émeutes de fin juin à Nanterre : un mois après, la ville panse ses plaies.",
                      tags=["Nahel", "émeutes"], media=[media[-1]], R=700, n_rep=60, n_q=25, d_med=400, d_sigma=1.3,
                      views=850_000, likes=9_800, label="distractor-riot-footage"))
    k_photo = f"3_{builder.next_id(ms('2023-07-25T12:10:00'))}"
    media.append(dict(media_key=k_photo, type="photo", url="https://pbs.twimg.com/media/eiffel_rings.jpg", duration_ms=None,
                      width=2048, height=1365, view_count=None, content_id="photo-eiffel-rings"))
    sched.append(dict(ms=ms("2023-07-25T12:10:00"), author=ids["paris_photos_75"], lang="fr",
                      body="Les anneaux olympiques sur la tour Eiffel ce soir ✨", tags=["Paris2024"], media=[media[-1]], R=1200,
                      n_rep=50, n_q=30, d_med=300, d_sigma=1.2, views=540_000, likes=18_000, label="viral-photo"))
    r_rows, r_media = _reuploads(rng, pop, builder, 8, ms("2023-07-23T21:00:00"), ms("2023-07-25T20:00:00"), ("fr", "en", "ar"),
                                 {"fr": ["Ces images d'il y a un mois... 😢", "Nanterre, fin juin. Ne jamais oublier."],
                                  "en": ["France riots footage, one month on."], "ar": ["صور أعمال الشغب في فرنسا قبل شهر"]},
                                 "riot-footage-nanterre-2023-06", "video", 39_000, "distractor-riot-reupload", ["émeutes"])
    p_rows, p_media = _reuploads(rng, pop, builder, 24, ms("2023-07-25T13:00:00"), ms("2023-07-28T20:00:00"), ("fr", "en", "es"),
                                 {"fr": ["Magnifique 😍", "La tour Eiffel avec les anneaux, trop beau"], "en": ["Stunning view of Paris ✨"],
                                  "es": ["Qué bonita París ✨"]}, "photo-eiffel-rings", "photo", None, "reuse-photo", ["Paris2024"])
    sched += r_rows + p_rows
    media += r_media + p_media
    spec = BackgroundSpec(
        ms(start), ms(end), {"paris2024": 1.0, "riots": 0.55, "news": 1.0, "daily": 1.6},
        events=[TopicEvent("paris2024", ms("2023-07-26T17:00:00"), 4 * 3_600_000, 3.5, tag_p=0.65),
                TopicEvent("paris2024", ms("2023-07-26T08:00:00"), 2 * 3_600_000, 1.2, tag_p=0.5),
                TopicEvent("riots", ms("2023-07-23T20:00:00"), 3 * 3_600_000, 1.0, tag_p=0.45)],
        cascade=CascadeParams(),
    )
    bg = Background(pop, spec, n_actions, seed, scheduled=_scheduled(sched), fixed=fixed, chunk=chunk)
    watch = [{"account_id": str(figure), "handle": "resad_novruzlu", "name": "Rəşad Novruzlu",
              "list": "ruling-party", "note": "deputy of the ruling New Azerbaijan Party (fictional person)"}]
    return Scenario("boycott-paris-2024", (ms(start), ms(end)), pop, bg, users_table(built.users), fixed, [built.truth],
                    watchlist=watch, media_content={m["media_key"]: m["content_id"] for m in media},
                    reused_keys=[m["media_key"] for m in media if m["content_id"] == "riot-footage-nanterre-2023-06"])


def _copypasta(seed: int, n_actions: int, chunk: int) -> Scenario:
    start, end = "2023-10-02T00:00:00", "2023-10-06T00:00:00"
    pop = _population(seed, n_actions, end)
    rng = np.random.default_rng([seed, 2])
    builder = _Builder(0)
    traits = ProfileTraits(first_names=T.GENERIC_FIRST, last_names=T.GENERIC_LAST, digits_handle_p=0.5,
                           default_image_p=0.1, lang="fr", followers=(4.0, 1.0))
    op = Operation(
        name="copypasta-multilingual",
        description="Text-only operation: six false claims about Paris 2024, each copy-pasted with small edits, "
                    "reworded, and translated into English, Spanish, German and Italian.",
        start="2023-10-03T00:00:00", end="2023-10-05T00:00:00", utc_offset=3, active_hours=(9, 21),
        cohorts=(Cohort("spreaders", 28, "2019-01-01T00:00:00", "2023-06-30T00:00:00", traits, only_op=True, originals=(0, 0)),),
        seeds=(SeedAccount("seed", "verite_jo2024", "Vérité JO 2024", "Ce qu'on ne vous dit pas sur les Jeux", "France",
                           "2022-11-02T10:00:00", 2300, key_posts=0),
               SeedAccount("seed2", "paris_leaks", "Paris Leaks", "Infos non censurées", "", "2023-01-15T10:00:00", 900, key_posts=0)),
        content=Content(messages=T.MESSAGES, variants={"copypasta": 8, "rewording": 4, "translation": 8}),
    )
    handle_of: dict[int, str] = {}
    built = build_operation(op, rng, builder, handle_of)
    fixed = finish(built.rows, handle_of)
    spec = BackgroundSpec(ms(start), ms(end), {"bedbugs": 1.0, "seine": 0.8, "security": 0.6, "news": 0.8, "daily": 1.4},
                          events=[TopicEvent("bedbugs", ms("2023-10-03T12:00:00"), 8 * 3_600_000, 1.5, tag_p=0.5)],
                          headline_p=0.0)
    bg = Background(pop, spec, n_actions, seed, fixed=fixed, chunk=chunk)
    return Scenario("copypasta-multilingual", (ms(start), ms(end)), pop, bg, users_table(built.users), fixed, [built.truth])
