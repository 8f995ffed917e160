"""Layouts the extractor was not written for, each a small generated case of a failure seen
on other producers' PDFs (the scores over many generated layouts live in bench/layouts.py)."""

from functools import partial

import pytest

import pdf_factory as pdfs
from extractors import extract_report
from extractors.furniture import read_furniture, signature


def _only_table(path):
    report = extract_report(path)
    assert len(report.tables) == 1, [(t.table_id, t.pages) for t in report.tables]
    return report.tables[0]


def _tables_read_as_printed(make, path):
    """The tables of the case `make` prints at `path`, after checking that they read as
    the grids it returns, in order."""
    grids = make(path)
    tables = extract_report(path).tables
    assert [t.header + t.rows for t in tables] == list(grids)
    return tables


def test_a_narrow_first_column_survives_wrapped_neighbours(tmp_path):
    # three rules; item numbers in a narrow first column, header labels, dates and licence
    # numbers wrapped onto two or three lines beside them
    grid = pdfs.narrow_three_rule_pdf(tmp_path / "narrow.pdf")
    t = _only_table(tmp_path / "narrow.pdf")
    assert t.header + t.rows == grid
    assert [r[0] for r in t.rows] == [str(i) for i in range(1, 9)]


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "three-rule"])
def test_a_caption_printed_as_the_tables_first_row_is_its_caption(tmp_path, ruled):
    grid = pdfs.caption_inside_pdf(tmp_path / "caption.pdf", ruled)
    t = _only_table(tmp_path / "caption.pdf")
    assert t.table_id == "10-2"
    assert t.caption == "表 10-2 藥品審查案件與時效"
    assert t.header + t.rows == grid


@pytest.mark.parametrize("make, number", [(pdfs.caption_inside_wrapped_pdf, "10-22"),
                                          (pdfs.caption_above_wrapped_pdf, "10-23")],
                         ids=["first-row", "centred-above"])
def test_a_caption_wrapped_in_loose_leading_keeps_every_line(tmp_path, make, number):
    grid = make(tmp_path / "caption.pdf")
    t = _only_table(tmp_path / "caption.pdf")
    assert t.table_id == number
    assert t.caption == f"表 {number} {pdfs.LONG_CAPTION}"
    assert t.header + t.rows == grid


@pytest.mark.parametrize("number, above", [("10-71", False), ("10-73", True)],
                         ids=["under-the-table", "above-in-loose-leading"])
def test_the_lines_a_caption_wraps_onto_are_the_captions_alone(tmp_path, number, above):
    # the caption's last glyphs, centred on a line of their own under it (in loose leading
    # further down than half a line), are no heading of the running text: every printed
    # line is read once
    grid = pdfs.caption_wrapped_between_running_text_pdf(tmp_path / "caption.pdf", number, above)
    report = extract_report(tmp_path / "caption.pdf")
    (t,) = report.tables
    assert (t.table_id, t.caption, t.header + t.rows) == (number, f"表 {number} {pdfs.LONG_CAPTION}之分析分類", grid)
    assert [b.kind for b in report.text_blocks] == ["paragraph", "paragraph"]


def test_a_line_of_running_text_opening_on_a_reference_is_no_caption(tmp_path):
    # "圖 4-2 所示。…" starts a line of the paragraph, not a figure's caption, and "表 10-75
    # 所示。…" is no table's caption: the table keeps its own
    grid = pdfs.references_opening_lines_pdf(tmp_path / "refs.pdf")
    report = extract_report(tmp_path / "refs.pdf")
    (t,) = report.tables
    assert (t.table_id, t.caption, t.header + t.rows) == ("10-75", "表 10-75 審查案件", grid)
    (para,) = report.text_blocks
    assert para.kind == "paragraph"
    assert "如圖 4-2 所示。" in para.text and "如表 10-75 所示。" in para.text


def test_a_table_broken_by_the_page_with_its_header_repeated_is_one_table(tmp_path):
    # no "(續)" caption, a shaded (not bold) header row repeated on the next page, and a
    # running header set off by nothing but its place in the margin
    grid = pdfs.header_repeated_break_pdf(tmp_path / "repeated.pdf")
    t = _only_table(tmp_path / "repeated.pdf")
    assert t.table_id == "10-3"
    assert t.pages == [1, 2]
    assert t.header + t.rows == grid


