"""Extractor behaviour on small generated PDFs: one case per feature."""

from pathlib import Path

import pytest

import pdf_factory as pdfs
from extractors import ExtractionError, extract_report


def _only_table(path):
    report = extract_report(path)
    assert len(report.tables) == 1, [t.table_id for t in report.tables]
    return report.tables[0]


def test_ruled_table_with_merged_cells_caption_unit_note_source(tmp_path):
    t = _only_table(pdfs.ruled_table_pdf(tmp_path / "ruled.pdf"))
    assert t.table_id == "1-1"
    assert t.caption == "表 1-1 藥品審查案件與時效"
    assert t.unit == "件數、天、%"
    assert t.notes == ["註：核准率指第一輪的核准率。"]
    assert t.source == "資料來源：測試資料，2025 年。"
    assert t.strategy == "lines"
    # two-level header: the spanning label is repeated over its columns
    assert t.header == [["項目", "年度", "審查成效", "審查成效", "審查成效"],
                        ["項目", "年度", "案件數", "平均審查時間", "核准率"]]
    # the vertically merged 項目 is filled down; the raw cell keeps its span
    assert [r[0] for r in t.rows] == ["新藥臨床試驗案"] * 3 + ["新藥查驗登記案"] * 3
    assert t.rows[0] == ["新藥臨床試驗案", "2020", "349", "18", "93"]
    merged = [c for c in t.cells if c.text == "新藥臨床試驗案"]
    assert len(merged) == 1 and merged[0].row_span == 3
    spanning = [c for c in t.cells if c.text == "審查成效"]
    assert spanning[0].col_span == 3


def test_table_continued_on_next_page_is_one_table(tmp_path):
    t = _only_table(pdfs.continued_table_pdf(tmp_path / "continued.pdf", n_rows=30))
    assert t.table_id == "2-1"
    assert t.pages == [1, 2]
    assert len(t.rows) == 30  # the repeated header row is not a body row
    assert [r[0] for r in t.rows] == [str(i) for i in range(1, 31)]
    assert t.rows[15][2] == "衛部醫器製第007015號"
    assert {c.page for c in t.cells if c.text == "16"} == {2}


def test_borderless_three_rule_table(tmp_path):
    t = _only_table(pdfs.borderless_table_pdf(tmp_path / "borderless.pdf"))
    assert t.strategy == "text"
    assert t.table_id == "3-1"
    assert t.header == [["項目", "年度", "案件數", "平均審查時間", "核准率"]]
    assert t.rows == pdfs.REVIEWS_ROWS


def test_table_without_any_rules(tmp_path):
    t = _only_table(pdfs.unruled_table_pdf(tmp_path / "unruled.pdf"))
    assert t.strategy == "text"
    assert t.header == [["項目", "年度", "案件數", "平均審查時間", "核准率"]]
    assert t.rows == pdfs.REVIEWS_ROWS


def test_borderless_form_with_three_header_levels_and_empty_columns(tmp_path):
    # columns that are empty in the body exist only through their header labels; a label
    # printed once beside two levels (計畫名稱, 總人力) covers them
    t = _only_table(pdfs.borderless_form_pdf(tmp_path / "form.pdf"))
    assert t.strategy == "text"
    assert t.header == pdfs.FORM_GRID[:3]
    assert t.rows == pdfs.FORM_GRID[3:]
    assert next(c for c in t.cells if c.text == "總人力").row_span == 2
    assert next(c for c in t.cells if c.text == "106 年度").col_span == 4


def test_borderless_group_label_beside_its_items(tmp_path):
    # 申請資格 groups three items in a second label column; the other items span both
    t = _only_table(pdfs.label_columns_pdf(tmp_path / "labels.pdf"))
    assert t.header + t.rows == pdfs.LABELS_GRID
    assert next(c for c in t.cells if c.text == "申請資格").row_span == 3
    assert next(c for c in t.cells if c.text == "徵案領域").col_span == 2


def test_borderless_years_centred_beside_their_rows_and_group_rows(tmp_path):
    t = _only_table(pdfs.year_groups_pdf(tmp_path / "years.pdf"))
    assert t.header == [pdfs.YEARS_HEADER]
    assert t.rows == pdfs.YEARS_GRID
    assert next(c for c in t.cells if c.text.startswith("1-2.")).col_span == 4


@pytest.mark.parametrize("break_after", [17, 16])  # two rows of the year on page 1, or one
def test_borderless_merge_running_over_a_page_break_is_not_a_cut_row(tmp_path, break_after):
    # the first page has no closing rule; the year split by the break leaves the rows at
    # the top of page 2 without a label: they belong to that year, they do not continue
    # the last row of page 1
    grid = pdfs.continued_year_groups_pdf(tmp_path / "years-continued.pdf", break_after=break_after)
    t = _only_table(tmp_path / "years-continued.pdf")
    assert t.pages == [1, 2]
    assert t.header + t.rows == grid
    assert not [w for w in t.warnings if "continues" in w]


