"""Account signals on IRA troll accounts against organic Twitter15 users.

One command:  nice -n 10 python3 evaluation/accounts_ira_vs_organic.py [--data DIR]

Loads ../shared/data/ira/ira_dev.parquet (every account is an IRA troll) and the clean
organic control of ../shared/data/organic/twitter15_cascades.parquet (cascade labels
'non-rumor' and 'true'), maps both to canonical posts (evaluation-only mapping: the
IRA set has no post ids, so row numbers stand in), runs ``AccountSignals`` over the
union and prints:

1. UTC-offset estimates (sleep trough): distribution per set, per IRA category, and the
   offset of each set's pooled hourly profile;
2. cadence signals (interval entropy, fixed period, round-the-clock, burst rate) and the
   score, IRA against organic, at equal activity;
3. creation bursts: neither set carries account creation dates. The proxy is the
   numeric user id, assigned in creation order: each id is mapped to its quantile among
   the organic ids (so the organic background is uniform on a pseudo-time axis of 3,650
   "days") and ``creation_bursts`` is run on the pooled accounts. Snowflake ids (after
   2013) also decode to an exact creation time, printed for the IRA accounts that have one.
4. misspelt French place names: false-positive rate on both sets (neither should have any).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


from _shared import default_data  # noqa: E402  (evaluation/_shared.py)


def q(p: Path) -> str:
    return str(p).replace("'", "''")


LOAD = """
INSERT INTO posts (platform, post_id, account_id, created_at, kind, text, hashtags, urls, domains, mentions, media)
SELECT 'ira', 'ira-' || CAST(file_row_number AS VARCHAR), external_author_id,
       CAST(publish_date AS TIMESTAMP), CASE WHEN retweet = 1 THEN 'repost' ELSE 'post' END, content,
       [], [], [], [], []
FROM read_parquet('{ira}', file_row_number = true);
INSERT INTO posts (platform, post_id, account_id, created_at, kind, text, hashtags, urls, domains, mentions, media)
SELECT 'organic', 'org-' || CAST(file_row_number AS VARCHAR), account_id,
       CAST(timezone('UTC', created_at) AS TIMESTAMP), CASE WHEN is_retweet THEN 'repost' ELSE 'post' END,
       text, [], [], [], [], []
