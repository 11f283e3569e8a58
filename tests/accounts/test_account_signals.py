from __future__ import annotations

import datetime as dt
import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from faisceau.cli import main
from faisceau.detect.accounts import ACCOUNT_SIGNALS, AccountSignals, load_watchlist, run_accounts, run_bursts
from faisceau.detect.accounts import aggregate
from faisceau.detect.accounts.score import WEIGHTS, components, score
from faisceau.detect.bursts import BurstDetector
from faisceau.engine import get_engine
from faisceau.engine.spark_engine import to_spark_sql
from faisceau.errors import InputError

from .helpers import account, background_posts, load, post

CAMPAIGN_TEXT = "Bordo və Monpelye şəhərlərində Paris olimpiadasını boykot edək #boycottparis2024"


def _scenario(store):
    rnd = random.Random(3)
    posts = background_posts()
    t0 = dt.datetime(2023, 7, 26, 6)
    for i in range(600):
        posts.append(post(10_000 + i, f"c{i % 40}", t0 + dt.timedelta(minutes=rnd.randint(0, 2400)),
                          hashtags=["boycottparis2024"], text=CAMPAIGN_TEXT, source="Twitter for Android",
                          mentions=["partyman"] if i % 40 == 0 else []))
    # the seed account reposts the watchlisted party figure; campaign accounts repost the seed
    posts.append(post(20_000, "c0", t0, kind="repost", parent_account_id="pm", parent_post_id="p1"))
    posts.append(post(20_001, "pm", t0 - dt.timedelta(days=2), text="Parti bildirişi"))
    for i in range(1, 6):
        posts.append(post(20_010 + i, f"c{i}", t0 + dt.timedelta(minutes=i), kind="repost", parent_account_id="c0"))
        posts.append(post(20_020 + i, f"c{i}", t0 + dt.timedelta(minutes=i), kind="repost", parent_account_id="pm"))
    # a bot: every 45 s round the clock
    bot0 = dt.datetime(2023, 7, 10)
    posts += [post(30_000 + i, "bot", bot0 + dt.timedelta(seconds=45 * i), text="news", source="autoposter")
              for i in range(2000)]
    accs = [account(f"c{i}", handle=f"elvin{10000 + i}", display_name="Sophie Martin 🇦🇿",
                    description="Azərbaycan vətənpərvəri 🇦🇿", location="Bakı, Azərbaycan",
                    created_at=dt.datetime(2023, 7, 1 + i % 28)) for i in range(40)]
    accs += [account(f"bg{i}", handle=f"user_bg{i}", display_name=f"User Bg{i}", description=f"I write about {w}",
                     location="Lyon", created_at=dt.datetime(2010, 1, 1) + dt.timedelta(days=137 * i))
             for i, w in enumerate(["cats", "trains", "jazz", "rugby", "wine", "maths", "films", "books", "art",
                                    "food", "chess", "golf", "music", "news", "law", "tech", "cars", "birds",
                                    "boats", "maps", "stars", "tea", "bread", "cheese", "dance", "poems", "bikes",
                                    "clouds", "rivers", "snow"])]
    accs.append(account("pm", handle="PartyMan", display_name="Party Man", created_at=dt.datetime(2012, 3, 3)))
    accs.append(account("bot", handle="bot", display_name="Bot", created_at=dt.datetime(2015, 3, 3)))
    load(store, posts, accs)


@pytest.fixture
def scenario_store(store):
    _scenario(store)
    return store


def _rows(store):
    return {r["account_id"]: r for r in store.table("account_signals").to_pylist()}


def test_account_signals_on_a_small_campaign(scenario_store, tmp_path):
    wl = tmp_path / "watch.csv"
    wl.write_text("handle,account_id,platform,label,affiliation,country\npartyman,,x,Party Man,ruling party,AZ\n")
    det = run_accounts(scenario_store, watchlist=str(wl))
    rows = _rows(scenario_store)
    assert set(rows) >= {f"c{i}" for i in range(40)} | {"pm", "bot"} and len(rows) == 72
    camp = [rows[f"c{i}"] for i in range(40)]
    assert all(r["creation_burst"] for r in camp)
    assert not any(rows[f"bg{i}"]["creation_burst"] for i in range(30))
    assert all(r["history_in_window"] and r["top_hashtag"] == "boycottparis2024" for r in camp)
    assert all(r["flags"] == ["AZ"] and r["location_country"] == "AZ" and r["top_post_lang"] == "az" for r in camp)
    assert all(r["misspelt_places"] == ["Bordo->Bordeaux", "Monpelye->Montpellier"] for r in camp)
    assert all(r["bio_identical"] == 39 and r["name_handle_mismatch"] and r["handle_name_digits"] for r in camp)
    seed = rows["c0"]
    assert seed["watch_reposts"] == 1 and seed["watch_mentions"] == 15
    assert seed["watch_labels"] == ["Party Man (ruling party, AZ)"]
    assert seed["watch_audience_jaccard"] > 0.5  # c1..c5 repost both the seed and the party figure
    assert "Party Man" in json.loads(seed["evidence"])["watchlist"]
    bot = rows["bot"]
    assert bot["fixed_period"] and bot["top_interval_s"] == 45 and bot["round_the_clock"]
    assert bot["interval_entropy"] < 0.5 and bot["max_posts_hour"] == 80 and bot["utc_offset"] is None
    assert bot["top_source"] == "autoposter" and bot["top_source_share"] == 1.0
    # scores: campaign and bot well above the background
    bg_max = max(rows[f"bg{i}"]["score"] for i in range(30))
    assert min(r["score"] for r in camp) > 0.8 > 0.3 > bg_max
    assert bot["score"] > 0.6
    # every fired component is explained
    comp = json.loads(seed["score_components"])
    assert set(comp) >= {"creation_burst", "history_in_window", "single_topic", "misspelt_places"}
    # both tables written, params on record
    run = scenario_store.runs("accounts")[-1]
    assert set(run["tables"]) == {"bursts", "account_signals"}
    params = json.loads(run["params"])
    assert params["campaign_windows"] == "computed" and params["score_weights"] == WEIGHTS
    assert det.result_.schema == ACCOUNT_SIGNALS.arrow_schema