def test_zebra_tables_one_under_the_other_are_two_tables(tmp_path):
    # shading that stops and starts again across an empty gap, wider on both sides: the
    # upper table (no caption) ends where its last shaded row does
    tables = _tables_read_as_printed(pdfs.zebra_tables_one_under_the_other_pdf, tmp_path / "zebra.pdf")
    assert tables[1].table_id == "10-62"


def test_a_rule_ending_beside_a_corridor_narrowed_by_a_merged_label_ends_there(tmp_path):
    # rules between the rows, left out under a group label merged down its rows; a label
    # merged across the first two columns, centred, starts a point left of where the rule
    # ends, and narrows the corridor between the two columns: the rule's end and the
    # corridor are one column boundary, not two
    grid = pdfs.labels_merged_across_two_columns_pdf(tmp_path / "ruled.pdf", zebra=False, ruled=True)
    t = _only_table(tmp_path / "ruled.pdf")
    assert (t.table_id, t.n_cols) == ("10-57", 3)
    assert [row[1:] for row in t.rows] == [row[1:] for row in grid[1:]]
    assert [row[0] for row in t.rows[:3]] == ["申請資格"] * 3


def test_a_heading_at_the_margin_between_two_ruled_tables_parts_them(tmp_path):
    # three rules each, one table under the other, the lower one wider; between them only
    # a numbered heading, set at the left margin, running across the left end of both
    # tables' rules: a row of neither (and none of its glyphs is cut off)
    tables = _tables_read_as_printed(pdfs.heading_between_two_ruled_tables_pdf, tmp_path / "heading.pdf")
    assert tables[0].table_id == "10-69"


def test_a_header_between_rules_at_a_page_foot_under_another_table_heads_its_own(tmp_path):
    # a table ruled between its rows, its last cell wrapped; a few points under its
    # closing rule, the top rule and header rule of the next table, whose rows go on over
    # the page: the header is the lower table's, and no line of the upper one is
    tables = _tables_read_as_printed(pdfs.ruled_rows_over_a_header_at_a_page_foot_pdf, tmp_path / "stacked.pdf")
    assert [(t.table_id, t.pages) for t in tables] == [("10-65", [1]), ("10-66", [1, 2])]


def test_a_continued_part_broken_over_a_page_above_its_caption_is_the_tables(tmp_path):
    grid = pdfs.captions_below_part_broken_pdf(tmp_path / "parts.pdf")
    tables = {t.table_id: t for t in extract_report(tmp_path / "parts.pdf").tables}
    assert set(tables) == {"10-24", "10-25"}
    t = tables["10-24"]
    assert t.pages == [1, 2]
    assert t.header + t.rows == grid


def test_a_caption_printed_under_a_table_over_the_page_names_that_table(tmp_path):
    # captions under tables: the one opening a page, above a source line, running text and
    # another table, belongs to the table that ended the page before
    amounts, shares = pdfs.caption_below_over_the_page_pdf(tmp_path / "over.pdf")
    tables = {t.table_id: t for t in extract_report(tmp_path / "over.pdf").tables}
    assert set(tables) == {"10-31", "10-32", "10-33", "10-34"}
    assert (tables["10-33"].pages, tables["10-33"].header + tables["10-33"].rows) == ([2], amounts)
    assert tables["10-33"].source == "資料來源：測試資料。"
    assert (tables["10-34"].pages, tables["10-34"].header + tables["10-34"].rows) == ([3], shares)


def test_a_table_header_repeated_where_the_text_begins_is_no_furniture(tmp_path):
    # the header repeats at one height on eight pages, as a running header does, but it
    # stands where the text begins on the pages without it
    grid = pdfs.header_repeated_where_the_body_begins_pdf(tmp_path / "long.pdf")
    assert read_furniture(str(tmp_path / "long.pdf")).repeated == {"top": {signature("臺灣生技產業起飛行動方案")},
                                                                    "bottom": set()}
    t = _only_table(tmp_path / "long.pdf")
    assert (t.table_id, t.pages) == ("10-38", list(range(5, 13)))
    assert t.header + t.rows == grid


