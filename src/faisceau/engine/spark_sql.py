"""DuckDB-dialect SQL to Spark SQL: sqlglot, plus the fixes that make results identical.

sqlglot translates syntax; where DuckDB and Spark *mean* different things by the same
spelling, the AST is rewritten here before Spark SQL is generated. Each rule below names
the difference it removes. A construct whose meaning cannot be carried over raises
``EngineError`` instead of silently computing something else on Spark.

Conventions for detector SQL (checked by tests/engine):
- ``len(x)`` / ``array_length(x)`` are list lengths; ``length(s)`` is a string length.
- ``epoch_ms(ts)`` converts a timestamp to milliseconds (not the reverse); ``epoch(ts)``
  to fractional seconds; ``make_timestamp(us)`` turns microseconds into a timestamp.
- ``regexp_replace`` should carry the ``'g'`` flag (Spark has no first-match-only form;
  one is emulated). Replacement groups are written ``\\1`` as in DuckDB.
- ``hash()`` differs between engines (DuckDB's 64-bit hash vs Spark's murmur3), so it is
  refused; use ``md5()`` (identical) for portable hashing.
- Guard divisions by a column with ``nullif(d, 0)``: DuckDB gives inf, Spark (ANSI) errors.
"""
from __future__ import annotations

import re

from ..errors import EngineError

# Names introduced by the rewrites; never produced by detector SQL.
_QUALIFY_ALIAS = "_fq_{}"


def _sqlglot():
    import sqlglot
    from sqlglot import exp
    from sqlglot.dialects.duckdb import DuckDB

    return sqlglot, exp, DuckDB


_DIALECT = None


def _dialect():
    """DuckDB's reader with ``len`` bound to list length (DuckDB's len also takes strings)."""
    global _DIALECT
    if _DIALECT is None:
        sqlglot, exp, DuckDB = _sqlglot()

        class FaisceauDuckDB(DuckDB):
            class Parser(DuckDB.Parser):
                FUNCTIONS = {
                    **DuckDB.Parser.FUNCTIONS,
                    "LEN": lambda args: exp.ArraySize(this=args[0]),
                }

        _DIALECT = FaisceauDuckDB
    return _DIALECT


def to_spark_sql(query: str) -> str:
    """Transpile one DuckDB-dialect query to Spark SQL (see the module doc for the rules)."""
    sqlglot, exp, _ = _sqlglot()
    try:
        trees = sqlglot.parse(query, read=_dialect())
    except sqlglot.errors.ParseError as exc:
        raise EngineError(f"cannot translate query for spark: {exc}") from exc
    if len(trees) != 1 or trees[0] is None:
        raise EngineError("the spark engine runs one SQL statement at a time")
    tree = trees[0]
    for rule in (_qualify, _exclude, _filtered_lists, _ordered_aggregates, _functions):
        tree = _bottom_up(tree, rule)
    tree = _inline_ctes(tree)
    try:
        return tree.sql(dialect="spark", unsupported_level=sqlglot.ErrorLevel.RAISE)
    except sqlglot.errors.UnsupportedError as exc:
        raise EngineError(f"cannot translate query for spark: {exc}") from exc


def _bottom_up(tree, rule):
    """Apply ``rule`` to every node, children first, so rewrites see rewritten arguments."""
    for node in reversed(list(tree.dfs())):
        new = rule(node)
        if new is not node:
            if node is tree:
                tree = new
            else:
                node.replace(new)
    return tree


def uses_regex_columns(spark_sql: str) -> bool:
    """Whether the translated query selects columns by regex (how EXCLUDE is carried over)."""
    return "?+.+`" in spark_sql


# -- WITH: each common table expression becomes a subquery where it is named -------------
def _inline_ctes(tree):
    """Spark finds a cached relation (``Engine.materialize``) in a query by comparing plans,
    and a query with a WITH clause does not match the cached plans of relations that were
    themselves computed by a query with a WITH clause: each such reference recomputes the
    relation from its sources (a detector's every later query then re-ran the pair join
    or the hashing steps). Subqueries mean the same and keep the cached plans matching;
    Spark inlines CTEs during optimisation in any case."""
    _, exp, _ = _sqlglot()
    for with_ in reversed(list(tree.find_all(exp.With))):
        query = with_.parent
        ctes = list(with_.expressions)
        if with_.args.get("recursive"):
            raise EngineError("spark: recursive WITH is not supported")
        query.set("with_", None)
        for i, cte in enumerate(ctes):
            name = cte.alias
            targets = [c.this for c in ctes[i + 1:]] + [query]
            for target in targets:
                for table in list(target.find_all(exp.Table)):
                    if table.name == name and not table.args.get("db") and not table.args.get("catalog"):
                        alias = table.alias or name
                        table.replace(exp.Subquery(this=cte.this.copy(), alias=exp.TableAlias(this=exp.to_identifier(alias))))
    return tree


