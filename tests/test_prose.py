"""Figures printed only in the running text: paragraphs, printed numbers, catalogued
statements and the marts they feed."""

import json
import re
import shutil
from pathlib import Path

import duckdb
import pytest

import pdf_factory as pdfs
from extractors import extract_report
from extractors.models import ExtractedReport, TextBlock
from extractors.prose import figures_in
from orchestration.catalog import statements as st
from orchestration.cli.refresh import run_refresh
from orchestration.cli.status import status_report

WHITEPAPER = "whitepaper-2025-ch4.pdf"


def _squash(s):
    return re.sub(r"\s+", "", s)


# ---------------------------------------------------------------- extraction of the running text

@pytest.fixture(scope="module")
def prose_report(tmp_path_factory):
    return extract_report(pdfs.prose_pdf(tmp_path_factory.mktemp("prose") / "prose.pdf"))


def test_headings_give_each_paragraph_its_section_path(prose_report):
    headings = [b for b in prose_report.text_blocks if b.kind == "heading"]
    assert [h.text for h in headings] == ["五、生技投資", "(一)民間投資", "(二)臨床試驗"]
    first = next(b for b in prose_report.text_blocks if b.text.startswith("依據統計"))
    assert first.kind == "paragraph" and first.section == ["五、生技投資", "(一)民間投資"]
    last = next(b for b in prose_report.text_blocks if b.text.startswith("新段落"))
    assert last.section == ["五、生技投資", "(二)臨床試驗"]


def test_a_bulleted_item_with_a_hanging_indent_is_one_paragraph(prose_report):
    items = [b for b in prose_report.text_blocks if b.text.startswith("●")]
    assert [_squash(b.text) for b in items] == ["●" + pdfs.HANGING_ITEM, "●第二項：遴選錨點大學。"]
    assert items[0].bbox[3] - items[0].bbox[1] > 20  # it did wrap


def test_a_paragraph_over_a_page_break_is_one_block_with_nothing_lost(prose_report):
    block = next(b for b in prose_report.text_blocks if b.text.startswith("跨頁段落開始"))
    assert block.pages == [1, 2] and block.text.endswith("跨頁段落結束，平均審查為 47 天。")
    assert _squash(block.text).count("本段文字說明產業發展之背景與政策措施") == 6 * 12
    # each figure knows the page it is printed on
    pages = {f.text: f.page for f in block.figures}
    assert pages["372"] == 1 and pages["47"] == 2


def test_figures_keep_unit_currency_and_sentence(prose_report):
    block = next(b for b in prose_report.text_blocks if b.text.startswith("依據統計"))
    assert block.sentences[0] == "依據統計，2024 年我國生技產業投資額為新臺幣 551.48 億元。"
    figs = {f.text: f for f in block.figures}
    assert (figs["551.48"].unit, figs["551.48"].currency, figs["551.48"].sentence_index) == ("億元", "新臺幣", 0)
    assert figs["2024"].unit == "年" and figs["181.85"].sentence_index == 1
    s = block.sentences[0]
    assert s[figs["551.48"].start:figs["551.48"].end] == "551.48"


def test_tables_labels_references_and_identifiers_are_not_prose_figures(prose_report):
    kinds = {b.text: b.kind for b in prose_report.text_blocks}
    assert "表 5-1 審查案件" not in kinds  # the table's caption and source belong to the table
    assert not any(t.startswith("資料來源") for t in kinds)
    numbers = [f.text for b in prose_report.text_blocks for f in b.figures]
    assert "349" not in numbers  # a table cell
    ref = next(b for b in prose_report.text_blocks if b.text.startswith("如表 5-1"))
    assert [f.text for f in ref.figures] == ["2024"]  # not 5-1, DCB-WH1, TE-1146
    item = next(b for b in prose_report.text_blocks if b.text.startswith("(1)"))
    assert [(f.text, f.unit, f.range_with) for f in item.figures] == [
        ("23", "件", None), ("321.02", "億元", None), ("2", "年", "3"), ("3", "年", "2")]


@pytest.mark.parametrize("sentence, expected", [
    ("已釋出36萬4,097人次", [("36萬4,097", "人次")]),
    ("面積達 1,914.68 公頃", [("1,914.68", "公頃")]),
    ("２０２４年成長 12.2%", [("２０２４", "年"), ("12.2", "%")]),
    ("總市值為新臺幣 1.47 兆元", [("1.47", "兆元")]),
    ("COVID-19 疫苗第 3 期", []),
])
def test_printed_numbers_and_their_units(sentence, expected):
    assert [(f[2], f[3]) for f in figures_in(sentence)] == expected


