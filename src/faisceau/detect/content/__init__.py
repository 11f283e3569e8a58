"""Content reuse: copy-paste, rewording, translation and media duplicates.

Public entry points: ``ContentDetector`` (text), ``MediaHasher`` / ``media_clusters``
(images and videos), ``pair_evidence`` (why two posts were linked). Result tables are
declared in ``tables``.
"""
from __future__ import annotations

from .detector import STAGE, ContentDetector
from .tables import CONTENT_CLUSTERS, CONTENT_ELIGIBILITY, CONTENT_MEMBERS, CONTENT_PAIRS

__all__ = ["ContentDetector", "STAGE", "CONTENT_CLUSTERS", "CONTENT_MEMBERS", "CONTENT_PAIRS",
           "CONTENT_ELIGIBILITY"]
