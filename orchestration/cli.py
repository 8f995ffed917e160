"""The `twbio` command."""

from __future__ import annotations

import argparse
import os
import sys

from .paths import WarehousePaths


def _quiet_libraries() -> None:
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


def cmd_refresh(a) -> int:
    from .locking import WarehouseBusy
    from .refresh import run_refresh

    paths = WarehousePaths.from_env()
    print(f"twbio refresh: {paths.inbox} -> {paths.published}")
    try:
        res = run_refresh(paths, full=a.full, wait=a.wait)
    except WarehouseBusy as e:
        print(f"twbio refresh: {e}", file=sys.stderr)
        return 75  # EX_TEMPFAIL
    print()
    for line in res.summary_lines(paths):
        print(line)
    for f in res.failures:
        print(f"  {f}", file=sys.stderr)
    return 0 if res.success else 1


def cmd_status(a) -> int:
    from .status import status_report

    for line in status_report(WarehousePaths.from_env()):
        print(line)
    return 0


def main(argv: list[str] | None = None) -> int:
    _quiet_libraries()
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "extract":  # the extractor's own argument parser
        from extractors.cli import main as extract_main

        return extract_main(argv[1:])
    ap = argparse.ArgumentParser(prog="twbio", description="Taiwan biotech statistics warehouse.")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("refresh", help="extract the inbox, build, check and publish the warehouse")
    p.add_argument("--full", action="store_true", help="re-extract every report (ignore the extraction cache)")
    p.add_argument("--wait", action="store_true", help="wait for a running refresh instead of exiting")
    p.set_defaults(fn=cmd_refresh)
    p = sub.add_parser("status", help="inbox, published reports, quarantine and the last refresh")
    p.set_defaults(fn=cmd_status)
    sub.add_parser("extract", help="extract tables of PDF files to JSON (twbio extract FILE.pdf --out DIR)")
    a = ap.parse_args(argv)
    return a.fn(a)


if __name__ == "__main__":
    raise SystemExit(main())
