"""Publishing the marts to PostgreSQL, for BI servers that need a database server.

The marts live in schema `twbio`, in tables that stay: a publication replaces their rows
(delete and copy) in one transaction. PostgreSQL's MVCC does the rest: a reader keeps
seeing the previous rows until the commit and is never blocked, and views or grants that
users built on the marts survive. Only a change of a mart's columns or keys needs a lock
that waits for readers; every lock is bounded by a timeout, after which the transaction
rolls back and the previous publication stays.

Each mart gets the primary key of its grain and foreign keys to its dimensions (from the
dbt tests that declare them, `audit.mart_keys`), where the published rows satisfy them,
and statistics (ANALYZE) once loaded. A role `twbio_reader` reads schema `twbio` (its
default search_path) and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

SCHEMA = "twbio"
READER = "twbio_reader"
# the tables this module made: a mart that is no longer published is dropped only if it is one
_OWNED = "published by twbio"

_TYPES = {"VARCHAR": "text", "INTEGER": "integer", "BIGINT": "bigint", "DOUBLE": "double precision",
          "FLOAT": "real", "BOOLEAN": "boolean", "DATE": "date", "TIMESTAMP": "timestamp", "HUGEINT": "numeric",
          "SMALLINT": "smallint", "TINYINT": "smallint", "TIMESTAMP WITH TIME ZONE": "timestamptz"}


class PublishError(Exception):
    """A publication that did not happen, in one line; the previous one stays."""


@dataclass
class Mart:
    name: str
    comment: str | None
    columns: list[tuple[str, str, str | None]]   # name, PostgreSQL type, comment
    rows: list[tuple]
    primary_key: list[str] | None
    foreign_keys: list[tuple[list[str], str, list[str]]]  # columns, referenced mart, referenced columns


def _pg_type(duck_type: str) -> str:
    t = duck_type.upper()
    if t.startswith("DECIMAL"):
        return t.replace("DECIMAL", "numeric").lower()
    if t.endswith("[]"):
        return _pg_type(t[:-2]) + "[]"
    return _TYPES.get(t, "text")


def _ident(name: str) -> str:
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise ValueError(f"unexpected identifier {name!r}")
    return f'"{name}"'


def _qualified(name: str) -> str:
    return f"{_ident(SCHEMA)}.{_ident(name)}"


def read_marts(db_path: Path) -> list[Mart]:
    """The marts of the published DuckDB file, with the keys their rows satisfy."""
    with duckdb.connect(str(db_path), read_only=True) as duck:
        names = duck.execute("select table_name, comment from duckdb_tables() where schema_name = 'marts' "
                             "order by 1").fetchall()
        keys = []
        if duck.execute("select count(*) from duckdb_tables() where schema_name = 'audit' "
                        "and table_name = 'mart_keys'").fetchone()[0]:
            keys = duck.execute("select mart, kind, columns, references_mart, references_columns "
                                "from audit.mart_keys order by mart, kind, columns").fetchall()
        columns = {name: duck.execute("select column_name, data_type, comment from duckdb_columns() "
                                      "where schema_name = 'marts' and table_name = ? order by column_index",
                                      [name]).fetchall() for name, _ in names}
        # each mart's primary key, verified once: foreign keys may point only at these
        primary = {}
        for name, _ in names:
            present = {c for c, _, _ in columns[name]}
            primary[name] = next((list(k[2]) for k in keys if k[0] == name and k[1] == "primary_key"
                                  and set(k[2]) <= present and _is_key(duck, name, list(k[2]))), None)
        marts = []
        for name, comment in names:
            present = {c for c, _, _ in columns[name]}
            fks = [(list(k[2]), k[3], list(k[4])) for k in keys
                   if k[0] == name and k[1] == "foreign_key" and set(k[2]) <= present
                   and primary.get(k[3]) == list(k[4]) and _references_hold(duck, name, list(k[2]), k[3], list(k[4]))]
            rows = duck.execute(f'select * from marts."{name}"').fetchall()
            marts.append(Mart(name, comment, [(c, _pg_type(t), cm) for c, t, cm in columns[name]], rows,
                              primary[name], fks))
    return marts


def _is_key(duck, mart: str, columns: list[str]) -> bool:
    cols = ", ".join(f'"{c}"' for c in columns)
    nulls = " or ".join(f'"{c}" is null' for c in columns)
    dup, null = duck.execute(f'select count(*) - count(distinct ({cols})), count(*) filter (where {nulls}) '
                             f'from marts."{mart}"').fetchone()
    return dup == 0 and null == 0


def _references_hold(duck, mart, columns, target, target_columns) -> bool:
    """Every non-null value of a foreign key is found in the target (whose primary key it is)."""
    on = " and ".join(f'f."{c}" = d."{t}"' for c, t in zip(columns, target_columns))
    present = " and ".join(f'f."{c}" is not null' for c in columns)
    return duck.execute(f'select count(*) from marts."{mart}" f where {present} and not exists '
                        f'(select 1 from marts."{target}" d where {on})').fetchone()[0] == 0


def publish_postgres(db_path: Path, url: str, lock_timeout_seconds: float = 30) -> dict:
    """Replace the published rows of every mart in one transaction (see the module)."""
    import psycopg

    marts = read_marts(db_path)
    pg = _connect(url)
    step = "starting"
    try:
        with pg:
            with pg.transaction(), pg.cursor() as cur:
                cur.execute(f"set local lock_timeout = '{int(lock_timeout_seconds * 1000)}ms'")
                cur.execute(f"create schema if not exists {_ident(SCHEMA)}")
                for m in marts:
                    step = f"table {SCHEMA}.{m.name}"
                    _ensure_table(cur, m)
                step = "retired marts"
                _drop_retired(cur, {m.name for m in marts})
                step = "keys"
                existing = _foreign_keys(cur)
                wanted = {(m.name, tuple(c), t, tuple(tc)) for m in marts for c, t, tc in m.foreign_keys}
                for key, (table, name) in existing.items():
                    if key not in wanted:
                        cur.execute(f"alter table {table} drop constraint {_ident(name)}")
                for m in marts:
                    _ensure_primary_key(cur, m)
                for m in marts:
                    step = f"rows of {SCHEMA}.{m.name}"
                    cur.execute(f"delete from {_qualified(m.name)}")
                    names = ", ".join(_ident(c) for c, _, _ in m.columns)
                    with cur.copy(f"copy {_qualified(m.name)} ({names}) from stdin") as copy:
                        for row in m.rows:
                            copy.write_row(row)
                for m in marts:
                    step = f"foreign keys of {SCHEMA}.{m.name}"
                    for cols, target, tcols in m.foreign_keys:
                        if (m.name, tuple(cols), target, tuple(tcols)) in existing:
                            continue
                        cur.execute(f"alter table {_qualified(m.name)} add constraint "
                                    f"{_ident(_fk_name(m.name, cols))} foreign key "
                                    f"({', '.join(map(_ident, cols))}) references {_qualified(target)} "
                                    f"({', '.join(map(_ident, tcols))}) deferrable initially deferred")
                for m in marts:
                    step = f"comments and statistics of {SCHEMA}.{m.name}"
                    _comment(cur, m)
                    cur.execute(f"analyze {_qualified(m.name)}")
                step = "the reader role"
                _grant_reader(cur, pg)
    except psycopg.errors.LockNotAvailable:
        raise PublishError(f"could not lock {step} within {lock_timeout_seconds:g} s: another session holds it "
                           f"(see pg_locks); nothing was changed, the previous publication stays") from None
    except psycopg.Error as e:
        first = (str(e).strip().splitlines() or [type(e).__name__])[0]
        raise PublishError(f"PostgreSQL refused {step}: {first}; nothing was changed, the previous "
                           f"publication stays") from None
    finally:
        pg.close()
    return {"schema": SCHEMA, "tables": len(marts), "rows": sum(len(m.rows) for m in marts), "reader_role": READER,
            "primary_keys": sum(1 for m in marts if m.primary_key),
            "foreign_keys": sum(len(m.foreign_keys) for m in marts)}


def _connect(url: str):
    import psycopg

    try:
        return psycopg.connect(url, autocommit=False, connect_timeout=10)
    except psycopg.ProgrammingError as e:
        raise PublishError(f"not a PostgreSQL connection URL ({_redacted(url)}): {str(e).strip().splitlines()[0]}") from None
    except psycopg.OperationalError as e:
        lines = [ln.strip() for ln in str(e).strip().splitlines() if ln.strip()]
        reason = next((ln for ln in lines if "refused" in ln or "timeout" in ln or "does not exist" in ln
                       or "authentication" in ln), lines[-1] if lines else "no answer")
        raise PublishError(f"cannot connect to {_redacted(url)}: {reason}") from None


def _redacted(url: str) -> str:
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def _ensure_table(cur, m: Mart) -> None:
    """Create the mart's table, or bring an existing one to the mart's columns (a change
    that a user's view depends on fails with PostgreSQL's message naming the view)."""
    cur.execute("select column_name, format_type(a.atttypid, a.atttypmod) from information_schema.columns c "
                "join pg_attribute a on a.attrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass "
                "and a.attname = c.column_name where c.table_schema = %s and c.table_name = %s "
                "order by c.ordinal_position", [SCHEMA, m.name])
    existing = dict(cur.fetchall())
    if not existing:
        cols = ", ".join(f"{_ident(c)} {t}" for c, t, _ in m.columns)
        cur.execute(f"create table {_qualified(m.name)} ({cols})")
        cur.execute(f"comment on table {_qualified(m.name)} is " + _literal(_OWNED))
        return
    wanted = {c: t for c, t, _ in m.columns}
    for c in existing.keys() - wanted.keys():
        cur.execute(f"alter table {_qualified(m.name)} drop column {_ident(c)}")
    for c, t in wanted.items():
        if c not in existing:
            cur.execute(f"alter table {_qualified(m.name)} add column {_ident(c)} {t}")
        elif _normal(existing[c]) != _normal(t):
            cur.execute(f"alter table {_qualified(m.name)} alter column {_ident(c)} type {t} using null")


def _normal(pg_type: str) -> str:
    """format_type()'s spelling of a type as this module writes it."""
    return {"character varying": "text", "timestamp without time zone": "timestamp",
            "timestamp with time zone": "timestamptz", "character varying[]": "text[]"}.get(pg_type, pg_type)


