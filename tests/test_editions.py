"""Editions: every edition of a report family is kept, the newest one serves each grain,
revisions are data; whatever the files are called and whatever order they arrive in."""

import shutil

import duckdb

from conftest import SAMPLE_INBOX
from editions import add_edition, make_edition, sample_extraction
from orchestration.cli.refresh import run_refresh
from orchestration.cli.status import status_report

WHITEPAPER = "whitepaper-2025-ch4.pdf"
NEW_YEAR = {"新藥臨床試驗案": [380, 24, 90], "新藥查驗登記案": [130, 220, 82]}
REVISED = {("新藥查驗登記案", 2023): 125}  # printed 118 in the 2025 edition


def _edition_2026(paths):
    return make_edition(sample_extraction(paths, SAMPLE_INBOX / WHITEPAPER), 2026, revise=REVISED,
                        new_year_values=NEW_YEAR)


def _reviews(paths):
    with duckdb.connect(str(paths.published), read_only=True) as con:
        return con.execute("select f.year, f.review_type, f.cases, f.mean_review_days, f.first_round_approval_rate_pct, "
                           "d.edition_year from marts.fct_drug_review_performance f join marts.dim_report d "
                           "using (report_id) order by 1, 2").fetchall()


def test_the_newest_edition_serves_and_its_revisions_are_listed(make_home):
    paths = make_home(WHITEPAPER)
    add_edition(paths, SAMPLE_INBOX / WHITEPAPER, _edition_2026(paths), "白皮書.pdf")  # a name that says nothing
    res = run_refresh(paths, verbose=False)
    assert res.published and not res.held_back, res.failures
    with duckdb.connect(str(paths.published), read_only=True) as con:
        editions = con.execute("select edition_year, family, edition_known from marts.dim_report order by 1").fetchall()
        revision = con.execute(
            "select previous_value, value, previous_edition_year, edition_year, is_served, source_table "
            "from marts.fct_figure_vintages where mart = 'fct_drug_review_performance' and measure = 'cases' "
            "and grain = 'year=2023, review_type=nda'").fetchall()
        revisions = con.execute("select count(*) from marts.fct_figure_vintages where revises_previous").fetchone()[0]
        warned = con.execute("select failing_rows from audit.validation_results where suite = 'revisions' "
                             "and not success").fetchall()
        investment = con.execute("select amount_twd from marts.fct_industry_investment "
                                 "where year = 2025 and segment_code = 'biotech_industry'").fetchone()[0]
    assert editions == [(2025, "whitepaper", True), (2026, "whitepaper", True)]
    reviews = {(y, t): (c, e) for y, t, c, _, _, e in _reviews(paths)}
    assert reviews[(2025, "nda")] == (130, 2026)  # the new year, from the new edition
    assert reviews[(2023, "nda")] == (125, 2026)  # the revised figure serves
    assert reviews[(2020, "nda")] == (140, 2025)  # a year only the older edition prints
    # table renumbered (4-11 -> 4-12) and its caption reworded: matched by its caption's words and header
    assert revision == [(None, 118.0, None, 2025, False, "4-11"), (118.0, 125.0, 2025, 2026, True, "4-12")]
    assert revisions >= 1 and warned and "year=2023, review_type=nda" in warned[0][0]
    assert investment == 60_000_000_000  # next year's sentence, reworded around its figures
    status = "\n".join(status_report(paths))
    assert "editions loaded: whitepaper 2025, 2026" in status and "revised by the newest edition" in status

    # the marts are those of the newest edition alone, plus the years only the older one prints
    alone = make_home(name="newest-alone")
    add_edition(alone, SAMPLE_INBOX / WHITEPAPER, _edition_2026(paths), "wp-2026.pdf")
    assert run_refresh(alone, verbose=False).published
    newest = {(y, t): row[:3] for y, t, *row in _reviews(alone)}
    both = {(y, t): row[:3] for y, t, *row in _reviews(paths)}
    assert {k: v for k, v in both.items() if k[0] > 2020} == newest


