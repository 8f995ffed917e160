"""Reading the published warehouse from inside a build: what the build may carry over.

The published file is attached read-only to the build's connection, under its own name,
for as long as one step needs it, and detached again even when the step fails.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import duckdb


@contextmanager
def attached(con: duckdb.DuckDBPyConnection, path: Path, alias: str = "published"):
    # results must be fetched with fetchall inside: one left pending blocks the detach
    con.execute(f"attach '{path}' as {alias} (read_only)")
    try:
        yield alias
    finally:
        con.execute(f"detach {alias}")


def has_table(con: duckdb.DuckDBPyConnection, alias: str, schema: str, table: str) -> bool:
    return con.execute("select count(*) from duckdb_tables() where database_name = ? and schema_name = ? "
                       "and table_name = ?", [alias, schema, table]).fetchall()[0][0] > 0


def sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
