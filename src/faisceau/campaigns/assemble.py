"""Assemble campaigns from the detectors' evidence.

A campaign grows from a seed: a coordination community with enough flagged accounts
(or, when the coordination stage has not run, a content cluster whose accounts the
account-signals stage scores as inauthentic). Seeds that share content clusters are
merged. Then, per campaign:

- window: the bursts of its signature hashtags (``bursts``) bound it; without bursts,
  the span of its accounts' posts that carry the signature;
- originators: authors of posts that the campaign reshared massively (seeds of reshare
  cascades, when the campaign's reposts are most of that post's observed reposts) and
  first posters of its content clusters; the other core accounts are amplifiers;
- periphery: unflagged members of its communities and other accounts of its clusters;
- narratives, reach, languages and creation months (``narratives.py``).

The stage is small relative to detection (it runs on the flagged accounts only), so it
queries the DuckDB store directly.
"""
from __future__ import annotations

import json
from collections import defaultdict

import pyarrow as pa

from ..errors import ParameterError
from ..store import Store, utcnow
from . import inputs as inp_mod
from .narratives import describe_campaign
from .tables import CAMPAIGN_ACCOUNTS, CAMPAIGN_POSTS, CAMPAIGNS


class CampaignAssembler:
    """Merge coordination communities, content clusters, bursts and account signals.

    Parameters
    ----------
    min_accounts: smallest number of flagged accounts for a community to seed a campaign.
    merge_min_accounts: two seeds merge when one content cluster holds at least this many
        accounts of each, or when significant co-action edges between them touch at least
        this many accounts on each side and number at least half the smaller seed's size
        (Leiden can split one dense operation into several communities).
    signature_min_share: a hashtag is a campaign signature when at least this share of
        the campaign accounts' posts carry it.
    originator_min_reposters: a post seeds a reshare cascade when at least this many
        campaign accounts repost it ...
    originator_min_share: ... and they make at least this share of its observed reposts.
    content_seed_min_inauthenticity: without coordination tables, a content cluster seeds
        a campaign only if its accounts' mean inauthenticity score reaches this.
    """

    def __init__(self, min_accounts: int = 5, merge_min_accounts: int = 3, signature_min_share: float = 0.2,
                 originator_min_reposters: int = 3, originator_min_share: float = 0.5,
                 content_seed_min_inauthenticity: float = 0.5):
        self.min_accounts = min_accounts
        self.merge_min_accounts = merge_min_accounts
        self.signature_min_share = signature_min_share
        self.originator_min_reposters = originator_min_reposters
        self.originator_min_share = originator_min_share
        self.content_seed_min_inauthenticity = content_seed_min_inauthenticity

    def get_params(self) -> dict:
        return {k: getattr(self, k) for k in (
            "min_accounts", "merge_min_accounts", "signature_min_share", "originator_min_reposters",
            "originator_min_share", "content_seed_min_inauthenticity")}

    # ------------------------------------------------------------------------------
    def fit(self, store: Store) -> "CampaignAssembler":
        if self.min_accounts < 2:
            raise ParameterError("min_accounts must be at least 2")
        started = utcnow()
        inp = inp_mod.read_inputs(store)
        self.inputs_ = inp
        clusters = _content_clusters(inp)
        seeds = self._seeds(inp, clusters)
        seeds = self._merge(seeds, clusters, inp)
        camp_rows, acc_rows, post_rows = [], [], []
        built = []
        for seed in seeds:
            desc = describe_campaign(store, inp, seed, clusters, self)
            if desc is None:
                continue
            built.append(desc)
        built.sort(key=lambda d: (-d["campaign"]["n_posts"], -d["campaign"]["n_accounts"],
                                  d["campaign"]["label"] or ""))
        for i, d in enumerate(built, 1):
            cid = f"C{i}"
            d["campaign"]["campaign_id"] = cid
            camp_rows.append(d["campaign"])
            for a in d["accounts"]:
                a["campaign_id"] = cid
                acc_rows.append(a)
            posts = d["posts"]
            post_rows.append(posts.append_column("campaign_id", pa.array([cid] * posts.num_rows, pa.string())))
        posts_table = pa.concat_tables([CAMPAIGN_POSTS.conform(p) for p in post_rows]) if post_rows \
            else CAMPAIGN_POSTS.empty()
        self.campaigns_ = CAMPAIGNS.from_rows(camp_rows)
        self.accounts_ = CAMPAIGN_ACCOUNTS.from_rows(acc_rows)
        store.write_results(
            {"campaigns": (CAMPAIGNS, self.campaigns_),
             "campaign_accounts": (CAMPAIGN_ACCOUNTS, self.accounts_),
             "campaign_posts": (CAMPAIGN_POSTS, posts_table)},
            stage="campaigns", params={**self.get_params(), "inputs_missing": inp.missing},
            started_at=started,
        )
        return self

    # ------------------------------------------------------------------------------
    def _seeds(self, inp: inp_mod.Inputs, clusters: list[dict]) -> list[dict]:
        """Each seed: {communities: set, clusters: set, core: set of account ids, seed: kind}."""
        seeds: list[dict] = []
        if inp.has("coordination_accounts"):
            members = inp_mod.coordination_members(inp).to_pylist()
            by_com: dict[str, set] = defaultdict(set)
            for m in members:
                if m["flagged"] and m["community_id"] is not None:
                    by_com[m["community_id"]].add(m["account_id"])
            for com, accs in sorted(by_com.items()):
                if len(accs) >= self.min_accounts:
                    seeds.append({"communities": {com}, "clusters": set(), "core": set(accs), "seed": "coordination"})
            return seeds
        if not inp.has("account_signals") or not clusters:
            return seeds
        scores = _inauthenticity(inp)
        for c in clusters:
            accs = set(c["accounts"])
            known = [scores[a] for a in accs if scores.get(a) is not None]
            if len(accs) >= self.min_accounts and known and \
                    sum(known) / len(known) >= self.content_seed_min_inauthenticity:
                seeds.append({"communities": set(), "clusters": {c["cluster_id"]}, "core": accs, "seed": "content"})
        return seeds

    def _merge(self, seeds: list[dict], clusters: list[dict], inp: inp_mod.Inputs) -> list[dict]:
        """Union seeds that share a content cluster (enough accounts of each in it) or that
        significant co-action edges tie densely."""
        parent = list(range(len(seeds)))

        def find(i):
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for c in clusters:
            accs = set(c["accounts"])
            touching = [i for i, s in enumerate(seeds) if len(s["core"] & accs) >= self.merge_min_accounts]
            for i in touching:
                seeds[i]["clusters"].add(c["cluster_id"])
            for i in touching[1:]:
                parent[find(i)] = find(touching[0])
        for i, j in self._tied_by_edges(seeds, inp):
            parent[find(j)] = find(i)
        merged: dict[int, dict] = {}
        for i, s in enumerate(seeds):
            r = find(i)
            if r not in merged:
                merged[r] = {"communities": set(), "clusters": set(), "core": set(), "seed": s["seed"]}
            m = merged[r]
            m["communities"] |= s["communities"]
            m["clusters"] |= s["clusters"]
            m["core"] |= s["core"]
        return list(merged.values())


    def _tied_by_edges(self, seeds: list[dict], inp: inp_mod.Inputs) -> list[tuple[int, int]]:
        if len(seeds) < 2 or not inp.has("coaction_edges"):
            return []
        owner = {}
        for i, s in enumerate(seeds):
            for a in s["core"]:
                owner.setdefault(a, i)
        cross: dict[tuple[int, int], list] = defaultdict(lambda: [0, set(), set()])
        for e in inp_mod.edges(inp).to_pylist():
            i, j = owner.get(e["u"]), owner.get(e["v"])
            if i is None or j is None or i == j:
                continue
            (i, u), (j, v) = sorted([(i, e["u"]), (j, e["v"])])
            c = cross[(i, j)]
            c[0] += 1
            c[1].add(u)
            c[2].add(v)
        out = []
        for (i, j), (n, left, right) in sorted(cross.items()):
            smaller = min(len(seeds[i]["core"]), len(seeds[j]["core"]))
            if min(len(left), len(right)) >= self.merge_min_accounts and n >= 0.5 * smaller:
                out.append((i, j))
        return out


