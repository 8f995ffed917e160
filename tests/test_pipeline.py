"""The whole refresh, in-process, against a temporary warehouse."""

import hashlib
import json

import dagster as dg
import duckdb
import pytest

from orchestration.cli.refresh import exit_status, run_refresh

WHITEPAPER = "whitepaper-2025-ch4.pdf"


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _corrupt_cached_cell(paths, table_id, row, col, value):
    """Break one value in the cached extraction, as a bad PDF would."""
    for cached in paths.extracted.glob("*.json"):
        doc = json.loads(cached.read_text(encoding="utf-8"))
        for t in doc["tables"]:
            if t["table_id"] == table_id:
                t["rows"][row][col] = value
                cached.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
                return
    raise AssertionError(f"table {table_id} not in the cache")


def test_definitions_load():
    from orchestration.definitions import defs

    loaded = defs()
    dg.Definitions.validate_loadable(loaded)
    keys = {k.to_user_string() for k in loaded.resolve_all_asset_keys()}
    assert {"report_tables", "raw/documents", "raw/whitepaper__drug_reviews", "validated_warehouse", "published_warehouse",
            "marts/fct_drug_review_performance"} <= keys


def test_refresh_builds_table_4_11_mart(make_home):
    paths = make_home(WHITEPAPER)
    res = run_refresh(paths, verbose=False)
    assert res.success and res.published, res.failures
    with duckdb.connect(str(paths.published), read_only=True) as con:
        rows = con.execute(
            "select year, review_type, review_type_zh, cases, mean_review_days, first_round_approval_rate_pct, "
            "report_id, source_table, source_page from marts.fct_drug_review_performance order by review_type, year"
        ).fetchall()
        assert len(rows) == 10
        assert rows[-1] == (2024, "nda", "新藥查驗登記案", 112, 231, 80.0, "whitepaper-2025-ch4", "4-11", 51)
        assert rows[0] == (2020, "ind", "新藥臨床試驗案", 349, 18, 93.0, "whitepaper-2025-ch4", "4-11", 51)
        # raw provenance for the same rows
        assert con.execute("select count(*) from raw.whitepaper__drug_reviews").fetchone()[0] == 10
        assert con.execute("select status from raw.documents").fetchone()[0] == "loaded"
        n = con.execute("select count(*) from audit.validation_results where severity = 'blocking' and success").fetchone()[0]
        assert n > 0


def test_a_report_failing_the_gate_is_held_back_and_its_published_rows_stay(published_copy):
    paths = published_copy

    _corrupt_cached_cell(paths, "4-11", row=9, col=4, value="180")  # 2024 NDA approval rate
    res = run_refresh(paths, verbose=False)

    assert res.published and exit_status(res) == 3
    assert [h.report_id for h in res.held_back] == ["whitepaper-2025-ch4"]
    text = "\n".join(res.held_back[0].lines() + res.summary_lines(paths))
    assert "expect_column_values_to_be_between" in text and "first_round_approval_rate_pct" in text
    assert "table 4-11" in text and "page 51" in text and "=180.0" in text and "year=2024" in text  # names the row
    with duckdb.connect(str(paths.published), read_only=True) as con:
        rate = con.execute("select first_round_approval_rate_pct from marts.fct_drug_review_performance "
                           "where year = 2024 and review_type = 'nda'").fetchone()[0]
        held = con.execute("select report_id, published_rows_kept from audit.held_back").fetchall()
    assert rate == 80.0 and held == [("whitepaper-2025-ch4", True)]

    # not tried again while the file, the extractor and the checks are the same
    again = run_refresh(paths, verbose=False)
    assert again.noop and exit_status(again) == 3 and [h.report_id for h in again.held_back] == ["whitepaper-2025-ch4"]


def test_a_second_refresh_while_one_runs_exits_with_a_clear_message(make_home):
    from orchestration.locking import WarehouseBusy, refresh_lock

    paths = make_home(WHITEPAPER)
    with refresh_lock(paths.lock):
        with pytest.raises(WarehouseBusy, match="another twbio refresh is running"):
            run_refresh(paths, verbose=False)
