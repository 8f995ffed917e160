"""Transform: the dbt models (staging, intermediate, marts) and their tests."""

from .assets import DbtTranslator, dbt_models
from .project import DBT_PROJECT, ensure_manifest

__all__ = ["DBT_PROJECT", "DbtTranslator", "dbt_models", "ensure_manifest"]
