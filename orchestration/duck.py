"""DuckDB helpers shared by the steps that write a build warehouse.

The published file is attached read-only to the build's connection, under its own name,
for as long as one step needs it, and detached again even when the step fails; writes
go in one transaction each; a DataFrame is visible to SQL for one block.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd


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


def last_recorded(con: duckdb.DuckDBPyConnection, alias: str, table: str, columns: str, order_by: str):
    """The newest row (`columns`, newest by `order_by`) of audit.`table` in the attached
    database `alias`, or None when that table is not there (a warehouse written before it
    was recorded) or empty."""
    if not has_table(con, alias, "audit", table):
        return None
    rows = con.execute(f"select {columns} from {alias}.audit.{table} order by {order_by} desc limit 1").fetchall()
    return rows[0] if rows else None


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection):
    con.execute("begin transaction")
    try:
        yield
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame):
    """A DataFrame visible to SQL as `name` for the duration of the block."""
    con.register(name, frame)
    try:
        yield
    finally:
        con.unregister(name)


def sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