FROM read_parquet('{org}', file_row_number = true)
WHERE cascade_label IN ('non-rumor', 'true') AND created_at IS NOT NULL;
"""

SNOWFLAKE_EPOCH_MS = 1288834974657


def snowflake_time(i: int) -> dt.datetime | None:
    """Creation time encoded in a Twitter snowflake id (ids issued from late 2013 on)."""
    if i < 10**15:
        return None
    return dt.datetime(1970, 1, 1) + dt.timedelta(milliseconds=(i >> 22) + SNOWFLAKE_EPOCH_MS)


def pct(x, n):
    return f"{100.0 * x / n:5.1f}%" if n else "   n/a"


def hist_line(vals, lo=-12, hi=12):
    c = Counter(int(np.floor(v + 0.5)) for v in vals)
    return " ".join(f"{h:+d}:{c[h]}" for h in range(lo, hi) if c[h])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=default_data())
    ap.add_argument("--text-sample", type=int, default=20, help="posts per account read for languages/places")
    args = ap.parse_args()
    ira = args.data / "ira" / "ira_dev.parquet"
    org = args.data / "organic" / "twitter15_cascades.parquet"
    for p in (ira, org):
        if not p.exists():
            sys.exit(f"missing {p} (set FAISCEAU_SHARED_DATA or --data)")

    from faisceau.detect.accounts import AccountSignals
    from faisceau.detect.accounts.cadence import hourly_matrix
    from faisceau.detect.accounts.creation import creation_bursts
    from faisceau.detect.accounts.origin import fit_offsets
    from faisceau.engine import get_engine
    from faisceau.progress import set_quiet
    from faisceau.store import Store

    set_quiet(True)
    t0 = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        st = Store(Path(tmp) / "eval.duckdb")
        st.con.execute(LOAD.format(ira=q(ira), org=q(org)))
        cat = dict(st.con.execute(
            f"SELECT DISTINCT external_author_id, account_category FROM read_parquet('{q(ira)}')").fetchall())
        t_load = time.time() - t0
        eng = get_engine(store=st)
        det = AccountSignals(text_sample=args.text_sample).fit(eng)
        t_fit = time.time() - t0 - t_load
        rows = det.result_.to_pylist()
        hourly = {p: hourly_matrix(
            eng.sql(f"SELECT 'p' AS platform, 'all' AS account_id, hour(created_at) AS h, count(*) AS n "
                    f"FROM posts WHERE platform = '{p}' GROUP BY hour(created_at)").to_pylist(),
            {("p", "all"): 0}) for p in ("ira", "organic")}
        per_account_hourly = eng.sql(
            "SELECT platform, account_id, hour(created_at) AS h, count(*) AS n FROM posts WHERE account_id IN "
            "(SELECT account_id FROM posts WHERE platform = 'organic' GROUP BY account_id "
            "HAVING count(*) BETWEEN 10 AND 29) GROUP BY ALL").to_pylist()
        st.close()

    sets = {"ira": [r for r in rows if r["platform"] == "ira"], "organic": [r for r in rows if r["platform"] == "organic"]}
    print(f"loaded in {t_load:.0f} s, signals in {t_fit:.0f} s; accounts: "
          + ", ".join(f"{k} {len(v):,} ({sum(r['n_posts'] for r in v):,} posts)" for k, v in sets.items()))

    print("\n== 1. UTC offset from the sleep trough (accounts with >= 30 posts and a trough) ==")
    for k, v in sets.items():
        pooled = fit_offsets(hourly[k], min_posts=1, max_sleep_share=1.0)[0]
        print(f"{k:8s} pooled profile: trough {pooled['trough_utc_hour']:.1f} h UTC -> UTC{pooled['utc_offset']:+.1f} "
              f"(95% {pooled['utc_offset_low']:+.1f}..{pooled['utc_offset_high']:+.1f})")
    for k, v in sets.items():
        elig = [r for r in v if r["n_posts"] >= 30]
        offs = [r["utc_offset"] for r in elig if r["utc_offset"] is not None]
        width = [r["utc_offset_high"] - r["utc_offset_low"] for r in elig if r["utc_offset"] is not None]
        if not offs:
            print(f"{k:8s} no account with an offset")
            continue
        moscow = sum(1.5 <= o <= 4.5 for o in offs)
        americas = sum(-9.5 <= o <= -2.5 for o in offs)
        print(f"{k:8s} {len(offs)}/{len(elig)} accounts with an offset; median {np.median(offs):+.1f} h; "
              f"in UTC+1.5..+4.5 (Moscow +-1.5): {pct(moscow, len(offs))}; in UTC-9.5..-2.5 (Americas): "
              f"{pct(americas, len(offs))}; median 95% interval width {np.median(width):.1f} h")
        print(f"         histogram: {hist_line(offs)}")
    # organic users are sparse (few have 30 posts): fit those with 10-29 posts too
    small = [r for r in sets["organic"] if 10 <= r["n_posts"] < 30]
    if small:
        idx = {("organic", r["account_id"]): i for i, r in enumerate(small)}
        fits = fit_offsets(hourly_matrix(per_account_hourly, idx), min_posts=10)
        offs = [f["utc_offset"] for f in fits if f["utc_offset"] is not None]
        width = [f["utc_offset_high"] - f["utc_offset_low"] for f in fits if f["utc_offset"] is not None]
        print(f"organic  10-29 posts: {len(offs)}/{len(small)} with an offset; median {np.median(offs):+.1f} h; "
              f"Moscow +-1.5: {pct(sum(1.5 <= o <= 4.5 for o in offs), len(offs))}; Americas: "
              f"{pct(sum(-9.5 <= o <= -2.5 for o in offs), len(offs))}; median interval width {np.median(width):.1f} h")
        print(f"         histogram: {hist_line(offs)}")
    by_cat: dict[str, list[float]] = {}
    for r in sets["ira"]:
        if r["utc_offset"] is not None:
            by_cat.setdefault(cat.get(r["account_id"], "?"), []).append(r["utc_offset"])
    for c, offs in sorted(by_cat.items()):
        print(f"  IRA {c:13s} n={len(offs):3d} median {np.median(offs):+.1f}  {hist_line(offs)}")

    print("\n== 2. Cadence and score, IRA vs organic ==")
    def line(name, pred, base):
        for k, v in sets.items():
            b = [r for r in v if base(r)]
            print(f"  {name:42s} {k:8s} {pct(sum(1 for r in b if pred(r)), len(b))} of {len(b):,}")
    line("interval entropy < 1.5 bits (>=20 intervals)", lambda r: r["interval_entropy"] < 1.5,
         lambda r: r["interval_entropy"] is not None)
    for k, v in sets.items():
        e = [r["interval_entropy"] for r in v if r["interval_entropy"] is not None]
        if e:
            print(f"  interval entropy median / p10 / p90     {k:8s} {np.median(e):.2f} / "
                  f"{np.percentile(e, 10):.2f} / {np.percentile(e, 90):.2f} bits")
    line("fixed period (>=50% one interval, >=20)", lambda r: r["fixed_period"], lambda r: r["fixed_period"] is not None)
    line("round the clock (>=50 posts, sleep >=15%)", lambda r: r["round_the_clock"],
         lambda r: r["round_the_clock"] is not None)
    for k, v in sets.items():
        s = [r["sleep_share"] for r in v if r["n_posts"] >= 50]
        if s:
            print(f"  sleep share median (>=50 posts)          {k:8s} {np.median(s):.3f}")
    line(">= 20 posts in one hour", lambda r: (r["max_posts_hour"] or 0) >= 20, lambda r: r["n_posts"] >= 1)
    line(">= 20 posts in one hour (accounts >= 50 posts)", lambda r: (r["max_posts_hour"] or 0) >= 20,
         lambda r: r["n_posts"] >= 50)
    line("score >= 0.5 (all accounts)", lambda r: r["score"] >= 0.5, lambda r: True)
    line("score >= 0.5 (accounts >= 50 posts)", lambda r: r["score"] >= 0.5, lambda r: r["n_posts"] >= 50)
    line("score >= 0.3 (accounts >= 50 posts)", lambda r: r["score"] >= 0.3, lambda r: r["n_posts"] >= 50)
    line("misspelt French place names", lambda r: bool(r["misspelt_places"]), lambda r: True)
    mis = Counter(m for r in rows for m in r["misspelt_places"])
    if mis:
        print(f"  misspellings found: {mis.most_common(8)}")
    langs = Counter(r["top_post_lang"] for r in sets["ira"] if r["top_post_lang"])
    print(f"  IRA top post languages: {langs.most_common(6)}")

    print("\n== 3. Creation bursts (proxy: user-id rank; the data has no creation dates) ==")
    ira_ids = sorted({int(r["account_id"]) for r in sets["ira"]})
    org_ids = np.array(sorted({int(r["account_id"]) for r in sets["organic"] if r["account_id"].isdigit()}), dtype=float)
    rng = np.random.default_rng(0)
    sample = rng.choice(org_ids, size=min(20000, len(org_ids)), replace=False)

    def pseudo(i):
        qv = np.searchsorted(org_ids, float(i)) / len(org_ids)
        return dt.datetime(2000, 1, 1) + dt.timedelta(days=float(qv) * 3650)

    # ids issued after the last organic id have no background to compare with: they are
    # left to the snowflake decoding below
    later = [i for i in ira_ids if i > org_ids[-1]]
    ira_ids = [i for i in ira_ids if i <= org_ids[-1]]
    print(f"  {len(ira_ids)} IRA ids inside the organic id range, {len(later)} issued after it")
    from scipy import stats

    qs_ira = np.searchsorted(org_ids, np.array(ira_ids, dtype=float)) / len(org_ids)
    ks = stats.ks_1samp(qs_ira, stats.uniform.cdf)
    print(f"  IRA id quantiles vs the organic id distribution: KS D={ks.statistic:.2f}, p={ks.pvalue:.1e}")
    n_ira = len(ira_ids)
    for label, n_org in (("1 organic per IRA account", n_ira), ("20,000 organic", len(sample))):
        dates = [pseudo(i) for i in ira_ids] + [pseudo(i) for i in sample[:n_org]]
        windows, member = creation_bursts(dates, widths_days=(7, 31, 91))
        in_ira = sum(m is not None for m in member[:n_ira])
        in_org = sum(m is not None for m in member[n_ira:])
        print(f"  pooled {n_ira} IRA + {n_org:,} organic ({label}): {len(windows)} windows; IRA accounts in a window "
              f"{pct(in_ira, n_ira)}, organic {pct(in_org, n_org)}")
        for w in sorted(windows, key=lambda w: w["p"])[:4]:
            lo_q = (w["start"] - dt.datetime(2000, 1, 1)).days / 3650
            hi_q = ((w["end"] - dt.datetime(2000, 1, 1)).days + 1) / 3650
            print(f"    organic-id quantile {lo_q:.3f}..{hi_q:.3f}: {w['accounts']} accounts vs {w['expected']:.1f} "
                  f"expected, p={w['p']:.1e}")
    own, member = creation_bursts([pseudo(i) for i in ira_ids], widths_days=(7, 31, 91))
    print(f"  IRA alone against its own smoothed background: {len(own)} windows holding "
          f"{pct(sum(m is not None for m in member), n_ira)} of its accounts")
    ctrl, member = creation_bursts([pseudo(i) for i in sample[:n_ira]], widths_days=(7, 31, 91))
    print(f"  control, {n_ira} organic ids alone: {len(ctrl)} windows holding "
          f"{pct(sum(m is not None for m in member), n_ira)} of them")
    qs = np.searchsorted(org_ids, np.array(ira_ids, dtype=float)) / len(org_ids)
    print("  IRA ids by organic-id decile: " + " ".join(str(int(c)) for c in np.histogram(qs, bins=10, range=(0, 1))[0]))
    snow = sorted(t for t in (snowflake_time(i) for i in ira_ids + later) if t)
    if snow:
        months = Counter(f"{t:%Y-%m}" for t in snow)
        print(f"  IRA snowflake ids decoded ({len(snow)}): {months.most_common(6)}")
        sw, _ = creation_bursts(snow, min_accounts=5)
        for w in sw:
            print(f"    creation burst among them: {w['start']:%Y-%m-%d}..{w['end']:%Y-%m-%d} {w['accounts']} accounts "
                  f"(expected {w['expected']:.1f}, p={w['p']:.1e})")


if __name__ == "__main__":
    main()