def _content_clusters(inp: inp_mod.Inputs) -> list[dict]:
    """content_clusters as [{cluster_id, type, accounts, posts, first_account, first_post}]."""
    t = "content_clusters"
    if not inp.has(t):
        return []
    cid = inp.col(t, "cluster_id", "id")
    typ = inp.col(t, "type", "kind")
    accs = inp.col(t, "accounts", "account_ids")
    mem = inp.col(t, "members", "post_ids", "posts")
    fa = inp.col(t, "first_account_id", "first_poster", "first_poster_account_id", "originator")
    fp = inp.col(t, "first_post_id", "first_post")
    q = inp_mod.quote
    sel = [f"CAST({q(cid)} AS VARCHAR) AS cluster_id",
           f"CAST({q(typ)} AS VARCHAR) AS type" if typ else "NULL AS type",
           f"{q(accs)} AS accounts" if accs else "NULL AS accounts",
           f"{q(mem)} AS members" if mem else "NULL AS members",
           f"CAST({q(fa)} AS VARCHAR) AS first_account" if fa else "NULL AS first_account",
           f"CAST({q(fp)} AS VARCHAR) AS first_post" if fp else "NULL AS first_post"]
    rows = inp.store.query(f"SELECT {', '.join(sel)} FROM {t}").to_pylist()
    out = []
    for r in rows:
        members = _as_list(r["members"])
        accounts = _as_list(r["accounts"])
        if not accounts and members:
            accounts = _authors(inp.store, members)
        out.append({"cluster_id": r["cluster_id"], "type": r["type"], "accounts": accounts,
                    "posts": members, "first_account": r["first_account"], "first_post": r["first_post"]})
    return out


