"""The Great Expectations gate: bad data is never published, and says where it is wrong."""

import hashlib
import json

import duckdb
import pytest

from orchestration.cli.refresh import run_refresh

WHITEPAPER = "whitepaper-2025-ch4.pdf"


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _edit_cache(paths, table_id, edit):
    for cached in paths.extracted.glob("*.json"):
        doc = json.loads(cached.read_text(encoding="utf-8"))
        for t in doc["tables"]:
            if t["table_id"] == table_id:
                edit(t)
                cached.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
                return
    raise AssertionError(table_id)


@pytest.fixture
def published(published_copy):
    return published_copy, None


def test_sample_report_passes_and_warnings_are_published(published):
    paths, _ = published
    with duckdb.connect(str(paths.published), read_only=True) as con:
        run_id = con.execute("select run_id from audit.refreshes order by published_at desc limit 1").fetchone()[0]
        rows = con.execute("select suite, severity, success, failing_rows from audit.validation_results "
                           "where run_id = ?", [run_id]).fetchall()
    assert rows and all(ok for suite, sev, ok, _ in rows if sev == "blocking")
    # 表 4-15 prints per-company R&D averages that its own totals do not give: a source
    # inconsistency, published and flagged
    warnings = [json.loads(f) for suite, sev, ok, f in rows
                if suite == "printed_arithmetic" and sev == "warning" and not ok]
    assert warnings and any(r["check"] == "4-15 rd_expense_per_company" for w in warnings for r in w)
    assert (paths.quality / "index.html").exists()  # GX Data Docs for people to browse


def test_a_total_that_no_longer_adds_up_blocks_publication(published):
    paths, _ = published
    before = _sha(paths.published)

    def break_total(t):  # 表 4-2: 癌症 total 13 -> 15, its parts still add up to 13
        row = next(r for r in t["rows"] if r[0] == "癌症")
        row[-1] = "15"

    _edit_cache(paths, "4-2", break_total)
    res = run_refresh(paths, verbose=False)
    assert not res.published and _sha(paths.published) == before
    text = "\n".join(res.failures)
    assert "printed_arithmetic" in text and "within_one_pct" in text
    assert "4-2 合計 column" in text and "row_label=癌症" in text and "printed=15" in text


def test_a_date_in_2042_blocks_publication(published):
    paths, _ = published
    before = _sha(paths.published)
    _edit_cache(paths, "4-12", lambda t: t["rows"][0].__setitem__(1, "2042/01/16"))
    res = run_refresh(paths, verbose=False)
    assert not res.published and _sha(paths.published) == before
    text = "\n".join(res.failures)
    assert "suite approvals" in text and "years_before_edition" in text and "衛部醫器製第007625號" in text


def test_a_table_that_lost_rows_blocks_publication(published):
    paths, _ = published
    before = _sha(paths.published)

    def drop_rows(t):
        t["rows"] = t["rows"][:5]
        t["cells"] = [c for c in t["cells"] if c["row"] < 6]

    _edit_cache(paths, "4-13", drop_rows)
    res = run_refresh(paths, verbose=False)
    assert not res.published and _sha(paths.published) == before
    assert any("row_counts" in f and "whitepaper_2025__class_iii_devices" in f for f in res.failures)