def test_borderless_value_beside_a_group_middle_row_is_settled_by_the_next_page(tmp_path):
    # page 1: a group label and the middle row's value are centred alike; page 2's value
    # column keeps empty cells, so its values stand on their own rows, page 1's too
    grid = pdfs.continued_kpi_groups_pdf(tmp_path / "kpi.pdf")
    t = _only_table(tmp_path / "kpi.pdf")
    assert t.pages == [1, 2]
    assert t.header + t.rows == grid
    assert next(c for c in t.cells if c.text == "學術成就").row_span == 5
    assert next(c for c in t.cells if c.text.startswith("培育人才")).row_span == 1


def test_grid_without_outer_side_borders_is_read_as_ruled(tmp_path):
    t = _only_table(pdfs.open_sided_grid_pdf(tmp_path / "open-sided.pdf"))
    assert t.strategy == "lines"
    assert t.header == [pdfs.REVIEWS_HEADER]
    assert t.rows == pdfs.REVIEWS_ROWS


def test_body_rows_ruled_across_without_column_lines_take_the_header_columns(tmp_path):
    # each body row is one box of the ruled grid; its values, apart at whitespace and each
    # inside one of the header's columns, are that row's cells, not one merged cell
    t = _only_table(pdfs.header_only_columns_pdf(tmp_path / "header-columns.pdf"))
    assert t.header == [pdfs.REVIEWS_HEADER]
    assert t.rows == pdfs.REVIEWS_ROWS
    assert all(c.col_span == 1 for c in t.cells)


def test_borderless_rows_set_solid_are_told_apart_by_their_numbers(tmp_path):
    # a group's lines touch like the lines of one wrapped cell; numbers do not wrap, so
    # each line is a row, and so is each label level with one
    t = _only_table(pdfs.stacked_rows_pdf(tmp_path / "stacked.pdf"))
    assert t.strategy == "text"
    assert t.header == [pdfs.STATS_HEADER]
    assert t.rows == [r for g in pdfs.STATS_GROUPS for r in g]


def test_ruled_columns_without_row_rules_are_cut_into_rows_at_their_numbers(tmp_path):
    t = _only_table(pdfs.column_ruled_stacked_rows_pdf(tmp_path / "column-ruled.pdf"))
    assert t.strategy == "lines"
    assert t.header == [pdfs.STATS_HEADER]
    assert t.rows == [r for g in pdfs.STATS_GROUPS for r in g]
    assert all(c.row_span == 1 for c in t.cells)


def test_scanned_page_is_a_clear_error(tmp_path):
    path = pdfs.scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(ExtractionError, match=r"scan\.pdf: page 1 has no text layer.*OCR is not supported"):
        extract_report(path)


def test_encrypted_file_is_a_clear_error(tmp_path):
    plain = pdfs.ruled_table_pdf(tmp_path / "plain.pdf")
    path = pdfs.encrypted_pdf(tmp_path / "locked.pdf", plain)
    with pytest.raises(ExtractionError, match=r"locked\.pdf: is encrypted"):
        extract_report(path)


@pytest.mark.parametrize("content, problem", [
    (b"", "is empty"),
    (b"<!DOCTYPE html><html><body>Not found</body></html>", "is an HTML page"),
    (bytes(range(256)) * 8, "is not a PDF"),
])
def test_non_pdf_files_are_clear_errors(tmp_path, content, problem):
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    with pytest.raises(ExtractionError, match=rf"bad\.pdf: {problem}"):
        extract_report(path)


