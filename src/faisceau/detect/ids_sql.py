"""Partition-friendly integer ids in engine-neutral SQL.

A global ``row_number() OVER (ORDER BY ...)`` gives ids in one pass, but without a
PARTITION BY Spark sends every row through a single task. Both helpers here rank rows
within partitions of a prefix of their order, then add the number of rows in the
partitions before (a running sum over the few partition rows): the same numbers as the
global ranking, computed partition by partition.
"""
from __future__ import annotations


def dense_ids(name: str, source: str, key: str, carry: tuple[str, ...] = ()) -> str:
    """CTEs ending in ``name(rkey, *carry, id)``: the rows of ``source`` with ``id`` the dense
    rank of ``key`` (0-based, binary string order), as one global ``dense_rank`` would give.

    The rank is taken within 4 096 partitions of the key's first 3 characters, plus the
    number of distinct keys in the partitions before: a prefix partition keeps string
    order, so the numbers are the same."""
    return _ranked(name, source, (f"{key} AS rkey", *carry), ("rkey", *carry), (f"substr({key}, 1, 3)",), (key,),
                   "dense_rank", 0)


def row_ids(name: str, source: str, parts: tuple[str, ...], order: tuple[str, ...], cols: tuple[str, ...],
            start: int = 1) -> str:
    """CTEs ending in ``name(*cols, id)``: the (distinct) rows of ``source`` numbered from
    ``start`` in the order ``parts, order``, as ``row_number() OVER (ORDER BY parts, order)
    + start - 1`` would number them. ``parts`` are the partition expressions (never NULL;
    prefixes of the order, e.g. ``substr(key, 1, 3)``); ``order`` must make the order total
    inside a partition."""
    return _ranked(name, source, cols, cols, parts, order, "row_number", start)


def _ranked(name: str, source: str, select: tuple[str, ...], out: tuple[str, ...], parts: tuple[str, ...],
            order: tuple[str, ...], rank: str, start: int) -> str:
    """``rank()`` within ``parts`` partitions plus the ranks used by the partitions before
    (``max(rank)`` per partition: its row count for row_number, its distinct keys for
    dense_rank), numbered from ``start``."""
    p = ", ".join(f"{e} AS p{i}" for i, e in enumerate(parts))
    pn = ", ".join(f"p{i}" for i in range(len(parts)))
    on = " AND ".join(f"{name}_o.p{i} = {name}_r.p{i}" for i in range(len(parts)))
    rc = ", ".join(f"{name}_r.{x}" for x in out)
    return f"""{name}_r AS (
  SELECT {", ".join(select)}, {p},
         {rank}() OVER (PARTITION BY {", ".join(parts)} ORDER BY {", ".join(order)}) AS r
  FROM {source}
), {name}_o AS (
  SELECT {pn}, CAST(coalesce(sum(n) OVER (ORDER BY {pn} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
                    AS BIGINT) AS off
  FROM (SELECT {pn}, max(r) AS n FROM {name}_r GROUP BY {pn}) {name}_s
), {name} AS (
  SELECT {rc}, CAST({name}_o.off + {name}_r.r + {int(start) - 1} AS BIGINT) AS id
  FROM {name}_r JOIN {name}_o ON {on}
)"""