def test_a_grouped_header_between_three_rules_heads_the_rows_over_the_page(tmp_path):
    # the group labels' underlines between the top rule and the rule under the header do
    # not close the table: its body runs on under the header rule and over the page
    years, body = pdfs.grouped_header_over_a_page_pdf(tmp_path / "grouped.pdf")
    t = _only_table(tmp_path / "grouped.pdf")
    assert (t.table_id, t.pages) == ("10-43", [1, 2])
    assert (t.header[-1], t.rows) == (years, body)


def test_two_borderless_tables_stacked_each_under_its_own_bold_header_are_two(tmp_path):
    grids = pdfs.stacked_borderless_tables_pdf(tmp_path / "stacked.pdf")
    tables = extract_report(tmp_path / "stacked.pdf").tables
    assert [t.header + t.rows for t in tables] == grids


def test_a_ruled_cell_keeps_every_glyph_of_its_wrapped_lines(tmp_path):
    # a full grid whose narrow date and licence columns wrap mid-word: the characters of a
    # wrapped line stay in their cell ("2024/01/1" + "6" is 2024/01/16)
    grid = pdfs.narrow_grid_pdf(tmp_path / "grid.pdf")
    t = _only_table(tmp_path / "grid.pdf")
    assert t.strategy == "lines"
    assert t.header + t.rows == grid


def test_an_unruled_table_without_a_caption_is_found_and_prose_is_not(tmp_path):
    grid = pdfs.unruled_captionless_pdf(tmp_path / "unruled.pdf")
    report = extract_report(tmp_path / "unruled.pdf")
    assert len(report.tables) == 1
    t = report.tables[0]
    assert t.caption is None and t.table_id.startswith("untitled-")
    assert t.header + t.rows == grid
    paragraphs = [b for b in report.text_blocks if b.kind == "paragraph"]
    assert len(paragraphs) == 3


@pytest.mark.parametrize("mode", ["sideways", "rotate"])
def test_a_table_printed_on_a_turned_page_reads_upright(tmp_path, mode):
    # sideways: the table runs up a portrait page; rotate: the same with /Rotate set so
    # that viewers show it upright
    grid = pdfs.landscape_table_pdf(tmp_path / "turned.pdf", mode)
    t = _only_table(tmp_path / "turned.pdf")
    assert t.table_id == "10-5"
    assert t.header + t.rows == grid


def test_a_header_label_set_vertically_reads_in_order(tmp_path):
    grid = pdfs.vertical_header_pdf(tmp_path / "vertical.pdf")
    t = _only_table(tmp_path / "vertical.pdf")
    assert t.header[0][0] == "項次"
    assert t.header + t.rows == grid


def test_group_rows_and_a_plain_page_break_keep_a_three_rule_table_whole(tmp_path):
    # a group row right under the header rule reads like running text, the first page has
    # no closing rule, the next page repeats no header and starts with the rest of the table
    grid = pdfs.group_rows_over_a_break_pdf(tmp_path / "groups.pdf")
    t = _only_table(tmp_path / "groups.pdf")
    assert t.table_id == "10-4" and len(t.pages) == 2
    assert t.header + t.rows == grid


def test_the_row_after_a_repeated_header_is_a_new_row(tmp_path):
    # the last row before the break ends with lines as wide as its columns allow: only its
    # item number and date show that the next page starts a row of its own
    grid = pdfs.repeated_header_item_rows_pdf(tmp_path / "items.pdf")
    t = _only_table(tmp_path / "items.pdf")
    assert len(t.pages) == 2
    assert t.header + t.rows == grid


def test_zebra_rows_are_no_header_after_a_page_break(tmp_path):
    # the next page begins with a shaded row over an unshaded one, with no header: both
    # are rows of the table going on, each its own (the stripe's top edge parts them)
    grid = pdfs.zebra_break_pdf(tmp_path / "zebra.pdf")
    t = _only_table(tmp_path / "zebra.pdf")
    assert t.pages == [1, 2]
    assert t.header + t.rows == grid


