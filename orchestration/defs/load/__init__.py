"""Load: the raw layer of this run's build warehouse."""

from .assets import RAW_CORE, raw_asset_specs, raw_warehouse

__all__ = ["RAW_CORE", "raw_asset_specs", "raw_warehouse"]
