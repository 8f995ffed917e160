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
    def site(self) -> Path:
        """The browsable site of the published warehouse (static files, `twbio serve`)."""
        return self.home / "site"

    @property
    def docs(self) -> Path:
        return self.home / "docs"

    @property
    def lock(self) -> Path:
        return self.home / ".lock"

    @property
    def build_dir(self) -> Path:
        return self.staging / "build"

    @property
    def build_db(self) -> Path:
        """The build file: named like the published file, because DuckDB names a database
        after its file and dbt-duckdb writes that name into some view definitions (a view
        built in another file name would not resolve once the file is published); at one
        path, so that dbt's profile stays the same from one build to the next."""
        return self.build_dir / self.published.name

    @property
    def dbt_dir(self) -> Path:
        """dbt's target (partial parse state, run artefacts) and logs for this warehouse."""
        return self.home / ".dbt"

    @property
    def dbt_state(self) -> Path:
        """The manifest the published warehouse was built with (dbt's --state)."""
        return self.dbt_dir / "state"

    @property
    def dagster_home(self) -> Path:
        """The Dagster instance every refresh of this warehouse runs on (`make dev` opens it)."""
        return self.home / ".dagster"

    def ensure(self) -> None:
        for d in (self.home, self.inbox, self.staging, self.extracted, self.quarantine):
            d.mkdir(parents=True, exist_ok=True)
