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
import struct
from pathlib import Path

from ..paths import WarehousePaths


# The published file is read by whatever DuckDB a user's tool bundles, often a release or
# two behind the Python wheel: it is written in the storage format DuckDB 1.1 introduced
# (storage version 64), which every DuckDB from 1.1 on reads. A file keeps the format it
# was created in, so only new build files need the setting.
STORAGE_COMPATIBILITY = "v1.1.0"
STORAGE_VERSION = 64


def storage_version(db: Path) -> int | None:
    """The storage version in a DuckDB file's header (None: not a DuckDB file)."""
    try:
        with open(db, "rb") as f:
            head = f.read(64)
    except OSError:
        return None
    at = head.find(b"DUCK")
    return struct.unpack("<Q", head[at + 4:at + 12])[0] if at >= 0 else None


def create_database(db: Path) -> None:
    """An empty DuckDB file in the compatible storage format."""
    import duckdb

    duckdb.connect(str(db), config={"storage_compatibility_version": STORAGE_COMPATIBILITY}).close()


def start_build(paths: WarehousePaths, full: bool) -> bool:
    """Make this run's build file; True when it starts as a copy of the published one (a
    published file in another storage format is not copied: the build starts anew)."""
    shutil.rmtree(paths.build_dir, ignore_errors=True)
    paths.build_dir.mkdir(parents=True)
    if full or not paths.published.exists() or storage_version(paths.published) != STORAGE_VERSION:
        create_database(paths.build_db)
        return False
    tmp = paths.build_db.with_name(paths.build_db.name + ".copy")
    shutil.copy2(paths.published, tmp)
    tmp.replace(paths.build_db)
    return True
