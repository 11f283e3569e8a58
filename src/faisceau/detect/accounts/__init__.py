"""Per-account inauthenticity signals and origin clues (table ``account_signals``).

Modules: ``aggregate`` (the SQL), ``creation`` (creation bursts), ``profile`` (handles,
images, bios), ``cadence`` (automation), ``origin`` (UTC offset), ``language``,
``places`` (locations, misspelt place names), ``watchlist``, ``score``; ``detector``
ties them into ``AccountSignals``. ``run_accounts`` / ``run_bursts`` are the store-level
entry points the CLI calls.
"""
from __future__ import annotations

from ...store import Store, utcnow
from ..bursts import BURSTS, BurstDetector
from .detector import AccountSignals
from .table import ACCOUNT_SIGNALS
from .watchlist import load_watchlist


def _clusters(store: Store):
    """Post -> content cluster from the content stage (its ``content_members`` table),
    None when the content stage has not run: cluster series are then skipped."""
    if not store.has_table("content_members"):
        return None
    cols = {r[0] for r in store.con.execute("DESCRIBE content_members").fetchall()}
    if not {"post_id", "cluster_id"} <= cols:
        return None
    return store.table("content_members", [c for c in ("platform", "post_id", "cluster_id") if c in cols])


def run_bursts(store: Store, *, engine=None, detector: BurstDetector | None = None) -> BurstDetector:
    """Detect bursts on the store and write the ``bursts`` table."""
    from ...engine import get_engine

    det = detector or BurstDetector()
    eng = engine or get_engine(store=store)
    started = utcnow()
    det.fit(eng, clusters=_clusters(store))
    store.write_results({"bursts": (BURSTS, det.result_)}, stage="bursts", params=det.get_params(),
                        engine=eng.name, started_at=started)
    return det


def run_accounts(store: Store, *, engine=None, watchlist: str | None = None,
                 detector: AccountSignals | None = None,
                 burst_detector: BurstDetector | None = None) -> AccountSignals:
    """Compute account signals and write ``account_signals``.

    Campaign windows come from the store's ``bursts`` table when it exists; otherwise
    bursts are detected first (and written too, so the windows used are on record).
    """
    from ...engine import get_engine

    det = detector or AccountSignals()
    eng = engine or get_engine(store=store)
    started = utcnow()
    clusters = _clusters(store)
    results = {}
    if store.has_table("bursts") and burst_detector is None:
        bursts = store.table("bursts")
        windows_from = "store"
    else:
        bd = (burst_detector or BurstDetector()).fit(eng, clusters=clusters)
        bursts = bd.result_
        results["bursts"] = (BURSTS, bursts)
        windows_from = "computed"
    watch = load_watchlist(watchlist) if watchlist else None
    det.fit(eng, bursts=bursts, clusters=clusters, watchlist=watch)
    results["account_signals"] = (ACCOUNT_SIGNALS, det.result_)
    params = det.get_params()
    params.update(campaign_windows=windows_from, watchlist=str(watchlist) if watchlist else None,
                  content_clusters=clusters is not None)
    store.write_results(results, stage="accounts", params=params, engine=eng.name, started_at=started)
    return det


__all__ = ["AccountSignals", "ACCOUNT_SIGNALS", "BurstDetector", "BURSTS", "load_watchlist",
           "run_accounts", "run_bursts"]