# -- QUALIFY: filter in an outer query, then drop the helper columns ----------------------
def _qualify(node):
    _, exp, _ = _sqlglot()
    if not isinstance(node, exp.Select) or not node.args.get("qualify"):
        return node
    cond = node.args["qualify"].this.copy()
    inner = node.copy()
    inner.set("qualify", None)
    order, limit = inner.args.get("order"), inner.args.get("limit")
    inner.set("order", None)
    inner.set("limit", None)
    names = []
    for i, win in enumerate(list(cond.find_all(exp.Window))):
        name = _QUALIFY_ALIAS.format(i)
        inner.select(exp.alias_(win.copy(), name), copy=False)
        win.replace(exp.column(name))
        names.append(name)
    outer = exp.select(exp.Star(except_=[exp.column(n) for n in names]) if names else exp.Star())
    outer = outer.from_(inner.subquery("_fq")).where(cond)
    if order is not None:
        outer.set("order", order)
    if limit is not None:
        outer.set("limit", limit)
    return outer


# -- SELECT * EXCLUDE: Spark has no column exclusion; select by a Hive-style regex --------
def _exclude(node):
    _, exp, _ = _sqlglot()
    if isinstance(node, exp.Star) and node.args.get("except_"):
        names = [c.name for c in node.args["except_"]]
        if not all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", n) for n in names):
            raise EngineError(f"spark: EXCLUDE needs plain column names, got {names}")
        # `(a|b)?+.+` matches every name except exactly a or b (possessive optional group).
        return exp.Identifier(this=f"({'|'.join(names)})?+.+", quoted=True)
    return node


# -- list(x ORDER BY k) / string_agg(x, s ORDER BY k): collect_list has no order ----------
def _sorted_collect(value, ordered, where=None):
    """Spark expression: the values collected and sorted like DuckDB's ORDER BY (NULLS LAST
    unless asked), only from the rows where ``where`` holds (an aggregate's FILTER).

    When every key sorts the same way, the rows are collected as structs (per key: a
    null flag, then the key; the value last) and sorted by ``SORT_ARRAY``, whose natural
    struct order is compiled; keys in mixed directions need a comparator lambda, which
    Spark interprets element by element. Rows whose keys tie come out in value order
    (DuckDB leaves their order unspecified: detector SQL orders by unique keys)."""
    _, exp, _ = _sqlglot()
    desc = {bool(o.args.get("desc")) for o in ordered}
    if len(desc) == 1:
        descending = desc.pop()
        fields = []
        for i, o in enumerate(ordered):
            key = o.this.copy()
            # Flag first, then the key: false sorts before true, so the flag orders the
            # NULL keys; in a descending sort the larger flag comes first.
            nulls_first = bool(o.args.get("nulls_first"))
            null_flag = exp.Is(this=key.copy(), expression=exp.Null())
            flag = exp.Not(this=null_flag) if nulls_first != descending else null_flag
            fields += [exp.alias_(flag, f"n{i}"), exp.alias_(key, f"k{i}")]
        fields.append(exp.alias_(value.copy(), "v"))
        collected = exp.Anonymous(this="COLLECT_LIST", expressions=[_only_where(exp.Struct(expressions=fields), where)])
        sort = exp.Anonymous(this="SORT_ARRAY", expressions=[collected, exp.false() if descending else exp.true()])
    else:
        fields = [exp.alias_(o.this.copy(), f"k{i}") for i, o in enumerate(ordered)]
        fields.append(exp.alias_(value.copy(), "v"))
        collected = exp.Anonymous(this="COLLECT_LIST", expressions=[_only_where(exp.Struct(expressions=fields), where)])
        cases = []
        for i, o in enumerate(ordered):
            lk, rk = f"l.k{i}", f"r.k{i}"
            before, after = ("1", "-1") if o.args.get("desc") else ("-1", "1")
            nulls_first = bool(o.args.get("nulls_first"))
            n_before, n_after = ("-1", "1") if nulls_first else ("1", "-1")
            cases.append(
                f"WHEN {lk} IS NULL AND {rk} IS NOT NULL THEN {n_before} "
                f"WHEN {lk} IS NOT NULL AND {rk} IS NULL THEN {n_after} "
                f"WHEN {lk} < {rk} THEN {before} WHEN {lk} > {rk} THEN {after}"
            )
        body = exp.maybe_parse(f"CASE {' '.join(cases)} ELSE 0 END", dialect="spark")
        cmp = exp.Lambda(this=body, expressions=[exp.to_identifier("l"), exp.to_identifier("r")])
        sort = exp.Anonymous(this="ARRAY_SORT", expressions=[collected, cmp])
    pick = exp.Lambda(this=exp.column("v", table="s"), expressions=[exp.to_identifier("s")])
    return exp.Anonymous(this="TRANSFORM", expressions=[sort, pick])