def _drop_retired(cur, marts: set[str]) -> None:
    cur.execute("select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                "where n.nspname = %s and c.relkind = 'r' and obj_description(c.oid, 'pg_class') like %s",
                [SCHEMA, f"{_OWNED}%"])
    for (name,) in cur.fetchall():
        if name not in marts:
            cur.execute(f"drop table {_qualified(name)}")  # RESTRICT: a user's view on it stops the publication


def _foreign_keys(cur) -> dict[tuple, tuple[str, str]]:
    """twbio's foreign keys in the schema, by (mart, columns, referenced mart, columns).
    They stay from one publication to the next (deferred, so the rows can be replaced in
    any order): dropping one needs a lock that waits for readers."""
    cur.execute("select c.conname, t.relname, r.relname, "
                "array(select a.attname from unnest(c.conkey) with ordinality k(n, i) join pg_attribute a "
                "      on a.attrelid = c.conrelid and a.attnum = k.n order by k.i), "
                "array(select a.attname from unnest(c.confkey) with ordinality k(n, i) join pg_attribute a "
                "      on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) "
                "from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_class r on r.oid = c.confrelid "
                "join pg_namespace n on n.oid = c.connamespace "
                "where n.nspname = %s and c.contype = 'f' and c.conname like 'twbio_fk_%%'", [SCHEMA])
    return {(table, tuple(cols), target, tuple(tcols)): (_qualified(table), name)
            for name, table, target, cols, tcols in cur.fetchall()}


