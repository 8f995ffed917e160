"""The raw layer: raw.documents, raw.tables, raw.cells, one relation per catalogued table
and the running text, every row traceable to its report and page."""

import json

import dagster as dg
import duckdb

from ...catalog import Catalog
from extractors import __version__ as EXTRACTOR_VERSION

from ...load import (active_held_back, cache_signature, changed_relations, delete_reports, ensure_schema, extract_one,
                     hold_back_reports, known_reports, load_report, mark_previously_published, plan_raw_layer, previous_sources,
                     raw_code_version, record_held_back, record_quarantine, record_raw_layer, report_ids_by_relation,
                     reset_raw_layer, scan_inbox, start_build)
from ...locking import hold_for_run
from ..resources import WarehouseResource
from ..tags import FULL_TAG
from ..versions import judging_version

RAW_CORE = ["documents", "tables", "cells", "dataset_columns", "text_blocks", "text_lines", "text_figures",
            "statement_figures", "statement_matches"]


def raw_asset_specs(catalog: Catalog) -> list[dg.AssetSpec]:
    from ..extract import report_tables

    return ([dg.AssetSpec(["raw", name], deps=[report_tables], kinds={"duckdb"}, description=f"raw.{name}")
             for name in RAW_CORE]
            + [dg.AssetSpec(["raw", d.dataset], deps=[report_tables], kinds={"duckdb"},
                            description=f"{d.name} (raw, as printed)") for d in catalog.datasets])


def raw_warehouse(catalog: Catalog) -> dg.AssetsDefinition:
    @dg.multi_asset(name="raw_warehouse", group_name="raw", specs=raw_asset_specs(catalog))
    def _raw_warehouse(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
        """The raw layer of this run's build warehouse. The build starts as a copy of the
        published warehouse (unless this is a full refresh): reports whose file and
        extraction cache entries are the ones the published raw layer was loaded from, by
        the same code, stay as they are; the others are loaded from the extraction cache,
        and reports gone from the inbox are deleted (metadata: loaded, kept, deleted)."""
        paths = warehouse.paths
        paths.ensure()
        hold_for_run(paths.lock)
        full = context.run.tags.get(FULL_TAG) == "true"
        copied = start_build(paths, full)
        scan = scan_inbox(paths, known_reports(paths))
        sources = {f.report_id: [f.name, f.sha256, cache_signature(paths, f.sha256)] for f in scan.files}
        totals = {"reports": 0, "quarantined": 0, "extracted_now": 0, "duplicates": len(scan.duplicates),
                  "started_from": "the published warehouse" if copied else "nothing"}
        held = active_held_back(paths, {f.report_id: f.sha256 for f in scan.files}, EXTRACTOR_VERSION,
                                judging_version(catalog))
        with duckdb.connect(str(paths.build_db)) as con:
            plan = plan_raw_layer(con, catalog, sources, full or not copied)
            if plan.reset:
                reset_raw_layer(con, catalog)
            else:
                ensure_schema(con, catalog)
            before = {} if plan.reset else report_ids_by_relation(con, catalog)
            published_sources = {} if plan.reset else previous_sources(con)
            kept_held = hold_back_reports(plan, set(held), set(before.get("raw.documents", set())))
            for rid in held:
                context.log.warning(f"held back: {held[rid].file_name} ({rid}) failed a blocking check; "
                                    + ("its last published rows stay" if rid in kept_held else "it is left out"))
                if rid in kept_held:
                    sources[rid] = published_sources.get(rid, sources[rid])
                else:
                    sources.pop(rid, None)
            delete_reports(con, catalog, plan.delete)
            by_id = {f.report_id: f for f in scan.files}
            for rid in plan.load:
                f = by_id[rid]
                # normally a cache read: report_tables ran for this partition; a report dropped
                # in without its partition run (the daily schedule) is extracted here
                out = extract_one(paths, f, **warehouse.budgets)
                totals["extracted_now"] += 0 if out.from_cache else 1
                if out.error:
                    record_quarantine(con, catalog, f.report_id, f.name, f.sha256, out.error)
                else:
                    load_report(con, out.report, catalog, f.name)
            # read again: reports extracted by this step have cache entries only now
            sources = {f.report_id: [f.name, f.sha256, cache_signature(paths, f.sha256)] for f in scan.files
                       if f.report_id not in held}
            sources.update({rid: published_sources[rid] for rid in kept_held if rid in published_sources})
            # what the build kept changes with every build: the checks that read it run again
            changed = changed_relations(con, catalog, plan, before) + ["audit.previously_published"]
            record_raw_layer(con, catalog, plan, sources, changed)
            record_held_back(con, list(held.values()), kept_held)
            mark_previously_published(con, plan.keep)
            counts = dict(con.execute(
                "select status, count(*) from raw.documents group by status").fetchall())
            totals["reports"], totals["quarantined"] = counts.get("loaded", 0), counts.get("quarantined", 0)
            totals.update({"loaded": len(plan.load), "kept": len(plan.keep), "deleted": len(plan.delete),
                           "held_back": len(held),
                           "changed_relations": len(changed), "code_version": raw_code_version(catalog)})
            totals.update(_content_counts(con, catalog))
            rows = {name: con.execute(f"select count(*) from raw.{name}").fetchall()[0][0]
                    for name in RAW_CORE + [d.dataset for d in catalog.datasets]}
        inbox = {"files": [{"report_id": rid, "file_name": s[0], "sha256": s[1]} for rid, s in sources.items()],
                 "duplicates": [{"file_name": d.name, "duplicate_of": of.name} for d, of in scan.duplicates]}
        (paths.build_dir / "inbox.json").write_text(json.dumps(inbox, ensure_ascii=False), encoding="utf-8")
        for name, n in rows.items():
            meta = {"rows": n, "changed": f"raw.{name}" in changed}
            if name == "documents":
                meta.update({**totals, "build_file": str(paths.build_db)})
            yield dg.MaterializeResult(asset_key=["raw", name], metadata=meta)

    return _raw_warehouse


def _content_counts(con, catalog: Catalog) -> dict:
    one = lambda sql: con.execute(sql).fetchall()[0][0]  # noqa: E731
    return {
        "tables": one("select count(*) from raw.tables"),
        "catalogued": one("select count(*) from raw.tables where dataset is not null"),
        "cells": one("select count(*) from raw.cells"),
        "dataset_rows": sum(one(f"select count(*) from {d.relation}") for d in catalog.datasets),
        "text_figures": one("select count(*) from raw.text_figures"),
        "statement_figures": one("select count(*) from raw.statement_figures"),
        "statement_errors": one("select count(*) from raw.statement_matches where status <> 'matched'"),
    }
