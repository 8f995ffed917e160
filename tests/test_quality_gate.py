"""The Great Expectations gate: bad data is never published, and says where it is wrong."""

import hashlib
import json

import duckdb
import pytest

from orchestration.cli.refresh import run_refresh

WHITEPAPER = "whitepaper-2025-ch4.pdf"


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _held_back(res) -> str:
    """The refresh held the white paper back and published the rest: the findings' text."""
    assert res.published and [h.report_id for h in res.held_back] == ["whitepaper-2025-ch4"], res.failures
    return "\n".join(res.held_back[0].lines())


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
    before = _marts(paths)

    def break_total(t):  # 表 4-2: 癌症 total 13 -> 15, its parts still add up to 13
        row = next(r for r in t["rows"] if r[0] == "癌症")
        row[-1] = "15"

    _edit_cache(paths, "4-2", break_total)
    text = _held_back(run_refresh(paths, verbose=False))
    assert "printed_arithmetic" in text and "within_one_pct" in text
    assert "check=4-2 合計 column" in text and "row 癌症" in text and "printed=15" in text
    _published_unchanged(paths, before)


def test_a_date_in_2042_blocks_publication(published):
    paths, _ = published
    before = _marts(paths)
    _edit_cache(paths, "4-12", lambda t: t["rows"][0].__setitem__(1, "2042/01/16"))
    text = _held_back(run_refresh(paths, verbose=False))
    assert "approvals:" in text and "years_before_edition" in text and "衛部醫器製第007625號" in text
    _published_unchanged(paths, before)


def test_a_table_that_lost_rows_blocks_publication(published):
    paths, _ = published
    before = _marts(paths)

    def drop_rows(t):
        t["rows"] = t["rows"][:5]
        t["cells"] = [c for c in t["cells"] if c["row"] < 6]

    _edit_cache(paths, "4-13", drop_rows)
    text = _held_back(run_refresh(paths, verbose=False))
    assert "row_counts" in text and "dataset whitepaper__class_iii_devices" in text
    _published_unchanged(paths, before)


def _published_unchanged(paths, before: dict) -> None:
    """The held-back report's rows in every mart are those published before."""
    assert _marts(paths) == before


def _marts(paths) -> dict:
    with duckdb.connect(str(paths.published), read_only=True) as con:
        names = [r[0] for r in con.execute("select table_name from duckdb_tables() where schema_name = 'marts'").fetchall()]
        return {n: sorted(map(repr, con.execute(f'select * from marts."{n}"').fetchall())) for n in names}


def test_values_that_do_not_parse_are_findings_not_build_errors(published):
    """A misread date (day 0), number, percentage, year and licence number: the build runs
    to the end, and each is a blocking finding at its table, page, row and printed value."""
    paths, _ = published
    before = _marts(paths)

    def misread(t):
        t["rows"][0][1] = "2024/07/0"          # date
        t["rows"][1][2] = "衛部醫器製007974"    # licence number without 第…號

    def misread_reviews(t):
        t["rows"][0][2] = "3四9"               # number
        t["rows"][1][4] = "8l"                 # percentage
        t["rows"][2][1] = "二〇二二"            # year

    _edit_cache(paths, "4-12", misread)
    _edit_cache(paths, "4-11", misread_reviews)
    res = run_refresh(paths, verbose=False)
    assert not any("Conversion Error" in f or "dbt build failed" in f for f in res.failures), res.failures
    text = _held_back(res)
    for column, value in (("approval_date", "2024/07/0"), ("cases", "3四9"),
                          ("first_round_approval_rate_pct", "8l"), ("year", "二〇二二")):
        assert f"column_name={column}" in text and f"value_printed={value}" in text, (column, text)
    assert "licence_no_printed=衛部醫器製007974" in text and "table 4-12" in text
    _published_unchanged(paths, before)
