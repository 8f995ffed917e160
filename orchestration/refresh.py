"""`twbio refresh`: the Dagster refresh job, in-process, under the warehouse lock.

This is the same graph `dagster dev` shows; the CLI only adds the lock, the clean-up of
what a crashed run left behind, progress lines and a summary.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from .locking import refresh_lock
from .paths import WarehousePaths


class WarehouseNotWritable(Exception):
    pass


@dataclass
class RefreshResult:
    success: bool
    published: bool
    run_id: str
    seconds: float
    metadata: dict = field(default_factory=dict)  # asset name -> materialization metadata
    failures: list[str] = field(default_factory=list)
    build_file: str | None = None
    noop: bool = False

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
        if raw:
            lines.append(f"tables: {raw.get('tables', 0)} ({raw.get('catalogued', 0)} catalogued), "
                         f"cells: {raw.get('cells', 0)}, dataset rows: {raw.get('dataset_rows', 0)}")
            lines.append(f"running text: {raw.get('text_figures', 0)} printed figures, "
                         f"{raw.get('statement_figures', 0)} from catalogued statements, "
                         f"{raw.get('statement_errors', 0)} statements unmatched")
        if val:
            lines.append(f"checks: {val.get('expectations', 0)} expectations, {val.get('failed_blocking', 0)} blocking "
                         f"failures, {val.get('warnings', 0)} warnings")
        if self.noop:
            lines.append(f"up to date: {paths.published} already holds these files (nothing to do)")
        elif self.published:
            lines.append(f"published: {pub.get('marts', 0)} marts, {pub.get('mart_rows', 0)} rows -> {paths.published}")
        else:
            lines.append(f"NOT published: {paths.published} is unchanged")
            if self.build_file:
                lines.append(f"the rejected build is kept for inspection: {self.build_file}")
        if not self.noop:
            lines.append(f"run {self.run_id} took {self.seconds:.1f} s")
        return lines


def clean_stale(paths: WarehousePaths) -> list[str]:
    """Remove build files and run manifests a crashed refresh left (we hold the lock)."""
    removed = []
    if paths.staging.exists():
        for p in paths.staging.iterdir():
            if p.is_dir():
                shutil.rmtree(p, ignore_errors=True)
            else:
                p.unlink(missing_ok=True)
            removed.append(p.name)
    for p in paths.home.glob("twbio.duckdb.*tmp*"):
        p.unlink(missing_ok=True)
        removed.append(p.name)
    return removed


def run_refresh(paths: WarehousePaths, *, full: bool = False, wait: bool = False, echo=print,
                instance=None, keep_failed_build: bool = True,
                verbose: bool = True, jobs: int = 1) -> RefreshResult:
    from .extraction import is_cached, known_reports, scan_inbox
    from .fingerprint import published_fingerprint, refresh_fingerprint

    try:
        paths.ensure()
        # one probe per process: two refreshes started together must not trip on each other's
        probe = paths.staging / f".write-probe-{os.getpid()}"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as e:
        raise WarehouseNotWritable(f"cannot write to {paths.home}: {e.strerror}; the published warehouse "
                                   f"is unchanged") from e
    with refresh_lock(paths.lock, wait=wait):
        if not full:
            # nothing new in the inbox and no code change since the last publication: done
            # (checked before Dagster and dbt are even loaded)
            scan = scan_inbox(paths, known_reports(paths))
            current = refresh_fingerprint([(f.path.name, f.sha256) for f in scan.files], paths.extracted)
            if current == published_fingerprint(paths.published):
                echo("nothing changed since the last published refresh (same files, same code)")
                res = RefreshResult(True, False, "", 0.0, {"extraction": {"reports": len(scan.files), "extracted": 0,
                                    "from_cache": len(scan.files), "duplicates": len(scan.duplicates), "pages": 0},
                                    "stage_seconds": {}}, [], None, noop=True)
                _write_state(paths, res)
                return res
        import dagster as dg

        from .assets import FULL_TAG, REPORTS
        from .definitions import defs  # loading the definitions parses the dbt project

        stale = clean_stale(paths)
        if stale:
            echo(f"cleaned up after an interrupted refresh: {', '.join(sorted(stale))}")
        if full and paths.extracted.exists():
            shutil.rmtree(paths.extracted)
            echo("full refresh: extraction cache cleared, every report is extracted again")
        instance = instance or dg.DagsterInstance.ephemeral()
        resources = {"warehouse": _warehouse_resource(paths)}
        run_config = {"loggers": {"progress": {"config": {"log_level": "INFO" if verbose else "CRITICAL"}}}}
        start = time.monotonic()
        scan = scan_inbox(paths, known_reports(paths))
        new_keys = [f.report_id for f in scan.files
                    if not instance.has_dynamic_partition(REPORTS.name, f.report_id)]
        if new_keys:
            instance.add_dynamic_partitions(REPORTS.name, new_keys)
        # only new or changed files (or all, after an extractor upgrade) are extracted
        todo = [f for f in scan.files if not is_cached(paths, f)]
        stage_seconds = {}
        t0 = time.monotonic()
        if todo:
            # pdfplumber runs in worker processes (all cores; a file that crashes or hangs the
            # parser cannot take the refresh with it, and each worker's main thread enforces the
            # per-page time budget); each report's partition run below then records it
            workers = max(1, min(jobs, len(todo)))
            echo(f"extracting {len(todo)} report(s) with {workers} worker process(es)")
            parallel_extract(paths, todo, workers, _warehouse_resource(paths))
        extract_job = defs.resolve_job_def("extract_reports")
        extraction_failures = []
        for i, f in enumerate(todo, 1):
            echo(f"[{i}/{len(todo)}] {f.path.name}: partition {f.report_id}")
            r = extract_job.execute_in_process(instance=instance, partition_key=f.report_id, raise_on_error=False,
                                               resources=resources, run_config=run_config)
            if not r.success:
                extraction_failures += step_failures(r)
        stage_seconds["extract"] = time.monotonic() - t0
        if not todo:
            echo(f"nothing new to extract: {len(scan.files)} report(s) unchanged")
        echo("building the warehouse: raw layer, dbt, checks, publication")
        result = defs.resolve_job_def("build_warehouse").execute_in_process(
            instance=instance, raise_on_error=False, resources=resources, run_config=run_config,
            tags={FULL_TAG: "true"} if full else None)
        seconds = time.monotonic() - start
        metadata: dict = {}
        for ev in result.get_asset_materialization_events():
            mat = ev.event_specific_data.materialization
            name = mat.asset_key.to_user_string()
            metadata[name] = {k: v.value for k, v in mat.metadata.items()}
        metadata["extraction"] = {"reports": len(scan.files), "extracted": len(todo),
                                  "from_cache": len(scan.files) - len(todo), "duplicates": len(scan.duplicates),
                                  "pages": sum(_pages(paths, f) for f in todo)}
        stage_seconds.update(_step_seconds(instance, result.run_id))
        metadata["stage_seconds"] = stage_seconds
        failures = extraction_failures + step_failures(result)
        published = "published_warehouse" in metadata
        build = paths.build_db(result.run_id)
        res = RefreshResult(result.success and published, published, result.run_id, seconds, metadata, failures,
                            str(build) if build.exists() else None)
        if not published:
            res.failures += blocking_failures(build)
            if build.exists() and (not keep_failed_build or any("No space left" in f for f in res.failures)):
                # a full disk is freed rather than kept holding a half-written build
                shutil.rmtree(build.parent, ignore_errors=True)
                res.build_file = None
        url = os.environ.get("TWBIO_POSTGRES_URL")
        if res.published and url:
            from .postgres import publish_postgres

            pg = publish_postgres(paths.published, url)
            echo(f"published {pg['tables']} marts to PostgreSQL schema {pg['schema']}")
        _write_state(paths, res)
        return res


_STAGES = {"raw_warehouse": "raw load", "dbt_models": "dbt build", "validated_warehouse": "checks",
           "published_warehouse": "publish"}


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
    from .extraction import cache_path

    p = cache_path(paths, f.sha256)
    if not p.exists():
        return 0
    return json.loads(p.read_text(encoding="utf-8")).get("pages", 0)


def _extract_in_worker(home: str, file_path: str, sha256: str, report_id: str, page_seconds: float, max_pages: int):
    from .extraction import InboxFile, extract_one

    out = extract_one(WarehousePaths(Path(home)), InboxFile(Path(file_path), sha256, report_id),
                      page_seconds=page_seconds, max_pages=max_pages)
    return report_id, out.error


def parallel_extract(paths: WarehousePaths, files, jobs: int, warehouse) -> None:
    """Fill the extraction cache with worker processes (one report per task). A worker that
    dies (a segfault in a parser, the OOM killer) fails only its report: the partition run
    then extracts that report in-process, where its error is quarantined as usual."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    # (no max_tasks_per_child: on Python 3.11 the pool hangs once workers retire)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context("spawn")) as pool:
        futures = [pool.submit(_extract_in_worker, str(paths.home), str(f.path), f.sha256, f.report_id,
                               warehouse.page_seconds, warehouse.max_pages) for f in files]
        for f, fut in zip(files, futures):
            try:
                fut.result()
            except Exception:  # BrokenProcessPool and the like: see the docstring
                pass


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


def _warehouse_resource(paths: WarehousePaths):
    from .resources import WarehouseResource

    return WarehouseResource.from_env(home=str(paths.home))


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
        "failures": res.failures, "metadata": res.metadata,
    }
    tmp = paths.home / ".last_refresh.json.tmp"
    try:
        tmp.write_text(json.dumps(state, ensure_ascii=False, default=str, indent=1), encoding="utf-8")
        tmp.replace(paths.home / "last_refresh.json")
    except OSError:
        # a full disk must not turn a reported failure into a crash; the state file is a convenience
        tmp.unlink(missing_ok=True)
