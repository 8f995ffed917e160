"""The raw layer and the catalog: lossless, idempotent, traceable, loud about surprises."""

import copy
import hashlib
import shutil

import duckdb

from orchestration.catalog import Catalog, map_columns
from orchestration.load import ensure_schema, load_report
from orchestration.cli.refresh import run_refresh
from orchestration.cli.status import status_report


def _raw_checksum(con) -> str:
    h = hashlib.sha256()
    for (table,) in con.execute(
            "select table_name from information_schema.tables where table_schema = 'raw' order by 1").fetchall():
        h.update(table.encode())
        for row in con.execute(f'select * from raw."{table}" order by all').fetchall():
            h.update(repr(row).encode())
    return h.hexdigest()


def test_every_sample_table_is_catalogued(extracted_samples):
    _, reports = extracted_samples
    catalog = Catalog.load()
    for report in reports.values():
        key = catalog.family_of(report)
        for t in report.tables:
            d = catalog.dataset_for(key, t)
            assert d is not None, f"{report.report_id} {t.table_id} {t.caption} is not catalogued"
            assert not map_columns(d, t).warnings, (report.report_id, t.table_id)
    assert len({d.dataset for d in catalog.datasets}) == len(catalog.datasets) == 33


def test_loading_is_lossless_and_idempotent(tmp_path, extracted_samples):
    _, reports = extracted_samples
    catalog = Catalog.load()
    with duckdb.connect(str(tmp_path / "warehouse.duckdb")) as con:
        ensure_schema(con, catalog)
        for r in reports.values():
            load_report(con, r, catalog, f"{r.report_id}.pdf")
        first = _raw_checksum(con)
        load_report(con, reports["whitepaper-2025-ch4"], catalog, "whitepaper-2025-ch4.pdf")
        assert _raw_checksum(con) == first
        # every extracted cell is there, catalogued or not
        n_cells = sum(len(t.cells) for r in reports.values() for t in r.tables)
        assert con.execute("select count(*) from raw.cells").fetchone()[0] == n_cells
        assert con.execute("select count(*) from raw.tables").fetchone()[0] == 33
        # a catalogued relation, with provenance per row
        rows = con.execute("select review_type_zh, year, cases, source_page from raw.whitepaper__drug_reviews "
                           "order by row_number").fetchall()
        assert rows[0] == ("新藥臨床試驗案", "2020", "349", 51)
        pages = con.execute("select min(source_page), max(source_page), count(*) "
                            "from raw.whitepaper__class_iii_devices").fetchone()
        assert pages[2] == 22 and pages[1] - pages[0] == 3


def test_header_mismatch_is_reported_and_mapped_by_content(extracted_samples):
    _, reports = extracted_samples
    catalog = Catalog.load()
    table = copy.deepcopy(next(t for t in reports["whitepaper-2025-ch4"].tables if t.table_id == "4-12"))
    # the printed header names 核准字號 and 核准日期 the wrong way round
    table.header = [["項次", "核准字號", "核准日期", "產品名稱", "製造廠名稱", "主要效能、用途或適應症"]]
    d = catalog.dataset_for("whitepaper", table)
    m = map_columns(d, table)
    assert any("mapped by content" in w for w in m.warnings), m.warnings
    cols = [c.name for c in d.columns]
    assert table.rows[0][m.positions[cols.index("approval_date")]] == "2024/01/16"
    assert table.rows[0][m.positions[cols.index("licence_no")]].startswith("衛部醫器製第")


def test_renamed_copy_is_a_duplicate_and_a_bad_file_is_quarantined(make_home):
    paths = make_home("whitepaper-2025-ch4.pdf", "intl-alliance-call-2025.pdf")
    assert run_refresh(paths, verbose=False).published
    # later, someone drops a renamed copy of a known report and a broken file
    shutil.copy2(paths.inbox / "whitepaper-2025-ch4.pdf", paths.inbox / "white paper copy.pdf")
    (paths.inbox / "broken.pdf").write_bytes(b"<html><body>404</body></html>")

    res = run_refresh(paths, verbose=False)
    assert res.published, res.failures
    assert res.metadata["extraction"]["duplicates"] == 1
    assert res.metadata["raw/documents"]["quarantined"] == 1
    error = (paths.quarantine / "broken.pdf.error.txt").read_text(encoding="utf-8")
    assert "broken.pdf: is an HTML page" in error
    with duckdb.connect(str(paths.published), read_only=True) as con:
        docs = dict(con.execute("select report_id, status from raw.documents").fetchall())
        assert docs == {"whitepaper-2025-ch4": "loaded", "intl-alliance-call-2025": "loaded", "broken": "quarantined"}
        assert con.execute("select count(*) from raw.documents where sha256 = (select sha256 from raw.documents "
                           "where report_id = 'whitepaper-2025-ch4')").fetchone()[0] == 1

    text = "\n".join(status_report(paths))
    assert "duplicate of whitepaper-2025-ch4.pdf" in text
    assert "broken" in text and "quarantined" in text
    assert "whitepaper-2025-ch4" in text and "19" in text  # tables found