# ---------------------------------------------------------------- statement matching

def _report(*paragraphs, section=("五、生技投資", "(一)民間投資")):
    blocks = []
    for i, (page, text) in enumerate(paragraphs):
        blocks.append(TextBlock(i, "paragraph", text, list(section), page, [page], [0, 0, 1, 1], [[0, page]]))
    return ExtractedReport("r1", "r1.pdf", "0" * 64, 3, None, "test", [], text_blocks=blocks)


STATEMENT = st.Statement(
    statement="total", family="wp", section="生技投資", pattern="{year}年我國生技產業投資額為新臺幣{total}億元",
    figures={"total": {"fact": "industry_investment", "year": "{year}", "metric": "investment",
                       "unit": "新臺幣億元", "segment": "biotech_industry"}})


def test_a_statement_matches_whatever_the_spacing_and_width():
    report = _report((2, "依據統計，２０２４ 年我國生技產業\n投資額為新臺幣 551.48 億元，約與去年相同。其他文字。"))
    [m] = st.match_report(report, "wp", [STATEMENT])
    assert m.status == "matched" and m.page == 2
    assert m.values == {"year": "２０２４", "total": "551.48"}
    assert m.source_text == "依據統計，２０２４ 年我國生技產業\n投資額為新臺幣 551.48 億元，約與去年相同。"
    [row] = st.figure_rows(m)
    assert (row["year"], row["value_printed"], row["dimensions"]) == (2024, "551.48", {"segment": "biotech_industry"})


def test_a_reworded_statement_is_an_error_naming_the_closest_sentence():
    report = _report((5, "依據統計，2024 年我國生技產業投資總額達新臺幣 551.48 億元。"))
    [m] = st.match_report(report, "wp", [STATEMENT])
    assert m.status == "no_match" and m.values == {}
    assert "total" in m.message and "p.5" in m.message and "投資總額達" in m.message


def test_a_statement_matching_twice_is_an_error_not_a_guess():
    report = _report((1, "2024年我國生技產業投資額為新臺幣551.48億元。"), (4, "2024年我國生技產業投資額為新臺幣500億元。"))
    [m] = st.match_report(report, "wp", [STATEMENT])
    assert m.status == "ambiguous" and m.n_matches == 2 and "p.1, p.4" in m.message


def test_a_statement_whose_section_is_gone_is_an_error():
    report = _report((1, "2024年我國生技產業投資額為新臺幣551.48億元。"), section=("六、生技人才",))
    [m] = st.match_report(report, "wp", [STATEMENT])
    assert m.status == "section_not_found"


def test_the_catalog_rejects_a_figure_its_pattern_does_not_capture(tmp_path):
    bad = tmp_path / "statements.yml"
    bad.write_text("statements:\n- statement: s\n  family: wp\n  section: x\n  pattern: 投資額為{total}億元\n"
                   "  figures:\n    totl: {fact: industry_investment, metric: investment, year: 2024}\n",
                   encoding="utf-8")
    with pytest.raises(ValueError, match="totl"):
        st.load(bad)


# ---------------------------------------------------------------- the sample white paper, published

def test_every_printed_number_lands_in_raw_text_figures(published_whitepaper):
    with duckdb.connect(str(published_whitepaper.published), read_only=True) as con:
        row = con.execute("select unit, currency, page, section, sentence from raw.text_figures "
                          "where value_text = '181.85' and sentence like '%醫療器材產業為%'").fetchone()
        n = con.execute("select count(*) from raw.text_figures").fetchone()[0]
        statuses = con.execute("select distinct status from raw.statement_matches").fetchall()
    assert row[:3] == ("億元", "新臺幣", 68) and "五、生技投資 > (一)民間投資" in row[3]
    assert n > 1000 and statuses == [("matched",)]


