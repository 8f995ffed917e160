"""Parquet and CSV exports of every mart, written next to the published warehouse.

They are written into a fresh directory and swapped in with renames, so a reader of
warehouse/exports/ sees the previous complete set or the new one. CSV is UTF-8 with a
BOM (Excel then reads the Chinese right), lists are written as `a; b`, and money is a
whole number of TWD, so that Excel, pandas and R read numbers as numbers.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

LIST_SEPARATOR = "; "


def _is_list(v) -> bool:
    return isinstance(v, (list, tuple, np.ndarray))


def csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The frame as a spreadsheet reads it: list cells joined as text."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object and out[col].map(_is_list).any():
            out[col] = out[col].map(lambda v: LIST_SEPARATOR.join(map(str, v)) if _is_list(v) else v)
    return out


def _dictionary(con) -> dict[tuple[str, str], tuple[str | None, str | None]]:
    if not con.execute("select count(*) from duckdb_tables() where schema_name = 'audit' "
                       "and table_name = 'mart_columns'").fetchone()[0]:
        return {}
    return {(m, c): (zh, unit) for m, c, zh, unit in
            con.execute("select mart, column_name, label_zh, unit from audit.mart_columns").fetchall()}


def _referencing(con) -> dict[str, list[str]]:
    """For each dimension, the facts whose foreign keys point at it."""
    if not con.execute("select count(*) from duckdb_tables() where schema_name = 'audit' "
                       "and table_name = 'mart_keys'").fetchone()[0]:
        return {}
    out: dict[str, list[str]] = {}
    for mart, target in con.execute("select distinct mart, references_mart from audit.mart_keys "
                                    "where kind = 'foreign_key' order by 1").fetchall():
        out.setdefault(target, []).append(mart)
    return out


def _source_reports(con, mart: str, columns: set[str], referencing: dict[str, list[str]], marts: set[str]) -> list[str]:
    """The reports a mart's rows come from: its own report_id, or for a dimension without
    one, the reports of the facts that reference it."""
    if "report_id" in columns:
        return [r[0] for r in con.execute(f'select distinct report_id from marts."{mart}" '
                                          "where report_id is not null order by 1").fetchall()]
    facts = [f for f in referencing.get(mart, []) if f in marts and f != mart]
    with_reports = [f for f in facts if con.execute(
        "select count(*) from duckdb_columns() where schema_name = 'marts' and table_name = ? "
        "and column_name = 'report_id'", [f]).fetchone()[0]]
    if not with_reports:
        return []
    union = " union ".join(f'select report_id from marts."{f}"' for f in with_reports)
    return [r[0] for r in con.execute(f"select distinct report_id from ({union}) where report_id is not null "
                                      "order by 1").fetchall()]


def write_exports(db_path: Path, exports_dir: Path, run_id: str) -> dict:
    tmp = exports_dir.with_name(f".exports-{run_id}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    manifest = {"run_id": run_id, "refreshed_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "csv": {"encoding": "utf-8-sig", "list_separator": LIST_SEPARATOR}, "marts": {}}
    with duckdb.connect(str(db_path), read_only=True) as con:
        marts = [r[0] for r in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'marts' order by 1").fetchall()]
        dictionary, referencing = _dictionary(con), _referencing(con)
        for m in marts:
            target = tmp / f"{m}.parquet"
            con.execute(f"copy marts.\"{m}\" to '{target}' (format parquet, compression zstd)")
            csv = tmp / f"{m}.csv"
            with open(csv, "w", encoding="utf-8-sig", newline="") as f:
                csv_frame(con.execute(f'select * from marts."{m}"').df()).to_csv(f, index=False, lineterminator="\n")
            columns = [{"name": n, "type": t, "description": c, "label_zh": dictionary.get((m, n), (None, None))[0],
                        "unit": dictionary.get((m, n), (None, None))[1]}
                       for n, t, c in con.execute(
                           "select column_name, data_type, comment from duckdb_columns() "
                           "where schema_name = 'marts' and table_name = ? order by column_index", [m]).fetchall()]
            comment = con.execute("select comment from duckdb_tables() where schema_name = 'marts' and table_name = ?",
                                  [m]).fetchone()[0]
            manifest["marts"][m] = {
                "file": target.name,
                "csv": csv.name,
                "rows": con.execute(f'select count(*) from marts."{m}"').fetchone()[0],
                "description": comment,
                "schema": columns,
                "source_reports": _source_reports(con, m, {c["name"] for c in columns}, referencing, set(marts)),
            }
    (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    old = exports_dir.with_name(f".exports-old-{run_id}")
    if exports_dir.exists():
        exports_dir.rename(old)
    tmp.rename(exports_dir)
    shutil.rmtree(old, ignore_errors=True)
    return {"exported_marts": len(manifest["marts"]), "exports": str(exports_dir)}
