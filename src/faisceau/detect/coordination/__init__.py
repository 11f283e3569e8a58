"""Coordinated-behaviour detection: co-action graph, significance against chance, communities.

Python API::

    from faisceau.detect.coordination import CoordinationDetector, detect_coordination
    frames = detect_coordination(store)            # fits, writes the tables, returns DataFrames
    det = CoordinationDetector(types=["co-repost"]).fit(store)
    det.edges_, det.accounts_, det.communities_    # Arrow tables

CooRTweet-compatible mode (``coortweet``): ``detect_groups`` and
``generate_coordinated_network`` with the R package's exact semantics.
"""
from __future__ import annotations

from .actions import ACTION_TYPES
from .coortweet_detector import CooRTweetDetector
from .detector import DEFAULT_TYPES, CoordinationDetector
from .tables import STAGE
from .pairs import DEFAULT_WINDOWS_S
from .tables import COACTION_EDGES, COORDINATION_ACCOUNTS, COORDINATION_COMMUNITIES


def detect_coordination(store, *, engine=None, write: bool = True, mode: str = "default", **params):
    """Fit a CoordinationDetector (``mode="coortweet"``: a CooRTweetDetector) on ``store``,
    write its tables (unless ``write=False``) and return them as pandas DataFrames keyed
    by table name."""
    from ...errors import ParameterError

    if mode not in ("default", "coortweet"):
        raise ParameterError(f"unknown mode '{mode}': choose default or coortweet")
    cls = CoordinationDetector if mode == "default" else CooRTweetDetector
    det = cls(**params).fit(store, engine=engine)
    if write:
        det.write(store)
    return det.dataframes()


__all__ = [
    "ACTION_TYPES", "CooRTweetDetector", "DEFAULT_TYPES", "DEFAULT_WINDOWS_S", "STAGE", "CoordinationDetector",
    "detect_coordination", "COACTION_EDGES", "COORDINATION_ACCOUNTS", "COORDINATION_COMMUNITIES",
]