def test_underlined_words_in_running_text_are_no_table_rules(tmp_path):
    # justified paragraphs with a wider space after each sentence, which cuts no column
    pdfs.underlined_paragraphs_pdf(tmp_path / "underlined.pdf")
    report = extract_report(tmp_path / "underlined.pdf")
    assert report.tables == []
    text = " ".join(b.text for b in report.text_blocks)
    assert "The rise of the supermarket" in text and "specific firms." in text


def test_a_caption_left_at_a_page_foot_names_the_table_on_the_next_page(tmp_path):
    # the table before it has the same header: without its caption, the next page's
    # table would read as that one going on
    grid = pdfs.caption_at_a_page_foot_pdf(tmp_path / "foot-caption.pdf")
    report = extract_report(tmp_path / "foot-caption.pdf")
    assert [(t.table_id, t.pages) for t in report.tables] == [("10-11", [1]), ("10-12", [2])]
    assert report.tables[1].caption == "表 10-12 申報金額"
    assert report.tables[1].header + report.tables[1].rows == grid


def test_a_glyph_without_width_in_a_column_of_its_own_is_read(tmp_path):
    # a bullet that a standard font draws with no width, alone in the first column: once a
    # reason for the whole report to be refused as corrupt
    figures = pdfs.zero_width_marks_pdf(tmp_path / "marks.pdf")
    t = _only_table(tmp_path / "marks.pdf")
    assert t.table_id == "10-11"
    assert [row[-1] for row in t.header + t.rows] == figures