def test_truncated_and_zero_page_pdfs(tmp_path):
    good = pdfs.ruled_table_pdf(tmp_path / "good.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(good[: len(good) // 3])
    with pytest.raises(ExtractionError, match=r"cut\.pdf"):
        extract_report(cut)
    with pytest.raises(ExtractionError, match=r"zero\.pdf: has no pages"):
        extract_report(pdfs.zero_page_pdf(tmp_path / "zero.pdf"))


def test_wrapped_cell_text_joins_without_stray_spaces():
    from extractors.text import Line, join_lines

    def line(text, trailing=False):
        return Line(0, 10, 0, 10, text, 9, False, [], trailing)

    # Chinese wraps anywhere: no space; Latin wrapped at a space keeps one
    assert join_lines([line("衛達化學"), line("製藥股份有限公司")], wrap_spaces=True) == "衛達化學製藥股份有限公司"
    assert join_lines([line("tadalafil", trailing=True), line("effect")], wrap_spaces=True) == "tadalafil effect"
    # a producer that marks wraps with a space glyph: a line without one broke inside a word
    assert join_lines([line("0805-"), line("P2R")], wrap_spaces=True) == "0805-P2R"
    assert join_lines([line("ACERVULIN"), line("A")], wrap_spaces=True) == "ACERVULINA"
    # ... except where no line may break inside a word: after a comma or a closing bracket
    # before a letter, the break was at a space the producer did not print
    assert join_lines([line("Detection,"), line("CADe)")], wrap_spaces=True) == "Detection, CADe)"
    assert join_lines([line("(IND)"), line("or NDA")], wrap_spaces=True) == "(IND) or NDA"
    assert join_lines([line("1,"), line("355")], wrap_spaces=True) == "1,355"
    # a producer that does not: Latin words are joined with a space
    assert join_lines([line("Orally"), line("disintegrating")], wrap_spaces=False) == "Orally disintegrating"


def test_the_pieces_of_a_cell_read_apart_join_as_its_lines_do():
    from extractors.text import join_cell_pieces

    # a cell's lines read as pieces (rows folded into one, a row cut by a page break): an
    # amount, a date or a code wrapped in a narrow column stays one word
    assert join_cell_pieces(["150,0", "00"]) == "150,000"
    assert join_cell_pieces(["1,234,", "567.89"]) == "1,234,567.89"
    assert join_cell_pieces(["2024/01/", "16"]) == "2024/01/16"
    # Chinese joins without a space, Latin words with one
    assert join_cell_pieces(["衛達化學", "製藥"]) == "衛達化學製藥"
    assert join_cell_pieces(["Orally", "disintegrating"]) == "Orally disintegrating"


def test_extract_command_shows_progress_and_refuses_an_unwritable_out(tmp_path, capsys):
    from extractors import extract_cli

    pdf = pdfs.continued_table_pdf(tmp_path / "continued.pdf", n_rows=30)
    assert extract_cli([str(pdf), "--out", str(tmp_path / "out")]) == 0
    captured = capsys.readouterr()
    assert "page 1/2" in captured.err and "page 2/2" in captured.err
    assert (tmp_path / "out" / "continued.json").exists()
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    assert extract_cli([str(pdf), "--out", str(blocker / "out")]) == 73
    err = capsys.readouterr().err
    assert "cannot write to --out" in err and str(blocker / "out") in err and "Traceback" not in err


def _chars_inside(page, box, pad=0.6):
    x0, top, x1, bottom = box
    return "".join(c["text"] for c in page.chars if c["text"].strip()
                   and x0 - pad <= (c["x0"] + c["x1"]) / 2 <= x1 + pad and top - pad <= (c["top"] + c["bottom"]) / 2 <= bottom + pad)


@pytest.mark.parametrize("make", ["ruled", "continued", "sideways", "rotate"])
def test_every_cell_box_holds_the_characters_of_its_text(tmp_path, make):
    """A cell's recorded box (per page, in the page's own frame) is where its text is
    printed: the characters inside it are the cell's text, also on a turned page and on
    both pages of a table continued over a page break."""
    import pdfplumber

    path = tmp_path / f"{make}.pdf"
    if make == "ruled":
        pdfs.ruled_table_pdf(path)
    elif make == "continued":
        pdfs.continued_table_pdf(path, n_rows=30)
    else:
        pdfs.landscape_table_pdf(path, make)
    t = _only_table(path)
    with pdfplumber.open(path) as pdf:
        for c in t.cells:
            assert c.boxes and {b[0] for b in c.boxes} >= {c.page}, c
            printed = "".join(_chars_inside(pdf.pages[int(b[0]) - 1], b[1:]) for b in c.boxes)
            assert printed == "".join(c.text.split()), (c, printed)
    # the JSON form keeps the boxes
    from extractors import ExtractedReport

    again = ExtractedReport.from_dict(extract_report(path).to_dict())
    assert [c.boxes for c in again.tables[0].cells] == [c.boxes for c in t.cells]


def test_every_prose_line_records_where_it_is_printed(tmp_path):
    import pdfplumber

    path = pdfs.prose_pdf(tmp_path / "prose.pdf")
    report = extract_report(path)
    paragraphs = [b for b in report.text_blocks if b.kind == "paragraph"]
    assert paragraphs
    with pdfplumber.open(path) as pdf:
        for b in paragraphs:
            starts = [int(l[0]) for l in b.lines] + [len(b.text)]
            for (start, page, *box), end in zip(b.lines, starts[1:]):
                printed = _chars_inside(pdf.pages[int(page) - 1], box)
                assert printed == "".join(b.text[int(start):end].split()), (b.index, start, printed)


def test_a_row_cut_by_the_page_break_keeps_a_box_on_each_page(extracted_samples):
    """A cell whose text runs over the page break (a sample report's table) has one box per
    page, and the characters in them, page after page, are its text."""
    import pdfplumber

    paths, reports = extracted_samples
    cut = [(r, t, c) for r in reports.values() for t in r.tables for c in t.cells if len(c.boxes) > 1]
    assert cut, "the samples print rows cut by a page break"
    for report, t, c in cut:
        assert [b[0] for b in c.boxes] == sorted({b[0] for b in c.boxes}), c  # one per page, in order
        with pdfplumber.open(paths.inbox / Path(report.path).name) as pdf:
            printed = "".join(_chars_inside(pdf.pages[int(b[0]) - 1], b[1:]) for b in c.boxes)
        assert printed == "".join(c.text.split()), (t.table_id, c.row, c.col, printed)
