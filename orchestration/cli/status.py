"""`twbio status`: the inbox, what is published, what is quarantined, the last refresh."""

from __future__ import annotations

import json

import duckdb

from ..load import is_cached, known_reports, load_held_back, scan_inbox
from ..paths import WarehousePaths


def status_report(paths: WarehousePaths) -> list[str]:
    out: list[str] = []
    scan = scan_inbox(paths, known_reports(paths)) if paths.inbox.exists() else None
    out.append(f"inbox: {paths.inbox}")
    if scan:
        for f in scan.files:
            cached = "extracted" if is_cached(paths, f) else "new (not yet extracted)"
            out.append(f"  {f.name:40s} {f.report_id:30s} {f.sha256[:12]}  {cached}")
        for dup, of in scan.duplicates:
            out.append(f"  {dup.name:40s} duplicate of {of.name} (same sha256), skipped")
    out.append("")
    if not paths.published.exists():
        out.append(f"published warehouse: none yet ({paths.published}); run `twbio refresh`")
    else:
        out.append(f"published warehouse: {paths.published}")
        with duckdb.connect(str(paths.published), read_only=True) as con:
            docs = con.execute(
                "select d.report_id, d.file_name, d.status, d.error, "
                "count(t.table_id), count(t.dataset) "
                "from raw.documents d left join raw.tables t using (report_id) "
                "group by all order by d.report_id").fetchall()
            out.append(f"  {'report':30s} {'tables':>6s} {'catalogued':>10s} {'uncatalogued':>12s}  status")
            for rid, fname, st, err, n, cat in docs:
                out.append(f"  {rid:30s} {n:6d} {cat:10d} {n - cat:12d}  {st}")
                if err:
                    out.append(f"      error: {err}")
            editions = con.execute(
                "select family, list(coalesce(cast(edition_year as varchar), 'edition unknown') order by "
                "edition_year nulls last), coalesce(list(file_name) filter (where edition_year is null), []) "
                "from raw.documents where status = 'loaded' and family is not null group by 1 order by 1").fetchall()
            for family, years, undated in editions:
                out.append(f"  editions loaded: {family} {', '.join(years)}")
                for name in undated:
                    out.append(f"      {name}: edition unknown (no year in its title or on its cover); "
                               "it never serves a figure a dated edition prints")
            if con.execute("select count(*) from duckdb_tables() where schema_name = 'marts' "
                           "and table_name = 'fct_figure_vintages'").fetchone()[0]:
                revised = con.execute("select count(*) from marts.fct_figure_vintages "
                                      "where revises_previous and is_served").fetchone()[0]
                out.append(f"  figures revised by the newest edition of their grain: {revised} "
                           "(marts.fct_figure_vintages)")
            unc = con.execute(
                "select report_id, table_id, coalesce(caption, '(no caption)'), page from raw.tables "
                "where dataset is null order by report_id, page").fetchall()
            if unc:
                out.append("  uncatalogued tables (in raw.tables/raw.cells, not modelled):")
                for rid, tid, capt, page in unc:
                    out.append(f"    {rid} {tid} p.{page}: {capt}")
            stmts = con.execute(
                "select report_id, statement_id, status, message from raw.statement_matches "
                "order by report_id, statement_id").fetchall()
            if stmts:
                ok = sum(1 for *_, status, _ in stmts if status == "matched")
                out.append(f"  catalogued statements (figures from the running text): {ok} of {len(stmts)} matched")
                for rid, sid, status, msg in stmts:
                    if status != "matched":
                        out.append(f"    {rid} {sid}: {status}: {msg}")
            last = con.execute(
                "select run_id, published_at, reports, quarantined, tables, mart_rows, expectations, "
                "failed_blocking, warnings from audit.refreshes order by published_at desc limit 1").fetchone()
            if last:
                out.append(f"  last published refresh: run {last[0]} at {last[1]:%Y-%m-%d %H:%M:%S} UTC; "
                           f"{last[2]} reports, {last[3]} quarantined, {last[4]} tables, {last[5]} mart rows; "
                           f"checks: {last[6]} expectations, {last[7]} blocking failures, {last[8]} warnings")
                warns = con.execute(
                    "select suite, expectation, column_name, observed_value from audit.validation_results "
                    "where run_id = ? and not success", [last[0]]).fetchall()
                for suite, exp, col, obs in warns:
                    out.append(f"    warning: {suite} {exp} {col or ''} observed {obs}")
    held = load_held_back(paths)
    if held:
        out.append("")
        out.append("held back (a blocking check failed on their data; tried again when the file, the "
                   "extractor or the checks change):")
        for h in held.values():
            out.append(f"  {h.file_name} ({h.report_id}), judged by run {h.run_id} at {h.held_at}")
            out.extend(f"      {line}" for line in h.lines()[:10])
    if scan and scan.skipped:
        out.append("")
        out.append("skipped inbox entries:")
        out.extend(f"  {name}: {reason}" for name, reason in scan.skipped)
    quarantined = sorted(paths.quarantine.glob("*.error.txt")) if paths.quarantine.exists() else []
    if quarantined:
        out.append("")
        out.append(f"quarantine: {paths.quarantine}")
        for q in quarantined:
            err = next((l[7:] for l in q.read_text(encoding="utf-8").splitlines() if l.startswith("error: ")), "")
            out.append(f"  {q.name[:-len('.error.txt')]}: {err}")
    state = paths.home / "last_refresh.json"
    if state.exists():
        s = json.loads(state.read_text(encoding="utf-8"))
        out.append("")
        if s.get("noop"):
            # no run at all: the published warehouse already holds these files
            out.append(f"last refresh: {s['finished_at']}: nothing to do, the published warehouse is up to date")
        else:
            verdict = "published" if s.get("published") else "FAILED, nothing published"
            out.append(f"last refresh attempt: run {s['run_id']} at {s['finished_at']}: {verdict} ({s['seconds']} s)")
        for f in s.get("failures", [])[:10]:
            out.append(f"  {f.splitlines()[0] if f else f}")
    return out
