"""Parquet exports of every mart, written next to the published warehouse.

They are written into a fresh directory and swapped in with renames, so a reader of
warehouse/exports/ sees the previous complete set or the new one.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

import duckdb


def write_exports(db_path: Path, exports_dir: Path, run_id: str) -> dict:
    tmp = exports_dir.with_name(f".exports-{run_id}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    manifest = {"run_id": run_id, "refreshed_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "marts": {}}
    with duckdb.connect(str(db_path), read_only=True) as con:
        marts = [r[0] for r in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'marts' order by 1").fetchall()]
        for m in marts:
            target = tmp / f"{m}.parquet"
            con.execute(f"copy marts.\"{m}\" to '{target}' (format parquet, compression zstd)")
            columns = [{"name": n, "type": t, "description": c} for n, t, c in con.execute(
                "select column_name, data_type, comment from duckdb_columns() "
                "where schema_name = 'marts' and table_name = ? order by column_index", [m]).fetchall()]
            reports = []
            if any(c["name"] == "report_id" for c in columns):
                reports = [r[0] for r in con.execute(f'select distinct report_id from marts."{m}" order by 1').fetchall()]
            comment = con.execute("select comment from duckdb_tables() where schema_name = 'marts' and table_name = ?",
                                  [m]).fetchone()[0]
            manifest["marts"][m] = {
                "file": target.name,
                "rows": con.execute(f'select count(*) from marts."{m}"').fetchone()[0],
                "description": comment,
                "schema": columns,
                "source_reports": reports,
            }
    (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    old = exports_dir.with_name(f".exports-old-{run_id}")
    if exports_dir.exists():
        exports_dir.rename(old)
    tmp.rename(exports_dir)
    shutil.rmtree(old, ignore_errors=True)
    return {"exported_marts": len(manifest["marts"]), "exports": str(exports_dir)}
