"""AccountSignals: every per-account signal, its evidence and the score, in one table."""
from __future__ import annotations

import json
from collections import defaultdict

import numpy as np
import pyarrow as pa

from ...errors import ParameterError
from ...progress import progress
from . import aggregate as q
from .cadence import hourly_matrix, interval_entropy, sleep_share
from .creation import creation_bursts, describe, describe_group, group_creation_bursts
from .language import detect_lang, features_from_counts
from .origin import fit_offsets
from .places import misspellings, resolve_location
from .profile import profile_features
from .score import WEIGHTS, score
from .table import ACCOUNT_SIGNALS
from .text import flags
from .watchlist import proximity


class AccountSignals:
    """Per-account inauthenticity signals, origin clues and watchlist proximity.

    ``fit(engine, bursts=None, clusters=None, watchlist=None)``: ``bursts`` is the
    ``bursts`` table (campaign windows, for history-in-window), ``clusters`` the content
    stage's ``content_members`` (post -> cluster; skipped when None), ``watchlist`` a table from
    ``load_watchlist``. Parameters are documented in docs/signals.md.
    """

    def __init__(self, creation_widths_days=(7, 31), creation_bandwidth_days: float = 180.0,
                 creation_alpha: float = 0.01, creation_min_accounts: int = 5, creation_min_ratio: float = 3.0,
                 handle_min_digits: int = 4, name_mismatch_below: float = 0.5,
                 min_intervals: int = 20, min_period_s: int = 1, fixed_period_share: float = 0.5,
                 fixed_period_min: int = 10, round_clock_min_posts: int = 50, round_clock_sleep_share: float = 0.15,
                 offset_min_posts: int = 30, offset_max_sleep_share: float = 0.12, trough_local_hour: float = 4.0,
                 n_boot: int = 200, text_sample: int = 100, min_letters: int = 15, min_fr_pop: int = 100_000,
                 window_slack_hours: float = 6.0, window_min_posts: int = 5,
                 creation_group_min_share: float = 0.1, shared_domain_max_share: float = 0.05,
                 watch_min_common: int = 2, random_state: int = 0):
        self.creation_widths_days = tuple(creation_widths_days)
        self.creation_bandwidth_days = creation_bandwidth_days
        self.creation_alpha = creation_alpha
        self.creation_min_accounts = creation_min_accounts
        self.creation_min_ratio = creation_min_ratio
        self.handle_min_digits = handle_min_digits
        self.name_mismatch_below = name_mismatch_below
        self.min_intervals = min_intervals
        self.min_period_s = min_period_s
        self.fixed_period_share = fixed_period_share
        self.fixed_period_min = fixed_period_min
        self.round_clock_min_posts = round_clock_min_posts
        self.round_clock_sleep_share = round_clock_sleep_share
        self.offset_min_posts = offset_min_posts
        self.offset_max_sleep_share = offset_max_sleep_share
        self.trough_local_hour = trough_local_hour
        self.n_boot = n_boot
        self.text_sample = text_sample
        self.min_letters = min_letters
        self.min_fr_pop = min_fr_pop
        self.window_slack_hours = window_slack_hours
        self.window_min_posts = window_min_posts
        self.creation_group_min_share = creation_group_min_share
        self.shared_domain_max_share = shared_domain_max_share
        self.watch_min_common = watch_min_common
        self.random_state = random_state

    def get_params(self) -> dict:
        p = {k: getattr(self, k) for k in self.__init__.__code__.co_varnames[1:self.__init__.__code__.co_argcount]}
        p["creation_widths_days"] = list(self.creation_widths_days)
        p["score_weights"] = dict(WEIGHTS)
        return p

    def _check(self) -> None:
        if not self.creation_widths_days or min(self.creation_widths_days) < 1:
            raise ParameterError("accounts: creation_widths_days must be positive day counts")
        if not 0 < self.creation_alpha < 1 or self.text_sample < 0 or self.n_boot < 10:
            raise ParameterError("accounts: need 0 < creation_alpha < 1, text_sample >= 0, n_boot >= 10")

    # ------------------------------------------------------------------------------------
    def fit(self, engine, bursts: pa.Table | None = None, clusters: pa.Table | None = None,
            watchlist: pa.Table | None = None) -> "AccountSignals":
        self._check()
        with progress("account signals", total=6) as bar:
            base = sorted(engine.sql(q.BASE).to_pylist(), key=lambda r: (r["platform"] or "", r["account_id"] or ""))
            index = {(r["platform"], r["account_id"]): i for i, r in enumerate(base)}
            rows = [{k: r[k] for k in ("platform", "account_id", "handle", "display_name", "n_posts",
                                       "first_post", "last_post", "created_at", "location")} for r in base]
            ev: list[dict] = [{} for _ in base]
            self._creation(base, rows, ev)
            for r, pf in zip(rows, profile_features(base, self.handle_min_digits, self.name_mismatch_below)):
                r.update(pf)
            self._profile_evidence(rows, ev)
            bar.advance()
            self._cadence(engine, index, rows, ev)
            bar.advance()
            self._topics(engine, index, rows, ev, bursts, clusters)
            bar.advance()
            self._texts(engine, index, base, rows, ev)
            bar.advance()
            self._domains(engine, index, rows, ev, len(base))
            bar.advance()
            if watchlist is not None:
                feats, _ = proximity(engine, watchlist, self.watch_min_common)
                for key, f in feats.items():
                    i = index.get(key)
                    if i is None:
                        continue
                    common = f.pop("common")
                    rows[i].update(f)
                    if f["watch_labels"]:
                        ev[i]["watchlist"] = (f"reposts {f['watch_reposts']}, replies {f['watch_replies']}, mentions "
                                              f"{f['watch_mentions']}, inbound {f['watch_inbound']} with "
                                              + "; ".join(f["watch_labels"]))
                    if f["watch_audience_jaccard"] is not None:
                        ev[i]["watch_audience"] = (f"audience overlap {f['watch_audience_jaccard']:.2f} "
                                                   f"({common} shared) with {f['watch_audience_label']}")
            bar.advance()
        for r, e in zip(rows, ev):
            r["score"], r["score_components"] = score(r)
            r["evidence"] = json.dumps(e, sort_keys=True, ensure_ascii=False)
        self.result_ = ACCOUNT_SIGNALS.from_rows(rows)
        return self

    # ------------------------------------------------------------------------------------
    def _creation(self, base, rows, ev):
        windows, member = creation_bursts(
            [r["created_at"] for r in base], widths_days=self.creation_widths_days,
            bandwidth_days=self.creation_bandwidth_days, alpha=self.creation_alpha,
            min_accounts=self.creation_min_accounts, min_ratio=self.creation_min_ratio)
        self.creation_windows_ = windows
        self.group_creation_windows_ = []
        for i, m in enumerate(member):
            if base[i]["created_at"] is None:
                continue
            rows[i]["creation_burst"] = m is not None
            if m is not None:
                w = windows[m]
                rows[i].update(creation_burst_start=w["start"], creation_burst_end=w["end"],
                               creation_burst_accounts=w["accounts"], creation_burst_expected=w["expected"],
                               creation_burst_p=w["p"], creation_burst_group="all accounts")
                ev[i]["creation_burst"] = f"created {base[i]['created_at']:%Y-%m-%d}; " + describe(w)

    def _group_creation(self, groups, rows, ev):
        windows = group_creation_bursts(
            [r["created_at"] for r in rows], groups, widths_days=self.creation_widths_days,
            bandwidth_days=self.creation_bandwidth_days, alpha=self.creation_alpha,
            min_accounts=self.creation_min_accounts, min_ratio=self.creation_min_ratio,
            min_share=self.creation_group_min_share)
        self.group_creation_windows_ = [{k: v for k, v in w.items() if k != "members"} for w in windows]
        # an account keeps its strongest window (smallest p), dataset-level windows first
        for w in sorted(windows, key=lambda w: (w["p"], w["group"])):
            for i in w["members"]:
                r = rows[i]
                if r.get("creation_burst"):
                    continue
                r.update(creation_burst=True, creation_burst_start=w["start"], creation_burst_end=w["end"],
                         creation_burst_accounts=w["accounts"], creation_burst_expected=w["expected"],
                         creation_burst_p=w["p"], creation_burst_group=w["group"])
                ev[i]["creation_burst"] = f"created {r['created_at']:%Y-%m-%d}; " + describe_group(w)

    def _profile_evidence(self, rows, ev):
        for r, e in zip(rows, ev):
            if r["handle_name_digits"]:
                e["handle_name_digits"] = f"handle '{r['handle']}' is a name followed by digits"
            if r["default_profile_image"]:
                e["default_profile_image"] = "default profile image"
            if r["shared_profile_image"]:
                e["shared_profile_image"] = f"profile image url shared with {r['shared_profile_image']} other accounts"
            if r["bio_identical"]:
                e["bio_identical"] = f"bio identical to {r['bio_identical']} other accounts"
            elif r["bio_templated"]:
                e["bio_templated"] = f"bio follows the template of {r['bio_templated']} other accounts"
            elif r["bio_empty"]:
                e["bio_empty"] = "empty bio"
            if r["name_handle_mismatch"]:
                e["name_handle_mismatch"] = (f"display name '{r['display_name']}' does not match handle "
                                             f"'{r['handle']}' (similarity {r['name_handle_similarity']:.2f})")

    def _cadence(self, engine, index, rows, ev):
        hm = hourly_matrix(engine.sql(q.HOURLY).to_pylist(), index)
        ss = sleep_share(hm)
        ent = interval_entropy(engine.sql(q.INTERVAL_BINS).to_pylist(), index, self.min_intervals)
        n_int = defaultdict(int)
        for r in engine.sql(q.INTERVAL_BINS).to_pylist():
            n_int[(r["platform"], r["account_id"])] += r["n"]
        top = {(r["platform"], r["account_id"]): r
               for r in engine.sql(q.TOP_INTERVAL.format(min_period=int(self.min_period_s))).to_pylist()}
        rates = {(r["platform"], r["account_id"]): r for r in engine.sql(q.RATES).to_pylist()}
        srcs = {(r["platform"], r["account_id"]): r for r in engine.sql(q.SOURCES).to_pylist()}
        offsets = fit_offsets(hm, trough_local_hour=self.trough_local_hour, min_posts=self.offset_min_posts,
                              max_sleep_share=self.offset_max_sleep_share, n_boot=self.n_boot,
                              random_state=self.random_state)
        for key, i in index.items():
            r, e = rows[i], ev[i]
            n = r["n_posts"] or 0
            r["interval_entropy"] = ent[i]
            t = top.get(key)
            if t and n_int[key] >= self.min_intervals:
                share = t["top_interval_n"] / n_int[key]
                r.update(top_interval_s=int(t["top_interval_s"]), top_interval_share=round(share, 4),
                         fixed_period=bool(share >= self.fixed_period_share and t["top_interval_n"] >= self.fixed_period_min))
                if r["fixed_period"]:
                    e["fixed_period"] = f"{t['top_interval_n']} of {n_int[key]} intervals are exactly {t['top_interval_s']} s"
            if ent[i] is not None and ent[i] < 1.5:
                e["interval_entropy"] = f"inter-post intervals have {ent[i]:.2f} bits of entropy (people: ~3-4)"
            if n:
                r["sleep_share"] = round(float(ss[i]), 4)
                if n >= self.round_clock_min_posts:
                    r["round_the_clock"] = bool(ss[i] >= self.round_clock_sleep_share)
                    if r["round_the_clock"]:
                        e["round_the_clock"] = (f"{ss[i]:.0%} of {n} posts in its quietest 6 UTC hours: no sleep "
                                                f"trough (people: a few %)")
            if key in rates:
                r["max_posts_hour"] = rates[key]["max_posts_hour"]
                r["max_posts_10min"] = rates[key]["max_posts_10min"]
                if r["max_posts_hour"] >= 20:
                    e["burst_rate"] = f"{r['max_posts_hour']} posts in one hour, {r['max_posts_10min']} in 10 minutes"
            if key in srcs:
                s = srcs[key]
                r.update(top_source=s["top_source"], top_source_share=round(s["top_source_n"] / n, 4) if n else None,
                         n_sources=s["n_sources"])
            r.update(offsets[i])
            if offsets[i]["utc_offset"] is not None:
                o = offsets[i]
                e["utc_offset"] = (f"sleep trough centred {o['trough_utc_hour']:.1f} h UTC -> UTC{o['utc_offset']:+.1f} "
                                   f"(95% {o['utc_offset_low']:+.1f}..{o['utc_offset_high']:+.1f})")

    def _topics(self, engine, index, rows, ev, bursts, clusters):
        for r in engine.sql(q.TOP_HASHTAG).to_pylist():
            i = index.get((r["platform"], r["account_id"]))
            if i is None:
                continue
            n = rows[i]["n_posts"] or 0
            share = r["top_hashtag_n"] / n if n else None
            rows[i].update(top_hashtag=r["top_hashtag"], top_hashtag_share=round(share, 4) if share is not None else None)
            if share is not None and n >= 3 and share >= 0.8:
                ev[i]["single_topic"] = f"{r['top_hashtag_n']} of {n} posts carry #{r['top_hashtag']}"
        use_clusters = clusters is not None and {"post_id", "cluster_id"} <= set(clusters.column_names)
        pj = "AND p.platform = c.platform" if use_clusters and "platform" in clusters.column_names else ""
        if use_clusters:
            engine.register("post_clusters", clusters)
            for r in engine.sql(q.TOP_CLUSTER.format(platform_join=pj)).to_pylist():
                i = index.get((r["platform"], r["account_id"]))
                if i is not None and rows[i]["n_posts"]:
                    rows[i].update(top_cluster=r["top_cluster"],
                                   top_cluster_share=round(r["top_cluster_n"] / rows[i]["n_posts"], 4))
        if bursts is not None and bursts.num_rows:
            engine.register("burst_windows", pa.table({
                "series_kind": bursts.column("series_kind"), "series": bursts.column("series"),
                "start_at": bursts.column("start"), "end_at": bursts.column("end")}))
            sql = q.HISTORY_IN_WINDOW.format(account_series=q.account_series_sql(use_clusters, pj),
                                             slack=float(self.window_slack_hours) * 3600)
            hits = {(r["platform"], r["account_id"]): r for r in engine.sql(sql).to_pylist()}
            groups: dict[str, list[int]] = defaultdict(list)
            for r in engine.sql(q.BURST_PARTICIPANTS.format(
                    series_posts=q.series_posts_sql(use_clusters, pj))).to_pylist():
                i = index.get((r["platform"], r["account_id"]))
                if i is not None:
                    tag = f"#{r['series']}" if r["series_kind"] == "hashtag" else f"cluster {r['series']}"
                    groups[f"{tag} {r['start_at']:%Y-%m-%d %H:%M}..{r['end_at']:%Y-%m-%d %H:%M}"].append(i)
            self._group_creation(groups, rows, ev)
            for key, i in index.items():
                # a handful of posts fits inside any window: no evidence either way
                if (rows[i]["n_posts"] or 0) < self.window_min_posts:
                    continue
                h = hits.get(key)
                rows[i]["history_in_window"] = h is not None
                if h:
                    desc = f"{h['series_kind']}:{h['series']} {h['start_at']:%Y-%m-%d %H:%M}..{h['end_at']:%Y-%m-%d %H:%M}"
                    rows[i]["history_window"] = desc
                    ev[i]["history_in_window"] = (f"all {rows[i]['n_posts']} posts "
                                                  f"({rows[i]['first_post']:%Y-%m-%d %H:%M}..{rows[i]['last_post']:%Y-%m-%d %H:%M}) "
                                                  f"lie inside the burst window {desc}")
            engine.drop("burst_windows")
        if use_clusters:
            engine.drop("post_clusters")

    def _texts(self, engine, index, base, rows, ev):
        from collections import Counter
        from functools import partial

        from .text_features import FEATURE_COUNTS_SQL, TEXT_FEATURES, text_features

        langs: dict[int, Counter] = defaultdict(Counter)
        post_scripts: dict[int, Counter] = defaultdict(Counter)
        misspelt: dict[int, set] = defaultdict(set)
        if self.text_sample:
            # Language, scripts and place names per text run where the texts are; only
            # per-account counts come back.
            engine.map_batches("account_text_features", q.TEXT_SAMPLE.format(cap=int(self.text_sample)),
                               partial(text_features, min_letters=self.min_letters, min_fr_pop=self.min_fr_pop),
                               TEXT_FEATURES)
            try:
                counts = engine.sql(FEATURE_COUNTS_SQL).to_pylist()
            finally:
                engine.drop("account_text_features")
            # Ties of the most frequent language go to the one seen first in the account's
            # sample order (own posts before reposts, oldest first).
            counts.sort(key=lambda r: (-r["n"], r["first_rk"], r["value"]))
            for r in counts:
                i = index.get((r["platform"], r["account_id"]))
                if i is None:
                    continue
                if r["feature"] == "lang":
                    langs[i][r["value"]] += r["n"]
                elif r["feature"] == "script":
                    post_scripts[i][r["value"]] += r["n"]
                else:
                    misspelt[i].add((r["value"], r["city"], r["attested"]))
        for i, b in enumerate(base):
            r, e = rows[i], ev[i]
            bio, name = b.get("description"), b.get("display_name")
            r.update(features_from_counts(langs.get(i, Counter()), post_scripts.get(i, Counter()), bio, name,
                                          self.min_letters))
            fl = flags(f"{name or ''} {bio or ''} {b.get('location') or ''}")
            r["flags"] = list(dict.fromkeys(fl))
            if r["flags"]:
                e["flags"] = "flag emoji in profile: " + ", ".join(r["flags"])
            cc, match = resolve_location(b.get("location"))
            r["location_country"], r["location_match"] = cc, match
            if cc:
                e["location"] = f"declared location '{b.get('location')}' -> {cc} ({match})"
            profile = [bio or "", b.get("location") or ""]
            mis = sorted(misspelt.get(i, set()) | set(
                misspellings(profile, self.min_fr_pop, [detect_lang(t, self.min_letters) for t in profile])))
            # One verdict per word (the same wherever it is seen; see text_features).
            mis = list({w: (w, city, att) for w, city, att in mis}.values())
            r["misspelt_places"] = [f"{w}->{city}" for w, city, _ in mis]
            if mis:
                e["misspelt_places"] = "; ".join(
                    f"'{w}' for {city}" + (" (attested exonym)" if att else "") for w, city, att in mis)
            if r["top_post_lang"]:
                e["languages"] = "posts: " + ", ".join(r["post_langs"]) + (f"; bio: {r['bio_lang']}" if r["bio_lang"] else "")
            if r["profile_scripts"] or r["post_scripts"]:
                e["scripts"] = "posts: " + ", ".join(r["post_scripts"]) + "; profile: " + ", ".join(r["profile_scripts"])

    def _domains(self, engine, index, rows, ev, n_accounts):
        cap = max(2, int(np.ceil(self.shared_domain_max_share * n_accounts)))
        shared: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for r in engine.sql(q.DOMAIN_ACCOUNTS.format(max_accounts=cap)).to_pylist():
            i = index.get((r["platform"], r["account_id"]))
            if i is not None:
                shared[i].append((int(r["n_accounts"]), r["dom"]))
        for i, lst in shared.items():
            lst.sort(key=lambda x: (x[0], x[1]))
            rows[i]["shared_domains"] = [f"{d}:{n}" for n, d in lst[:20]]
            ev[i]["shared_domains"] = "links to domains used by few accounts: " + ", ".join(rows[i]["shared_domains"][:5])