def _only_where(struct, where):
    """The struct, or NULL where the FILTER condition fails (collect_list skips NULLs; the
    struct itself is never NULL, so a NULL value is still collected, as DuckDB does)."""
    _, exp, _ = _sqlglot()
    if where is None:
        return struct
    return exp.Case(ifs=[exp.If(this=where.copy(), true=struct)])


def _filtered_lists(node):
    """``list(x ORDER BY k) FILTER (WHERE c)``: the condition goes inside the collected
    structs (a FILTER clause cannot follow the TRANSFORM that replaces the aggregate)."""
    _, exp, _ = _sqlglot()
    if (isinstance(node, exp.Filter) and isinstance(node.this, exp.ArrayAgg)
            and isinstance(node.this.this, exp.Order)):
        where = node.expression.this
        got = _sorted_collect(node.this.this.this, node.this.this.expressions, where)
        # No row passes: DuckDB's list is NULL, Spark's collect_list an empty array.
        passed = exp.Count(this=exp.Case(ifs=[exp.If(this=where.copy(), true=exp.Literal.number(1))]))
        return exp.Case(ifs=[exp.If(this=exp.GT(this=passed, expression=exp.Literal.number(0)), true=got)])
    return node


def _ordered_aggregates(node):
    _, exp, _ = _sqlglot()
    if isinstance(node, exp.ArrayAgg) and isinstance(node.this, exp.Order):
        return _sorted_collect(node.this.this, node.this.expressions)
    if isinstance(node, exp.GroupConcat):
        sep = node.args.get("separator") or exp.Literal.string(",")
        arg = node.this
        if isinstance(arg, exp.Order):
            if isinstance(arg.this, exp.Distinct):
                raise EngineError("spark: string_agg(DISTINCT ... ORDER BY ...) is not supported")
            arr = _sorted_collect(arg.this, arg.expressions)
        elif isinstance(arg, exp.Distinct):
            # Order of DISTINCT values is unspecified in DuckDB too; sort for determinism.
            arr = exp.Anonymous(
                this="ARRAY_SORT",
                expressions=[exp.Anonymous(this="COLLECT_SET", expressions=[arg.expressions[0].copy()])],
            )
        else:
            arr = exp.Anonymous(this="COLLECT_LIST", expressions=[arg.copy()])
        return exp.Anonymous(this="ARRAY_JOIN", expressions=[arr, sep.copy()])
    return node


# -- functions whose meaning differs ------------------------------------------------------
_DIFF_DIVISORS = {  # unit -> microseconds per unit, for boundary-counting date_diff
    "MICROSECOND": 1, "MICROSECONDS": 1, "US": 1,
    "MILLISECOND": 1_000, "MILLISECONDS": 1_000, "MS": 1_000,
    "SECOND": 1_000_000, "SECONDS": 1_000_000, "S": 1_000_000,
    "MINUTE": 60_000_000, "MINUTES": 60_000_000, "M": 60_000_000,
    "HOUR": 3_600_000_000, "HOURS": 3_600_000_000, "H": 3_600_000_000,
    "DAY": 86_400_000_000, "DAYS": 86_400_000_000, "D": 86_400_000_000,
}


def _sp(sql: str, **subs):
    """Parse a Spark snippet whose placeholders are filled with already-built expressions."""
    _, exp, _ = _sqlglot()
    tree = exp.maybe_parse(sql, dialect="spark")
    return tree.transform(
        lambda n: subs[n.name].copy() if isinstance(n, exp.Column) and n.name in subs else n
    )


def _micros(e):
    return _sp("UNIX_MICROS(CAST(__x AS TIMESTAMP))", __x=e)


