"""Publishing the marts to PostgreSQL, for BI servers that need a database server.

The marts are loaded into a new schema and swapped with the live `twbio` schema in one
transaction, so a BI query sees the old marts or the new ones, never half of each. A
role `twbio_reader` can read the schema and nothing else.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import duckdb

SCHEMA = "twbio"
READER = "twbio_reader"

_TYPES = {"VARCHAR": "text", "INTEGER": "integer", "BIGINT": "bigint", "DOUBLE": "double precision",
          "FLOAT": "real", "BOOLEAN": "boolean", "DATE": "date", "TIMESTAMP": "timestamp", "HUGEINT": "numeric",
          "SMALLINT": "smallint", "TINYINT": "smallint"}


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


def publish_postgres(db_path: Path, url: str) -> dict:
    import psycopg

    clean_abandoned(url)
    staging = f"{SCHEMA}_new_{uuid.uuid4().hex[:8]}"
    with duckdb.connect(str(db_path), read_only=True) as duck:
        marts = duck.execute("select table_name, comment from duckdb_tables() where schema_name = 'marts' "
                             "order by 1").fetchall()
        tables = []
        for name, comment in marts:
            cols = duck.execute("select column_name, data_type, comment from duckdb_columns() "
                                "where schema_name = 'marts' and table_name = ? order by column_index", [name]).fetchall()
            rows = duck.execute(f'select * from marts."{name}"').fetchall()
            tables.append((name, comment, cols, rows))
    total = 0
    with psycopg.connect(url, autocommit=False) as pg:
        with pg.cursor() as cur:
            cur.execute(f"create schema {_ident(staging)}")
            for name, comment, cols, rows in tables:
                col_sql = ", ".join(f"{_ident(c)} {_pg_type(t)}" for c, t, _ in cols)
                cur.execute(f"create table {_ident(staging)}.{_ident(name)} ({col_sql})")
                with cur.copy(f"copy {_ident(staging)}.{_ident(name)} from stdin") as copy:
                    for row in rows:
                        copy.write_row(row)
                total += len(rows)
                if comment:
                    cur.execute(f"comment on table {_ident(staging)}.{_ident(name)} is " + _literal(comment))
                for c, _, col_comment in cols:
                    if col_comment:
                        cur.execute(f"comment on column {_ident(staging)}.{_ident(name)}.{_ident(c)} is "
                                    + _literal(col_comment))
        pg.commit()
        # the swap: one transaction, so readers see the old schema or the new one
        with pg.cursor() as cur:
            cur.execute(f"drop schema if exists {_ident(SCHEMA)} cascade")
            cur.execute(f"alter schema {_ident(staging)} rename to {_ident(SCHEMA)}")
            cur.execute("select 1 from pg_roles where rolname = %s", [READER])
            if cur.fetchone() is None:
                cur.execute(f"create role {_ident(READER)} login")
            cur.execute(f"grant connect on database {_ident_db(pg)} to {_ident(READER)}")
            cur.execute(f"grant usage on schema {_ident(SCHEMA)} to {_ident(READER)}")
            cur.execute(f"grant select on all tables in schema {_ident(SCHEMA)} to {_ident(READER)}")
        pg.commit()
    return {"schema": SCHEMA, "tables": len(tables), "rows": total, "reader_role": READER}


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _ident_db(pg) -> str:
    return '"' + pg.info.dbname.replace('"', '""') + '"'


def clean_abandoned(url: str) -> None:
    """Drop staging schemas left by an interrupted publication."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as pg, pg.cursor() as cur:
        cur.execute("select nspname from pg_namespace where nspname like %s", [f"{SCHEMA}_new_%"])
        for (name,) in cur.fetchall():
            cur.execute(f"drop schema {_ident(name)} cascade")