NAMED_AS_PRINTED = [
    # the table is set smaller than the text; its header and a group row are all that fit
    # at the foot of a page; the next page starts with a row whose long cell is set higher
    # than the one-line cells beside it, centred on it
    pytest.param(pdfs.header_alone_before_a_break_pdf, "10-10", [1, 2], id="header-and-group-row-at-a-page-foot"),
    # no rules, the caption at the foot of the page before: the header label and the group
    # row start at the table's left edge, well left of the years centred under them
    pytest.param(pdfs.group_row_left_of_centred_years_pdf, "10-13", [2], id="group-row-left-of-centred-years"),
    # a framed plot with level grid lines, axis labels set in columns and a legend over the
    # table: its data lines are slanted strokes, which no table is drawn with
    pytest.param(pdfs.chart_beside_a_table_pdf, "10-8", [1], id="a-chart-is-no-table"),
    # rules under a section heading and closing the section frame no second table
    pytest.param(pdfs.rules_around_a_section_pdf, "10-9", [1], id="rules-around-a-section"),
    # no rules: the header, its labels wrapped, stands apart from the rows (a group row and a
    # first row whose long cell starts above its neighbours lie between) and is theirs
    pytest.param(pdfs.wrapped_header_over_a_group_row_pdf, "10-14", [1], id="wrapped-header-over-a-group-row"),
    # no rules: a caption and a header whose labels wrap are all a page's foot holds
    pytest.param(pdfs.caption_and_header_at_a_page_foot_pdf, "10-15", [1, 2], id="caption-and-header-at-a-page-foot"),
    # three rules, the caption the first row: the header alone between the rules at a page
    # foot, its labels wrapped and set with open leading, is one row
    pytest.param(pdfs.header_between_rules_at_a_page_foot_pdf, "10-16", [1, 2], id="header-between-rules-at-a-page-foot"),
    # zebra rows: the white last row's line hangs a comma past the shading's edge
    pytest.param(pdfs.zebra_last_row_hangs_punctuation_pdf, "10-17", [1], id="punctuation-hung-past-the-edge"),
    # no rules, centred: a column empty under its label leaves no gutter of its own on the
    # second page, whose shorter labels end elsewhere
    pytest.param(pdfs.empty_column_over_a_break_pdf, "10-26", [1, 2], id="a-column-empty-over-a-page"),
    # rules drawn cell by cell, two pieces with ends a rounding hair apart in height
    pytest.param(pdfs.rules_in_pieces_pdf, "10-28", [1], id="rules-drawn-in-pieces"),
    # pages printed sideways, their running header and page number turned with them
    pytest.param(pdfs.sideways_pages_with_furniture_pdf, "10-29", [4, 5], id="furniture-turned-sideways"),
    # ...and the same pages with /Rotate set, either way, so that viewers show them upright
    pytest.param(partial(pdfs.sideways_pages_with_furniture_pdf, rotation=90), "10-29", [4, 5],
                 id="furniture-on-pages-rotated-90"),
    pytest.param(partial(pdfs.sideways_pages_with_furniture_pdf, rotation=270), "10-29", [4, 5],
                 id="furniture-on-pages-rotated-270"),
    # zebra rows: a white row has no edge of its own, above the shaded ones as below them
    pytest.param(pdfs.zebra_white_header_pdf, "10-36", [1], id="zebra-white-header"),
    pytest.param(pdfs.zebra_white_row_opens_a_page_pdf, "10-35", [1, 2, 3], id="zebra-white-row-opens-a-page"),
    # a short heading and a line of running text over a header closed by a rule, at a
    # page's top, are no rows of the table
    pytest.param(pdfs.heading_over_a_ruled_header_pdf, "10-37", [1], id="heading-over-a-ruled-header"),
    # captions under the tables: a "(續)" caption opening a page ends the part on the page
    # before, and joins it to the table it continues
    pytest.param(pdfs.continued_caption_over_the_page_pdf, "10-39", [1, 2], id="continued-caption-over-the-page"),
    # a caption and a one-line header at a page foot: the header of the rows over the page
    pytest.param(pdfs.one_line_header_at_a_page_foot_pdf, "10-40", [1, 2], id="one-line-header-at-a-page-foot"),
    # no rules, under running text: the first character of a label wrapped onto more lines
    # than its neighbours, alone over them, is the label's
    pytest.param(pdfs.label_taller_by_two_lines_pdf, "10-42", [1], id="label-taller-than-its-neighbours"),
    # no rules, a group row across the narrow first column's gutter, a caption under the
    # table: the rows below the last line cut into several columns (each of their lines
    # one piece inside one column, at the table's row spacing) are the table's, and so
    # the caption under them is right under the table
    pytest.param(pdfs.rows_below_the_last_full_row_pdf, "10-45", [1], id="rows-below-the-last-full-row"),
    # a full grid whose rules' ends are a hair apart in height (or, for a column line, in
    # width): each is level or upright, and bounds its cells
    pytest.param(pdfs.grid_rules_a_hair_off_level_pdf, "10-46", [1], id="grid-rules-a-hair-off-level"),
    # a row cut by the page: its cells stop on short lines, one on a comma, which no text
    # ends on; the first row over the page is the rest of it
    pytest.param(pdfs.row_cut_after_a_comma_pdf, "10-47", [1, 2], id="row-cut-after-a-comma"),
    # no rules, each cell shaded on its own: a year's box as tall as its rows is its merged
    # cell (over the page too, where the box goes on unprinted), and a figure's box one row
    # tall leaves the empty cells under it empty
    pytest.param(pdfs.painted_merges_pdf, "10-48", [1, 2], id="painted-merged-cells"),
    # no rules, group rows printed across the table from its left edge: one whose label
    # fits in the first column, alone on its row and set where they are, is one of them
    pytest.param(pdfs.short_group_row_pdf, "10-49", [1], id="short-group-row"),
    # no rules, merged cells centred over their rows on one page; on the next, a label
    # alone on its row leaves the row's other cells empty, which says nothing of whether
    # the columns' values stand on rows of their own
    pytest.param(pdfs.label_row_beside_centred_merges_pdf, "10-50", [1, 2], id="label-row-beside-centred-merges"),
    # no rules, merged cells set at the top: a column with a value at the head of every
    # group under a group row is merged group by group, across the first column's years,
    # also on a page that opens inside a merge
    pytest.param(pdfs.merges_across_years_pdf, "10-51", [1, 2], id="merges-across-years"),
    # three rules, header rows set close: a group label centred over three narrow columns,
    # the middle one's label right under it, heads all three; that label is no second line
    # of the group label's, even where its column is empty in every row
    pytest.param(pdfs.group_labels_centred_over_wrapped_sub_labels_pdf, "10-53", [1],
                 id="group-label-over-a-label-under-it"),
    # no rules, merged cells set at the top beside a first column that numbers the rows:
    # the numbers start no group, and each merge runs down to the next value
    pytest.param(pdfs.numbered_rows_beside_merges_set_at_the_top_pdf, "10-54", [1],
                 id="numbered-rows-beside-merges"),
    # ...also over a page that opens inside a merge, its first slots in the column empty
    pytest.param(partial(pdfs.numbered_rows_beside_merges_set_at_the_top_pdf, break_after=3), "10-54", [1, 2],
                 id="numbered-rows-beside-merges-over-a-page"),
    pytest.param(partial(pdfs.numbered_rows_beside_merges_set_at_the_top_pdf, break_after=4), "10-54", [1, 2],
                 id="numbered-rows-beside-merges-over-a-page-after-four"),
    # a face that prints "fi" and "fl" as one glyph each: the text reads as the letters,
    # so that a name compares equal however its producer set it
    pytest.param(pdfs.latin_ligatures_pdf, "10-55", [1], id="latin-ligatures"),
    # no rules, zebra rows: items whose label is merged across the first two columns, their
    # text wrapped beside the label centred on it, under a group whose label heads
    # sub-labels in the second column; the items without sub-labels leave no corridor
    # between the first two columns, and are rows of the same table
    pytest.param(pdfs.labels_merged_across_two_columns_pdf, "10-57", [1], id="labels-merged-across-two-columns"),
    pytest.param(partial(pdfs.labels_merged_across_two_columns_pdf, zebra=False), "10-57", [1],
                 id="labels-merged-across-two-columns-unshaded"),
    # three rules, three header levels set at the top of their cells in columns one glyph
    # wide: the items under a group label are a level of their own, though a label merged
    # down beside them runs past where they begin, and a label with nothing under it heads
    # its column down to the last level
    pytest.param(pdfs.three_header_levels_set_at_the_top_pdf, "10-58", [1], id="three-header-levels-set-at-the-top"),
    # three rules: a year's label and a group label, each centred over its columns, run
    # across one corridor between leaf columns from either side, the year's ending a point
    # short of the amounts past it; that point of whitespace is part of the stretch both
    # labels cross, so both are seen to head the columns on either side, and the leaf
    # columns stay apart
    pytest.param(pdfs.labels_crossing_a_corridor_together_pdf, "10-60", [1], id="labels-crossing-a-corridor-together"),
    # three rules: a group label ends inside the label of the last column it groups, where
    # a wider amount of that column also crosses the whitespace before a narrower one; the
    # column's label heads no columns for that whitespace, and a column empty in the body
    # keeps its corridors
    pytest.param(pdfs.group_label_into_a_centred_column_pdf, "10-59", [1], id="group-label-into-a-centred-column"),
    # rules between the rows: the rule under a label grouping three ranks, alone in the
    # header, ends where they do, beside columns that are empty in the body
    pytest.param(pdfs.ranked_columns_under_a_group_rule_pdf, "10-61", [1], id="ranked-columns-under-a-group-rule"),
    # ...and opening a page, its top rule nearer the running header over it than the
    # header row under it: a rule with rows of cells between it and the next rule of its
    # width is the table's, not the running header's
    pytest.param(partial(pdfs.ranked_columns_under_a_group_rule_pdf, at_page_top=True), "10-61", [2],
                 id="ranked-columns-under-a-group-rule-at-a-page-top"),
    # a full grid of amounts wrapped after the decimal point, broken by the page between
    # two rows with its header repeated: an amount's short last line above the break
    # ended it, and the row after the repeated header is a new row
    pytest.param(pdfs.grid_numbers_wrapped_over_a_page_break_pdf, "10-63", [1, 2],
                 id="numbers-wrapped-in-a-grid-over-a-page-break"),
    # no rules: the rows at a page foot stand in the band where the page numbers are
    # printed, and their item numbers read like page numbers; they stand higher than the
    # page numbers do, and are the table's
    pytest.param(pdfs.item_numbers_in_the_foot_band_pdf, "10-64", [1, 2], id="item-numbers-in-the-foot-band"),
    # a full grid of numbered sentences in narrow columns, cut by the page inside its row,
    # each cell stopping a glyph into its last line: a sentence stops short of its full
    # stop only where the page cut it, and the row goes on over the page
    pytest.param(pdfs.sentences_cut_by_a_page_break_pdf, "10-67", [1, 2], id="sentences-cut-by-a-page-break"),
    # ...and an amount cut right after its thousands separator: the piece over the page,
    # a decimal ("567.89"), begins no numbered item, and the two pieces are one number,
    # joined as the lines of one cell are, with no space
    pytest.param(pdfs.amount_cut_by_a_page_break_pdf, "10-68", [1, 2], id="amount-cut-by-a-page-break"),
    # ruled row by row (no rules between columns), a row cut by the page goes on between
    # two rules, each cell centred on its own number of lines: one column's lines stand
    # half a line off its neighbours', as no row of single lines sets them, so the lines
    # over the page are that one row's wrapped text, not rows of a line each
    pytest.param(pdfs.centred_rest_of_a_cut_row_pdf, "10-70", [1, 2], id="centred-rest-of-a-cut-row"),
    # three rules, the header not repeated over the page: the first row there leaves a
    # cell empty in a column that every row above it filled, each with a value of its own.
    # No merge ran down that column, so none is going on over the page: the slot is empty
    pytest.param(pdfs.empty_cell_atop_a_continued_part_pdf, "10-72", [1, 2], id="empty-cell-atop-a-continued-part"),
    # no rules, a bold header of three levels in tight leading: the box of a label's second
    # line reaches into the level under it; the levels are the lines of the columns with
    # the most of them, and a label across two of them is a label of both. A label under
    # one over several columns is set at the top of its cell (the slot above it is the
    # upper label's), and runs down to the last level
    pytest.param(pdfs.three_header_levels_in_tight_leading_pdf, "10-76", [1], id="three-header-levels-in-tight-leading"),
    # zebra rows shaded under a merged paragraph: the shading's edges between its lines,
    # set at their own leading, are no rules between cells, and the paragraph is one merged
    # cell, not pieces in the rows the edges bound
    pytest.param(pdfs.merged_paragraph_over_zebra_rows_pdf, "10-77", [1], id="merged-paragraph-over-zebra-rows"),
    pytest.param(partial(pdfs.merged_paragraph_over_zebra_rows_pdf, leading=11), "10-77", [1],
                 id="merged-paragraph-over-zebra-rows-in-tighter-leading"),
]


