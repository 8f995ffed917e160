"""Resources injected into the assets: where the warehouse is, and this run's build file."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from extractors.report import DEFAULT_MAX_PAGES, DEFAULT_PAGE_SECONDS

from .paths import WarehousePaths


class WarehouseResource(dg.ConfigurableResource):
    """The warehouse directory (empty `home`: TWBIO_HOME or the repo's warehouse/) and the
    extraction budgets: seconds per page, pages per file (TWBIO_PAGE_SECONDS, TWBIO_MAX_PAGES)."""

    home: str = ""
    page_seconds: float = DEFAULT_PAGE_SECONDS
    max_pages: int = DEFAULT_MAX_PAGES

    @classmethod
    def from_env(cls, home: str = "") -> "WarehouseResource":
        return cls(home=home,
                   page_seconds=float(os.environ.get("TWBIO_PAGE_SECONDS", DEFAULT_PAGE_SECONDS)),
                   max_pages=int(os.environ.get("TWBIO_MAX_PAGES", DEFAULT_MAX_PAGES)))

    @property
    def paths(self) -> WarehousePaths:
        return WarehousePaths(Path(self.home).resolve()) if self.home else WarehousePaths.from_env()

    def build_db(self, run_id: str):
        """The file this run builds into; published only when every blocking check passes."""
        return self.paths.build_db(run_id)
