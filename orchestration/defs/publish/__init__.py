"""Publish: the checked build swapped in, then the copies BI tools read."""

from .assets import postgres_marts, published_warehouse, warehouse_exports, warehouse_site

__all__ = ["postgres_marts", "published_warehouse", "warehouse_exports", "warehouse_site"]