def test_bursts_table_in_store_is_reused(scenario_store):
    run_bursts(scenario_store, detector=BurstDetector())
    run_accounts(scenario_store)
    assert json.loads(scenario_store.runs("accounts")[-1]["params"])["campaign_windows"] == "store"
    assert _rows(scenario_store)["c3"]["history_in_window"]


def test_deterministic(scenario_store):
    a = AccountSignals().fit(get_engine(store=scenario_store)).result_
    b = AccountSignals().fit(get_engine(store=scenario_store)).result_
    assert a.equals(b)


def test_empty_store(store):
    det = AccountSignals().fit(get_engine(store=store))
    assert det.result_.num_rows == 0


def test_watchlist_toml_and_errors(tmp_path):
    t = tmp_path / "w.toml"
    t.write_text('[[account]]\nhandle = "@AzerTac"\nlabel = "AZERTAC"\naffiliation = "state media"\ncountry = "AZ"\n')
    w = load_watchlist(t).to_pylist()
    assert w[0]["handle"] == "azertac" and w[0]["label"] == "AZERTAC" and w[0]["account_id"] is None
    bad = tmp_path / "bad.csv"
    bad.write_text("label,affiliation\nX,party\n")
    with pytest.raises(InputError, match="neither handle nor account_id"):
        load_watchlist(bad)
    with pytest.raises(InputError, match="does not exist"):
        load_watchlist(tmp_path / "nope.csv")


@pytest.mark.parametrize("name", sorted(aggregate.ALL_QUERIES))
def test_aggregation_sql_transpiles_to_spark(name):
    out = to_spark_sql(aggregate.ALL_QUERIES[name])
    assert "EPOCH(" not in out.upper() and "UNNEST(" not in out.upper()


_FEATURE = st.fixed_dictionaries({
    "n_posts": st.integers(0, 500), "creation_burst": st.booleans(), "history_in_window": st.booleans(),
    "top_hashtag_share": st.floats(0, 1), "handle_name_digits": st.booleans(),
    "default_profile_image": st.booleans(), "shared_profile_image": st.integers(0, 10),
    "bio_empty": st.booleans(), "bio_identical": st.integers(0, 10), "bio_templated": st.integers(0, 10),
    "name_handle_mismatch": st.booleans(), "interval_entropy": st.floats(0, 5),
    "fixed_period": st.booleans(), "top_interval_share": st.floats(0, 1), "sleep_share": st.floats(0, 0.25),
    "max_posts_hour": st.integers(0, 200), "misspelt_places": st.lists(st.just("x->y"), max_size=3),
})


@settings(max_examples=200, deadline=None)
@given(_FEATURE, st.sampled_from(sorted(WEIGHTS)))
def test_score_is_monotone_and_bounded(f, comp):
    s0, _ = score(f)
    assert 0.0 <= s0 <= 1.0
    # raising one component's feature never lowers the score
    g = dict(f)
    bump = {"creation_burst": ("creation_burst", True), "history_in_window": ("history_in_window", True),
            "single_topic": ("top_hashtag_share", 1.0), "handle_name_digits": ("handle_name_digits", True),
            "default_or_shared_image": ("shared_profile_image", 10), "bio_empty_or_shared": ("bio_identical", 10),
            "name_handle_mismatch": ("name_handle_mismatch", True), "low_interval_entropy": ("interval_entropy", 0.0),
            "fixed_period": ("top_interval_share", 1.0), "round_the_clock": ("sleep_share", 0.25),
            "burst_rate": ("max_posts_hour", 200), "misspelt_places": ("misspelt_places", ["a", "b", "c"])}
    k, v = bump[comp]
    g[k] = v
    assert score(g)[0] >= s0
    assert components(g)[comp] >= components(f)[comp]


def test_cli_accounts_and_bursts(scenario_store, tmp_path, capsys):
    path = scenario_store.path
    scenario_store.close()
    main(["bursts", "--store", path])
    out = capsys.readouterr().out
    assert "hashtag:boycottparis2024  2023-07-26" in out
    main(["accounts", "--store", path, "--top", "3"])
    out = capsys.readouterr().out
    assert "account_signals: 72 accounts; creation bursts: " in out and "#boycottparis2024" in out
    with pytest.raises(SystemExit):
        main(["accounts", "--store", path, "--watchlist", str(tmp_path / "missing.csv")])
    assert "error[bad-input]" in capsys.readouterr().err


def test_content_members_give_cluster_series_and_top_cluster(scenario_store):
    scenario_store.con.execute(
        "CREATE TABLE content_members AS SELECT 'cp-1' AS cluster_id, 'copypasta' AS type, platform, post_id, "
        "account_id, created_at, 0 AS text_id FROM posts WHERE list_contains(hashtags, 'boycottparis2024')")
    run_accounts(scenario_store)
    bursts = scenario_store.table("bursts").to_pylist()
    assert ("cluster", "cp-1") in {(b["series_kind"], b["series"]) for b in bursts}
    row = _rows(scenario_store)["c7"]
    assert row["top_cluster"] == "cp-1" and row["top_cluster_share"] == 1.0
    assert json.loads(scenario_store.runs("accounts")[-1]["params"])["content_clusters"] is True
