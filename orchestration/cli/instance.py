"""The persistent Dagster instance of a warehouse (warehouse/.dagster).

`twbio refresh`, `twbio dev` (`make dev`) and the daemon all use it, so that the UI
shows every refresh, whoever started it."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg

from ..paths import WarehousePaths

_SETTINGS = Path(__file__).with_name("dagster.yaml")
LAUNCHED_BY_TAG = "twbio/launched_by"


def prepare_instance_home(paths: WarehousePaths) -> Path:
    """The instance directory, with twbio's settings unless someone put their own there."""
    home = paths.dagster_home
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "dagster.yaml").exists():
        shutil.copy2(_SETTINGS, home / "dagster.yaml")
    return home


def open_instance(paths: WarehousePaths) -> dg.DagsterInstance:
    return dg.DagsterInstance.from_config(str(prepare_instance_home(paths)))


def fail_interrupted_runs(instance: dg.DagsterInstance) -> list[str]:
    """Runs a killed `twbio refresh` left marked as started: the caller holds the warehouse
    lock, so no refresh of this warehouse is running any more; they are marked failed so
    that the UI does not show them running for ever."""
    stale = instance.get_runs(filters=dg.RunsFilter(
        tags={LAUNCHED_BY_TAG: "cli"},
        statuses=[dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.NOT_STARTED]))
    for run in stale:
        instance.report_run_failed(run, "the twbio refresh that ran it ended before it finished")
    return [run.run_id for run in stale]
