from __future__ import annotations

import datetime as dt
import random

import numpy as np

from faisceau.detect.bursts import BURSTS, BurstDetector, kleinberg_two_state
from faisceau.engine import get_engine

from .helpers import background_posts, load, post


def _campaign(start_pid=10_000, n=600, seed=2):
    rnd = random.Random(seed)
    t0 = dt.datetime(2023, 7, 26, 6)
    return [post(start_pid + i, f"c{rnd.randrange(90)}", t0 + dt.timedelta(minutes=rnd.randint(0, 40 * 60)),
                 hashtags=["boycottparis2024"]) for i in range(n)]


def test_kleinberg_finds_the_block_and_nothing_in_flat_noise():
    rng = np.random.default_rng(0)
    flat = rng.poisson(2.0, size=500).astype(float)
    spiky = flat.copy()
    spiky[200:230] += 40
    states = kleinberg_two_state(np.vstack([flat, spiky]))
    assert not states[0].any()
    burst = np.flatnonzero(states[1])
    assert burst.min() == 200 and burst.max() == 229


def test_campaign_hashtag_burst_is_26_27_july(store):
    # the campaign hashtag also appears a little before (its own baseline is not zero)
    bg = background_posts(tags=("paris", "jo2024", "sport", "boycottparis2024"))
    load(store, bg + _campaign())
    det = BurstDetector().fit(get_engine(store=store))
    rows = [r for r in det.result_.to_pylist() if r["series"] == "boycottparis2024"]
    assert len(rows) == 1
    r = rows[0]
    assert r["start"].date() == dt.date(2023, 7, 26) and r["end"].date() == dt.date(2023, 7, 27)
    assert r["posts"] >= 600 and r["accounts"] >= 80 and r["p_value"] < 1e-6
    # background hashtags at a steady rate raise no burst
    assert not [r for r in det.result_.to_pylist() if r["series"] in ("paris", "sport", "jo2024")]
    assert det.result_.schema == BURSTS.arrow_schema


def test_content_clusters_are_series_when_present(store):
    import pyarrow as pa

    posts = background_posts() + _campaign()
    load(store, posts)
    camp = [p["post_id"] for p in posts if int(p["post_id"]) >= 10_000]
    clusters = pa.table({"post_id": camp, "cluster_id": ["7"] * len(camp)})
    det = BurstDetector().fit(get_engine(store=store), clusters=clusters)
    kinds = {(r["series_kind"], r["series"]) for r in det.result_.to_pylist()}
    assert ("cluster", "7") in kinds and ("hashtag", "boycottparis2024") in kinds
    assert det.series_kinds_ == ["hashtag", "cluster"]


def test_min_posts_filters_small_series(store):
    load(store, background_posts() + _campaign(n=15))
    det = BurstDetector(min_posts=20).fit(get_engine(store=store))
    assert det.result_.num_rows == 0
