"""Read the detectors' result tables for campaign assembly, saying which are missing.

The campaign stage consumes tables written by other stages (coordination, content,
account signals, bursts). Each is optional: a table that is absent is recorded in
``Inputs.missing`` so the assessment can say the evidence is missing instead of
treating it as negative. Column names follow the contracts of those stages; the few
aliases below absorb small naming differences between them (``u``/``account_u``...).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa

from ..store import Store

# Which stage produces each table (for "evidence missing: run faisceau X" messages).
PRODUCERS = {
    "coordination_accounts": "coordination",
    "coordination_communities": "coordination",
    "coaction_edges": "coordination",
    "content_clusters": "content",
    "account_signals": "accounts",
    "bursts": "bursts",
}


@dataclass
class Inputs:
    store: Store
    present: dict[str, list[str]] = field(default_factory=dict)  # table -> column names
    missing: list[str] = field(default_factory=list)

    def has(self, table: str) -> bool:
        return table in self.present

    def col(self, table: str, *candidates: str) -> str | None:
        """The first of ``candidates`` that the table has, else None."""
        cols = self.present.get(table, [])
        lowered = {c.lower(): c for c in cols}
        for c in candidates:
            if c.lower() in lowered:
                return lowered[c.lower()]
        return None

    def missing_stages(self) -> list[str]:
        return sorted({PRODUCERS[t] for t in self.missing})


def read_inputs(store: Store) -> Inputs:
    inp = Inputs(store)
    for name in PRODUCERS:
        if store.has_table(name):
            inp.present[name] = [r[0] for r in store.con.execute(f'DESCRIBE "{name}"').fetchall()]
        else:
            inp.missing.append(name)
    return inp


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def coordination_members(inp: Inputs) -> pa.Table:
    """(account_id, community_id, coordination_score, flagged) of coordination_accounts."""
    t = "coordination_accounts"
    if not inp.has(t):
        return pa.table({"account_id": pa.array([], pa.string()), "community_id": pa.array([], pa.string()),
                         "coordination_score": pa.array([], pa.float64()), "flagged": pa.array([], pa.bool_())})
    acc = inp.col(t, "account_id")
    com = inp.col(t, "community_id", "community")
    score = inp.col(t, "coordination_score", "score")
    flag = inp.col(t, "flagged")
    sql = (
        f"SELECT CAST({quote(acc)} AS VARCHAR) AS account_id, "
        f"CAST({quote(com) if com else 'NULL'} AS VARCHAR) AS community_id, "
        f"CAST({quote(score) if score else 'NULL'} AS DOUBLE) AS coordination_score, "
        f"CAST({quote(flag) if flag else 'TRUE'} AS BOOLEAN) AS flagged FROM {t}"
    )
    return inp.store.query(sql)


def edge_columns(inp: Inputs) -> dict[str, str | None]:
    t = "coaction_edges"
    return {
        "u": inp.col(t, "u", "account_u", "source", "account_a", "src"),
        "v": inp.col(t, "v", "account_v", "target", "account_b", "dst"),
        "type": inp.col(t, "type", "action_type", "kind"),
        "weight": inp.col(t, "weight", "n", "count"),
        "expected": inp.col(t, "expected"),
        "p_value": inp.col(t, "p_value", "pvalue", "q_value"),
        "z": inp.col(t, "z", "z_score"),
        "median_dt": inp.col(t, "median_dt_s", "median_dt", "median_delta_s", "median_delta"),
        "evidence": inp.col(t, "evidence_post_ids", "evidence", "post_ids", "posts"),
        "first": inp.col(t, "first_at", "first_time", "first", "t_first"),
        "last": inp.col(t, "last_at", "last_time", "last", "t_last"),
    }


def edges(inp: Inputs) -> pa.Table:
    """coaction_edges with normalised column names (u, v, type, weight, expected, p_value,
    z, median_dt, evidence as text)."""
    if not inp.has("coaction_edges"):
        return pa.table({k: pa.array([], pa.string()) for k in ("u", "v", "type")})
    c = edge_columns(inp)
    parts = []
    for k in ("u", "v", "type"):
        parts.append(f"CAST({quote(c[k]) if c[k] else 'NULL'} AS VARCHAR) AS {k}")
    for k in ("weight", "expected", "p_value", "z", "median_dt"):
        if c[k] and k == "median_dt" and "timestamp" not in _type(inp, "coaction_edges", c[k]):
            parts.append(f"TRY_CAST({quote(c[k])} AS DOUBLE) AS {k}")
        elif c[k] and k != "median_dt":
            parts.append(f"TRY_CAST({quote(c[k])} AS DOUBLE) AS {k}")
        else:
            parts.append(f"CAST(NULL AS DOUBLE) AS {k}")
    ev = c["evidence"]
    if ev and "[]" in column_type(inp, "coaction_edges", ev):
        parts.append(f"CAST({quote(ev)} AS VARCHAR[]) AS evidence")
    else:
        parts.append(f"CAST({quote(ev)} AS VARCHAR) AS evidence" if ev else "CAST(NULL AS VARCHAR) AS evidence")
    # Only significant edges are evidence of coordination; the table also keeps the others.
    sig = inp.col("coaction_edges", "significant")
    where = f" WHERE {quote(sig)}" if sig else ""
    return inp.store.query(f"SELECT {', '.join(parts)} FROM coaction_edges{where}")


def _type(inp: Inputs, table: str, column: str) -> str:
    for name, typ, *_ in inp.store.con.execute(f"DESCRIBE {quote(table)}").fetchall():
        if name == column:
            return typ.lower()
    return ""


def column_type(inp: Inputs, table: str, column: str) -> str:
    return _type(inp, table, column)


def one(cursor):
    """The first row of an executed statement, or None, consuming the whole result:
    DuckDB 2.0 refuses further work on a connection with an unfinished result."""
    rows = cursor.fetchall()
    return rows[0] if rows else None