def _fk_name(table: str, columns: list[str]) -> str:
    import hashlib

    return "twbio_fk_" + hashlib.sha1(f"{table}:{','.join(columns)}".encode()).hexdigest()[:12]


def _ensure_primary_key(cur, m: Mart) -> None:
    """A primary key changes only when the grain does (it needs a lock that waits for readers)."""
    name = f"{m.name[:50]}_pkey"
    cur.execute("select array(select a.attname from unnest(c.conkey) with ordinality k(n, i) join pg_attribute a "
                "on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) from pg_constraint c "
                "where c.conrelid = %s::regclass and c.contype = 'p'", [f"{SCHEMA}.{m.name}"])
    row = cur.fetchone()
    current = list(row[0]) if row else None
    if current == m.primary_key:
        return
    if current is not None:
        cur.execute(f"alter table {_qualified(m.name)} drop constraint {_ident(name)}")
    if m.primary_key:
        cur.execute(f"alter table {_qualified(m.name)} add constraint {_ident(name)} primary key "
                    f"({', '.join(map(_ident, m.primary_key))})")


def _comment(cur, m: Mart) -> None:
    """Comments are written only where they changed: each one takes a lock."""
    cur.execute("select obj_description(%s::regclass, 'pg_class')", [f"{SCHEMA}.{m.name}"])
    table_comment = f"{_OWNED}: {m.comment}" if m.comment else _OWNED
    if cur.fetchone()[0] != table_comment:
        cur.execute(f"comment on table {_qualified(m.name)} is " + _literal(table_comment))
    cur.execute("select a.attname, col_description(a.attrelid, a.attnum) from pg_attribute a "
                "where a.attrelid = %s::regclass and a.attnum > 0 and not a.attisdropped", [f"{SCHEMA}.{m.name}"])
    current = dict(cur.fetchall())
    for c, _, comment in m.columns:
        if comment and current.get(c) != comment:
            cur.execute(f"comment on column {_qualified(m.name)}.{_ident(c)} is " + _literal(comment))


def _grant_reader(cur, pg) -> None:
    cur.execute("select 1 from pg_roles where rolname = %s", [READER])
    if cur.fetchone() is None:
        cur.execute(f"create role {_ident(READER)} login")
    cur.execute(f"alter role {_ident(READER)} set search_path = {_ident(SCHEMA)}")
    cur.execute(f"grant connect on database {_ident_db(pg)} to {_ident(READER)}")
    cur.execute(f"grant usage on schema {_ident(SCHEMA)} to {_ident(READER)}")
    cur.execute(f"grant select on all tables in schema {_ident(SCHEMA)} to {_ident(READER)}")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ident_db(pg) -> str:
    return '"' + pg.info.dbname.replace('"', '""') + '"'
