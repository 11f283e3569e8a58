"""Plots for the report, as self-contained SVG data URIs (matplotlib, no network).

Data strings (hashtags, handles) never become markup: each plot is embedded through
``<img src="data:image/svg+xml;base64,...">``, where scripts do not run.
"""
from __future__ import annotations

import base64
import datetime as dt
import io

import matplotlib
import matplotlib.ticker

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from ..store import Store  # noqa: E402

INK, ACCENT, MUTED, GRID = "#1f2a44", "#c0392b", "#8a94a6", "#e6e9ef"
plt.rcParams.update({"font.size": 9, "legend.fontsize": 8, "axes.edgecolor": MUTED, "axes.labelcolor": INK, "xtick.color": INK,
                     "ytick.color": INK, "axes.spines.top": False, "axes.spines.right": False,
                     "svg.fonttype": "path", "svg.hashsalt": "faisceau"})


def _uri(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()


def timeline(store: Store, cid: str, start: dt.datetime, end: dt.datetime) -> str:
    """Posts per hour: the campaign against everyone else, around its window."""
    pad = max((end - start) * 0.5, dt.timedelta(hours=12))
    rows = store.con.execute(
        """SELECT date_trunc('hour', p.created_at) AS h,
                  count(*) FILTER (WHERE c.post_id IS NOT NULL), count(*) FILTER (WHERE c.post_id IS NULL)
           FROM posts p LEFT JOIN (SELECT platform, post_id FROM campaign_posts WHERE campaign_id = ?) c
             USING (platform, post_id)
           WHERE p.created_at BETWEEN ? AND ? GROUP BY h ORDER BY h""", [cid, start - pad, end + pad]).fetchall()
    fig, ax = plt.subplots(figsize=(11, 2.8))
    if rows:
        hours = [r[0] for r in rows]
        ax.bar(hours, [r[2] for r in rows], width=1 / 24, color=MUTED, alpha=0.6, label="other posts")
        ax.bar(hours, [r[1] for r in rows], width=1 / 24, bottom=[r[2] for r in rows], color=ACCENT,
               label="campaign posts")
    ax.axvspan(start, end, color=ACCENT, alpha=0.06, lw=0)
    ax.set_ylabel("posts per hour")
    ax.grid(axis="y", color=GRID)
    ax.legend(frameon=False, loc="upper left")
    fig.autofmt_xdate()
    return _uri(fig)


def creation_histogram(store: Store, cid: str) -> str:
    """Share of accounts created each month: campaign core accounts against all accounts."""
    rows = store.con.execute(
        """SELECT strftime(a.created_at, '%Y-%m') AS m,
                  count(*) FILTER (WHERE c.account_id IS NOT NULL), count(*)
           FROM accounts_latest a LEFT JOIN (SELECT account_id FROM campaign_accounts
                                             WHERE campaign_id = ? AND membership = 'core') c USING (account_id)
           WHERE a.created_at IS NOT NULL GROUP BY m ORDER BY m""", [cid]).fetchall()
    fig, ax = plt.subplots(figsize=(11, 2.4))
    if rows:
        months = [dt.datetime.strptime(r[0], "%Y-%m") for r in rows]
        n_camp, n_all = sum(r[1] for r in rows) or 1, sum(r[2] for r in rows) or 1
        ax.bar(months, [r[2] / n_all for r in rows], width=25, color=MUTED, alpha=0.7, label="all accounts")
        ax.bar(months, [r[1] / n_camp for r in rows], width=25, color=ACCENT, alpha=0.9, label="campaign accounts")
        ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0, decimals=0))
    ax.set_ylabel("share created that month")
    ax.grid(axis="y", color=GRID)
    ax.legend(frameon=False, loc="upper left")
    return _uri(fig)


def hour_of_day(store: Store, cid: str) -> str:
    """Share of posts per UTC hour: the campaign's accounts against everyone else."""
    rows = store.con.execute(
        """SELECT hour(p.created_at) AS h,
                  count(*) FILTER (WHERE c.account_id IS NOT NULL), count(*) FILTER (WHERE c.account_id IS NULL)
           FROM posts p LEFT JOIN (SELECT account_id FROM campaign_accounts
                                   WHERE campaign_id = ? AND membership = 'core') c USING (account_id)
           GROUP BY h ORDER BY h""", [cid]).fetchall()
    camp, other = np.zeros(24), np.zeros(24)
    for h, a, b in rows:
        camp[h], other[h] = a, b
    fig, ax = plt.subplots(figsize=(5.4, 3.4))
    x = np.arange(24)
    if camp.sum():
        ax.plot(x, camp / camp.sum(), color=ACCENT, lw=2, label="campaign")
    if other.sum():
        ax.plot(x, other / other.sum(), color=MUTED, lw=1.5, ls="--", label="others")
    ax.set_xticks(range(0, 24, 3))
    ax.set_xlabel("hour of day (UTC)")
    ax.set_ylabel("share of posts")
    ax.grid(color=GRID)
    ax.legend(frameon=False, fontsize=8)
    return _uri(fig)


# Drawn in this order, so originators stay on top of the crowd.
ROLE_COLOURS = {"periphery": "#8a94a6", "amplifier": "#e67e22", "originator": "#c0392b"}


def network(store: Store, findings: dict, edges: list[dict], cid: str, max_nodes: int = 400) -> str:
    """The campaign's accounts: significant co-action edges (dark) and reposts of its
    originators (light), nodes coloured by role; seeded spring layout."""
    import networkx as nx

    accs = {a["account_id"]: a for a in findings["accounts"] if a["campaign_id"] == cid}
    keep = sorted(accs, key=lambda a: (accs[a]["role"] != "originator", accs[a]["membership"] != "core", a))
    g = nx.Graph()
    g.add_nodes_from(keep[:max_nodes])
    for e in edges:
        if e["u"] in g and e["v"] in g:
            g.add_edge(e["u"], e["v"], kind="coaction")
    if not findings.get("pseudonymized"):
        for u, v in store.con.execute(
                """SELECT DISTINCT p.account_id, p.parent_account_id FROM posts p
                   JOIN campaign_posts c USING (platform, post_id)
                   WHERE c.campaign_id = ? AND p.kind = 'repost' AND p.parent_account_id IN
                     (SELECT account_id FROM campaign_accounts WHERE campaign_id = ? AND role = 'originator')""",
                [cid, cid]).fetchall():
            if u in g and v in g and not g.has_edge(u, v):
                g.add_edge(u, v, kind="repost")
    fig, ax = plt.subplots(figsize=(5.4, 3.4))
    ax.set_axis_off()
    if g.number_of_nodes():
        pos = nx.spring_layout(g, seed=7, k=1.5 / max(np.sqrt(g.number_of_nodes()), 1), iterations=80)
        for kind, colour, alpha in (("repost", MUTED, 0.35), ("coaction", INK, 0.25)):
            es = [(u, v) for u, v, d in g.edges(data=True) if d["kind"] == kind]
            nx.draw_networkx_edges(g, pos, edgelist=es, ax=ax, width=0.5, alpha=alpha, edge_color=colour)
        for role, colour in ROLE_COLOURS.items():
            nodes = [n for n in g if accs[n]["role"] == role]
            if nodes:
                nx.draw_networkx_nodes(g, pos, nodelist=nodes, ax=ax, node_size=22 if role != "originator" else 80,
                                       node_color=colour, linewidths=0.8 if role == "originator" else 0,
                                       edgecolors="white", label=role)
        ax.legend(frameon=False, loc="lower left", markerscale=0.8)
    return _uri(fig)
