"""The dbt project as Dagster sees it, with a manifest that is always current.

The manifest is parsed (partially, when dbt can) when definitions are loaded and it is
older than a project file, never at import."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from functools import lru_cache

from ...paths import DBT_PROJECT_DIR

MANIFEST_PATH = DBT_PROJECT_DIR / "target" / "manifest.json"


@lru_cache(maxsize=1)
def dbt_project():
    """The project as dagster-dbt knows it (imported on demand: it loads dbt)."""
    from dagster_dbt import DbtProject

    project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
    assert project.manifest_path == MANIFEST_PATH, project.manifest_path
    return project


def _newest_source_mtime(root: Path) -> float:
    newest = 0.0
    for sub in ("models", "macros", "tests", "dbt_project.yml", "profiles.yml"):
        p = root / sub
        files = [p] if p.is_file() else list(p.rglob("*")) if p.exists() else []
        for f in files:
            if f.is_file():
                newest = max(newest, f.stat().st_mtime)
    return newest


def ensure_manifest() -> Path:
    """Parse the project when the manifest is missing or older than any project file.

    `dagster dev` would do this through prepare_if_dev(); the CLI, the tests and CI load
    the definitions directly, so the manifest is prepared here for all of them.
    """
    manifest = MANIFEST_PATH
    if _fresh(manifest):
        return manifest
    manifest.parent.mkdir(parents=True, exist_ok=True)
    # several processes (test workers, `dagster dev` and a refresh) may load the definitions
    # at once: one parses, the others wait and then find the manifest fresh
    with open(manifest.parent / ".parse.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _fresh(manifest):
            return manifest
        from dbt.cli.main import dbtRunner

        cwd = os.getcwd()
        try:
            os.chdir(DBT_PROJECT_DIR)
            res = dbtRunner().invoke(["parse", "--quiet", "--project-dir", str(DBT_PROJECT_DIR),
                                      "--profiles-dir", str(DBT_PROJECT_DIR), "--log-level-file", "none"])
        finally:
            os.chdir(cwd)
    if not res.success:
        raise RuntimeError(f"dbt parse failed: {res.exception}")
    return manifest


def _fresh(manifest: Path) -> bool:
    return manifest.exists() and manifest.stat().st_mtime >= _newest_source_mtime(DBT_PROJECT_DIR)
