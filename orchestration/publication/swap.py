"""Publication: the build file replaces the published warehouse in one rename.

os.replace is atomic on POSIX: a reader either opens the old file or the new one, and
a reader that already holds the old file keeps reading its snapshot. A refresh that
fails anywhere before this point leaves the published file byte-for-byte unchanged.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import datetime, timezone

import duckdb

from ..paths import WarehousePaths


class PublicationRefused(Exception):
    pass


AUDIT_REFRESHES = """
create schema if not exists audit;
create table if not exists audit.refreshes (
    run_id varchar primary key,
    published_at timestamp not null,
    reports integer,
    quarantined integer,
    tables integer,
    mart_rows bigint,
    expectations integer,
    failed_blocking integer,
    warnings integer,
    inbox varchar,  -- JSON: file name, sha256, status of every inbox file
    fingerprint varchar  -- inbox bytes + extractor/catalog/dbt/suite code (see fingerprint.py)
);
"""


def _carry_history(con, paths: WarehousePaths, run_id: str) -> None:
    """A build that did not start from the published warehouse (a full refresh) brings its
    audit history along."""
    if not paths.published.exists():
        return
    con.execute(f"attach '{paths.published}' as previous (read_only)")
    try:
        for table in ("refreshes", "validation_results"):
            exists = con.execute("select count(*) from duckdb_tables() where database_name = 'previous' "
                                 "and schema_name = 'audit' and table_name = ?", [table]).fetchall()[0][0]
            here = con.execute("select count(*) from duckdb_tables() where database_name = current_database() "
                               "and schema_name = 'audit' and table_name = ?", [table]).fetchall()[0][0]
            if exists and here:
                con.execute(f"insert into audit.{table} by name select * from previous.audit.{table} "
                            f"where run_id <> ? and run_id not in (select run_id from audit.{table})", [run_id])
    finally:
        con.execute("detach previous")


def publish(paths: WarehousePaths, run_id: str, fingerprint: str, inbox: dict) -> dict:
    """Swap the build file in for the published one, after the checks passed.

    `fingerprint`: what the published warehouse was built from (see
    orchestration.defs.versions), recorded so that a refresh with nothing new can stop
    early; `inbox`: the files read and the duplicates skipped."""
    build = paths.build_db
    if not build.exists():
        raise PublicationRefused(f"no build warehouse for run {run_id}")
    with duckdb.connect(str(build)) as con:
        has_audit = con.execute(
            "select count(*) from information_schema.tables where table_schema = 'audit' and table_name = 'validation_results'"
        ).fetchone()[0]
        if not has_audit:
            raise PublicationRefused(f"run {run_id}: the data-quality checks did not run; not publishing")
        n, failed, warned = con.execute(
            "select count(*), count(*) filter (where not success and severity = 'blocking'), "
            "count(*) filter (where not success and severity <> 'blocking') "
            "from audit.validation_results where run_id = ?", [run_id]).fetchone()
        if failed:
            raise PublicationRefused(f"run {run_id}: {failed} blocking expectation(s) failed; not publishing")
        marts = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'marts' order by 1").fetchall()]
        mart_rows = sum(con.execute(f'select count(*) from marts."{m}"').fetchone()[0] for m in marts)
        reports, quarantined = con.execute(
            "select count(*) filter (where status = 'loaded'), count(*) filter (where status = 'quarantined') from raw.documents"
        ).fetchone()
        tables = con.execute("select count(*) from raw.tables").fetchone()[0]
        con.execute(AUDIT_REFRESHES)
        _carry_history(con, paths, run_id)
        con.execute(
            "insert or replace into audit.refreshes values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [run_id, datetime.now(timezone.utc).replace(tzinfo=None), reports, quarantined, tables, mart_rows,
             n, failed, warned, json.dumps(inbox, ensure_ascii=False), fingerprint],
        )
        con.execute("checkpoint")
    fd = os.open(build, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(build, paths.published)
    dir_fd = os.open(paths.home, os.O_RDONLY)
    try:
        os.fsync(dir_fd)  # the rename itself survives a power cut
    finally:
        os.close(dir_fd)
    shutil.rmtree(paths.build_dir, ignore_errors=True)
    return {"reports": reports, "quarantined": quarantined, "tables": tables, "marts": len(marts),
            "mart_rows": mart_rows, "expectations": n, "warnings": warned, "path": str(paths.published)}
