"""Generate dbt source declarations from the table catalog, so the two never drift.

    python -m orchestration.catalog.dbt_sources      # rewrite dbt_project/models/staging/*/_<source>__sources.yml

tests/test_catalog_sources.py fails when the committed files differ from what this writes.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..paths import DBT_PROJECT_DIR
from .tables import Catalog

HEADER = "# Generated from orchestration/catalog/tables.yml by `python -m orchestration.catalog.dbt_sources`; do not edit.\n"


def render(catalog: Catalog) -> dict[Path, str]:
    by_source: dict[str, list] = {}
    for d in catalog.datasets:
        by_source.setdefault(d.family, []).append(d)
    out = {}
    for source, datasets in by_source.items():
        meta = catalog.families[source]
        desc = f"the report family {source} ({meta.get('publisher', '')}; every edition loaded)"
        tables = []
        for d in datasets:
            cols = [
                {"name": "report_id", "description": "Source report (raw.documents.report_id)."},
                {"name": "table_id", "description": "Printed table number, or a stable slug for an uncaptioned table."},
                {"name": "source_page", "description": "PDF page (1-based) the row is printed on."},
                {"name": "row_number", "description": "Body row number within the logical table (1-based)."},
            ]
            for c in d.columns:
                unit = f" [{c.unit}]" if c.unit else ""
                cols.append({"name": c.name, "description": f"{c.label_zh} ({c.type}{unit}), as printed.",
                             "config": {"meta": {"type": c.type, "label_zh": c.label_zh}}})
            tables.append({
                "name": d.dataset,
                "description": f"{d.name}. Subject: {d.subject}."
                               + (f" Printed unit: {d.unit_printed}." if d.unit_printed else ""),
                "config": {"meta": {"subject": d.subject, "table_id": d.table_id,
                                     "caption_pattern": d.caption_pattern, "key": list(d.key)}},
                "data_tests": [{"not_null_columns": {"arguments": {"columns": ["report_id", "source_page"]}}}],
                "columns": cols,
            })
        doc = {"version": 2, "sources": [{
            "name": source, "schema": "raw",
            "description": f"Tables of {desc}, as extracted by twbio: one row per printed body row, every value as printed (text).",
            "tables": tables,
        }]}
        path = DBT_PROJECT_DIR / "models" / "staging" / source / f"_{source}__sources.yml"
        out[path] = HEADER + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=120)
    return out


def main() -> int:
    for path, text in render(Catalog.load()).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(DBT_PROJECT_DIR.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
