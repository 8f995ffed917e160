"""The sample reports against their truth files (copied from the corpus into fixtures/)."""

import pytest

from conftest import TRUTH_DIR, truth
from scoring import cell_f1, grid


def test_table_4_11_is_extracted_exactly(extracted_samples):
    _, reports = extracted_samples
    t = next(t for t in reports["whitepaper-2025-ch4"].tables if t.table_id == "4-11")
    want = next(t for t in truth("whitepaper-2025-ch4")["tables"] if t["table_id"] == "4-11")
    assert t.header == want["header"]
    assert t.rows == want["rows"]  # merged 項目 cells filled down
    assert t.unit == "件數、天、%"
    assert t.notes == want["notes"]
    assert t.source == want["source"]
    assert t.page == 51 and t.pages == [51]


@pytest.mark.parametrize("report_id", sorted(p.stem for p in TRUTH_DIR.glob("*.json")))
def test_every_truth_table_is_found_and_right(extracted_samples, report_id):
    _, reports = extracted_samples
    got = reports[report_id].tables
    for want in truth(report_id)["tables"]:
        tg = grid(want["header"], want["rows"])
        best = max(got, key=lambda t: cell_f1(tg, grid(t.header, t.rows)), default=None)
        assert best is not None, f"{report_id} {want['table_id']}: not found"
        f1 = cell_f1(tg, grid(best.header, best.rows))
        assert f1 >= 0.98, f"{report_id} {want['table_id']}: cell F1 {f1:.3f}"
        assert best.caption == want["caption"] or want["caption"] is None
        assert len(best.pages) == want["continued_parts"] or want["continued_parts"] == 1


def test_continued_tables_are_stitched_with_their_pages(extracted_samples):
    _, reports = extracted_samples
    t = next(t for t in reports["whitepaper-2025-ch4"].tables if t.table_id == "4-13")
    assert len(t.pages) == 4 and len(t.rows) == 22
    # 表 4-13(續 3) prints 核准字號/核准日期 swapped: kept as printed, flagged
    assert any("another order" in w for w in t.warnings)
    plan = next(t for t in reports["takeoff-action-plan-2013"].tables if t.table_id == "3-1")
    assert len(plan.pages) == 5 and len(plan.rows) == 79


def test_source_quirks_are_kept_verbatim(extracted_samples):
    _, reports = extracted_samples
    t = next(t for t in reports["whitepaper-2025-ch4"].tables if t.table_id == "4-19")
    assert t.rows[15] == ["16", "中山醫學大學產學營運處育成中心", ""]
    t = next(t for t in reports["whitepaper-2025-ch4"].tables if t.table_id == "4-13")
    assert any(r[5].startswith('<ul style="list-style-type: none">') for r in t.rows)
