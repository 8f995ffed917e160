"""The build warehouse: where a refresh writes before anything is published.

A build starts as a copy of the published warehouse (unless it is a full refresh, or
nothing is published yet): what did not change comes along as it is, raw rows and dbt
models alike, and the load and transform steps replace only what changed. The build
lives at one path per warehouse home (`paths.build_db`), so that dbt's profile, and with
it dbt's partial parsing, stays the same from one refresh to the next; one build runs at
a time (the warehouse lock).
"""

from __future__ import annotations

import shutil

from ..paths import WarehousePaths


def start_build(paths: WarehousePaths, full: bool) -> bool:
    """Make this run's build file; True when it starts as a copy of the published one."""
    shutil.rmtree(paths.build_dir, ignore_errors=True)
    paths.build_dir.mkdir(parents=True)
    if full or not paths.published.exists():
        return False
    tmp = paths.build_db.with_name(paths.build_db.name + ".copy")
    shutil.copy2(paths.published, tmp)
    tmp.replace(paths.build_db)
    return True
