"""The `twbio` command."""

from __future__ import annotations

import argparse
import os
import sys

from ..paths import WarehousePaths


def _quiet_libraries() -> None:
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


def cmd_refresh(a) -> int:
    from ..locking import WarehouseBusy
    from .refresh import WarehouseNotWritable, exit_status, run_refresh

    paths = WarehousePaths.from_env()
    print(f"twbio refresh: {paths.inbox} -> {paths.published}")
    try:
        res = run_refresh(paths, full=a.full, wait=a.wait, jobs=a.jobs)
    except WarehouseBusy as e:
        print(f"twbio refresh: {e}", file=sys.stderr)
        return 75  # EX_TEMPFAIL
    except WarehouseNotWritable as e:
        print(f"twbio refresh: {e}", file=sys.stderr)
        return 73  # EX_CANTCREAT
    print()
    for line in res.summary_lines(paths):
        print(line)
    for f in res.failures:
        print(f"  {_shortened(f)}", file=sys.stderr)
    return exit_status(res)


def _shortened(message: str, lines: int = 6) -> str:
    """A multi-line error on screen: its first lines (the whole text is in the audit and
    last_refresh.json)."""
    parts = message.strip().splitlines()
    return "\n    ".join(parts[:lines]) + (f"\n    ... ({len(parts) - lines} more lines)" if len(parts) > lines else "")


def cmd_publish(a) -> int:
    from ..publication import PublishError, publish_postgres

    paths = WarehousePaths.from_env()
    if not paths.published.exists():
        print(f"twbio publish: no published warehouse at {paths.published}; run `twbio refresh` first", file=sys.stderr)
        return 1
    url = a.postgres or os.environ.get("TWBIO_POSTGRES_URL")
    if not url:
        print("twbio publish: give --postgres URL (or set TWBIO_POSTGRES_URL)", file=sys.stderr)
        return 2
    try:
        timeout = float(os.environ.get("TWBIO_POSTGRES_LOCK_TIMEOUT", "30"))
    except ValueError:
        print("twbio publish: TWBIO_POSTGRES_LOCK_TIMEOUT must be a number of seconds", file=sys.stderr)
        return 2
    try:
        res = publish_postgres(paths.published, url, lock_timeout_seconds=timeout)
    except PublishError as e:
        print(f"twbio publish: {e}", file=sys.stderr)
        return 1
    print(f"published {res['tables']} marts ({res['rows']} rows) to schema {res['schema']}, with "
          f"{res['primary_keys']} primary and {res['foreign_keys']} foreign keys; read-only role: "
          f"{res['reader_role']} (search_path {res['schema']})")
    return 0


def cmd_query(a) -> int:
    from .query import run_query

    return run_query(WarehousePaths.from_env(), a.sql, csv=a.csv, max_rows=a.max_rows)


def cmd_docs(a) -> int:
    from .docs import build_docs, serve

    try:
        target = build_docs(WarehousePaths.from_env(), progress=lambda line: print(line, flush=True))
    except (FileNotFoundError, RuntimeError) as e:
        print(f"twbio docs: {e}", file=sys.stderr)
        return 1
    print(f"dbt docs: {target / 'static_index.html'} (open it in a browser, or --serve)")
    if a.serve:
        serve(target, a.port)
    return 0


def cmd_serve(a) -> int:
    from .docs import serve

    paths = WarehousePaths.from_env()
    if not (paths.site / "index.html").exists():
        print(f"twbio serve: no site at {paths.site}; `twbio refresh` writes it with each publication",
              file=sys.stderr)
        return 1
    serve(paths.site, a.port)
    return 0


def cmd_status(a) -> int:
    from .status import status_report

    for line in status_report(WarehousePaths.from_env()):
        print(line)
    return 0


def cmd_dev(a) -> int:
    from .instance import prepare_instance_home

    paths = WarehousePaths.from_env()
    paths.ensure()
    home = prepare_instance_home(paths)
    print(f"Dagster UI on this warehouse's instance ({home}): every refresh, from the CLI, a sensor "
          f"or the schedule, is a run there")
    dagster = os.path.join(os.path.dirname(sys.executable), "dagster")
    os.environ["DAGSTER_HOME"] = str(home)
    os.environ.setdefault("TWBIO_HOME", str(paths.home))
    os.execv(dagster, [dagster, "dev", "-m", "orchestration.definitions", "--port", str(a.port)])


def main(argv: list[str] | None = None) -> int:
    _quiet_libraries()
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "extract":  # the extractor's own argument parser
        from extractors import extract_cli

        return extract_cli(argv[1:])
    ap = argparse.ArgumentParser(prog="twbio", description="Taiwan biotech statistics warehouse.")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("refresh", help="extract the inbox, build, check and publish the warehouse")
    p.add_argument("--full", action="store_true", help="re-extract every report (ignore the extraction cache)")
    p.add_argument("--wait", action="store_true", help="wait for a running refresh instead of exiting")
    p.add_argument("--jobs", type=int, default=None,
                   help="reports extracted at once (default: one per core)")
    p.set_defaults(fn=cmd_refresh)
    p = sub.add_parser("publish", help="copy the published marts to PostgreSQL (schema twbio, role twbio_reader)")
    p.add_argument("--postgres", metavar="URL", help="e.g. postgresql://user@host:5432/db (default: $TWBIO_POSTGRES_URL)")
    p.set_defaults(fn=cmd_publish)
    p = sub.add_parser("query", help="run read-only SQL against the published warehouse")
    p.add_argument("sql")
    p.add_argument("--csv", action="store_true", help="write every row as CSV (UTF-8 with BOM, for Excel)")
    p.add_argument("--max-rows", type=int, default=200, help="rows shown as a table (default 200)")
    p.set_defaults(fn=cmd_query)
    p = sub.add_parser("docs", help="build the dbt docs site (marts, columns, lineage) into warehouse/docs/")
    p.add_argument("--serve", action="store_true", help="serve it on http://127.0.0.1:PORT/")
    p.add_argument("--port", type=int, default=8080)
    p.set_defaults(fn=cmd_docs)
    p = sub.add_parser("serve", help="serve the warehouse's site (warehouse/site/) on http://127.0.0.1:PORT/")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(fn=cmd_serve)
    p = sub.add_parser("dev", help="open the Dagster UI (and daemon: sensors, schedule) on this warehouse")
    p.add_argument("--port", type=int, default=3000)
    p.set_defaults(fn=cmd_dev)
    p = sub.add_parser("status", help="inbox, published reports, quarantine and the last refresh")
    p.set_defaults(fn=cmd_status)
    sub.add_parser("extract", help="extract tables of PDF files to JSON (twbio extract FILE.pdf --out DIR)")
    a = ap.parse_args(argv)
    return a.fn(a)