def test_industry_investment_from_prose_with_the_contradiction_resolved(published_whitepaper):
    with duckdb.connect(str(published_whitepaper.published), read_only=True) as con:
        rows = {(y, s): (float(a), r, o) for y, s, a, r, o in con.execute(
            "select year, segment_code, amount_printed, reconciliation, other_values_printed "
            "from marts.fct_industry_investment").fetchall()}
        twd, text, page = con.execute(
            "select amount_twd, source_text, source_page from marts.fct_industry_investment "
            "where year = 2024 and segment_code = 'biotech_industry'").fetchone()
    assert {k: v[0] for k, v in rows.items()} == {
        (2024, "biotech_industry"): 551.48, (2024, "pharmaceuticals"): 278.46, (2024, "medical_devices"): 181.85,
        (2024, "applied_biotech"): 46.7, (2024, "regenerative_medicine"): 44.47, (2023, "medical_devices"): 191.89}
    # 44.47 and 44.7 are both printed: the total (551.48) supports 44.47; 44.7 is kept beside it
    assert rows[(2024, "regenerative_medicine")][1:] == ("supported_by_total", ["44.7"])
    assert twd == 55_148_000_000 and page == 68 and "551.48" in text


def test_the_contradiction_is_a_published_warning_naming_both_sentences(published_whitepaper):
    with duckdb.connect(str(published_whitepaper.published), read_only=True) as con:
        rows = con.execute(
            "select severity, failing_rows from audit.validation_results v "
            "join (select run_id from audit.refreshes order by published_at desc limit 1) using (run_id) "
            "where suite = 'prose_figures_consistent' and not success").fetchall()
    [(severity, failing)] = rows
    texts = [r["source_text"] for r in json.loads(failing)]
    assert severity == "warning"
    assert any("再生醫療產業為新臺幣44.47" in _squash(t) for t in texts)
    assert any(_squash(t).startswith("再生醫療產業投資額為新臺幣44.7億元") for t in texts)


def test_clinical_trial_applications_from_prose(published_whitepaper):
    with duckdb.connect(str(published_whitepaper.published), read_only=True) as con:
        rows = {(p, b, c, m): float(v) for p, b, c, m, v in con.execute(
            "select product_type, breakdown, category, metric, value from marts.fct_clinical_trial_applications "
            "where year = 2024").fetchall()}
        missing = con.execute("select count(*) from marts.fct_clinical_trial_applications "
                              "where source_text is null or source_section is null").fetchone()[0]
    assert rows == {
        ("drug", "total", "all", "applications_received"): 372,
        ("drug", "application_type", "multinational_multicentre", "applications_received"): 315,
        ("drug", "application_type", "multinational_multicentre", "share_of_applications_received"): 85,
        ("drug", "application_type", "taiwan_single_centre", "applications_received"): 33,
        ("drug", "application_type", "taiwan_multicentre", "applications_received"): 24,
        ("drug", "phase", "phase_3", "applications_received"): 167,
        ("medical_device", "total", "all", "reviews_completed"): 48,
        ("medical_device", "origin", "domestic", "reviews_completed"): 22,
        ("medical_device", "total", "all", "mean_review_days"): 47,
    }
    assert missing == 0


def _reword(source: Path, target: Path, old: str, new: str) -> None:
    """A copy of the report with one phrase reprinted differently (same place, same size)."""
    pymupdf = pytest.importorskip("pymupdf")
    doc = pymupdf.open(str(source))
    done = 0
    for page in doc:
        for rect in page.search_for(old):
            page.add_redact_annot(rect)
            page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE, graphics=pymupdf.PDF_REDACT_LINE_ART_NONE)
            page.insert_text((rect.x0, rect.y1 - 2.2), new, fontname="china-t", fontsize=11)
            done += 1
            break
        if done:
            break
    assert done == 1
    doc.save(str(target))


def test_a_reworded_sentence_holds_its_report_back_loudly(published_copy, tmp_path):
    paths = published_copy
    with duckdb.connect(str(paths.published), read_only=True) as con:
        before = con.execute("select * from marts.fct_industry_investment order by all").fetchall()
    original = paths.inbox / WHITEPAPER
    changed = tmp_path / WHITEPAPER
    _reword(original, changed, "生技產業投資額為", "生技產業投資總計")
    shutil.copy2(changed, original)

    res = run_refresh(paths, verbose=False)

    assert res.published and [h.report_id for h in res.held_back] == ["whitepaper-2025-ch4"]
    with duckdb.connect(str(paths.published), read_only=True) as con:  # the facts never silently go
        assert con.execute("select * from marts.fct_industry_investment order by all").fetchall() == before
    text = "\n".join(res.held_back[0].lines())
    assert "prose_statements" in text and "statement investment_total_and_segments" in text
    assert "status=no_match" in text and "投資總計" in text  # the closest sentence, as now printed
    status = "\n".join(status_report(paths))
    assert "held back" in status and "investment_total_and_segments" in status
