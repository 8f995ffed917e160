"""Resources injected into the assets: where the warehouse is, and this run's build file."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from extractors.report import DEFAULT_MAX_PAGES, DEFAULT_PAGE_SECONDS

from .paths import WarehousePaths


class WarehouseResource(dg.ConfigurableResource):
    """The warehouse directory. Empty `home` means TWBIO_HOME or the repo's warehouse/."""

    home: str = ""
    page_seconds: float = DEFAULT_PAGE_SECONDS
    max_pages: int = DEFAULT_MAX_PAGES

    @property
    def paths(self) -> WarehousePaths:
        return WarehousePaths(Path(self.home).resolve()) if self.home else WarehousePaths.from_env()

    def build_db(self, run_id: str):
        """The file this run builds into; published only when every blocking check passes."""
        return self.paths.build_db(run_id)