def _as_list(v) -> list[str]:
    """A list column, or JSON text of a list, as a list of strings (post ids may be
    given as 'platform:id'; only the id part is kept)."""
    if v is None:
        return []
    if isinstance(v, str):
        try:
            v = json.loads(v)
        except ValueError:
            v = [x for x in v.split(",") if x]
    out = []
    for x in v:
        if isinstance(x, dict):
            x = x.get("post_id") or x.get("account_id") or x.get("id")
        if x is not None:
            out.append(str(x))
    return out


def _authors(store: Store, post_ids: list[str]) -> list[str]:
    t = pa.table({"post_id": pa.array(post_ids, pa.string())})
    store.con.register("_fc_members", t)
    try:
        rows = store.con.execute(
            "SELECT DISTINCT p.account_id FROM posts p JOIN _fc_members m USING (post_id) ORDER BY 1").fetchall()
    finally:
        store.con.unregister("_fc_members")
    return [r[0] for r in rows]


def _inauthenticity(inp: inp_mod.Inputs) -> dict[str, float]:
    t = "account_signals"
    acc = inp.col(t, "account_id")
    sc = inp.col(t, "inauthenticity_score", "score")
    if not acc or not sc:
        return {}
    q = inp_mod.quote
    return dict(inp.store.con.execute(
        f"SELECT CAST({q(acc)} AS VARCHAR), CAST({q(sc)} AS DOUBLE) FROM {t}").fetchall())


def assemble(store: Store, **params) -> CampaignAssembler:
    """Assemble campaigns into the store's campaign tables; returns the fitted assembler."""
    return CampaignAssembler(**params).fit(store)
