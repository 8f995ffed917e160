"""What the assets are given: where the warehouse is, and the extraction budgets."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from extractors import DEFAULT_MAX_PAGES, DEFAULT_PAGE_SECONDS

from ..paths import WarehousePaths


class WarehouseResource(dg.ConfigurableResource):
    """The warehouse directory (empty `home`: TWBIO_HOME or the repo's warehouse/) and the
    extraction budgets: seconds per page, pages per file (TWBIO_PAGE_SECONDS, TWBIO_MAX_PAGES)."""

    home: str = ""
    page_seconds: float = DEFAULT_PAGE_SECONDS
    max_pages: int = DEFAULT_MAX_PAGES

    @classmethod
    def from_env(cls, home: str = "") -> "WarehouseResource":
        return cls(home=home or os.environ.get("TWBIO_HOME", ""),
                   page_seconds=float(os.environ.get("TWBIO_PAGE_SECONDS", DEFAULT_PAGE_SECONDS)),
                   max_pages=int(os.environ.get("TWBIO_MAX_PAGES", DEFAULT_MAX_PAGES)))

    @property
    def paths(self) -> WarehousePaths:
        return WarehousePaths(Path(self.home).resolve()) if self.home else WarehousePaths.from_env()
