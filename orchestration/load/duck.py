"""DuckDB helpers shared by the steps that write a build warehouse: writes go in one
transaction each; a DataFrame is visible to SQL for one block."""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:
    import pandas as pd


def has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return con.execute("select count(*) from duckdb_tables() where schema_name = ? and table_name = ?",
                       [schema, table]).fetchall()[0][0] > 0


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