@pytest.mark.parametrize("make, table_id, pages", NAMED_AS_PRINTED)
def test_a_generated_table_is_found_named_and_read_as_printed(tmp_path, make, table_id, pages):
    grid = make(tmp_path / "case.pdf")
    t = _only_table(tmp_path / "case.pdf")
    assert (t.table_id, t.pages) == (table_id, pages)
    assert t.header + t.rows == grid


@pytest.mark.parametrize("make, table_id, pages", [
    # no rules, years centred over their rows on four pages; the second page's foot cuts
    # a year's merge so that its year stands level with the row it does not begin, and
    # that page's year column cannot be read as merges. Its empty cells are outvoted by
    # the three pages whose years tile their column, which keep them (that page's own
    # rows, and the cut merge's rest over the page, are not asserted: they stay as printed)
    pytest.param(pdfs.centred_merges_over_pages_pdf, "10-52", [1, 2, 3, 4], id="year-level-with-a-row-it-does-not-begin"),
    # remarks centred over their rows on three pages; the middle page's foot cuts a merge
    # under its paragraph, leaving the page's last row empty: empty slots under a column's
    # last value on a page are no evidence against merges (the two pages whose remarks
    # tile their column keep them)
    pytest.param(pdfs.merge_cut_at_a_page_foot_under_tall_cells_pdf, "10-78", [1, 2, 3],
                 id="empty-rows-under-a-cut-merge"),
])
def test_a_page_whose_foot_cuts_a_merge_does_not_overturn_the_others(tmp_path, make, table_id, pages):
    grid, cut_page = make(tmp_path / "case.pdf")
    t = _only_table(tmp_path / "case.pdf")
    assert (t.table_id, t.pages) == (table_id, pages)
    got = t.header + t.rows
    assert len(got) == len(grid)
    assert [row for i, row in enumerate(got) if i not in cut_page] == [
        row for i, row in enumerate(grid) if i not in cut_page]


