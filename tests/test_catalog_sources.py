from orchestration.catalog import Catalog
from orchestration.catalog.dbt_sources import render


def test_dbt_sources_are_generated_from_the_catalog():
    for path, text in render(Catalog.load()).items():
        assert path.exists(), f"{path} missing: run python -m orchestration.catalog.dbt_sources"
        assert path.read_text(encoding="utf-8") == text, f"{path} is stale: run python -m orchestration.catalog.dbt_sources"
