"""`twbio refresh`: the refresh jobs, launched on the warehouse's Dagster instance.

Dagster runs everything: one extraction run for the new or changed reports (a step per
report on the job's executor) and one build run (raw layer, dbt, the gate, publication,
exports, PostgreSQL). This module adds what a person at a terminal needs around them: the
warehouse lock, the early stop when nothing changed, progress lines and a summary.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone

import duckdb

from ..catalog import Catalog
from ..load import is_cached, known_reports, load_held_back, read_cached, scan_inbox
from ..locking import refresh_lock
from ..paths import WarehousePaths


class WarehouseNotWritable(Exception):
    pass


@dataclass
class RefreshResult:
    success: bool
    published: bool
    run_id: str
    seconds: float
    metadata: dict = field(default_factory=dict)  # asset key -> materialization metadata
    failures: list[str] = field(default_factory=list)
    build_file: str | None = None
    noop: bool = False
    extraction_run_id: str | None = None
    held_back: list = field(default_factory=list)  # HeldBack entries that apply to the inbox now

    def summary_lines(self, paths: WarehousePaths) -> list[str]:
        ex = self.metadata.get("extraction", {})
        raw = self.metadata.get("raw/documents", {})
        val = self.metadata.get("validated_warehouse", {})
        pub = self.metadata.get("published_warehouse", {})
        lines = [
            f"reports: {ex.get('reports', 0)} in inbox, {ex.get('extracted', 0)} extracted, "
            f"{ex.get('from_cache', 0)} unchanged (cached), {raw.get('quarantined', 0)} quarantined, "
            f"{ex.get('duplicates', 0)} duplicates skipped",
        ]
        for name, reason in ex.get("skipped", []):
            lines.append(f"skipped: {name}: {reason}")
        if raw:
            lines.append(f"raw layer: {raw.get('loaded', 0)} report(s) loaded, {raw.get('kept', 0)} kept as published, "
                         f"{raw.get('deleted', 0)} removed")
            lines.append(f"tables: {raw.get('tables', 0)} ({raw.get('catalogued', 0)} catalogued), "
                         f"cells: {raw.get('cells', 0)}, dataset rows: {raw.get('dataset_rows', 0)}")
            lines.append(f"running text: {raw.get('text_figures', 0)} printed figures, "
                         f"{raw.get('statement_figures', 0)} from catalogued statements, "
                         f"{raw.get('statement_errors', 0)} statements unmatched")
        if val:
            lines.append(f"checks: {val.get('expectations', 0)} expectations, {val.get('failed_blocking', 0)} blocking "
                         f"failures, {val.get('warnings', 0)} warnings")
        for h in self.held_back:
            lines.append(f"HELD BACK: {h.file_name} ({h.report_id}), judged by run {h.run_id}; "
                         "the warehouse keeps what it published of this report before (if anything):")
            lines.extend(f"    {line}" for line in h.lines()[:10])
        if self.noop:
            lines.append(f"up to date: {paths.published} already holds these files (nothing to do)")
        elif self.published:
            lines.append(f"published: {pub.get('marts', 0)} marts, {pub.get('mart_rows', 0)} rows -> {paths.published}")
            if not self.success:
                lines.append("but a step after the publication failed (see below); the exports are written "
                             "again by the next refresh")
            site = self.metadata.get("warehouse_site")
            if site:
                lines.append(f"site: {paths.site / 'index.html'} ({site.get('page_images', 0)} page images; "
                             "`twbio serve` to browse it)")
            pg = self.metadata.get("postgres_marts")
            if pg:
                lines.append(f"PostgreSQL: {pg.get('tables', 0)} marts in schema {pg.get('schema')}")
        else:
            lines.append(f"NOT published: {paths.published} is unchanged")
            if self.build_file:
                lines.append(f"the rejected build is kept for inspection: {self.build_file}")
        if not self.noop:
            lines.append(f"run {self.run_id} took {self.seconds:.1f} s (Dagster instance: {paths.dagster_home})")
        return lines


def clean_stale(paths: WarehousePaths) -> list[str]:
    """Remove what an earlier refresh left behind (the caller holds the lock): the staging
    area (a killed build, a rejected one kept for inspection) and half-written exports."""
    removed = []
    leftovers = list(paths.staging.iterdir()) if paths.staging.exists() else []
    leftovers += list(paths.home.glob(".exports-*")) + list(paths.home.glob(".*.tmp"))
    for p in leftovers:
        if p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink(missing_ok=True)
        removed.append(p.name)
    return removed


def published_run(paths: WarehousePaths) -> str | None:
    """The run id of the refresh the published warehouse file comes from."""
    if not paths.published.exists():
        return None
    try:
        with duckdb.connect(str(paths.published), read_only=True) as con:
            row = con.execute("select run_id from audit.refreshes order by published_at desc limit 1").fetchone()
    except duckdb.Error:
        return None
    return row[0] if row else None


def sync_exports(paths: WarehousePaths) -> str | None:
    """The exports belong to the publication the warehouse file belongs to: when they do
    not (a refresh killed or out of disk between the swap and the exports), they are
    written again from the published file. Returns the run id they were rebuilt for."""
    run = published_run(paths)
    if run is None:
        return None
    manifest = paths.exports / "manifest.json"
    try:
        current = json.loads(manifest.read_text(encoding="utf-8")).get("run_id")
    except (OSError, ValueError):
        current = None
    if current == run:
        return None
    from ..publication import write_exports

    write_exports(paths.published, paths.exports, run)
    return run


def run_refresh(paths: WarehousePaths, *, full: bool = False, wait: bool = False, echo=print,
                verbose: bool = True, keep_failed_build: bool = True, jobs: int | None = None) -> RefreshResult:
    """`jobs`: extraction steps at once (default: the executor's, one per core)."""
    _check_writable(paths)
    with refresh_lock(paths.lock, wait=wait):
        stale = clean_stale(paths)
        if stale:
            echo(f"cleaned up after an earlier refresh: {', '.join(sorted(stale))}")
        rebuilt = sync_exports(paths)
        if rebuilt:
            echo(f"the exports were not those of the published warehouse: written again for run {rebuilt}")
        scan = scan_inbox(paths, known_reports(paths))
        if not full and _up_to_date(paths, scan):
            echo("nothing changed since the last published refresh (same files, same code)")
            res = RefreshResult(True, False, "", 0.0, {"extraction": {
                "reports": len(scan.files), "extracted": 0, "from_cache": len(scan.files),
                "duplicates": len(scan.duplicates), "skipped": scan.skipped}, "stage_seconds": {}}, noop=True,
                held_back=_held_back(paths, scan))
            _write_state(paths, res)
            return res
        try:
            return _launch(paths, scan, full=full, echo=echo, verbose=verbose,
                           keep_failed_build=keep_failed_build, jobs=jobs)
        except Exception as e:
            if not _out_of_space(e):
                raise
            # the run could not even be recorded: free what the build took, say why
            shutil.rmtree(paths.build_dir, ignore_errors=True)
            free = shutil.disk_usage(paths.home).free // 1024
            res = RefreshResult(False, False, "", 0.0, {}, [
                f"cannot write to {paths.home}: No space left on device ({free} kB free; {type(e).__name__}: "
                f"{str(e).splitlines()[0]}); the published warehouse is unchanged"])
            _write_state(paths, res)
            return res


def _out_of_space(e: BaseException) -> bool:
    """A full disk, as the OS, SQLite (the Dagster instance) or DuckDB reports it."""
    while e is not None:
        text = str(e).lower()
        if (isinstance(e, OSError) and e.errno == errno.ENOSPC) or "no space left" in text \
                or "disk i/o error" in text or "database or disk is full" in text:
            return True
        e = e.__cause__ or e.__context__
    return False


def _launch(paths: WarehousePaths, scan, *, full: bool, echo, verbose: bool, keep_failed_build: bool,
            jobs: int | None) -> RefreshResult:
    """The extraction run (when anything is new) and the build run, on the warehouse's
    instance; the caller holds the lock."""
    # Dagster is imported only when there is work: a refresh with nothing to do stops
    # before, in well under a second
    import dagster as dg

    from .. import definitions
    from ..defs.extract import extraction_request
    from ..defs.tags import FULL_TAG, HELD_BACK_TAG
    from ..load.worker import LAUNCHER_ENV
    from .instance import LAUNCHED_BY_TAG, fail_interrupted_runs, open_instance

    # the extraction workers stop when this process is gone (orchestration.load.worker)
    os.environ[LAUNCHER_ENV] = str(os.getpid())
    instance = open_instance(paths)
    interrupted = fail_interrupted_runs(instance)
    if interrupted:
        echo(f"marked as failed the runs of an interrupted refresh: {', '.join(interrupted)}")
    if full and paths.extracted.exists():
        shutil.rmtree(paths.extracted)
        echo("full refresh: extraction cache cleared, every report is extracted again")
    start = time.monotonic()
    run_config = _run_config(paths, verbose)
    tags = {LAUNCHED_BY_TAG: "cli"}
    known = set(instance.get_dynamic_partitions("reports"))
    new_keys = [f.report_id for f in scan.files if f.report_id not in known]
    if new_keys:
        instance.add_dynamic_partitions("reports", new_keys)
    # largest first: the executor starts steps in this order, and the longest should not start last
    todo = sorted((f for f in scan.files if not is_cached(paths, f)), key=lambda f: -f.path.stat().st_size)
    stage_seconds, failures, extraction_run = {}, [], None
    if todo:
        echo(f"extracting {len(todo)} report(s): {', '.join(f.name for f in todo)}")
        t0 = time.monotonic()
        ops_config, extraction_tags = extraction_request([f.report_id for f in todo])
        with dg.execute_job(
                dg.reconstructable(definitions.extract_reports_job), instance=instance,
                tags={**tags, **extraction_tags},
                run_config={**run_config, **_parallelism(jobs), **ops_config}) as extraction:
            failures += step_failures(extraction)
            extraction_run = extraction.run_id
        stage_seconds["extract"] = round(time.monotonic() - t0, 2)
    else:
        echo(f"nothing new to extract: {len(scan.files)} report(s) unchanged")
    echo("building the warehouse: raw layer, dbt, checks, publication")
    # a build that holds reports back publishes nothing; the next one is made without them
    # (at most once per report: each attempt holds back at least one more)
    for attempt in range(len(scan.files) + 1):
        with dg.execute_job(dg.reconstructable(definitions.build_warehouse_job), instance=instance,
                            run_config=run_config, tags={**tags, **({FULL_TAG: "true"} if full else {})}) as build:
            metadata = {}
            for ev in build.get_asset_materialization_events():
                mat = ev.event_specific_data.materialization
                metadata[mat.asset_key.to_user_string()] = {k: v.value for k, v in mat.metadata.items()}
            run_id, success = build.run_id, build.success
            held_now = instance.get_run_by_id(run_id).tags.get(HELD_BACK_TAG)
            if not held_now or success:
                failures += step_failures(build)
                break
        echo(f"held back {held_now}: a blocking check failed on its data; building again without it")
    seconds = time.monotonic() - start
    metadata["extraction"] = {"reports": len(scan.files), "extracted": len(todo),
                              "from_cache": len(scan.files) - len(todo), "duplicates": len(scan.duplicates),
                              "pages": sum(_pages(paths, f) for f in todo), "skipped": scan.skipped}
    stage_seconds.update(_step_seconds(instance, run_id))
    metadata["stage_seconds"] = stage_seconds
    # what the file says, not what the run reported: a run can fail after the swap (the
    # exports on a full disk), and then the warehouse is published all the same
    published = published_run(paths) == run_id
    res = RefreshResult(success and published, published, run_id, seconds, metadata, failures,
                        str(paths.build_db) if paths.build_db.exists() else None,
                        extraction_run_id=extraction_run)
    if not published:
        res.failures += blocking_failures(paths.build_db)
        if res.build_file and (not keep_failed_build or any("No space left" in f for f in res.failures)):
            # a full disk is freed rather than kept holding a half-written build
            shutil.rmtree(paths.build_dir, ignore_errors=True)
            res.build_file = None
    res.held_back = _held_back(paths, scan)
    _write_state(paths, res)
    return res


def _held_back(paths: WarehousePaths, scan) -> list:
    """The held-back reports that still apply to the inbox (a no-op refresh keeps them)."""
    inbox = {f.report_id: f.sha256 for f in scan.files}
    return [h for rid, h in sorted(load_held_back(paths).items()) if inbox.get(rid) == h.sha256]


def exit_status(res: RefreshResult) -> int:
    """0: published (or nothing to do); 3: published, but some reports were held back;
    4: published, but a step after the swap failed (exports, PostgreSQL: the next refresh
    writes the exports again); 1: nothing published."""
    if res.noop:
        return 3 if res.held_back else 0
    if not res.published:
        return 1
    if not res.success:
        return 4
    return 3 if res.held_back else 0


def _check_writable(paths: WarehousePaths) -> None:
    try:
        paths.ensure()
        # one probe per process: two refreshes started together must not trip on each other's
        probe = paths.staging / f".write-probe-{os.getpid()}"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as e:
        raise WarehouseNotWritable(f"cannot write to {paths.home}: {e.strerror}; the published warehouse "
                                   f"is unchanged") from e


def _up_to_date(paths: WarehousePaths, scan) -> bool:
    """The inbox files, their extractions and every stage's code are those the published
    warehouse was built from (decided before Dagster runs anything)."""
    from ..defs.transform.project import ensure_manifest
    from ..defs.versions import published_fingerprint, refresh_fingerprint

    published = published_fingerprint(paths.published)
    if published is None:
        return False
    ensure_manifest()
    return refresh_fingerprint(paths, [(f.name, f.sha256) for f in scan.files], Catalog.load()) == published


def _run_config(paths: WarehousePaths, verbose: bool) -> dict:
    from ..defs.resources import WarehouseResource

    env = WarehouseResource.from_env(home=str(paths.home))
    return {
        "resources": {"warehouse": {"config": {"home": env.home, **env.budgets}}},
        "loggers": {"progress": {"config": {"log_level": "INFO" if verbose else "CRITICAL"}}},
    }


def _parallelism(jobs: int | None) -> dict:
    if not jobs or os.environ.get("TWBIO_EXECUTOR") == "celery":
        return {}
    return {"execution": {"config": {"max_concurrent": jobs}}}


_STAGES = {"raw_warehouse": "raw load", "dbt_models": "dbt build", "validated_warehouse": "checks",
           "published_warehouse": "publish", "warehouse_exports": "exports", "warehouse_site": "site",
           "postgres_marts": "postgres"}


def _step_seconds(instance, run_id: str) -> dict[str, float]:
    starts, out = {}, {}
    for entry in instance.all_logs(run_id):
        ev = entry.dagster_event
        if ev is None or ev.step_key is None:
            continue
        if ev.event_type_value == "STEP_START":
            starts[ev.step_key] = entry.timestamp
        elif ev.event_type_value in ("STEP_SUCCESS", "STEP_FAILURE") and ev.step_key in starts:
            out[_STAGES.get(ev.step_key, ev.step_key)] = round(entry.timestamp - starts[ev.step_key], 2)
    return out


def _pages(paths: WarehousePaths, f) -> int:
    cached = read_cached(paths, f)
    return cached.report.pages if cached and cached.report else 0


def step_failures(result) -> list[str]:
    """'step X failed: <the error>' for every failed step of a run."""
    out = []
    for e in result.all_events:
        if e.is_step_failure:
            err = getattr(e.event_specific_data, "error", None)
            while err is not None and getattr(err, "cause", None) is not None:
                err = err.cause  # the user code's own exception, not Dagster's wrapper
            cause = err.message.strip().splitlines()[-1] if err and err.message else ""
            out.append(f"{e.message} {cause}".strip())
    return out


def blocking_failures(build) -> list[str]:
    """Failed blocking expectations of a rejected build, as readable lines."""
    if not build.exists():
        return []
    try:
        with duckdb.connect(str(build), read_only=True) as con:
            rows = con.execute(
                "select suite, expectation, column_name, observed_value, failing_rows "
                "from audit.validation_results where not success and severity = 'blocking'").fetchall()
    except duckdb.Error:
        return []
    out = []
    for suite, exp, col, observed, failing in rows:
        where = f" column {col}" if col else ""
        rows_txt = ""
        fr = json.loads(failing or "[]")
        if fr:
            rows_txt = "; rows: " + "; ".join(", ".join(f"{k}={v}" for k, v in r.items()) for r in fr[:5])
        out.append(f"blocking expectation failed: suite {suite}, {exp}{where} (observed {observed}){rows_txt}")
    return out


def _write_state(paths: WarehousePaths, res: RefreshResult) -> None:
    state = {
        "run_id": res.run_id, "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "success": res.success, "published": res.published, "noop": res.noop, "seconds": round(res.seconds, 2),
        "failures": res.failures, "metadata": res.metadata, "extraction_run_id": res.extraction_run_id,
        "held_back": [{"report_id": h.report_id, "file_name": h.file_name, "findings": h.lines()} for h in res.held_back],
    }
    tmp = paths.home / ".last_refresh.json.tmp"
    try:
        tmp.write_text(json.dumps(state, ensure_ascii=False, default=str, indent=1), encoding="utf-8")
        tmp.replace(paths.home / "last_refresh.json")
    except OSError:
        # a full disk must not turn a reported failure into a crash; the state file is a convenience
        tmp.unlink(missing_ok=True)
