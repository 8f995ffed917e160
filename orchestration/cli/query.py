"""`twbio query`: read-only SQL against the published warehouse, and nothing else.

The connection is read-only, cannot reach the machine's files or the network (no COPY
… TO, no read_csv of an outside path, no extensions), and its configuration is locked so
that the SQL cannot turn that back on.
"""

from __future__ import annotations

import re
import sys

from ..paths import WarehousePaths

_COMMENTS = re.compile(r"--[^\n]*|/\*.*?\*/", re.S)


def has_statement(sql: str) -> bool:
    return bool(_COMMENTS.sub("", sql).strip(" \t\r\n;"))


def connect_for_reading(db):
    import duckdb

    con = duckdb.connect(str(db), read_only=True, config={"enable_external_access": False,
                                                          "autoinstall_known_extensions": False,
                                                          "autoload_known_extensions": False})
    con.execute("set lock_configuration = true")
    return con


def run_query(paths: WarehousePaths, sql: str, csv: bool, max_rows: int) -> int:
    import duckdb

    if not has_statement(sql):
        print("twbio query: no SQL given (only blanks or comments); e.g. twbio query \"select * from marts.dim_year\"",
              file=sys.stderr)
        return 2
    if not paths.published.exists():
        print(f"twbio query: no published warehouse at {paths.published}; run `twbio refresh` first", file=sys.stderr)
        return 1
    with connect_for_reading(paths.published) as con:
        try:
            df = con.execute(sql).df()
        except duckdb.Error as e:
            print(f"twbio query: {str(e).strip().splitlines()[0]}", file=sys.stderr)
            return 1
    if csv:
        from ..publication.exports import csv_frame

        sys.stdout.reconfigure(encoding="utf-8")
        sys.stdout.write("\ufeff")  # a BOM: Excel then reads the Chinese as UTF-8
        csv_frame(df).to_csv(sys.stdout, index=False, lineterminator="\n")
        return 0
    import pandas as pd

    with pd.option_context("display.max_columns", None, "display.width", 200):
        print(df.head(max_rows).to_string(index=False))
    if len(df) > max_rows:
        print(f"({max_rows} of {len(df)} rows shown; --max-rows N shows more, --csv writes them all)")
    else:
        print(f"({len(df)} row{'s' if len(df) != 1 else ''})")
    return 0