READ_AS_PRINTED = [
    # leader dots (".....") set columns apart and are no cell's text
    pytest.param(pdfs.leader_dots_pdf, id="leader-dots"),
    # numbers wrapped beside a label centred on them are one row
    pytest.param(pdfs.wrapped_numbers_pdf, id="numbers-wrapped-beside-a-centred-label"),
    # without rules, a number wrapped between two digits reads like two numbers set
    # solid; one in its row that wrapped after its separator shows the row is one row
    pytest.param(pdfs.numbers_wrapped_mid_digit_pdf, id="numbers-wrapped-between-digits"),
    # without rules, a year printed once at the top of its rows (beside one-row cells
    # centred in taller rows) is read down over them, not as the first row's alone
    pytest.param(pdfs.top_set_merges_pdf, id="merged-cells-set-at-the-top"),
    # a line wider than its column, run over the empty top of the column beside it, is
    # its cell's first line, not a row printed across the table
    pytest.param(pdfs.overflowing_cell_pdf, id="line-run-out-of-its-cell"),
    # in a full grid, numbers wrapped beside a wrapped label, one after its separator, are
    # one row's
    pytest.param(pdfs.grid_numbers_wrapped_pdf, id="numbers-wrapped-in-a-grid"),
    # without rules, cells centred in their rows: a number printed once between the two
    # lines of numbers wrapped beside it shows those lines are one row
    pytest.param(pdfs.numbers_wrapped_beside_centred_ones_pdf, id="numbers-wrapped-beside-centred-ones"),
    # ...and so does a one-line score level with the middle line of a range wrapped onto
    # three lines of digits, which join without a space ("251" "-30" "0": "251-300")
    pytest.param(pdfs.ranks_wrapped_beside_scores_pdf, id="ranges-wrapped-beside-scores"),
    # a closing quote's box an em wide runs through its cell's padding to the next
    # column's text: its blank half is whitespace, and the columns stay apart
    pytest.param(pdfs.quotes_into_the_padding_pdf, id="quotes-into-the-padding"),
    # no rules, no caption: cells centred on their rows, wrapped onto one line more or less
    # than the cell beside them, print their lines between each other's baselines; lines
    # side by side at overlapping heights are one row's, though none holds two columns
    pytest.param(pdfs.centred_cells_between_baselines_pdf, id="cells-between-each-others-baselines"),
]


