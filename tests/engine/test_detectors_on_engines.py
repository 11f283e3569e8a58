"""Every detector, run through each engine, gives the tables the DuckDB path gives.

The reference is the detector's default path (DuckDB on the store's connection),
computed once per module; each engine's run must equal it row for row (floats to 9
significant digits), and also meet a few facts about the data, so the DuckDB case is
not a test of DuckDB against itself. Inputs are small: the Spark cost is per query, not
per row, and the whole Spark suite has to fit in CI.
"""
from __future__ import annotations

import datetime as dt

import pytest

from faisceau.engine.compare import differences
from faisceau.schema import POSTS
from faisceau.store import Store


@pytest.fixture(scope="module")
def module_store(tmp_path_factory):
    def make(loader):
        st = Store(tmp_path_factory.mktemp("st") / "s.duckdb")
        loader(st)
        return st
    return make


def _same(reference: dict, got: dict):
    assert set(got) == set(reference)
    for name, table in reference.items():
        assert differences(table, got[name]) is None, f"{name}: {differences(table, got[name])}"


# -- coordination --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def coord_store(module_store):
    from coord_synth import synth_rows

    def load(st):
        rows = synth_rows(n_org=100)
        # some organic own posts with shared text and tags, so co-post and co-hashtag have work
        for r in rows[::5]:
            if r["account_id"].startswith("org"):
                r.update(kind="post", text=f"the very same message about {r['parent_post_id']} again",
                         hashtags=["jo2024", r["parent_post_id"]], parent_post_id=None)
        st.append(POSTS, POSTS.from_rows(rows))
    return module_store(load)


def _coord(store, engine=None):
    from faisceau.detect.coordination import CoordinationDetector

    det = CoordinationDetector(types=["co-repost"], random_state=7).fit(store, engine=engine)
    return {"edges": det.edges_, "accounts": det.accounts_, "communities": det.communities_}


@pytest.fixture(scope="module")
def coord_reference(coord_store):
    return _coord(coord_store)


def test_coordination_same_edges_weights_communities(make_engine, coord_store, coord_reference):
    got = _coord(coord_store, make_engine(coord_store))
    _same(coord_reference, got)
    acc = got["accounts"].to_pandas()
    flagged = set(acc.loc[acc["flagged"], "account_id"])
    assert flagged >= {f"op{i:02d}" for i in range(12)}
    assert got["edges"].num_rows > 20


def test_coortweet_mode_same_groups_and_network(make_engine, store):
    from faisceau.detect.coordination import CooRTweetDetector

    t0 = dt.datetime(2021, 6, 1)
    rows = [{"platform": "x", "post_id": f"{a}{j}", "account_id": a, "kind": "repost", "parent_post_id": f"t{j}",
             "created_at": t0 + dt.timedelta(hours=j, seconds=3 * i + j % 2), "source_file": "f", "record_no": 5 * j + i}
            for j in range(6) for i, a in enumerate("ABCD") if (i + j) % 5]
    store.append(POSTS, POSTS.from_rows(rows))
    ref = CooRTweetDetector(time_window=10, min_participation=2).fit(store)
    det = CooRTweetDetector(time_window=10, min_participation=2).fit(store, engine=make_engine(store))
    _same({"groups": ref.groups_, "network": ref.network_, "edges": ref.edges_},
          {"groups": det.groups_, "network": det.network_, "edges": det.edges_})
    assert det.edges_.num_rows == 6


# -- content ---------------------------------------------------------------------------------
def test_content_hashing_and_lsh_candidates(make_engine, store):
    from content.helpers import load
    from content.test_detector import ROWS
    from faisceau.detect.content import ContentDetector

    load(store, ROWS)
    store.append(POSTS, POSTS.from_rows(_media_posts()))
    ref = ContentDetector(semantic=False).fit(store).tables_
    got = ContentDetector(semantic=False).fit(store, engine=make_engine(store)).tables_
    _same(ref, got)
    members = {r["first_post_id"]: set(r["members"]) for r in got["content_clusters"].to_pylist()}
    assert members["1"] == {"1", "2", "3", "4"}
    media = {r["first_post_id"]: (set(r["members"]), r["method"]) for r in got["content_clusters"].to_pylist()
             if r["type"] == "media"}
    # near-duplicate hashes (3 bits apart, the sign bit among them; one in upper case) and a shared key
    assert media == {"m1": ({"m1", "m2"}, "phash"), "m4": ({"m4", "m5"}, "media_key")}


def _media_posts():
    t0 = dt.datetime(2023, 7, 26, 13)
    h = 0x8F00_0000_0000_0A01
    items = {"m1": [("k1", f"{h:016x}")], "m2": [("k2", f"{h ^ (1 << 63) ^ 0b110:016X}")],
             "m3": [("k3", f"{h ^ 0xFFFF_0000:016x}"), ("bad", "not-a-hash")],
             "m4": [("v1", None)], "m5": [("v1", None)], "m6": [(None, None)]}
    return [{"platform": "x", "post_id": pid, "account_id": f"acc-{pid}", "kind": "post", "text": f"picture {pid}",
             "created_at": t0 + dt.timedelta(minutes=i),
             "media": [{"media_key": k, "type": "photo", "url": None, "phash": ph} for k, ph in its]}
            for i, (pid, its) in enumerate(items.items())]


# -- bursts and account signals ----------------------------------------------------------------
@pytest.fixture(scope="module")
def accounts_store(module_store):
    from accounts.test_account_signals import _scenario

    return module_store(_scenario)


def _accounts(store, engine):
    from faisceau.detect.accounts import AccountSignals, load_watchlist
    from faisceau.detect.bursts import BurstDetector

    bursts = BurstDetector().fit(engine).result_
    watch = load_watchlist(str(accounts_store_watchlist(store)))
    signals = AccountSignals(n_boot=20).fit(engine, bursts=bursts, watchlist=watch).result_
    return {"bursts": bursts, "account_signals": signals}


def accounts_store_watchlist(store):
    from pathlib import Path

    path = Path(store.path).with_name("watch.csv")
    path.write_text("handle,account_id,platform,label,affiliation,country\npartyman,,x,Party Man,ruling party,AZ\n")
    return path


@pytest.fixture(scope="module")
def accounts_reference(accounts_store):
    from faisceau.engine import get_engine

    with get_engine("duckdb", store=accounts_store) as eng:
        return _accounts(accounts_store, eng)


def test_bursts_and_account_signals(make_engine, accounts_store, accounts_reference):
    got = _accounts(accounts_store, make_engine(accounts_store))
    _same(accounts_reference, got)
    burst = [r for r in got["bursts"].to_pylist() if r["series"] == "boycottparis2024"][0]
    assert burst["start"].date() == dt.date(2023, 7, 26)
    seed = [r for r in got["account_signals"].to_pylist() if r["account_id"] == "c0"][0]
    assert seed["watch_reposts"] == 1 and seed["creation_burst"]