def test_the_outcome_is_the_same_whatever_the_order_and_the_names(make_home):
    # the older edition added to a warehouse that already holds the newer one (incremental)
    edition = _edition_2026(make_home(WHITEPAPER, name="sample"))
    paths = make_home()
    add_edition(paths, SAMPLE_INBOX / WHITEPAPER, edition, "a.pdf")
    assert run_refresh(paths, verbose=False).published
    before = _reviews(paths)
    shutil.copy2(SAMPLE_INBOX / WHITEPAPER, paths.inbox / "zzz-latest-copy.pdf")  # the 2025 edition, a newer-looking name
    res = run_refresh(paths, verbose=False)
    assert res.published and res.metadata["raw/documents"]["kept"] == 1
    after = _reviews(paths)
    assert [r for r in after if r[0] > 2020] == before  # the older edition changes no value the newer prints
    assert [r for r in after if r[0] == 2020] == [(2020, "ind", 349, 18, 93.0, 2025), (2020, "nda", 140, 225, 71.0, 2025)]


def test_an_edition_whose_year_cannot_be_read_is_flagged_and_never_wins(make_home):
    paths = make_home(WHITEPAPER)
    undated = make_edition(sample_extraction(paths, SAMPLE_INBOX / WHITEPAPER), None)
    for t in undated["tables"]:
        if t["table_id"] == "4-12":  # 表 4-11 renumbered
            t["rows"][-1][2] = "999"  # a different 2024 NDA count
            t["cells"] = [dict(c, text="999") if c["row"] == len(t["rows"]) and c["col"] == 2 else c for c in t["cells"]]
    add_edition(paths, SAMPLE_INBOX / WHITEPAPER, undated, "whitepaper-final.pdf")
    res = run_refresh(paths, verbose=False)
    assert res.published and not res.held_back, res.failures
    with duckdb.connect(str(paths.published), read_only=True) as con:
        flagged = con.execute("select edition_known, edition_evidence from marts.dim_report "
                              "where file_name = 'whitepaper-final.pdf'").fetchone()
    assert flagged == (False, "no year printed in the title or on the cover")
    reviews = {(y, t): (c, e) for y, t, c, _, _, e in _reviews(paths)}
    assert reviews[(2024, "nda")] == (112, 2025)
    assert "edition unknown" in "\n".join(status_report(paths))


def test_a_conflicting_copy_of_an_edition_is_held_back_with_its_differing_cells(make_home):
    """A copy of the 2025 edition with one figure changed (表 4-11, 2024 NDA cases 112 ->
    912), saved beside it under another name: the newcomer is held back, listing the cell
    old and new, and the published figure stays. dbt's target and logs stay in the home."""
    from orchestration.paths import DBT_PROJECT_DIR

    paths = make_home(WHITEPAPER)
    assert run_refresh(paths, verbose=False).published
    project_entries = sorted(p.name for p in DBT_PROJECT_DIR.iterdir())
    copy = sample_extraction(paths, SAMPLE_INBOX / WHITEPAPER)
    table = next(t for t in copy["tables"] if t["table_id"] == "4-11")
    row = next(i for i, r in enumerate(table["rows"]) if r[1] == "2024" and r[2] == "112")
    table["rows"][row][2] = "912"
    header_rows = len(table["header"])
    table["cells"] = [dict(c, text="912") if (c["row"], c["col"]) == (header_rows + row, 2) else c for c in table["cells"]]
    add_edition(paths, SAMPLE_INBOX / WHITEPAPER, copy, "whitepaper-2025-ch4-rev2.pdf")
    res = run_refresh(paths, verbose=False)
    assert res.held_back and res.published, res.failures
    text = "\n".join(line for e in res.held_back for line in e.lines())
    assert "conflicting_copies" in text and "value_printed=912" in text and "other_printed=112" in text, text
    assert "table 4-11" in text, text
    reviews = {(y, t): (c, e) for y, t, c, _, _, e in _reviews(paths)}
    assert reviews[(2024, "nda")] == (112, 2025)
    assert sorted(p.name for p in DBT_PROJECT_DIR.iterdir()) == project_entries  # nothing left in the project
    assert (paths.home / ".dbt" / "target" / "run_results.json").exists()
