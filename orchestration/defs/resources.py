"""What the assets are given: where the warehouse is, and the extraction budgets."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from extractors import DEFAULT_MAX_PAGES, DEFAULT_PAGE_SECONDS

from ..load.worker import DEFAULT_FILE_MEMORY_MB, DEFAULT_FILE_SECONDS
from ..paths import WarehousePaths


class WarehouseResource(dg.ConfigurableResource):
    """The warehouse directory (empty `home`: TWBIO_HOME or the repo's warehouse/) and the
    extraction budgets: seconds per page, pages per file, seconds and megabytes of memory
    per file (TWBIO_PAGE_SECONDS, TWBIO_MAX_PAGES, TWBIO_FILE_SECONDS, TWBIO_FILE_MEMORY_MB)."""

    home: str = ""
    page_seconds: float = DEFAULT_PAGE_SECONDS
    max_pages: int = DEFAULT_MAX_PAGES
    file_seconds: float = DEFAULT_FILE_SECONDS
    memory_mb: int = DEFAULT_FILE_MEMORY_MB

    @classmethod
    def from_env(cls, home: str = "") -> "WarehouseResource":
        return cls(home=home or os.environ.get("TWBIO_HOME", ""),
                   page_seconds=float(os.environ.get("TWBIO_PAGE_SECONDS", DEFAULT_PAGE_SECONDS)),
                   max_pages=int(os.environ.get("TWBIO_MAX_PAGES", DEFAULT_MAX_PAGES)),
                   file_seconds=float(os.environ.get("TWBIO_FILE_SECONDS", DEFAULT_FILE_SECONDS)),
                   memory_mb=int(os.environ.get("TWBIO_FILE_MEMORY_MB", DEFAULT_FILE_MEMORY_MB)))

    @property
    def budgets(self) -> dict:
        """The extraction budgets, as extract_one takes them."""
        return {"page_seconds": self.page_seconds, "max_pages": self.max_pages, "file_seconds": self.file_seconds,
                "memory_mb": self.memory_mb}

    @property
    def paths(self) -> WarehousePaths:
        return WarehousePaths(Path(self.home).resolve()) if self.home else WarehousePaths.from_env()