def _functions(node):
    _, exp, _ = _sqlglot()
    if isinstance(node, exp.TimeToUnix) or (
        isinstance(node, exp.Extract) and node.this.name.upper() == "EPOCH"
    ):
        # DuckDB epoch() is fractional seconds; Spark's unix_timestamp truncates.
        target = node.this if isinstance(node, exp.TimeToUnix) else node.expression
        return _sp("__u / 1E6", __u=_micros(target))
    if isinstance(node, exp.UnixToTime):
        scale = node.args.get("scale")
        if scale is not None and scale.name == "3" and not isinstance(node.this, exp.Literal):
            # epoch_ms(ts): timestamp -> ms (sqlglot reads it as the reverse conversion).
            return _sp("UNIX_MILLIS(CAST(__x AS TIMESTAMP))", __x=node.this)
        if scale is None:
            # to_timestamp(seconds): keep the fraction (from_unixtime drops it).
            return _sp(
                "CAST(TIMESTAMP_MICROS(CAST(ROUND(__x * 1000000) AS BIGINT)) AS TIMESTAMP_NTZ)",
                __x=node.this,
            )
        return node
    if isinstance(node, exp.DateDiff):
        return _date_diff(node)
    if isinstance(node, exp.DayOfWeek):
        return _sp("(DAYOFWEEK(__x) - 1)", __x=node.this)  # DuckDB: Sunday = 0
    if isinstance(node, exp.DayOfWeekIso):
        return _sp("(WEEKDAY(__x) + 1)", __x=node.this)  # ISO: Monday = 1
    if isinstance(node, exp.RegexpReplace):
        return _regexp_replace(node)
    if isinstance(node, exp.PercentileCont) and node.expression is not None:
        return exp.Anonymous(this="PERCENTILE", expressions=[node.this.copy(), node.expression.copy()])
    if isinstance(node, exp.PercentileDisc) and node.expression is not None:
        raise EngineError("spark: quantile_disc differs between engines; use quantile_cont or median")
    if isinstance(node, exp.Anonymous) and node.name.lower() == "hash":
        raise EngineError("spark: hash() differs between DuckDB and Spark; use md5() for a portable hash")
    if isinstance(node, exp.Anonymous) and node.name.lower() in ("list_slice", "array_slice"):
        arr, lo, hi = node.expressions[:3]
        return _slice(arr, lo, hi)
    if isinstance(node, exp.Bracket) and len(node.expressions) == 1:
        idx = node.expressions[0]
        if isinstance(idx, exp.Slice):
            return _slice(node.this, idx.this, idx.expression)
        if not (isinstance(idx, exp.Literal) and idx.is_string):
            # DuckDB lists are 1-based and out-of-range gives NULL: try_element_at, exactly.
            # (sqlglot shifts literal indexes to 0-based, not others: undo the shift.)
            one_based = exp.Literal.number(int(idx.name) + 1) if isinstance(idx, exp.Literal) else idx.copy()
            return exp.Anonymous(this="TRY_ELEMENT_AT", expressions=[node.this.copy(), one_based])
    return node


def _slice(arr, lo, hi):
    _, exp, _ = _sqlglot()
    if lo is None or hi is None:
        raise EngineError("spark: list slices need both bounds")
    # DuckDB slices are 1-based and inclusive of both ends.
    return _sp("SLICE(__a, __lo, __hi - __lo + 1)", __a=arr, __lo=lo, __hi=hi)


def _date_diff(node):
    """DuckDB's date_diff counts unit boundaries crossed; Spark's counts whole units elapsed."""
    unit = (node.args.get("unit").name if node.args.get("unit") is not None else "DAY").upper()
    start, end = node.expression, node.this
    if unit in _DIFF_DIVISORS:
        d = _DIFF_DIVISORS[unit]
        return _sp(
            f"(FLOOR(__e / {d}) - FLOOR(__s / {d}))", __e=_micros(end), __s=_micros(start)
        )
    if unit in ("MONTH", "MONTHS", "YEAR", "YEARS"):
        per = "12 * YEAR(__e) + MONTH(__e) - 12 * YEAR(__s) - MONTH(__s)"
        expr = per if unit.startswith("MONTH") else "YEAR(__e) - YEAR(__s)"
        return _sp(f"({expr})", __e=end, __s=start)
    raise EngineError(f"spark: date_diff unit '{unit.lower()}' is not supported; use seconds or days")


def _regexp_replace(node):
    _, exp, _ = _sqlglot()
    mods = node.args.get("modifiers")
    flags = mods.name if isinstance(mods, exp.Literal) else ""
    if mods is not None and not isinstance(mods, exp.Literal):
        raise EngineError("spark: regexp_replace options must be a literal")
    unknown = set(flags) - set("gic")
    if unknown:
        raise EngineError(f"spark: regexp_replace options {''.join(sorted(unknown))!r} are not supported")
    pattern, repl = node.expression, node.args.get("replacement")
    if not (isinstance(pattern, exp.Literal) and isinstance(repl, exp.Literal)):
        raise EngineError("spark: regexp_replace needs literal pattern and replacement")
    pat = pattern.name
    # DuckDB (RE2) writes groups \1 in the replacement, Java $1; a literal $ must be escaped.
    rep = re.sub(r"\\(\d)", r"$\1", repl.name.replace("$", r"\$"))
    if "i" in flags and "c" not in flags.split("i")[-1]:
        pat = "(?i)" + pat
    if "g" not in flags:
        # First match only: consume the shortest prefix, then the match, keep the prefix.
        pat = f"(?s)^(.*?)(?:{pat})"
        rep = re.sub(r"\$(\d)", lambda m: f"${int(m.group(1)) + 1}", rep)
        rep = "$1" + rep
    return exp.Anonymous(
        this="REGEXP_REPLACE",
        expressions=[node.this.copy(), exp.Literal.string(pat), exp.Literal.string(rep)],
    )
