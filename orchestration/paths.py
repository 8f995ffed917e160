"""Where the warehouse lives on disk.

Everything twbio writes is under one directory (default: the repo's `warehouse/`,
override with TWBIO_HOME) so that a test or a second deployment can point the whole
pipeline somewhere else.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"


@dataclass(frozen=True)
class WarehousePaths:
    home: Path

    @classmethod
    def from_env(cls) -> "WarehousePaths":
        return cls(Path(os.environ.get("TWBIO_HOME", PROJECT_ROOT / "warehouse")).resolve())

    @property
    def inbox(self) -> Path:
        return self.home / "inbox"

    @property
    def published(self) -> Path:
        """The published warehouse: only ever replaced whole, never written in place."""
        return self.home / "twbio.duckdb"

    @property
    def staging(self) -> Path:
        return self.home / ".staging"

    @property
    def extracted(self) -> Path:
        """Extraction cache: one JSON per source file, keyed by sha256 and extractor version."""
        return self.home / "extracted"

    @property
    def quarantine(self) -> Path:
        return self.home / "quarantine"

    @property
    def exports(self) -> Path:
        return self.home / "exports"

    @property
    def quality(self) -> Path:
        return self.home / "quality"

    @property
    def docs(self) -> Path:
        return self.home / "docs"

    @property
    def lock(self) -> Path:
        return self.home / ".lock"

    def build_db(self, run_id: str) -> Path:
        """This run's build file: in a directory of its own and named like the published file,
        because DuckDB names a database after its file and dbt-duckdb writes that name into
        some view definitions; a view built in `build-<run>.duckdb` would not resolve once
        the file is published as twbio.duckdb."""
        return self.staging / f"build-{run_id}" / self.published.name

    def ensure(self) -> None:
        for d in (self.home, self.inbox, self.staging, self.extracted, self.quarantine):
            d.mkdir(parents=True, exist_ok=True)