@pytest.mark.parametrize("make", READ_AS_PRINTED)
def test_a_generated_table_reads_as_printed(tmp_path, make):
    grid = make(tmp_path / "case.pdf")
    t = _only_table(tmp_path / "case.pdf")
    assert t.header + t.rows == grid


def test_a_group_label_starting_beside_the_label_under_it_keeps_its_columns_apart(tmp_path):
    # the group label covers the whitespace between two of its columns but for a sliver
    # too narrow to be a corridor; it heads those columns, and they stay two
    body = pdfs.group_label_beside_a_sub_label_pdf(tmp_path / "groups.pdf")
    t = _only_table(tmp_path / "groups.pdf")
    assert t.table_id == "10-18"
    assert t.rows == body


def test_a_header_left_alone_at_a_page_foot_heads_the_table_over_the_page(tmp_path):
    # no rules, no caption above it: the header row, one label wrapped, is all the first
    # page has room for; the rows follow on the next page with no header repeated
    grid = pdfs.header_alone_at_a_page_foot_pdf(tmp_path / "foot-header.pdf")
    t = _only_table(tmp_path / "foot-header.pdf")
    assert (t.table_id, t.pages) == ("10-19", [1, 2])
    assert t.header + t.rows == grid
    assert {c.page for c in t.cells if c.row == 0} == {1}


def test_two_ruled_tables_set_one_under_the_other_are_two(tmp_path):
    # the first one's closing rule and the second one's top rule, a few points apart with
    # no row between them, part two tables; a value beside empty cells, rules between
    # them, is no merged cell
    goals, targets = pdfs.stacked_ruled_tables_pdf(tmp_path / "stacked.pdf")
    report = extract_report(tmp_path / "stacked.pdf")
    assert [t.header + t.rows for t in report.tables] == [goals, targets]
    assert report.tables[0].table_id == "10-20"
