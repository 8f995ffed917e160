"""Small PDFs made on the fly for extractor and pipeline tests (reportlab, pypdf, Pillow).

Generated rather than committed, so every fixture's construction is readable here.
"""

from __future__ import annotations

import copy
import io
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

# a standard (non-embedded) CID font: no font file needed, and pdfminer maps its
# UniGB-UCS2-H encoding back to Unicode (Traditional characters included)
pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
FONT = "STSong-Light"
BODY = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14)
CAPTION = ParagraphStyle("caption", fontName=FONT, fontSize=11, leading=15, alignment=1)
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=12)


def _register_bold_cid_font() -> str:
    """The standard CID font again under a bold name: PDF readers tell a bold face by its
    name, and the standard font has none, so Chinese headers can be bold without a font
    file."""
    from reportlab.pdfbase._cidfontdata import CIDFontInfo

    name = f"{FONT},Bold"
    if name not in CIDFontInfo:
        info = copy.deepcopy(CIDFontInfo[FONT])
        descendant = info["DescendantFonts"][0]
        info["BaseFont"] = descendant["BaseFont"] = f"/{name}"
        descendant["FontDescriptor"]["FontName"] = descendant["FontDescriptor"]["FontName"] + ",Bold"
        CIDFontInfo[name] = info
    bold = UnicodeCIDFont(FONT)
    bold.face = copy.copy(bold.face)
    bold.face.name = bold.name = bold.fontName = name
    pdfmetrics.registerFont(bold)
    return name


BOLD_FONT = _register_bold_cid_font()
GRID = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 9), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
THREE_RULES = [("LINEABOVE", (0, 0), (-1, 0), 1, colors.black), ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
               ("LINEBELOW", (0, -1), (-1, -1), 1, colors.black), ("FONTNAME", (0, 0), (-1, -1), FONT),
               ("FONTSIZE", (0, 0), (-1, -1), 9), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
               ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8)]

REVIEWS_HEADER = ["項目", "年度", "案件數", "平均審查時間", "核准率"]
REVIEWS_ROWS = [
    ["新藥臨床試驗案", "2020", "349", "18", "93"],
    ["新藥臨床試驗案", "2021", "381", "22", "81"],
    ["新藥臨床試驗案", "2022", "342", "27", "88"],
    ["新藥查驗登記案", "2020", "140", "225", "71"],
    ["新藥查驗登記案", "2021", "159", "261", "71"],
    ["新藥查驗登記案", "2022", "123", "261", "73"],
]


def _build(path: Path, story) -> Path:
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=60, rightMargin=60, topMargin=60, bottomMargin=60)
    doc.build(story)
    return path


def _merged_first_column(rows, header_rows: int = 1):
    """A vertically merged first column: the value printed once, the cells spanned."""
    data = [list(r) for r in rows]
    spans = []
    start = 0
    for i in range(1, len(data) + 1):
        if i == len(data) or data[i][0] != data[start][0]:
            if i - start > 1:
                spans.append(("SPAN", (0, start + header_rows), (0, i - 1 + header_rows)))
                for k in range(start + 1, i):
                    data[k][0] = ""
            start = i
    return data, spans


def _page_of_merged_first_column(body, start: int, end: int):
    """Rows start..end-1 of a table printed over pages, as one page prints them: the first
    column merged as in _merged_first_column, but a value whose merge began on the page
    before is not printed again."""
    data, spans = _merged_first_column(body[start:end])
    if start and body[start - 1][0] == body[start][0]:
        data[0][0] = ""
    return data, spans


def ruled_table_pdf(path: Path) -> Path:
    """表 1-1: full grid, a vertical merge (項目), a two-column header span, unit, note, source."""
    body, spans = _merged_first_column(REVIEWS_ROWS, header_rows=2)
    header0 = ["項目", "年度", "審查成效", "", ""]
    header1 = ["項目", "年度", "案件數", "平均審查時間", "核准率"]
    t = Table([header0, header1] + body, colWidths=[110, 60, 80, 90, 70])
    t.setStyle(TableStyle(GRID + spans + [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)), ("SPAN", (2, 0), (4, 0))]))
    story = [Paragraph("本章說明藥品審查之概況，數據如下表所示。", BODY), Spacer(1, 12),
             Paragraph("表 1-1 藥品審查案件與時效", CAPTION), Paragraph("單位：件數、天、%", BODY), t,
             Paragraph("註：核准率指第一輪的核准率。", BODY), Paragraph("資料來源：測試資料，2025 年。", BODY),
             Spacer(1, 12), Paragraph("以上為測試用之說明文字。", BODY)]
    return _build(path, story)


def continued_table_pdf(path: Path, n_rows: int = 30) -> Path:
    """表 2-1 printed over two pages: the second part under a "(續)" caption, header repeated."""
    rows = [[str(i + 1), f"測試公司{i + 1}股份有限公司", f"衛部醫器製第{7000 + i:06d}號"] for i in range(n_rows)]
    header = ["項次", "申請廠商", "許可證字號"]
    half = n_rows // 2
    story = [Paragraph("表 2-1 核准醫療器材", CAPTION),
             Table([header] + rows[:half], colWidths=[40, 200, 160], style=TableStyle(GRID)),
             PageBreak(),
             Paragraph("表 2-1 核准醫療器材(續)", CAPTION),
             Table([header] + rows[half:], colWidths=[40, 200, 160], style=TableStyle(GRID)),
             Paragraph("資料來源：測試資料。", BODY)]
    return _build(path, story)


def borderless_table_pdf(path: Path) -> Path:
    """表 3-1: three horizontal rules only (top, under the header, bottom), no vertical lines."""
    t = Table([REVIEWS_HEADER] + REVIEWS_ROWS, colWidths=[110, 60, 80, 90, 70], style=TableStyle(THREE_RULES))
    story = [Paragraph("下表為無框線表格。", BODY), Spacer(1, 8), Paragraph("表 3-1 藥品審查案件與時效", CAPTION), t,
             Paragraph("資料來源：測試資料。", BODY)]
    return _build(path, story)


def unruled_table_pdf(path: Path) -> Path:
    """表 4-1: no rules at all, columns aligned by whitespace only."""
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9),
             ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8)]
    t = Table([REVIEWS_HEADER] + REVIEWS_ROWS, colWidths=[110, 60, 80, 90, 70], style=TableStyle(style))
    story = [Paragraph("表 4-1 藥品審查案件與時效", CAPTION), t, Paragraph("資料來源：測試資料。", BODY)]
    return _build(path, story)


def _rules_under(header_rows: int, size: float = 9, closing_rule: bool = True) -> list:
    """Three rules (top, under the header's last row, bottom: left out with
    closing_rule=False), cells centred vertically."""
    rules = [("LINEABOVE", (0, 0), (-1, 0), 1, colors.black),
             ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.5, colors.black)]
    if closing_rule:
        rules.append(("LINEBELOW", (0, -1), (-1, -1), 1, colors.black))
    return rules + [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), size),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]


# 表 5-1: a landscape-style form: three header levels, most body cells empty
FORM_GRID = [
    ["計畫名稱", "106 年度", "106 年度", "106 年度", "106 年度", "107 年度", "107 年度", "107 年度", "107 年度", "108 年度"],
    ["計畫名稱", "總人力", "職級", "職級", "職級", "總人力", "職級", "職級", "職級", "總人力"],
    ["計畫名稱", "總人力", "研究員級", "副研究員", "其他", "總人力", "研究員級", "副研究員", "其他", "總人力"],
    ["推動聯盟計畫", "8", "", "", "2", "16", "", "", "4", "16"],
]


def borderless_form_pdf(path: Path) -> Path:
    """表 5-1: three rules, a year level over a group level over leaf labels; 計畫名稱 and
    總人力 printed once beside the levels they cover; several columns empty in the body."""
    data = [["計畫名稱", "106 年度", "", "", "", "107 年度", "", "", "", "108 年度"],
            ["", "總人力", "職級", "", "", "總人力", "職級", "", "", "總人力"],
            ["", "", "研究員級", "副研究員", "其他", "", "研究員級", "副研究員", "其他", ""],
            FORM_GRID[3]]
    spans = [("SPAN", (0, 0), (0, 2)), ("SPAN", (1, 0), (4, 0)), ("SPAN", (5, 0), (8, 0)),
             ("SPAN", (1, 1), (1, 2)), ("SPAN", (2, 1), (4, 1)), ("SPAN", (5, 1), (5, 2)),
             ("SPAN", (6, 1), (8, 1)), ("SPAN", (9, 1), (9, 2)), ("ALIGN", (0, 0), (-1, -1), "CENTER")]
    t = Table(data, colWidths=[80] + [46] * 9, style=TableStyle(_rules_under(3, 8) + spans))
    return _build(path, [Paragraph("表 5-1 人力需求表", CAPTION), t, Paragraph("資料來源：測試資料。", BODY)])


# 表 6-1: a group label beside the items it groups; the other items span both label columns
LABELS_GRID = [
    ["項目", "項目", "說明"],
    ["申請資格", "申請機構", "公私立大專院校及公立研究機關。"],
    ["申請資格", "計畫主持人", "比照本會補助專題研究計畫作業要點規定。"],
    ["申請資格", "聯盟會員", "依本國商業登記法登記之公司。"],
    ["申請方式及時間", "申請方式及時間", "由申請人至本會網站線上提出申請。"],
    ["徵案領域", "徵案領域", "工程、生科、自然、人文共 4 大領域。"],
    ["經費補助", "經費補助", "每年 300 萬元為上限。"],
]


def label_columns_pdf(path: Path) -> Path:
    data = [["項目", "", "說明"], ["申請資格", "申請機構", LABELS_GRID[1][2]], ["", "計畫主持人", LABELS_GRID[2][2]],
            ["", "聯盟會員", LABELS_GRID[3][2]]] + [[r[0], "", r[2]] for r in LABELS_GRID[4:]]
    spans = [("SPAN", (0, 0), (1, 0)), ("ALIGN", (0, 0), (-1, 0), "CENTER"), ("SPAN", (0, 1), (0, 3))] + [
        ("SPAN", (0, r), (1, r)) for r in range(4, len(data))]
    t = Table(data, colWidths=[50, 80, 280], style=TableStyle(_rules_under(1) + spans))
    return _build(path, [Paragraph("表 6-1 申請須知", CAPTION), t, Paragraph("資料來源：測試資料。", BODY)])


# 表 7-1: group rows across the table, a year printed once beside its rows, a merged benefit
YEARS_HEADER = ["年度", "績效指標", "初級產出量化值", "效益說明"]
YEARS_GRID = [
    ["1-1.推動生技醫藥國家型科技計畫(國科會)"] * 4,
    ["102", "博碩士培育人次", "170人次", "培育學生能力並增加就業機會。"],
    ["102", "專利獲得件數", "20件", "培育學生能力並增加就業機會。"],
    ["102", "技術移轉件數", "8件", "培育學生能力並增加就業機會。"],
    ["103", "博碩士培育人次", "180人次", "培育學生能力並增加就業機會。"],
    ["103", "專利獲得件數", "20件", "培育學生能力並增加就業機會。"],
    ["103", "技術移轉件數", "10件", "培育學生能力並增加就業機會。"],
    ["1-2.推廣學名藥新應用市場(經濟部)"] * 4,
    ["102", "開發多重控制釋放技術", "1件", "帶動原料與製劑垂直整合。"],
    ["102", "專利申請", "2件", "帶動原料與製劑垂直整合。"],
]


def year_groups_pdf(path: Path) -> Path:
    data, spans = [YEARS_HEADER], []
    for i, row in enumerate(YEARS_GRID, start=1):
        if len(set(row)) == 1:
            data.append([row[0], "", "", ""])
            spans.append(("SPAN", (0, i), (-1, i)))
            group_start = i + 1
            continue
        first_of_year = i == 1 or YEARS_GRID[i - 2][0] != row[0]
        data.append([row[0] if first_of_year else "", row[1], row[2], row[3] if i == group_start else ""])
    for start, end in ((2, 4), (5, 7), (9, 10)):
        spans.append(("SPAN", (0, start), (0, end)))
    spans += [("SPAN", (3, 2), (3, 7)), ("SPAN", (3, 9), (3, 10)),
              ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
    t = Table(data, colWidths=[40, 130, 80, 200], style=TableStyle(_rules_under(1) + spans))
    return _build(path, [Paragraph("表 7-1 藥品領域重要績效指標", CAPTION), t])


def continued_year_groups_pdf(path: Path, n_years: int = 6, per_year: int = 5, break_after: int = 17) -> list:
    """表 8-1 over two pages, three rules, header repeated, no closing rule on page 1.
    Each year is printed once, centred beside its rows; the year cut by the page break is
    printed on page 1 only, so the rows at the top of page 2 have no label. Returns the
    logical grid (header first)."""
    header = ["年度", "績效指標", "量化值"]
    grid = [header] + [[str(100 + y), f"績效指標{k + 1}", f"{y * per_year + k + 1}件"]
                       for y in range(n_years) for k in range(per_year)]
    body = grid[1:]

    def part(start: int, end: int, closing_rule: bool) -> Table:
        data, spans = _page_of_merged_first_column(body, start, end)
        return Table([header] + data, colWidths=[60, 160, 80],
                     style=TableStyle(_rules_under(1, closing_rule=closing_rule) + spans))

    story = [Paragraph("表 8-1 績效指標", CAPTION), part(0, break_after, False), PageBreak(),
             part(break_after, len(body), True), Paragraph("資料來源：測試資料。", BODY)]
    _build(path, story)
    return grid


def continued_kpi_groups_pdf(path: Path) -> list:
    """表 9-1 over two pages, three rules on each, header repeated. A
    group label is centred beside its five rows on page 1, and so is the one value of the
    middle row: page 1 alone cannot tell the label's merge from the value's single row.
    On page 2 the value column keeps empty cells between single-row values, which settles
    it. Returns the logical grid (header first)."""
    header = ["屬性", "績效指標", "量化值"]
    values = {3: "培育人才 4,000 人", 9: "設置 20 個聯盟", 10: "促成合作 40 億", 13: "新創 40 家"}
    groups = [("學術成就", 8), ("技術創新", 5)]
    grid, n = [header], 0
    for label, size in groups:
        for _ in range(size):
            n += 1
            grid.append([label, f"指標{n}", values.get(n, "")])
    body = grid[1:]

    def part(start: int, end: int) -> Table:
        data, spans = _page_of_merged_first_column(body, start, end)
        return Table([header] + data, colWidths=[80, 120, 120], style=TableStyle(_rules_under(1) + spans))

    story = [Paragraph("表 9-1 主要績效指標", CAPTION), part(0, 5), PageBreak(),
             part(5, len(body)), Paragraph("資料來源：測試資料。", BODY)]
    _build(path, story)
    return grid


def open_sided_grid_pdf(path: Path) -> Path:
    """表 9-1: rules across every row and lines between the columns, but no left or right
    border (a common layout in EU statistical reports)."""
    style = [("LINEABOVE", (0, 0), (-1, 0), 0.5, colors.black),
             ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black),
             ("LINEAFTER", (0, 0), (-2, -1), 0.5, colors.black),
             ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9)]
    t = Table([REVIEWS_HEADER] + REVIEWS_ROWS, colWidths=[110, 60, 80, 90, 70], style=TableStyle(style))
    return _build(path, [Paragraph("表 9-1 藥品審查案件與時效", CAPTION), t, Paragraph("資料來源：測試資料。", BODY)])


def header_only_columns_pdf(path: Path) -> Path:
    """表 9-2: a framed table whose header is a full grid while the body rows are ruled
    across with no lines between the columns (the body's values set in the header's
    columns), as EU statistical reports print them."""
    style = [("BOX", (0, 0), (-1, -1), 0.5, colors.black), ("GRID", (0, 0), (-1, 0), 0.5, colors.black),
             ("LINEBELOW", (0, 1), (-1, -1), 0.5, colors.black),
             ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9)]
    t = Table([REVIEWS_HEADER] + REVIEWS_ROWS, colWidths=[110, 60, 80, 90, 70], style=TableStyle(style))
    return _build(path, [Paragraph("表 9-2 藥品審查案件與時效", CAPTION), t, Paragraph("資料來源：測試資料。", BODY)])


# Table 9-3: descriptive statistics, one variable a line, the lines of a group set solid
STATS_HEADER = ["Variable", "Mean", "Std. Dev.", "Min", "Max"]
STATS_GROUPS = [
    [["Age", "50.8", "15.9", "21", "90"], ["Men", "0.47", "0.50", "0", "1"], ["East", "0.28", "0.45", "0", "1"]],
    [["Married", "0.57", "0.50", "0", "1"], ["Single", "0.21", "0.40", "0", "1"]],
    [["Household size", "2.43", "1.22", "1", "9"], ["Number of children", "1.67", "1.38", "0", "8"]],
]


def stacked_rows_pdf(path: Path) -> Path:
    """Table 9-3: three rules, no padding between the rows of a group, space between
    groups: nothing but the numbers (which do not wrap) tells one row from the next."""
    rows = [r for g in STATS_GROUPS for r in g]
    style = _rules_under(1) + [("TOPPADDING", (0, 1), (-1, -1), 0), ("BOTTOMPADDING", (0, 1), (-1, -1), 0),
                               ("ALIGN", (1, 0), (-1, -1), "RIGHT")]
    first = 1
    for g in STATS_GROUPS:
        style.append(("TOPPADDING", (0, first), (-1, first), 9))
        first += len(g)
    t = Table([STATS_HEADER] + rows, colWidths=[120, 60, 60, 50, 50], style=TableStyle(style))
    return _build(path, [Paragraph("Table 9-3 Descriptive statistics", CAPTION), t])


def column_ruled_stacked_rows_pdf(path: Path) -> Path:
    """Table 9-4: framed, lines between the columns and under the header, none between
    the body rows: the ruled grid has one body row holding every printed row."""
    rows = [r for g in STATS_GROUPS for r in g]
    style = [("BOX", (0, 0), (-1, -1), 0.5, colors.black), ("LINEAFTER", (0, 0), (-2, -1), 0.5, colors.black),
             ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black), ("FONTNAME", (0, 0), (-1, -1), FONT),
             ("FONTSIZE", (0, 0), (-1, -1), 9), ("TOPPADDING", (0, 1), (-1, -1), 0),
             ("BOTTOMPADDING", (0, 1), (-1, -1), 0), ("ALIGN", (1, 0), (-1, -1), "RIGHT")]
    t = Table([STATS_HEADER] + rows, colWidths=[120, 60, 60, 50, 50], style=TableStyle(style))
    return _build(path, [Paragraph("Table 9-4 Descriptive statistics", CAPTION), t])


def scanned_pdf(path: Path) -> Path:
    """One page that is only a picture of text (no text layer)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (600, 800), "white")
    d = ImageDraw.Draw(img)
    for i in range(20):
        d.line([(50, 60 + i * 30), (550, 60 + i * 30)], fill="black", width=2)
    buf = io.BytesIO()
    img.save(buf, format="PDF")
    path.write_bytes(buf.getvalue())
    return path


def encrypted_pdf(path: Path, source: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter()
    for p in PdfReader(str(source)).pages:
        w.add_page(p)
    w.encrypt(user_password="secret", owner_password="owner")
    with open(path, "wb") as f:
        w.write(f)
    return path


def zero_page_pdf(path: Path) -> Path:
    from pypdf import PdfWriter

    with open(path, "wb") as f:
        PdfWriter().write(f)
    return path


H1 = ParagraphStyle("h1", fontName=FONT, fontSize=16, leading=22, spaceBefore=6, spaceAfter=6)
H2 = ParagraphStyle("h2", fontName=FONT, fontSize=13, leading=18, spaceBefore=4, spaceAfter=4)
PARA = ParagraphStyle("para", parent=BODY, firstLineIndent=20, spaceBefore=8, spaceAfter=6)
SMALL = ParagraphStyle("small", fontName=FONT, fontSize=8.5, leading=12)
# a bulleted item whose wrapped lines hang at the indent of its text, not of its bullet
ITEM = ParagraphStyle("item", parent=BODY, leftIndent=24, firstLineIndent=-18, spaceBefore=4)
HANGING_ITEM = "本聯盟結合國際頂尖大學之培訓教材，引進國內並導入入選團隊之訓練課程，團隊於受訓期間交流產品商品化過程之經驗與心得，並由業師協助規劃後續之募資與授權策略。"

INVESTMENT_SENTENCE = ("依據統計，2024 年我國生技產業投資額為新臺幣 551.48 億元。依產業別區分，製藥產業為新臺幣 278.46 億元，"
                       "醫療器材產業為新臺幣 181.85 億元。")


def prose_pdf(path: Path, filler_paragraphs: int = 3) -> Path:
    """Running text: two heading levels, indented paragraphs, a numbered item, a ruled table
    between paragraphs, bulleted items with a hanging indent, and a long paragraph that
    runs over a page break."""
    filler = "本段文字說明產業發展之背景與政策措施，並無數據，僅供版面測試之用。" * 6
    # longer than a page: it runs over a page break wherever it starts
    long_para = ("跨頁段落開始，2023 年共受理 372 件申請案，其中多國多中心 315 件，約占 85%，" + filler * 12 +
                 "跨頁段落結束，平均審查為 47 天。")
    t = Table([REVIEWS_HEADER] + REVIEWS_ROWS[:2], colWidths=[110, 60, 80, 90, 70], style=TableStyle(GRID))
    story = [Paragraph("五、生技投資", H1), Paragraph("(一)民間投資", H2), Paragraph(INVESTMENT_SENTENCE, PARA),
             Paragraph("(1) 促成投資案 23 件，投資金額達新臺幣 321.02 億元，計畫期程 2~3 年。", BODY),
             Paragraph("表 5-1 審查案件", CAPTION), t, Paragraph("資料來源：測試資料。", SMALL),
             Paragraph("如表 5-1 所示，藥品 DCB-WH1 與 TE-1146 已完成試驗，發表於 2024 年 IF:31.8 之期刊。", PARA),
             Paragraph("● " + HANGING_ITEM, ITEM), Paragraph("● 第二項：遴選錨點大學。", ITEM),
             Paragraph("(二)臨床試驗", H2)]
    story += [Paragraph(filler, PARA) for _ in range(filler_paragraphs)]
    story += [Paragraph(long_para, PARA), Paragraph("新段落，2024 年核准 12 家。", PARA)]
    return _build(path, story)


# ---------------------------------------------------------------- layouts the extractor was not written for

APPROVALS_HEADER = ["項次", "核准日期", "核准字號", "產品名稱", "製造廠名稱"]
APPROVALS_ROWS = [
    [str(i + 1), f"2024/0{i % 9 + 1}/1{i % 10}", f"衛部醫器製第00{7625 + i}號", f"測試醫材產品第{i + 1}號系統",
     f"測試生醫股份有限公司第{i + 1}廠"]
    for i in range(12)
]


def _wrapping_cells(rows, size: float = 9, bold_first: bool = True):
    """Cells as Paragraphs that wrap anywhere (CJK line breaking), so narrow columns wrap
    dates, licence numbers and names onto several lines."""
    head = ParagraphStyle("hcell", fontName=FONT, fontSize=size, leading=size * 1.3, alignment=1, wordWrap="CJK")
    body = ParagraphStyle("bcell", fontName=FONT, fontSize=size, leading=size * 1.3, wordWrap="CJK")
    return [[Paragraph(f"<b>{v}</b>" if (r == 0 and bold_first) else v, head if r == 0 else body) for v in row]
            for r, row in enumerate(rows)]


def narrow_three_rule_pdf(path: Path) -> list:
    """表 10-1: three rules, columns so narrow that the header labels, the dates and the
    licence numbers wrap onto two or three lines beside a narrow first column of item
    numbers. Returns the grid (header first)."""
    grid = [APPROVALS_HEADER] + APPROVALS_ROWS[:8]
    t = Table(_wrapping_cells(grid), colWidths=[22, 42, 58, 70, 70], style=TableStyle(_rules_under(1)))
    _build(path, [Paragraph("表 10-1 核准上市之醫療器材", CAPTION), t, Paragraph("資料來源：測試資料。", BODY)])
    return grid


def caption_inside_pdf(path: Path, ruled: bool) -> list:
    """表 10-2 with its caption printed as the table's first row, one cell across it."""
    grid = [REVIEWS_HEADER] + REVIEWS_ROWS
    caption = ParagraphStyle("capcell", parent=CAPTION, fontSize=10)
    data = [[Paragraph("表 10-2 藥品審查案件與時效", caption)] + [""] * 4] + grid
    rules = GRID if ruled else [("LINEABOVE", (0, 0), (-1, 0), 1, colors.black),
                                 ("LINEBELOW", (0, 1), (-1, 1), 0.5, colors.black),
                                 ("LINEBELOW", (0, -1), (-1, -1), 1, colors.black),
                                 ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9)]
    t = Table(data, colWidths=[110, 60, 80, 90, 70], style=TableStyle(rules + [("SPAN", (0, 0), (-1, 0))]))
    _build(path, [Paragraph("前文說明，數據如下。", BODY), Spacer(1, 8), t, Paragraph("資料來源：測試資料。", BODY)])
    return grid


LONG_CAPTION = "2019~2024年衛生福利部食品藥物管理署受理藥品查驗登記審查案件數與平均審查時效統計"


def caption_inside_wrapped_pdf(path: Path) -> list:
    """表 10-22, three rules, with a caption too long for one line printed as the table's
    first row in loose leading (1.7 lines): its second line is further from the first
    than half a line, yet nearer to it than the header row is."""
    grid = [REVIEWS_HEADER] + REVIEWS_ROWS
    caption = ParagraphStyle("capcell", parent=CAPTION, fontSize=10, leading=17)
    data = [[Paragraph(f"表 10-22 {LONG_CAPTION}", caption)] + [""] * 4] + grid
    rules = [("LINEABOVE", (0, 0), (-1, 0), 1, colors.black), ("LINEBELOW", (0, 1), (-1, 1), 0.5, colors.black),
             ("LINEBELOW", (0, -1), (-1, -1), 1, colors.black), ("FONTNAME", (0, 0), (-1, -1), FONT),
             ("FONTSIZE", (0, 0), (-1, -1), 9), ("TOPPADDING", (0, 0), (-1, -1), 6),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]
    t = Table(data, colWidths=[110, 60, 80, 90, 70], style=TableStyle(rules + [("SPAN", (0, 0), (-1, 0))]))
    _build(path, [Paragraph("前文說明，數據如下。", BODY), Spacer(1, 8), t, Paragraph("資料來源：測試資料。", BODY)])
    return grid


def caption_above_wrapped_pdf(path: Path) -> list:
    """表 10-23, no rules, under a centred caption in loose leading (1.7 lines) whose last
    line, a few characters on the caption's axis, is as far below it as a row is."""
    grid = [REVIEWS_HEADER] + REVIEWS_ROWS
    caption = ParagraphStyle("caploose", parent=CAPTION, fontSize=11.5, leading=19.5, wordWrap="CJK")
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 10),
             ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"), ("LEADING", (0, 0), (-1, -1), 17)]
    head = ParagraphStyle("headcell", fontName=FONT, fontSize=10, leading=17)
    data = [[Paragraph(f"<b>{v}</b>", head) for v in grid[0]]] + grid[1:]
    t = Table(data, colWidths=[110, 60, 80, 90, 70], style=TableStyle(style))
    _build(path, [Paragraph("前文說明，數據如下。", BODY), Spacer(1, 8), Paragraph(f"表 10-23 {LONG_CAPTION}", caption), t,
                  Paragraph("資料來源：測試資料。", BODY)])
    return grid


def header_repeated_break_pdf(path: Path, n_rows: int = 70) -> list:
    """表 10-3 broken over three pages by the producer: the header row (shaded, not bold)
    repeated at the top of each page, no "(續)" caption, rules between the rows, and a
    running header and page number on every page with no rule to set them off. Returns
    the grid (header first)."""
    rows = [[str(i + 1), f"2024/{i % 12 + 1:02d}/{i % 28 + 1:02d}", f"衛部藥製字第{60000 + i}號", f"測試藥品{i + 1}"]
            for i in range(n_rows)]
    header = ["項次", "核准日期", "許可證字號", "中文品名"]
    style = [("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black), ("LINEABOVE", (0, 0), (-1, 0), 0.5, colors.black),
             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#d9d9d9")),
             ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9)]
    t = Table([header] + rows, colWidths=[40, 90, 150, 150], repeatRows=1, style=TableStyle(style))

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.drawRightString(A4[0] - 60, A4[1] - 80, "2025 生技產業白皮書　肆、生技產業發展關鍵要素")
        canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=60, rightMargin=60, topMargin=100, bottomMargin=60)
    doc.build([Paragraph("表 10-3 核准上市之國產新藥", CAPTION), t, Paragraph("資料來源：測試資料。", BODY)],
              onFirstPage=furniture, onLaterPages=furniture)
    return [header] + rows


def captions_below_part_broken_pdf(path: Path, first_part: int = 12, n_rows: int = 60) -> list:
    """表 10-24 printed in two parts, each with its caption under it ("(續)" on the second),
    as is another table. The second part begins under the first and runs over the page:
    the producer breaks it there and repeats the header, so the first page ends on no
    caption. Returns the grid (header first)."""
    header = ["項次", "核准日期", "許可證字號", "中文品名"]
    rows = [[str(i + 1), f"2024/{i % 12 + 1:02d}/{i % 28 + 1:02d}", f"衛部藥製字第{60000 + i}號", f"測試藥品{i + 1}"]
            for i in range(n_rows)]
    style = [("LINEABOVE", (0, 0), (-1, 0), 1, colors.black), ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
             ("LINEBELOW", (0, -1), (-1, -1), 1, colors.black), ("FONTNAME", (0, 0), (-1, -1), FONT),
             ("FONTSIZE", (0, 0), (-1, -1), 9)]

    def part(body):
        return Table([header] + body, colWidths=[40, 90, 150, 150], repeatRows=1, style=TableStyle(style))

    other = Table([REVIEWS_HEADER] + REVIEWS_ROWS, colWidths=[110, 60, 80, 90, 70], style=TableStyle(style))
    _build(path, [other, Paragraph("表 10-25 藥品審查案件與時效", CAPTION), Spacer(1, 12),
                  part(rows[:first_part]), Paragraph("表 10-24 核准上市之國產新藥", CAPTION), Spacer(1, 12),
                  part(rows[first_part:]), Paragraph("表 10-24 核准上市之國產新藥(續)", CAPTION),
                  Paragraph("資料來源：測試資料。", BODY)])
    return [header] + rows


def empty_column_over_a_break_pdf(path: Path, n_rows: int = 46) -> list:
    """表 10-26 without rules, centred, broken by the page with no header repeated: one
    column is empty under its label, and the rows on the second page have shorter labels,
    so that page shows fewer gutters and other outer edges. Returns the grid."""
    header = ["治療領域", "新藥分類", "新成分", "新適應症", "生物藥品", "合計"]
    areas = ["症候、徵候及不明情況之疾病", "呼吸系統疾病", "癌症", "肌肉骨骼系統疾病"]
    rows = [[areas[i % 4] if i < n_rows - 8 else ("合計" if i == n_rows - 1 else "癌症"), "",
             str(i % 7), str(i % 3), str(i % 5), str(i % 7 + i % 3 + i % 5)] for i in range(n_rows)]
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9),
             ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"), ("ALIGN", (0, 0), (-1, -1), "CENTER")]
    head = ParagraphStyle("centred-head", fontName=FONT, fontSize=9, leading=11, alignment=1)
    data = [[Paragraph(f"<b>{v}</b>", head) for v in header]] + rows
    t = Table(data, colWidths=[140, 60, 60, 60, 60, 50], style=TableStyle(style))
    _build(path, [Paragraph("表 10-26 臨床試驗之藥品分類", CAPTION), t, Paragraph("資料來源：測試資料。", BODY)])
    return [header] + rows


def stacked_borderless_tables_pdf(path: Path) -> list:
    """Two tables without rules, one right under the other with a little more space between
    them than between rows, each under a bold (Latin) header of its own, under one
    heading. Returns the two grids."""
    head = ParagraphStyle("stack-head", fontName="Helvetica-Bold", fontSize=10, leading=13)
    cell = ParagraphStyle("stack-cell", fontName=FONT, fontSize=10, leading=13, wordWrap="CJK")
    goals = [["Goal", "Indicators"], ["加速學術研究與國際接軌，強化前瞻創新競爭力。", "成立聯盟數、引進國際會員數"],
             ["提升研發價值，為產業提供技術與人才。", "促成產學合作金額、培育人才數"]]
    outputs = [["Area", "Indicator", "Target", "Benefit"], ["學術成就", "論文", "120篇", "發表國際期刊"],
               ["學術成就", "合作團隊", "20隊", "跨校合作"], ["技術創新", "專利", "35件", "技術移轉"],
               ["技術創新", "技術報告", "12份", "產業應用"]]

    def table(grid, widths):
        data = [[Paragraph(v, head) for v in grid[0]]] + [[Paragraph(v, cell) for v in r] for r in grid[1:]]
        return Table(data, colWidths=widths, style=TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT)]))

    heading = ParagraphStyle("stack-heading", fontName=FONT, fontSize=12, leading=16)
    _build(path, [Paragraph(FILLER_SENTENCE * 4, PAGE_TEXT), Paragraph("二、主要績效指標：", heading), Spacer(1, 6),
                  table(goals, [190, 190]), Spacer(1, 10), table(outputs, [80, 90, 80, 130]),
                  Paragraph(FILLER_SENTENCE * 4, PAGE_TEXT)])
    return [goals, outputs]


def rules_in_pieces_pdf(path: Path, hair: float = 0.001) -> list:
    """表 10-28 ruled across only, each rule drawn cell by cell (as HTML producers draw
    collapsed borders), its first column merged over two header rows so that the rule
    under the first of them starts right of it. Two of the pieces have ends `hair` apart
    in height, as a producer's rounding leaves them. Returns the grid."""
    from reportlab.pdfgen.canvas import Canvas

    xs = [60, 140, 200, 260, 320]
    header = [["計畫名稱", "106年度", "107年度", "108年度"], ["計畫名稱", "人力", "人力", "人力"]]
    rows = [["甲計畫", "8", "150", "16"], ["乙計畫", "6", "120", "12"], ["丙計畫", "4", "90", "8"]]
    c = Canvas(str(path), pagesize=A4)
    c.setFont(FONT, 12)
    c.drawString(60, 775, "表 10-28 人力與經費")
    c.setLineWidth(0.5)
    for y in (750, 730, 710, 690, 670, 650):
        for k in range(4):
            if y == 730 and k == 0:
                continue  # the merged first column has no rule inside it
            tilt = hair if (y in (750, 710) and k == 1) else 0.0
            c.line(xs[k], y, xs[k + 1], y + tilt)
    c.setFont(FONT, 9)

    def centred(text, k0, k1, y):
        c.drawCentredString((xs[k0] + xs[k1]) / 2, y, text)

    centred("計畫名稱", 0, 1, 727)
    for k in range(1, 4):
        centred(header[0][k], k, k + 1, 737)
        centred(header[1][k], k, k + 1, 717)
    for r, row in enumerate(rows):
        for k, v in enumerate(row):
            centred(v, k, k + 1, 697 - 20 * r)
    c.save()
    return header + rows


def unruled_captionless_pdf(path: Path) -> list:
    """A table set in running text with no caption and no rule at all: columns kept apart
    by whitespace only, between paragraphs. Returns the grid (header first)."""
    grid = [["Segment", "2022", "2023", "2024"], ["Pharmaceuticals", "1,204.5", "1,311.2", "1,398.7"],
            ["Medical devices", "845.1", "902.3", "955.0"], ["Applied biotech", "402.7", "433.9", "467.2"],
            ["Total", "2,452.3", "2,647.4", "2,820.9"]]
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9), ("ALIGN", (1, 0), (-1, -1), "RIGHT")]
    t = Table(grid, colWidths=[130, 70, 70, 70], style=TableStyle(style))
    para = ("The industry grew steadily over the period under review, with revenue rising in every segment; the "
            "figures below are in millions and were compiled from the annual surveys of the sector.")
    _build(path, [Paragraph(para, PARA), Spacer(1, 6), t, Spacer(1, 6), Paragraph(para, PARA), Paragraph(para, PARA)])
    return grid


def leader_dots_pdf(path: Path) -> list:
    """表 10-4: labels led to their figures by dot leaders, no rules."""
    grid = [["項目", "2023", "2024"], ["研發經費", "120.5", "131.2"], ["營業收入", "845.1", "902.3"],
            ["人事費用", "402.7", "433.9"]]
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9),
             ("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("LEFTPADDING", (1, 0), (-1, -1), 0)]
    data = [grid[0]] + [[r[0] + " " + "." * 40, r[1], r[2]] for r in grid[1:]]
    t = Table(data, colWidths=[160, 60, 60], style=TableStyle(style))
    _build(path, [Paragraph("表 10-4 經營狀況", CAPTION), t, Paragraph("資料來源：測試資料。", BODY)])
    return grid


def landscape_table_pdf(path: Path, mode: str) -> list:
    """表 10-5 on a landscape page, then printed on portrait paper: "rotate" turns the
    content and sets /Rotate so that viewers show it upright; "sideways" leaves it turned
    (the reader turns the page). Returns the grid (header first)."""
    from pypdf import PdfWriter, Transformation
    from reportlab.lib.pagesizes import landscape

    header = ["計畫名稱"] + [f"{y} 年度" for y in range(106, 111)] + ["合計"]
    rows = [["推動國際產學聯盟計畫", "8", "16", "16", "16", "10", "66"], ["產學技術聯盟計畫", "4", "6", "6", "6", "4", "26"]]
    t = Table([header] + rows, colWidths=[150] + [70] * 6, style=TableStyle(GRID))
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=50, rightMargin=50, topMargin=50, bottomMargin=50)
    doc.build([Paragraph("表 10-5 人力需求表", CAPTION), t, Paragraph("資料來源：測試資料。", BODY)])
    writer = PdfWriter(clone_from=str(path))
    for page in writer.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        page.add_transformation(Transformation().rotate(90).translate(h, 0))
        page.mediabox.lower_left, page.mediabox.upper_right = (0, 0), (h, w)
        page.cropbox.lower_left, page.cropbox.upper_right = (0, 0), (h, w)
        if mode == "rotate":
            page.rotation = 90
    with open(path, "wb") as f:
        writer.write(f)
    return [header] + rows


def sideways_pages_with_furniture_pdf(path: Path, n_rows: int = 44, rotation: int = 0) -> list:
    """A report whose running header and page number stand on every page, three pages of
    text and then 表 10-29, ruled across only, on landscape pages printed sideways on
    portrait paper: its running header and page numbers are turned with it. The table
    runs over two such pages with its header repeated. With `rotation` (90 or 270) the
    pages carry /Rotate, so that viewers show them upright. Returns the grid."""
    from pypdf import PdfReader, PdfWriter, Transformation
    from reportlab.lib.pagesizes import landscape

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 8)
        w, h = doc.pagesize
        canvas.drawCentredString(w / 2, h - 62, "前瞻基礎建設　推動國際產學聯盟計畫")
        canvas.drawCentredString(w / 2, 30, f"第 {doc.page + doc.first_page - 1} 頁")
        canvas.restoreState()

    text = io.BytesIO()
    doc = SimpleDocTemplate(text, pagesize=A4, leftMargin=60, rightMargin=60, topMargin=70, bottomMargin=60)
    doc.first_page = 1
    doc.build([Paragraph(FILLER_SENTENCE * 5, PAGE_TEXT) for _ in range(18)], onFirstPage=furniture,
              onLaterPages=furniture)
    n_text = len(PdfReader(text).pages)
    header = ["計畫名稱", "106 年度", "107 年度", "108 年度", "合計"]
    rows = [[f"第{i + 1}項計畫", str(i % 9), str(i % 7), str(i % 5), str(i % 9 + i % 7 + i % 5)] for i in range(n_rows)]
    style = [("LINEABOVE", (0, 0), (-1, 0), 0.5, colors.black), ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black),
             ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9)]
    table = io.BytesIO()
    doc = SimpleDocTemplate(table, pagesize=landscape(A4), leftMargin=60, rightMargin=60, topMargin=85, bottomMargin=60)
    doc.first_page = n_text + 1
    doc.build([Paragraph("表 10-29 計畫人力", CAPTION),
               Table([header] + rows, colWidths=[200, 90, 90, 90, 90], repeatRows=1, style=TableStyle(style))],
              onFirstPage=furniture, onLaterPages=furniture)
    writer = PdfWriter(clone_from=text)
    for added in PdfReader(table).pages:
        page = writer.add_page(added)
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        turn = Transformation().rotate(-90).translate(0, w) if rotation == 270 else Transformation().rotate(90).translate(h, 0)
        page.add_transformation(turn)
        page.mediabox.lower_left, page.mediabox.upper_right = (0, 0), (h, w)
        page.cropbox.lower_left, page.cropbox.upper_right = (0, 0), (h, w)
        if rotation:
            page.rotation = rotation
    with open(path, "wb") as f:
        writer.write(f)
    return [header] + rows


def header_repeated_where_the_body_begins_pdf(path: Path, n_rows: int = 300) -> list:
    """A report with a running header on every page: six pages of text, then 表 10-38,
    whose one-line header the producer repeats at the top of each of the eight pages it
    runs over, where the text begins on the other pages. Returns the grid."""
    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 40, "臺灣生技產業起飛行動方案")
        canvas.restoreState()

    header = ["年度", "績效指標", "初級產出量化值", "效益說明"]
    rows = [[str(102 + i % 3), f"第{i + 1}項績效指標", f"{i % 9 + 1}件", f"說明第{i + 1}項指標之預期效益"] for i in range(n_rows)]
    style = [("LINEABOVE", (0, 0), (-1, 0), 0.5, colors.black), ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
             ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9)]
    text = [Paragraph(FILLER_SENTENCE * 5, PAGE_TEXT) for _ in range(30)]
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=60, rightMargin=60, topMargin=60, bottomMargin=60)
    doc.build(text + [PageBreak(), Paragraph("表 10-38 重要績效指標", CAPTION),
                      Table([header] + rows, colWidths=[50, 150, 100, 150], repeatRows=1, style=TableStyle(style))],
              onFirstPage=furniture, onLaterPages=furniture)
    return [header] + rows


def vertical_header_pdf(path: Path) -> list:
    """表 10-6: a header label set vertically (turned 90 degrees) in a narrow column."""
    from reportlab.platypus import Flowable

    class Turned(Flowable):
        def __init__(self, text):
            super().__init__()
            self.text = text

        def wrap(self, w, h):
            return 12, 10 * len(self.text) + 4

        def draw(self):
            self.canv.saveState()
            self.canv.setFont(FONT, 9)
            self.canv.rotate(90)
            self.canv.drawString(2, -10, self.text)
            self.canv.restoreState()

    header = ["項次", "申請單位", "核准件數"]
    rows = [["1", "瑞寶基因股份有限公司", "3"], ["2", "臺灣生物製劑股份有限公司", "5"]]
    data = [[Turned("項次"), header[1], header[2]]] + rows
    t = Table(data, colWidths=[24, 160, 70], style=TableStyle(GRID))
    _build(path, [Paragraph("表 10-6 申請核准案", CAPTION), t])
    return [header] + rows


def narrow_grid_pdf(path: Path) -> list:
    """表 10-7: a full grid whose date and licence columns are too narrow for their values,
    which wrap mid-word onto a second line."""
    grid = [APPROVALS_HEADER[:3] + ["產品名稱"]] + [r[:4] for r in APPROVALS_ROWS[:6]]
    t = Table(_wrapping_cells(grid), colWidths=[26, 40, 52, 120], style=TableStyle(GRID))
    _build(path, [Paragraph("表 10-7 核准上市之醫療器材", CAPTION), t])
    return grid


def group_rows_over_a_break_pdf(path: Path) -> list:
    """表 10-4: three rules, group rows across the columns (the first right under the
    header rule), a first column merged over each group's rows, and the table broken by
    the page end with no header repeated and no closing rule on the first page, long
    cells wrapping. Returns the grid (header first; a group row's text in every column,
    a merged value in every row it covers)."""
    header = ["年度", "績效指標", "初級產出量化值", "效益說明"]
    explain = "藉由參與計畫之執行，培育學生能力及增加實作經驗，並為生技醫藥領域之學研產界培育人才。"
    grid, rows, style = [header], [], list(_rules_under(1, closing_rule=False))
    for g in range(1, 4):
        label = f"{g}-1.推動第{g}項重點計畫(國科會、經濟部、衛生署)"
        grid.append([label] * 4)
        rows.append([label, "", "", ""])
        style.append(("SPAN", (0, len(rows)), (-1, len(rows))))
        for year in ("102", "103"):
            start = len(rows) + 1
            for k, metric in enumerate(("博碩士培育人次", "臨床試驗執行件數", "專利獲得件數", "技術移轉件數")):
                grid.append([year, metric, f"{10 * g + k}件", explain])
                rows.append(["" if k else year, metric, f"{10 * g + k}件", explain])
            style.append(("SPAN", (0, start), (0, len(rows))))
    style.append(("LINEBELOW", (0, -1), (-1, -1), 1, colors.black))
    t = Table(_wrapping_cells([header] + rows), colWidths=[40, 110, 70, 200], style=TableStyle(style))
    filler = [Paragraph("本段文字說明產業發展之背景與政策措施。" * 6, BODY) for _ in range(5)]
    _build(path, filler + [Paragraph("表 10-4 重要績效指標", CAPTION), t])
    return grid


def wrapped_numbers_pdf(path: Path) -> list:
    """表 10-5: columns too narrow for their numbers, which wrap onto two lines beside a
    one-line label centred on them, with a rule between the rows. Returns the grid."""
    grid = [["項目", "2022年", "2023年", "2024年"],
            ["上市總市值", "442,660.30", "568,420.90", "708,247.10"],
            ["上櫃總市值", "44,240.70", "57,922.80", "65,395.80"],
            ["總營業額", "3,046.77", "3,220.48", "3,666.84"]]
    style = [("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black), ("LINEABOVE", (0, 0), (-1, 0), 1, colors.black),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (1, 1), (-1, -1), "RIGHT")]
    t = Table(_wrapping_cells(grid), colWidths=[70, 38, 38, 38], style=TableStyle(style))
    _build(path, [Paragraph("表 10-5 上市櫃生技公司經營狀況", CAPTION), t])
    return grid


def repeated_header_item_rows_pdf(path: Path, n_rows: int = 34) -> list:
    """表 10-6: a full grid broken by the page with its header repeated; the row before the
    break and the row after it are whole rows (an item number and a date each), whatever
    the width their lines reach. Returns the grid."""
    header = ["項次", "核准日期", "許可證字號", "中文品名"]
    rows = [[str(i + 1), f"2019/{i % 12 + 1:02d}/{i % 27 + 1:02d}", f"衛部藥製字第{60264 + i}號",
             f"測試持續性釋放膠囊{25 * (i + 1)}毫克每單位劑量"] for i in range(n_rows)]
    t = Table(_wrapping_cells([header] + rows), colWidths=[30, 70, 110, 100], repeatRows=1,
              style=TableStyle(GRID))
    _build(path, [Paragraph("表 10-6 核准上市之國產新藥", CAPTION), t])
    return [header] + rows


def top_set_merges_pdf(path: Path) -> list:
    """表 10-7: no rules at all; each year printed once at the top of the rows it covers
    (a merged cell set at the top), while the one-row cells beside it are centred in their
    rows. The first year's rows are made two or three lines tall by long explanations; the
    later years' rows are one line each, so that a year set at the top of three rows is
    also, by chance, centred on the row above it and the one below. A group row is printed
    across the columns. Returns the grid (a merged value in every row it covers)."""
    header = ["年度", "績效指標", "量化值", "效益說明"]
    long = ["藉由參與計畫之執行，培育學生能力及增加實作經驗，並為生技醫藥領域培育人才。",
            "吸引國內外藥廠在臺灣執行大型臨床試驗，推動新藥開發，奠定臨床研究之地位。"]
    years = [("102", [("博碩士培育人次", long[0]), ("臨床試驗執行件數", long[1])]),
             ("103", [("專利獲得件數", "同上述"), ("技術移轉件數", "同上述"), ("新創公司成立", "同上述")]),
             ("104", [("專利申請", "同上述"), ("技術移轉", "同上述")])]
    label = "1-1.推動生技醫藥國家型科技計畫(國科會、經濟部)"
    grid, rows = [header, [label] * 4], [[label, "", "", ""]]
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("SPAN", (0, 1), (-1, 1))]
    n = 0
    for year, items in years:
        start = len(rows) + 1
        for k, (metric, explain) in enumerate(items):
            n += 1
            grid.append([year, metric, f"{n}件", explain])
            rows.append(["" if k else year, metric, f"{n}件", explain])
        style += [("SPAN", (0, start), (0, len(rows))), ("VALIGN", (0, start), (0, len(rows)), "TOP")]
    t = Table(_wrapping_cells([header] + rows), colWidths=[40, 110, 60, 170], style=TableStyle(style))
    _build(path, [Paragraph("表 10-7 重要績效指標", CAPTION), t, Spacer(1, 12),
                  Paragraph("本段文字說明產業發展之背景與政策措施。" * 4, BODY)])
    return grid


def overflowing_cell_pdf(path: Path) -> list:
    """表 10-8: three rules; the last column, set flush right, has a first line wider than
    the column (a producer that does not break it lets it run left, over the empty top of
    the column beside it, whose one line is centred lower in the row). Returns the grid."""
    wide = "包含產學合作計畫之廠商配合款技術移轉案之先期技轉金"
    lines = [wide, "授權金、權利金等", "新創公司實收資本額等"]
    grid = [["績效指標", "量化值", "效益說明"],
            ["博碩士培育人次", "170人次", "培育學生能力"],
            ["促進民間投資金額", "45,000仟元", "".join(lines)],
            ["專利獲得件數", "20件", "完善的專利佈局"]]
    data = [list(r) for r in grid]
    data[2][2] = "\n".join(lines)
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9), ("LEADING", (0, 0), (-1, -1), 11),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (2, 0), (2, -1), "RIGHT"),
             ("LINEABOVE", (0, 0), (-1, 0), 1, colors.black), ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
             ("LINEBELOW", (0, -1), (-1, -1), 1, colors.black)]
    t = Table(data, colWidths=[100, 90, 150], style=TableStyle(style))
    _build(path, [Paragraph("表 10-8 促進投資績效", CAPTION), t])
    return grid


def zebra_break_pdf(path: Path, n_rows: int = 64) -> list:
    """表 10-9: no rules; a header shaded dark, every other body row shaded light; broken
    by the page end with the header not repeated, so that the next page begins with a
    shaded body row over an unshaded one. Returns the grid."""
    header = ["項次", "核准日期", "許可證字號", "申請商名稱"]
    rows = [[str(i + 1), f"2020/{i % 12 + 1:02d}/{i % 27 + 1:02d}", f"衛部藥製字第{60400 + i}號", f"測試生技股份有限公司{i + 1}"]
            for i in range(n_rows)]
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9),
             ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.55, 0.6, 0.7))]
    style += [("BACKGROUND", (0, r), (-1, r), colors.Color(0.92, 0.93, 0.95)) for r in range(2, n_rows + 1, 2)]
    t = Table([header] + rows, colWidths=[40, 90, 150, 150], style=TableStyle(style))
    _build(path, [Paragraph("表 10-9 核准上市之國產新藥", CAPTION), t])
    return [header] + rows


def zebra_white_row_opens_a_page_pdf(path: Path, n_rows: int = 24, lead: float = 200) -> list:
    """表 10-35: no rules; every other body row shaded; broken by the page end with the
    header not repeated, so that the next page opens on an unshaded row. Its long last
    cell is set from the row's top, and the row's other cells, wrapped onto two or three
    lines, are centred beside it, so that its first lines stand alone above them (`lead`,
    the space above the caption, sets where the break falls). Returns the grid."""
    header = ["項次", "核准日期", "核准字號", "產品名稱", "主要效能、用途或適應症"]
    rows = [[str(i + 1), f"2024/{i % 12 + 1:02d}/{i % 27 + 1:02d}", f"衛部醫器製第{8100 + i:06d}號",
             f"亞比斯可拉去細胞真皮止血微粒{i + 1}型",
             f"適用於治療第{i + 1}類適應症之醫療器材，" + "本產品可增加組織的容積，並可矯正臉部凹陷之情形。" * 4
             + f"(第{i + 1}案)"]
            for i in range(n_rows)]
    cell = ParagraphStyle("zebra", fontName=FONT, fontSize=9, leading=12)
    data = [header] + [row[:2] + [Paragraph(v, cell) for v in row[2:]] for row in rows]
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9),
             ("VALIGN", (0, 0), (-2, -1), "MIDDLE"), ("VALIGN", (-1, 0), (-1, -1), "TOP"),
             ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.55, 0.6, 0.7))]
    style += [("BACKGROUND", (0, r), (-1, r), colors.Color(0.92, 0.93, 0.95)) for r in range(2, n_rows + 1, 2)]
    t = Table(data, colWidths=[30, 62, 70, 70, 200], style=TableStyle(style))
    _build(path, [Spacer(1, lead), Paragraph("表 10-35 核准上市之國產醫療器材", CAPTION), t])
    return [header] + rows


def zebra_white_header_pdf(path: Path) -> list:
    """表 10-36: no rules; the header unshaded, the body rows shaded in turn from the
    first, under running text and a caption. Returns the grid."""
    header = ["項次", "核准日期", "核准字號", "產品名稱"]
    rows = [[str(i + 1), f"2024/{i % 12 + 1:02d}/{i % 27 + 1:02d}", f"衛部醫器製第{8100 + i:06d}號",
             f"止血微粒{i + 1}型"] for i in range(8)]
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9)]
    style += [("BACKGROUND", (0, r), (-1, r), colors.Color(0.92, 0.93, 0.95)) for r in range(1, len(rows) + 1, 2)]
    t = Table([header] + rows, colWidths=[40, 90, 150, 150], style=TableStyle(style))
    _build(path, [Paragraph(FILLER_SENTENCE * 4, BODY), Spacer(1, 8), Paragraph("表 10-36 核准上市之國產醫療器材", CAPTION), t])
    return [header] + rows


def heading_over_a_ruled_header_pdf(path: Path) -> list:
    """表 10-37, captioned under it, opens its page under a short heading and one line of
    running text, each inside the table's width; the table's header lies between a top
    rule and a rule under it. Returns the grid."""
    header = ["計畫名稱", "106 年度", "107 年度", "108 年度", "109 年度", "110 年度"]
    rows = [["推動國際產學聯盟計畫", "8", "16", "16", "16", "10"], ["產學技術聯盟計畫", "4", "6", "6", "6", "4"]]
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9),
             ("LINEABOVE", (0, 0), (-1, 0), 1, colors.black), ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
             ("LINEBELOW", (0, -1), (-1, -1), 1, colors.black)]
    t = Table([header] + rows, colWidths=[130] + [60] * 5, style=TableStyle(style))
    _build(path, [Paragraph("人力需求及配置說明", BODY),
                  Paragraph("本計畫執行期間為 106 年 9 月至 110 年 8 月，106 年度為 8 人年", BODY), Spacer(1, 4),
                  t, Paragraph("表 10-37 人力需求及配置表", CAPTION)])
    return [header] + rows


def continued_caption_over_the_page_pdf(path: Path) -> list:
    """表 10-39 in two parts with their captions under them; the second part ends its page
    and its "(續 1)" caption opens the next, over a source line and running text.
    Returns the grid."""
    style = [("LINEABOVE", (0, 0), (-1, 0), 1, colors.black), ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
             ("LINEBELOW", (0, -1), (-1, -1), 1, colors.black), ("FONTNAME", (0, 0), (-1, -1), FONT),
             ("FONTSIZE", (0, 0), (-1, -1), 9)]

    def part(rows):
        return Table([REVIEWS_HEADER] + rows, colWidths=[110, 60, 80, 90, 70], style=TableStyle(style))

    _build(path, [Paragraph(FILLER_SENTENCE * 4, BODY), Spacer(1, 8), part(REVIEWS_ROWS[:3]),
                  Paragraph("表 10-39 藥品審查案件與時效", CAPTION), PageBreak(),
                  part(REVIEWS_ROWS[3:]), PageBreak(), Paragraph("表 10-39 藥品審查案件與時效(續 1)", CAPTION),
                  Paragraph("資料來源：測試資料。", BODY), Paragraph(FILLER_SENTENCE * 4, BODY)])
    return [REVIEWS_HEADER] + REVIEWS_ROWS


def one_line_header_at_a_page_foot_pdf(path: Path) -> list:
    """表 10-40: its caption and its header, one line between two rules, are all that the
    foot of the first page holds; the rows follow on the next page, the header not printed
    again. Returns the grid."""
    header = ["項次", "藥品許可證字號", "中文名稱", "藥商名稱"]
    rows = [[str(i + 1), f"衛部藥製字第{58540 + 97 * i:06d}號", f"測試膠囊{i + 1}0毫克", "太景生物科技股份有限公司"]
            for i in range(6)]
    rules = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9)]
    widths = [40, 130, 120, 150]
    head = Table([header], colWidths=widths, style=TableStyle(rules + [
        ("LINEABOVE", (0, 0), (-1, 0), 1, colors.black), ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black)]))
    body = Table(rows, colWidths=widths, style=TableStyle(rules + [("LINEBELOW", (0, -1), (-1, -1), 1, colors.black)]))
    filler = [Paragraph(FILLER_SENTENCE * 6, BODY) for _ in range(8)]
    _build(path, filler + [Paragraph("表 10-40 核定適用之首發新藥", CAPTION), head, PageBreak(), body,
                           Paragraph(FILLER_SENTENCE * 3, BODY)])
    return [header] + rows


def numbers_wrapped_mid_digit_pdf(path: Path) -> list:
    """表 10-10: no rules at all, numbers in columns too narrow for them, which wrap where
    the width runs out: in the wider column after a separator ("449,038." over "30"), in
    the two narrower ones between two digits ("442,66" over "0.30"), beside a label that
    wraps too. Returns the grid."""
    grid = [["項目", "2020年", "2021年", "2022年"],
            ["上市總市值", "449,038.30", "562,820.20", "442,660.30"],
            ["上櫃總市值", "43,520.13", "57,821.44", "44,240.70"],
            ["研發費用", "230.94", "247.60", "255.50"]]
    cell = ParagraphStyle("narrow", fontName=FONT, fontSize=9, leading=11, wordWrap="CJK")
    data = [[Paragraph(v, cell) for v in row] for row in grid]
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]
    t = Table(data, colWidths=[40, 40, 35, 35], style=TableStyle(style))
    _build(path, [Paragraph("表 10-10 上市櫃生技公司經營狀況", CAPTION), t, Spacer(1, 12),
                  Paragraph("本段文字說明產業發展之背景與政策措施。" * 4, BODY)])
    return grid


def numbers_wrapped_beside_centred_ones_pdf(path: Path) -> list:
    """表 10-30: no rules, cells centred in their rows, columns so narrow that some numbers
    wrap between two digits ("2,706.1" over "2") while their neighbours fit on one line,
    printed once between the wrapped lines; the labels wrap too. Returns the grid."""
    grid = [["項目", "2020年", "2021年", "2022年", "2023年"],
            ["公司家數", "124", "128", "130", "134"],
            ["總營業額", "2,706.12", "965.02", "3,046.77", "220.48"],
            ["研發費用", "230.94", "247.60", "255.50", "293.26"]]
    cell = ParagraphStyle("narrow", fontName=FONT, fontSize=8, leading=10.4, wordWrap="CJK")
    data = [[Paragraph(v, cell) for v in row] for row in grid]
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]
    t = Table(data, colWidths=[36, 36, 36, 36, 36], style=TableStyle(style))
    _build(path, [Paragraph("表 10-30 上市櫃生技公司經營狀況", CAPTION), Spacer(1, 6), t, Spacer(1, 12),
                  Paragraph("本段文字說明產業發展之背景與政策措施。" * 4, BODY)])
    return grid


def ranks_wrapped_beside_scores_pdf(path: Path, rank_width: float = 24) -> list:
    """表 10-41: no rules, cells centred in their rows; scores on one line each beside a
    column of ranks ("251-300") so narrow that each wraps onto three lines of digits.
    Returns the grid."""
    grid = [["學校", "教學", "研究", "名次"],
            ["台灣大學", "54.1", "27.7", "167"],
            ["清華大學", "37.7", "23.2", "251-300"],
            ["交通大學", "32.9", "32.0", "301-350"],
            ["成功大學", "29.8", "27.7", "401-500"]]
    cell = ParagraphStyle("rank", fontName=FONT, fontSize=8, leading=10.4, wordWrap="CJK")
    data = [[Paragraph(v, cell) for v in row] for row in grid]
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]
    t = Table(data, colWidths=[60, 40, 40, rank_width], style=TableStyle(style))
    _build(path, [Paragraph("表 10-41 世界大學排名", CAPTION), Spacer(1, 6), t, Spacer(1, 12),
                  Paragraph("本段文字說明產業發展之背景與政策措施。" * 4, BODY)])
    return grid


def label_taller_by_two_lines_pdf(path: Path) -> list:
    """表 10-42, captioned under it, under running text: no rules, cells centred in their
    rows; one header label, in a column one character wide, wraps onto two lines more than
    the labels beside it, so that its first character stands alone over them. Returns the
    grid."""
    grid = [["項次", "核准件數", "產品名稱", "申請廠商"],
            ["1", "3", "測試膠囊", "興農公司"],
            ["2", "5", "測試錠劑", "瑞寶公司"],
            ["3", "8", "測試針劑", "海博公司"]]
    cell = ParagraphStyle("label", fontName=FONT, fontSize=9, leading=11, wordWrap="CJK", alignment=1)
    data = [[Paragraph(v, cell) for v in row] for row in grid]
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4)]
    t = Table(data, colWidths=[40, 18, 26, 26], style=TableStyle(style))
    _build(path, [Paragraph(FILLER_SENTENCE * 4, BODY), Spacer(1, 12), t, Paragraph("表 10-42 核准件數", CAPTION)])
    return grid


def grouped_header_over_a_page_pdf(path: Path, n_rows: int = 12) -> list:
    """表 10-43: three rules; a two-level header whose group labels are underlined where
    they group columns, its rule under the header across; the body runs over the page
    end, the header not repeated, and closes on the next page. Returns the header's lower
    level (the label spanning both levels in its first column) and the body."""
    header = [["領域別", "智慧健康", "", "", "多元農業", "", ""],
              ["", "2022年", "2023年", "2024年", "2022年", "2023年", "2024年"]]
    rows = [[f"培訓項目{i + 1}", *(str((i * 7 + k * 13) % 90 + 1) for k in range(6))] for i in range(n_rows)]
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9),
             ("SPAN", (1, 0), (3, 0)), ("SPAN", (4, 0), (6, 0)), ("SPAN", (0, 0), (0, 1)),
             ("ALIGN", (0, 0), (-1, 1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("LINEABOVE", (0, 0), (-1, 0), 1, colors.black),
             ("LINEBELOW", (1, 0), (3, 0), 0.5, colors.black), ("LINEBELOW", (4, 0), (6, 0), 0.5, colors.black),
             ("LINEBELOW", (0, 1), (-1, 1), 0.5, colors.black), ("LINEBELOW", (0, -1), (-1, -1), 1, colors.black)]
    t = Table(header + rows, colWidths=[100] + [50] * 6, style=TableStyle(style))
    filler = [Paragraph(FILLER_SENTENCE * 6, BODY) for _ in range(9)]
    _build(path, filler + [Paragraph("表 10-43 創新創業團隊之成效", CAPTION), t])
    return ["領域別", *header[1][1:]], rows


def caption_below_over_the_page_pdf(path: Path) -> list:
    """Captions under their tables, each table on a page of its own; the third ends its
    page, and its caption, with a source line, opens the next, above running text and a
    fourth table with its caption under it. Returns the third and fourth grids."""
    style = [("LINEABOVE", (0, 0), (-1, 0), 1, colors.black), ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
             ("LINEBELOW", (0, -1), (-1, -1), 1, colors.black), ("FONTNAME", (0, 0), (-1, -1), FONT),
             ("FONTSIZE", (0, 0), (-1, -1), 9)]
    amounts = [["藥商分類", "2022 年", "2023 年", "2024 年"], ["健保申報金額", "20,438.42", "33,029.95", "48,977.68"],
               ["研發廠", "67.4", "65.8", "64.4"]]
    shares = [["藥商分類", "2022 年", "2023 年", "2024 年"], ["研發廠", "65.8", "64.4", "63.7"],
              ["代理商", "14.1", "14.6", "15.3"], ["國產廠", "20.1", "21.0", "21.0"]]
    filler = [Paragraph("本段文字說明產業發展之背景與政策措施，並無數據。" * 5, BODY) for _ in range(2)]
    def reviews(rows):
        return Table([REVIEWS_HEADER] + rows, colWidths=[110, 60, 80, 90, 70], style=TableStyle(style))

    _build(path, [reviews(REVIEWS_ROWS[:3]), Paragraph("表 10-31 新藥臨床試驗案", CAPTION), PageBreak(),
                  reviews(REVIEWS_ROWS[3:]), Paragraph("表 10-32 新藥查驗登記案", CAPTION), *filler,
                  Table(amounts, colWidths=[110, 80, 80, 80], style=TableStyle(style)), PageBreak(),
                  Paragraph("表 10-33 國產新藥健保給付之申報金額", CAPTION), Paragraph("資料來源：測試資料。", BODY),
                  *filler, Table(shares, colWidths=[110, 80, 80, 80], style=TableStyle(style)),
                  Paragraph("表 10-34 健保藥品申報金額依藥商分類之占比", CAPTION)])
    return amounts, shares


# ---------------------------------------------------------------- what is not a table; tables that begin or end a page

def chart_beside_a_table_pdf(path: Path) -> list:
    """A line chart (framed plot, level grid lines, axis labels in columns, a legend, a data
    line drawn in slanted strokes) over 表 10-8, a ruled table. Returns the table's grid."""
    from reportlab.graphics.charts.lineplots import LinePlot
    from reportlab.graphics.shapes import Drawing, Rect, String

    drawing = Drawing(440, 220)
    drawing.add(Rect(0, 0, 440, 220, strokeColor=colors.black, fillColor=None))
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 50, 40, 300, 150
    plot.data = [[(x, 20 + 6 * x + (x % 3) * 4) for x in range(11)], [(x, 10 + 4 * x) for x in range(11)]]
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax, plot.xValueAxis.valueStep = 0, 10, 1
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax, plot.yValueAxis.valueStep = 0, 100, 20
    plot.yValueAxis.visibleGrid = True
    plot.lines[0].strokeColor, plot.lines[1].strokeColor = colors.red, colors.green
    drawing.add(plot)
    for i, (label, colour) in enumerate((("2023", colors.red), ("2024", colors.green))):
        drawing.add(Rect(365, 150 - 20 * i, 12, 2, fillColor=colour, strokeColor=None))
        drawing.add(String(382, 147 - 20 * i, label, fontName=FONT, fontSize=8))
    grid = [REVIEWS_HEADER] + REVIEWS_ROWS[:4]
    t = Table(grid, colWidths=[110, 60, 80, 90, 70], style=TableStyle(GRID))
    _build(path, [Paragraph("圖 10-1 審查案件趨勢", CAPTION), drawing, Spacer(1, 12),
                  Paragraph("表 10-8 審查案件", CAPTION), t, Paragraph("資料來源：測試資料。", BODY)])
    return grid


def rules_around_a_section_pdf(path: Path) -> list:
    """A section set off by a rule under its heading and a rule closing it, with a paragraph
    and 表 10-9 (a ruled table) between them. Returns the table's grid."""
    from reportlab.platypus.flowables import HRFlowable

    grid = [REVIEWS_HEADER] + REVIEWS_ROWS[:3]
    t = Table(grid, colWidths=[110, 60, 80, 90, 70], style=TableStyle(GRID))
    lead = "下表依年度列出審查案件數、平均審查時間與核准率，數據取自主管機關之年度統計。"
    _build(path, [Paragraph("審查案件", H2), HRFlowable(width="100%", thickness=0.8, color=colors.black),
                  Paragraph(lead, BODY), Spacer(1, 6), Paragraph("表 10-9 審查案件", CAPTION), t, Spacer(1, 6),
                  HRFlowable(width="100%", thickness=0.8, color=colors.black), Paragraph(lead, PARA)])
    return grid


def underlined_paragraphs_pdf(path: Path) -> None:
    """Justified running text, a wider space set after each sentence (as typewriters and
    some typesetters do), with underlined words: a paragraph's first sentence, over a line
    and a half, and the first words of the next paragraph."""
    from reportlab.pdfgen import canvas as pdfcanvas

    font, size, measure, left = "Times-Roman", 11, 450, 72
    paragraphs = [
        "_The_ _rise_ _of_ _the_ _supermarket,_ _on_ _the_ _other_ _hand,_ _appears_ _to_ _have_ _peaked,_ "
        "_with_ _less_ _dramatic_ _growth_ _in_ _its_ _share_ _during_ _the_ _nineties._  Obviously, this is "
        "in part due to the rise of the hypermarket.  It is also due to their already high share at the turn of "
        "the decade.  Nevertheless, there remains considerable scope for growth in both forms in some of the "
        "member states, notably in the south.",
        "_The_ _other_ _major_ _selling_ _development_ has been in the rapid growth of discount stores.  This is a "
        "term which evidently intersects the hypermarket nomenclature in most data sources.  As can be seen from "
        "the figures, discount stores increased their market share in all member states.  This may suggest the "
        "emergence of a dual industry.  In the next chapter, we identify the role of specific firms."]
    c = pdfcanvas.Canvas(str(path), pagesize=A4)
    c.setFont(font, size)
    space = c.stringWidth(" ", font, size)
    y = A4[1] - 90

    def width(w: str) -> float:
        return c.stringWidth(w.strip("_"), font, size)

    for text in paragraphs:
        words, lines = text.split(" "), [[]]
        for w in words:
            if w == "":  # the second space after a sentence
                lines[-1][-1] += " "
                continue
            if lines[-1] and sum(width(v) + space * (1 + v.endswith(" ")) for v in lines[-1] + [w]) - space > measure:
                lines.append([])
            lines[-1].append(w)
        for k, line in enumerate(lines):
            natural = sum(width(v) + space * (1 + v.endswith(" ")) for v in line) - space
            # justified: every space stretched alike (a paragraph's last line is not)
            extra = 0.0 if k == len(lines) - 1 else (measure - natural) / max(1, len(line) - 1)
            x = float(left)
            for i, w in enumerate(line):
                advance = width(w.strip()) + space * (1 + w.endswith(" ")) + extra
                c.drawString(x, y, w.strip().strip("_"))
                if w.startswith("_"):  # underlined, on through the space when the next word is too
                    goes_on = i + 1 < len(line) and line[i + 1].startswith("_")
                    c.setLineWidth(0.6)
                    c.line(x, y - 1.5, x + (advance if goes_on else width(w.strip())), y - 1.5)
                x += advance
            y -= 19
        y -= 10
    c.showPage()
    c.save()


# running text set larger than the tables, and a table of licences whose header is in a
# Latin bold face (the standard CID font has no bold of its own; BOLD_FONT names one)
FILLER_SENTENCE = "本段文字說明產業發展之背景與政策措施，並無數據，僅供版面測試之用。"
PAGE_TEXT = ParagraphStyle("page-text", fontName=FONT, fontSize=12, leading=18)
BOLD_LATIN_HEAD = ParagraphStyle("bold-head", fontName="Helvetica-Bold", fontSize=9, leading=11.7, alignment=1)


def _page_of_text() -> list:
    """Six paragraphs of running text: an A4 page but for the space a case leaves at its foot."""
    return [Paragraph(FILLER_SENTENCE * 5, PAGE_TEXT) for _ in range(6)]


def _licence_grid() -> tuple[list[str], list[list[str]]]:
    """A header whose first label wraps in a narrow column, and eight rows of licences."""
    header = ["Item no.", "Approved", "Licence", "Product"]
    body = [[str(i + 1), f"2024/0{i % 9 + 1}/1{i % 10}", f"衛部藥製字第{60000 + i}號", f"測試藥品{i + 1}"] for i in range(8)]
    return header, body


def header_alone_before_a_break_pdf(path: Path, lead: float = 105) -> list:
    """表 10-10, set in smaller type than the running text: its shaded header and a group
    row across its columns are all that fit at the foot of the first page, and its rows go
    on over the next page with no header repeated. Returns the grid (a group row's text in
    every column)."""
    header = ["年度", "績效指標", "量化值", "效益說明"]
    explain = "藉由參與計畫之執行，培育學生能力及增加實作經驗，並為生技醫藥領域之學研產界培育人才，扎根基礎研究。"
    label = "1-1.推動生技醫藥國家型科技計畫(國科會、經濟部、衛生署、原能會)"
    body = [[str(102 + k // 3), metric, f"{10 + k}件", explain]
            for k, metric in enumerate(("博碩士培育人次", "臨床試驗執行件數", "專利獲得件數") * 2)]
    style = [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#d0d8e4")), ("SPAN", (0, 1), (-1, 1)),
             ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 8),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    cell = ParagraphStyle("small-cell", fontName=FONT, fontSize=8, leading=10.4, wordWrap="CJK")
    rows = [header, [label, "", "", ""]] + [[Paragraph(v, cell) for v in r] for r in body]
    t = Table(rows, colWidths=[40, 100, 50, 230], style=TableStyle(style))
    filler = _page_of_text()
    # the paragraphs above fill the first page but for the caption, the header and the group row
    _build(path, filler + [Spacer(1, lead), Paragraph("表 10-10 重要績效指標", CAPTION), t])
    return [header, [label] * 4] + body


def zero_width_marks_pdf(path: Path) -> list:
    """表 10-11: three rules, a first column of bullets in a standard font that draws them
    as glyphs without width. Returns the figures of the last column (header first)."""
    grid = [["", "Item", "2024"], ["•", "Revenue", "902.3"], ["•", "Costs", "433.9"], ["•", "Staff", "131.2"]]
    style = [("FONTNAME", (0, 0), (-1, -1), "Times-Roman"), ("FONTSIZE", (0, 0), (-1, -1), 9)] + THREE_RULES[:3]
    _build(path, [Paragraph("表 10-11 經營概況", CAPTION), Table(grid, colWidths=[20, 100, 60], style=TableStyle(style))])
    return [row[-1] for row in grid]


def caption_at_a_page_foot_pdf(path: Path) -> list:
    """表 10-12 ends a page's text with its caption (and a source line under the table
    before it); its rows are all on the next page, their header the same as the table
    before's. Returns the grid of 表 10-12."""
    header = ["類別", "2023年", "2024年"]
    first = [header, ["藥品", "12", "14"], ["醫材", "8", "9"]]
    second = [header, ["藥品", "320.5", "351.2"], ["醫材", "120.4", "131.0"]]
    style = TableStyle(THREE_RULES)
    filler = [Paragraph("本段文字說明產業發展之背景與政策措施，並無數據，僅供版面測試之用。" * 6, BODY) for _ in range(6)]
    story = filler + [Paragraph("表 10-11 核准件數", CAPTION), Table(first, colWidths=[100, 70, 70], style=style),
                      Paragraph("資料來源：測試資料。", BODY), Paragraph("表 10-12 申報金額", CAPTION), PageBreak(),
                      Table(second, colWidths=[100, 70, 70], style=style), Paragraph("資料來源：測試資料。", BODY)]
    _build(path, story)
    return second


def group_row_left_of_centred_years_pdf(path: Path) -> list:
    """表 10-13, no rules at all, its caption left at the foot of the page before: a header,
    a group row printed across the columns from the table's left edge, then years centred
    in a narrow first column beside long explanations. Returns the grid (a group row's
    text in every column, a year in every row it covers)."""
    header = ["年度", "績效指標", "量化值", "效益說明"]
    label = "1-1.推動生技醫藥國家型科技計畫(國科會、經濟部、衛生署、原能會)"
    explain = "藉由參與計畫之執行，培育學生能力及增加實作經驗，並為生技醫藥領域之學研產界培育人才，扎根基礎研究，奠定產業發展之基礎。"
    metrics = ("博碩士培育人次", "臨床試驗執行件數", "專利獲得件數")
    grid, rows = [header, [label] * 4], [header, [label, "", "", ""]]
    style = [("SPAN", (0, 1), (-1, 1)), ("ALIGN", (0, 2), (0, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9)]
    for year in ("102", "103"):
        start = len(rows)
        for k, metric in enumerate(metrics):
            grid.append([year, metric, f"{10 + k}件", explain])
            rows.append(["" if k else year, metric, f"{10 + k}件", explain])
        style.append(("SPAN", (0, start), (0, len(rows) - 1)))
    cell = ParagraphStyle("cell-9", fontName=FONT, fontSize=9, leading=11.7, wordWrap="CJK")
    data = [r if i < 2 else [r[0]] + [Paragraph(v, cell) for v in r[1:]] for i, r in enumerate(rows)]
    t = Table(data, colWidths=[80, 110, 60, 90], style=TableStyle(style))
    filler = [Paragraph("本段文字說明產業發展之背景與政策措施，並無數據，僅供版面測試之用。" * 6, BODY) for _ in range(4)]
    _build(path, filler + [Paragraph("表 10-13 重要績效指標", CAPTION), PageBreak(), t])
    return grid


def wrapped_header_over_a_group_row_pdf(path: Path) -> list:
    """表 10-14, no rules, set smaller than the text and its caption under it: header
    labels wrapped onto two lines in narrow columns (the short labels centred beside them),
    a group row across the columns, and a first row whose long cell starts a line above
    the one-line cells centred beside it. Returns the grid (a group row's text in every
    column)."""
    header = ["年度", "績效指標", "初級產出量化值", "效益說明"]
    label = "1-1.推動生技醫藥國家型科技計畫(國科會、經濟部、衛生署、原能會)"
    explain = "藉由參與計畫之執行，培育學生能力及增加實作經驗，並為生技醫藥領域之學研產界培育人才，扎根於年輕一代。"
    metrics = ("博碩士培育人次", "臨床試驗執行件數", "專利獲得件數")
    body = [["102", metric, f"{10 + k}件", explain] for k, metric in enumerate(metrics)]
    head = ParagraphStyle("wrapped-head", fontName=FONT, fontSize=8, leading=10.4, alignment=1, wordWrap="CJK")
    cell = ParagraphStyle("wrapped-cell", fontName=FONT, fontSize=8, leading=10.4, wordWrap="CJK")
    # the year printed once, centred on its rows
    rows = [[Paragraph(v, head) for v in header], [label, "", "", ""]] + [
        ["" if k else r[0]] + [Paragraph(v, cell) for v in r[1:]] for k, r in enumerate(body)]
    style = [("SPAN", (0, 1), (-1, 1)), ("SPAN", (0, 2), (0, -1)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("FONTNAME", (0, 0), (-1, -1), FONT),
             ("FONTSIZE", (0, 0), (-1, -1), 8)] + [(side, (0, 0), (-1, -1), 6) for side in (
             "TOPPADDING", "BOTTOMPADDING", "LEFTPADDING", "RIGHTPADDING")] + [
             ("BOTTOMPADDING", (0, 0), (-1, 0), 12), ("TOPPADDING", (0, 1), (-1, 1), 12)]
    t = Table(rows, colWidths=[20, 110, 56, 150], style=TableStyle(style))
    intro = Paragraph(FILLER_SENTENCE * 2, PAGE_TEXT)
    _build(path, [intro, Spacer(1, 10), t, Paragraph("表 10-14 重要績效指標", CAPTION)])
    return [header, [label] * 4] + body


def caption_and_header_at_a_page_foot_pdf(path: Path, lead: float = 120) -> list:
    """表 10-15, no rules: its caption and bold header row, whose first label wraps in a
    narrow column (the other labels centred beside it), are all that fit at the foot of
    the first page; its rows go on over the next page with no header repeated. Returns the
    grid (header first)."""
    header, body = _licence_grid()
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    data = [[Paragraph(v, BOLD_LATIN_HEAD) for v in header]] + body
    t = Table(data, colWidths=[36, 90, 150, 150], style=TableStyle(style))
    filler = _page_of_text()
    _build(path, filler + [Spacer(1, lead), Paragraph("表 10-15 核准上市之國產新藥", CAPTION), t])
    return [header] + body


def header_between_rules_at_a_page_foot_pdf(path: Path, lead: float = 110) -> list:
    """表 10-16, three rules, its caption printed as its first row: the caption row and
    the bold header under it, whose first label wraps in a narrow column (the other
    labels centred beside it), are all that fit at the foot of the first page between the
    top rule and the header rule; the rows go on over the next page. Returns the grid
    (header first)."""
    header, body = _licence_grid()
    caption = ParagraphStyle("capcell", parent=CAPTION, fontSize=10)
    # the header set with open leading, as a producer that keeps the body's line height does
    head = ParagraphStyle("open-head", fontName="Helvetica-Bold", fontSize=9, leading=15, alignment=1)
    data = [[Paragraph("表 10-16 核准上市之國產新藥", caption)] + [""] * 3, [Paragraph(v, head) for v in header]] + body
    style = [("LINEABOVE", (0, 0), (-1, 0), 1, colors.black), ("LINEBELOW", (0, 1), (-1, 1), 0.5, colors.black),
             ("LINEBELOW", (0, -1), (-1, -1), 1, colors.black), ("SPAN", (0, 0), (-1, 0)),
             ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    t = Table(data, colWidths=[36, 90, 150, 150], style=TableStyle(style))
    filler = _page_of_text()
    _build(path, filler + [Spacer(1, lead), t])
    return [header] + body


def zebra_last_row_hangs_punctuation_pdf(path: Path) -> list:
    """表 10-17, no rules, every other row shaded, the last row white: a line of its long
    cell ends on a comma that may not begin a line, set past the cell's right edge (and
    the shading's). Returns the grid (header first)."""
    header = ["項次", "產品名稱", "主要效能"]
    long = "必須注射至臉部皮膚之真皮層深層及皮下組織表層本產品主要係用來豐盈臉部組織適用於矯正皮膚輪廓、填補皺紋及豐唇。"
    body = [["1", "測試藥品一", "適用於治療退化性膝關節炎疼痛患者。"], ["2", "測試藥品二", "供接受呼吸治療的單一患者使用。"],
            ["3", "測試藥品三", long]]
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("ROWBACKGROUNDS", (0, 0), (-1, -1), [colors.HexColor("#dde4ee"), colors.white])]
    t = Table(_wrapping_cells([header] + body, bold_first=False), colWidths=[40, 90, 12 + 9 * 15], style=TableStyle(style))
    _build(path, [Paragraph("表 10-17 核准上市之醫療器材", CAPTION), t, Paragraph("資料來源：測試資料。", BODY)])
    return [header] + body


def group_label_beside_a_sub_label_pdf(path: Path) -> list:
    """表 10-18, rules between the rows: an upper header level whose labels group three
    columns each, the first group label printed a point right of where the label under it
    ends and running on over the whitespace between its columns. Returns the body rows."""
    years = ["2022 年", "2023 年", "2024 年"]
    body = [["培訓輔導人次", "542", "641", "593", "226", "319", "517"], ["培訓團隊", "127", "120", "118", "48", "59", "72"],
            ["成功創業團隊", "12", "10", "3", "4", "4", "1"]]
    pad = 6 + pdfmetrics.stringWidth(years[0], FONT, 9) + 1
    data = [["領域別", "智慧健康", "", "", "多元農業", "", ""], [""] + years * 2] + body
    style = [("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black), ("LINEABOVE", (0, 0), (-1, 0), 0.5, colors.black),
             ("SPAN", (1, 0), (3, 0)), ("SPAN", (4, 0), (6, 0)), ("SPAN", (0, 0), (0, 1)),
             ("LEFTPADDING", (1, 0), (-1, 0), pad), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9)]
    t = Table(data, colWidths=[90] + [48] * 6, style=TableStyle(style))
    _build(path, [Paragraph("表 10-18 創新創業團隊之成效", CAPTION), t])
    return body


def header_alone_at_a_page_foot_pdf(path: Path, lead: float = 135) -> list:
    """表 10-19, no rules, its caption under it: its bold header row, one label wrapped,
    is all that fits at the foot of the first page; its rows go on over the next page
    with no header repeated. Returns the grid (header first)."""
    header, body = _licence_grid()
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    t = Table([[Paragraph(v, BOLD_LATIN_HEAD) for v in header]] + body, colWidths=[36, 90, 150, 150], style=TableStyle(style))
    filler = _page_of_text()
    _build(path, filler + [Spacer(1, lead), t, Paragraph("表 10-19 核准上市之國產新藥", CAPTION)])
    return [header] + body


def stacked_ruled_tables_pdf(path: Path) -> list:
    """表 10-20's two parts as printed: a table ruled between its rows, and right under
    it, a few points apart with nothing between, a second such table with other columns
    and empty cells above and below a value (the rules keep them empty). Returns the two
    grids (header first)."""
    goals = [["目標", "KPI"], ["加速學術研究及國內產業發展與國際接軌。", "成立聯盟數、引進國際會員數"],
             ["提升研發價值，為產業提供技術與人才。", "引進國內會員數、促成新創事業家數"]]
    targets = [["屬性", "績效指標", "初級產出量化值", "預期效益說明"], ["學術成就", "A.論文", "", ""],
               ["學術成就", "C.培育及延攬人才", "培育國際級人才4,000人", "衍生產學研合作"], ["技術創新", "G.智慧財產", "", ""]]
    style = [("LINEABOVE", (0, 0), (-1, -1), 0.5, colors.black), ("LINEBELOW", (0, -1), (-1, -1), 0.5, colors.black),
             ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9)]
    _build(path, [Paragraph("表 10-20 主要績效指標", CAPTION), Table(goals, colWidths=[215, 215], style=TableStyle(style)),
                  Spacer(1, 10), Table(targets, colWidths=[70, 110, 120, 130], style=TableStyle(style)),
                  Paragraph("資料來源：測試資料。", BODY)])
    return [goals, targets]


def grid_numbers_wrapped_pdf(path: Path) -> list:
    """表 10-21, a full grid with columns so narrow that a row's label and numbers wrap:
    one number after its separator, one between two digits. Returns the grid (header
    first)."""
    grid = [["項目", "2023年", "2024年"], ["研發費用", "293.26", "317.36"],
            ["上市櫃生技公司總市值", "9,160.15", "14,774.12"], ["淨利", "144.22", "238.36"]]
    width = [12 + pdfmetrics.stringWidth(w, FONT, 9) + 0.5 for w in ("上市櫃生技", "9,160.", "14,774.1")]
    t = Table(_wrapping_cells(grid, bold_first=False), colWidths=width, style=TableStyle(GRID))
    _build(path, [Paragraph("表 10-21 上市櫃生技公司經營狀況", CAPTION), t])
    return grid


def quotes_into_the_padding_pdf(path: Path) -> list:
    """表 10-44: a rule under each row, narrow padding, cells centred in their rows; each
    product name ends with a closing quote set in a box an em wide, whose blank half runs
    through the cell's padding to within a hair of the next column, where the maker's
    name wraps onto two lines. Returns the grid."""
    grid = [["項次", "產品名稱", "製造廠名稱", "核准日期"],
            ["1", "“偉喬生醫”", "偉喬生醫股份有限公司", "2024/01/16"],
            ["2", "“長庚醫院”", "長庚醫療財團法人", "2024/01/22"],
            ["3", "“采風智匯”", "采風智匯股份有限公司", "2024/01/25"],
            ["4", "“巨量移動”", "巨量移動科技公司", "2024/06/26"]]
    size, pad = 8, 1.5
    name = pdfmetrics.stringWidth(grid[1][1], FONT, size)
    maker = ParagraphStyle("maker", fontName=FONT, fontSize=size, leading=10.4, wordWrap="CJK")
    data = [row if r == 0 else [row[0], row[1], Paragraph(row[2], maker), row[3]] for r, row in enumerate(grid)]
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), size),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
             ("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.black), ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black)]
    # the name column as wide as the name: its last quote's box runs through the right
    # padding and ends 0.4 pt before the next column's text
    t = Table(data, colWidths=[26, name + 0.4, 5 * size + 2 * pad, 50], style=TableStyle(style))
    _build(path, [Paragraph("表 10-44 醫療器材許可證", CAPTION), Spacer(1, 6), t, Spacer(1, 12),
                  Paragraph("本段文字說明產業發展之背景與政策措施。" * 4, BODY)])
    return grid


def rows_below_the_last_full_row_pdf(path: Path) -> list:
    """表 10-45, its caption under it: no rules at all; a group row printed from the left
    edge across the columns (over the gutter of a narrow first column); a year printed once,
    centred on the rows it covers; an explanation in the first of those rows only. The rows
    below it each hold an indicator wrapped onto two lines and its value centred beside
    them, so that no line of theirs is cut by two columns at once. Returns the grid (the
    year in every row it covers)."""
    header = ["年度", "績效指標", "量化值", "效益說明"]
    label = "2-1.推動醫療器材產業發展計畫(經濟部、衛福部)"
    explain = "帶動國內廠商投入高階醫材研發，提升產品附加價值。"
    items = [("專利獲得件數", "20件"), ("完成培訓醫材法規種子人員", "20名"),
             ("舉辦國內醫材法規說明會與研討會", "2場"), ("完成推動醫材廠實地觀摩訓練", "5場")]
    grid = [header, [label] * 4] + [["103", metric, value, "" if k else explain]
                                    for k, (metric, value) in enumerate(items)]
    rows = [header, [label, "", "", ""]] + [["" if k else "103", metric, value, "" if k else explain]
                                            for k, (metric, value) in enumerate(items)]
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("SPAN", (0, 1), (-1, 1)), ("SPAN", (0, 2), (0, len(rows) - 1)),
             ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
    t = Table(_wrapping_cells(rows), colWidths=[34, 96, 44, 170], style=TableStyle(style))
    _build(path, [Paragraph("本段文字說明產業發展之背景與政策措施。" * 4, BODY), Spacer(1, 12), t,
                  Paragraph("表 10-45 醫療器材重要績效指標", CAPTION), Spacer(1, 12),
                  Paragraph("本段文字說明產業發展之背景與政策措施。" * 4, BODY)])
    return grid


def grid_rules_a_hair_off_level_pdf(path: Path, hair: float = 0.0001) -> list:
    """表 10-46, a full grid drawn line by line, as a page turned by /Rotate leaves it: the
    ends of the table's last rule, of the rule under a spanning header label and of one
    column line are `hair` apart (a producer's rounding). Returns the grid."""
    from reportlab.pdfgen.canvas import Canvas

    xs = [60, 150, 210, 270, 330, 390]
    ys = [750, 730, 710, 690, 670]
    header = [["計畫名稱", "106年度", "106年度", "107年度", "107年度"], ["計畫名稱", "經常支出", "資本支出", "經常支出", "資本支出"]]
    rows = [["甲計畫", "150,000", "20,000", "500,000", "35,000"], ["乙計畫", "120,000", "", "90,000", "8,000"]]
    c = Canvas(str(path), pagesize=A4)
    c.setFont(FONT, 12)
    c.drawString(60, 775, "表 10-46 經費需求")
    c.setLineWidth(0.5)
    c.line(xs[0], ys[0], xs[-1], ys[0])
    c.line(xs[1], ys[1], xs[-1], ys[1] + hair)  # under the spanning labels, not the merged first column
    for y in ys[2:]:
        c.line(xs[0], y, xs[-1], y + (hair if y == ys[-1] else 0.0))
    for k, x in enumerate(xs):
        top = ys[1] if k in (2, 4) else ys[0]  # the lines inside a spanning label start under it
        c.line(x, top, x + (hair if k == 2 else 0.0), ys[-1])
    c.setFont(FONT, 9)

    def centred(text, k0, k1, y):
        c.drawCentredString((xs[k0] + xs[k1]) / 2, y, text)

    centred("計畫名稱", 0, 1, 717)
    centred("106年度", 1, 3, 737)
    centred("107年度", 3, 5, 737)
    for k in range(1, 5):
        centred(header[1][k], k, k + 1, 717)
    for r, row in enumerate(rows):
        for k, v in enumerate(row):
            if v:
                centred(v, k, k + 1, 697 - 20 * r)
    c.save()
    return header + rows


def row_cut_after_a_comma_pdf(path: Path) -> list:
    """表 10-47: two columns of paragraphs under a header, no rules; the page breaks inside
    the first row, whose cells stop above the break on a short line ending on a comma and
    an enumeration comma, and go on at the top of the next page with no header repeated.
    Returns the grid (the cut row whole)."""
    header = ["對達成目標有幫助的", "對達成目標有害的"]
    first = ["一、各大學皆有研發成果商業化經驗豐富之團隊，亦有學校，",
             "一、研發經費資源不足，造成規模無法做大，缺乏跨國、"]
    rest = ["足以擴散於學校，帶動其發展。", "跨領域之整合平台，以及國際合作之經驗。"]
    second = ["二、我國學研機構之研發能量充沛，論文發表數量名列前茅。", "二、國際競爭激烈，各國積極推動產學合作。"]
    third = ["三、政府長期投入經費支持產學合作。", "三、人才外流，研發團隊不易久留。"]
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
    above = Table(_wrapping_cells([header, first]), colWidths=[200, 200], style=TableStyle(style))
    below = Table(_wrapping_cells([rest, second, third], bold_first=False), colWidths=[200, 200], style=TableStyle(style))
    filler = [Paragraph("本段文字說明產業發展之背景與政策措施。" * 6, BODY) for _ in range(7)]
    _build(path, [Paragraph("表 10-47 優勢與劣勢分析", CAPTION)] + filler + [above, PageBreak(), below, Spacer(1, 12),
                  Paragraph("本段文字說明產業發展之背景與政策措施。" * 4, BODY)])
    return [header, [a + b for a, b in zip(first, rest)], second, third]


def painted_merges_pdf(path: Path) -> list:
    """表 10-48: no rules; every cell shaded on its own, rows taking turns with unshaded
    ones (a shaded box behind each cell, as HTML renderers paint cell backgrounds). Each
    year is one merged cell set at the top of its rows, its box as tall as they are; a
    column of figures leaves some cells empty, each in a box of its own. The page breaks
    inside a year, and the next page opens on the rest of its box, unprinted, with no
    header repeated. Returns the grid (a merged value in every row it covers)."""
    header = ["年度", "績效指標", "量化值", "效益說明"]
    metrics = ["博碩士培育人次", "臨床試驗執行件數", "專利獲得件數", "技術移轉件數", "新創公司成立"]
    grid = [header]
    for year in ("102", "103", "104"):
        for k, metric in enumerate(metrics):
            figure = "" if (len(grid) + k) % 3 == 0 else f"{len(grid) * 2}件"
            grid.append([year, metric, figure, f"培育人才並推動{metric}之產業化"])
    shade, dark = colors.Color(0.93, 0.945, 0.965), colors.Color(0.82, 0.84, 0.9)
    widths = [50, 110, 60, 170]

    def table(rows, first: int, head: bool):
        # rows: grid rows printed on this page; first: the index of the first in the grid
        style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9),
                 ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 5),
                 ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]
        start = 1 if head else 0
        if head:
            style += [("BACKGROUND", (c, 0), (c, 0), dark) for c in range(4)]
        # (every year's rows on a page are two or more, so each is merged and shaded as one)
        body, spans = _merged_first_column(rows[start:], header_rows=start)
        style += spans + [("BACKGROUND", a, b, shade) for _, a, b in spans]
        if not head and grid[first - 1][0] == rows[0][0]:
            body[0][0] = ""  # the year's merge began on the page before
        data = [list(r) for r in rows[:start]] + body
        style += [("BACKGROUND", (c, r), (c, r), shade)
                  for r in range(start, len(data)) if (first + r - start) % 2 for c in range(1, 4)]
        return Table(data, colWidths=widths, style=TableStyle(style))

    cut = 8  # grid rows 1..cut on the first page
    filler = [Paragraph(FILLER_SENTENCE * 6, BODY) for _ in range(5)]
    _build(path, [Paragraph("表 10-48 重要績效指標", CAPTION)] + filler + [
        table([header] + grid[1:cut + 1], 1, True), PageBreak(), table(grid[cut + 1:], cut + 1, False),
        Spacer(1, 12), Paragraph(FILLER_SENTENCE * 3, BODY)])
    return grid


def short_group_row_pdf(path: Path) -> list:
    """表 10-49: no rules; rows in groups, each under a group row printed across the table
    from its left edge. One group's label is long and runs over the columns; another's is
    short enough to fit in the first column, alone on its row all the same. Returns the
    grid (a group row's label in every column)."""
    header = ["年度", "績效指標", "量化值", "效益說明"]
    groups = [("1-1.推動生技醫藥國家型科技計畫(國科會、經濟部、衛生署)", ["博碩士培育人次", "臨床試驗執行件數"]),
              ("4.法規(衛生署)", ["參與國際藥政法規合作會議", "開設全球藥物相關法規訓練課程"]),
              ("5.創投資金(國發基金)", ["修正創投事業審查要點"])]
    grid, data, style = [header], [header], [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9)]
    for label, metrics in groups:
        style.append(("SPAN", (0, len(data)), (-1, len(data))))
        grid.append([label] * 4)
        data.append([label, "", "", ""])
        for k, metric in enumerate(metrics):
            row = [str(102 + k), metric, f"{k + 2}場", "同上述"]
            grid.append(row)
            data.append(row)
    t = Table(data, colWidths=[90, 150, 50, 110], style=TableStyle(style))
    _build(path, [Paragraph("表 10-49 法規與創投績效指標", CAPTION), t, Spacer(1, 12),
                  Paragraph(FILLER_SENTENCE * 3, BODY)])
    return grid


def label_row_beside_centred_merges_pdf(path: Path) -> list:
    """表 10-50: no rules, every cell centred in its rows; each year and its explanation are
    merged cells over the year's three rows. The table runs onto a second page (no header
    repeated) of one-row years, where a label stands alone on its row in the first column,
    the row's other cells empty. Returns the grid (a merged value in every row it
    covers)."""
    header = ["年度", "績效指標", "量化值", "效益說明"]
    metrics = ["博碩士培育人次", "專利獲得件數", "技術移轉件數"]
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]

    def year_rows(year: str, explain: str) -> list:
        return [[year, m, f"{int(year) - 100 + k}件", explain] for k, m in enumerate(metrics)]

    def table(rows: list, head: bool):
        data, spans = [list(r) for r in rows], []
        i = 1 if head else 0
        while i < len(data):
            j = i
            while j + 1 < len(data) and rows[j + 1][0] == rows[i][0] and rows[i][1]:
                j += 1
            if j > i:
                spans += [("SPAN", (0, i), (0, j)), ("SPAN", (3, i), (3, j))]
                for r in range(i + 1, j + 1):
                    data[r][0] = data[r][3] = ""
            i = j + 1
        return Table(data, colWidths=[50, 120, 50, 170], style=TableStyle(style + spans))

    first = year_rows("102", "培育學生能力並增加實作經驗") + year_rows("103", "同上述")
    second = [["104", "推動先導藥物評估件數", "2件", "及早完成臨床前試驗"], ["5.創投資金", "", "", ""],
              ["105", "修正創投事業審查要點", "1件", "鼓勵生技醫藥相關投資"],
              ["106", "參與投資生技創投事業", "2家", "帶動民間資金投資"]]
    filler = [Paragraph(FILLER_SENTENCE * 6, BODY) for _ in range(6)]
    _build(path, [Paragraph("表 10-50 重要績效指標", CAPTION)] + filler + [
        table([header] + first, True), PageBreak(), table(second, False), Spacer(1, 12),
        Paragraph(FILLER_SENTENCE * 3, BODY)])
    return [header] + first + second


def merges_across_years_pdf(path: Path) -> list:
    """表 10-51: no rules, rows in groups under group rows printed across the table. Each
    year is a merged cell set at the top of its rows (the first of them made two lines
    tall by a wrapped label), and each group's explanation one set at the top of all the
    group's rows, across its years. The page
    breaks inside a group (no header repeated), so that the next page opens on empty
    slots of both merges. Returns the grid (a merged value in every row it covers)."""
    header = ["年度", "績效指標", "量化值", "效益說明"]
    groups = [("1-1.推動生技醫藥國家型科技計畫(國科會、經濟部、衛生署)", "培育學生能力並增加實作經驗"),
              ("1-2.推廣學名藥新應用市場(經濟部、衛生署)", "帶動原料與製劑垂直整合"),
              ("2-2.技術平台支援暨核心平台建置(經濟部)", "開發具原創性之藥物及技術"),
              ("3-2.推動生技整合育成中心(國科會、經濟部)", "將研究成果轉化為產品")]
    metrics = ["推動先導藥物進入臨床前評估件數", "技術移轉", "新創公司成立"]
    grid = [header]
    for label, explain in groups:
        grid.append([label] * 4)
        grid += [[year, m, f"{k + 2}件", explain] for year in ("102", "103") for k, m in enumerate(metrics)]
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9),
             ("VALIGN", (0, 0), (-1, -1), "TOP")]

    def table(rows: list, first: int):
        # rows: grid rows printed on this page; first: the index of the first in the grid
        data, spans = [list(r) for r in rows], []
        for i, row in enumerate(rows):
            if row[0] == row[-1]:
                spans.append(("SPAN", (0, i), (-1, i)))
                data[i][1:] = ["", "", ""]
                continue
            for k in (0, 3):
                j = i
                while j + 1 < len(rows) and rows[j + 1][k] == row[k] and rows[j + 1][0] != rows[j + 1][-1]:
                    j += 1
                starts = i == 0 or rows[i - 1][k] != row[k] or rows[i - 1][0] == rows[i - 1][-1]
                if starts and j > i:
                    spans.append(("SPAN", (k, i), (k, j)))
                if not starts or (i == 0 and first > 1 and grid[first - 1][k] == row[k]):
                    data[i][k] = ""  # inside a merge, or its rest over the page
        return Table(_wrapping_cells(data, bold_first=first == 0), colWidths=[50, 110, 50, 190],
                     style=TableStyle(style + spans))

    cut = 11  # grid rows 0..cut-1 on the first page
    filler = [Paragraph(FILLER_SENTENCE * 6, BODY) for _ in range(6)]
    _build(path, [Paragraph("表 10-51 重要績效指標", CAPTION)] + filler + [
        table(grid[:cut], 0), PageBreak(), table(grid[cut:], cut), Spacer(1, 12), Paragraph(FILLER_SENTENCE * 3, BODY)])
    return grid


def centred_merges_over_pages_pdf(path: Path) -> tuple[list, range]:
    """表 10-52: no rules, every cell centred in its rows; each year a merged cell over its
    three rows, over four pages (no header repeated). Two page feet cut a year's merge
    after two rows: at the first, the year is centred on those two and the next page
    opens on its third, its slot empty; at the second, the year, centred on all three,
    stands level with the second, so that the first's slot is empty too. Returns the grid
    (a merged value in every row it covers) and the range of its rows on that page and
    the rest of the merge its foot cuts."""
    header = ["年度", "績效指標", "量化值", "效益說明"]
    # the last metric printed on two lines, so that rows differ in height
    metrics = ["博碩士培育人次", "專利獲得件數", "技術移轉件數及技術授權件數"]
    years = [str(y) for y in range(101, 113)]
    grid = [header] + [[y, m, f"{int(y) - 100 + k}件", f"{m[:6]}之效益"] for y in years for k, m in enumerate(metrics)]
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]

    def table(first: int, last: int, cut_centred_on_all: bool = False):
        # grid rows first..last-1, as one page prints them
        rows = [[r[0], r[1].replace("及", "及\n"), *r[2:]] for r in grid[first:last]]
        spans = []
        i = 1 if first == 0 else 0
        while i < len(rows):
            j = i
            while j + 1 < len(rows) and rows[j + 1][0] == rows[i][0]:
                j += 1
            year = rows[i][0]
            for r in range(i, j + 1):
                rows[r][0] = ""
            if i == 0 and first > 1 and grid[first - 1][0] == year:
                pass  # the rest of a merge from the page before
            elif cut_centred_on_all and j == len(rows) - 1 and j - i == 1:
                rows[j][0] = year  # centred on three rows, the third over the page
            else:
                rows[i][0] = year  # printed centred over the rows it spans
                spans.append(("SPAN", (0, i), (0, j)))
            i = j + 1
        return Table(rows, colWidths=[50, 110, 50, 150], style=TableStyle(style + spans))

    story = [Paragraph("表 10-52 重要績效指標", CAPTION), table(0, 12), PageBreak(),
             table(12, 24, cut_centred_on_all=True), PageBreak(), table(24, 31), PageBreak(),
             table(31, len(grid)), Spacer(1, 12), Paragraph(FILLER_SENTENCE * 3, BODY)]
    _build(path, story)
    return grid, range(12, 25)


def group_labels_centred_over_wrapped_sub_labels_pdf(path: Path) -> list:
    """表 10-53: three rules, header rows set close; each group label centred over three
    narrow columns whose labels wrap onto two lines, the middle one's first line right
    under the group label (and no wider), its neighbours' reaching its ends. The middle
    columns are empty in every row. Returns the grid (a spanning label in every column
    it covers)."""
    groups = [("經常支出", ["人事費", "材料費", "其他費用"]), ("資本支出", ["土地建築", "儀器設備", "其他費用"])]
    header = [["計畫名稱"] + [g for g, subs in groups for _ in subs], ["計畫名稱"] + [s for _, subs in groups for s in subs]]
    body = [["國際產學聯盟", "1,500", "", "1,500", "2,000", "", "3,100"],
            ["創新育成中心", "", "", "8,250", "", "", "4,120"],
            ["人才培育計畫", "9,800", "", "1,200", "700", "", ""]]
    data = [["計畫名稱", "經常支出", "", "", "資本支出", "", ""], ["", *header[1][1:]]] + body
    cells = _wrapping_cells(data)
    style = _rules_under(2) + [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (3, 0)), ("SPAN", (4, 0), (6, 0)),
                               ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                               ("TOPPADDING", (0, 0), (-1, 1), 1), ("BOTTOMPADDING", (0, 0), (-1, 1), 1),
                               ("ALIGN", (1, 2), (-1, -1), "RIGHT")]
    # columns under three glyphs wide: a group label four glyphs wide, centred over three,
    # reaches into the two-glyph labels centred in the outer ones
    t = Table(cells, colWidths=[70] + [26] * 6, style=TableStyle(style))
    _build(path, [Paragraph("表 10-53 經費需求", CAPTION), t, Paragraph("資料來源：測試資料。", BODY)])
    return header + body


def numbered_rows_beside_merges_set_at_the_top_pdf(path: Path, break_after: int | None = None) -> list:
    """表 10-54: no rules; a first column numbering the rows 1, 2, 3..., and a region
    merged over its rows with its name set at the top (printed once, the slots under it
    empty), beside names of which the longest wrap. `break_after`: the body rows on the
    first page, the rest on the next with no header repeated (a region's merge running
    over the break is not printed again). Returns the grid (a merged value in every row
    it covers)."""
    header = ["項次", "區域", "育成機構名稱"]
    names = {"北部": ["國立陽明交通大學產學運籌中心(陽明校區)", "中央研究院生醫轉譯研究中心", "新竹生醫產業及育成中心",
                     "臺北醫學大學產業鏈結中心", "國立臺灣大學創新育成中心"],
             "中部": ["國家衛生研究院技轉及育成中心", "中國醫藥大學產學合作處(附設醫院研究部)", "朝陽科技大學創新育成中心"],
             "南部": ["嘉良生物科技股份有限公司", "國立成功大學產學創新總中心", "高雄醫學大學創新育成中心"]}
    body = [[str(i), region, name] for i, (region, name) in
            enumerate(((r, n) for r, ns in names.items() for n in ns), 1)]
    # the names wrap where they are long: a region's name stands at the top of a taller row
    name_style = ParagraphStyle("name", fontName=FONT, fontSize=9, leading=11, wordWrap="CJK")
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9),
             ("VALIGN", (0, 0), (-1, -1), "TOP")]

    def table(first: int, last: int, with_header: bool):
        # body rows first..last-1, as one page prints them
        rows = body[first:last]
        data, spans, top = ([header] if with_header else []), [], 1 if with_header else 0
        for i, row in enumerate(rows):
            starts = i == 0 or rows[i - 1][1] != row[1]
            printed = starts and not (i == 0 and first > 0 and body[first - 1][1] == row[1])
            data.append([row[0], row[1] if printed else "", Paragraph(row[2], name_style)])
            if starts:
                j = i
                while j + 1 < len(rows) and rows[j + 1][1] == row[1]:
                    j += 1
                spans.append(("SPAN", (1, top + i), (1, top + j)))
        return Table(data, colWidths=[40, 60, 140], style=TableStyle(style + spans))

    story = [Paragraph("表 10-54 培育領域涵蓋生技之育成機構", CAPTION)]
    if break_after is None:
        story.append(table(0, len(body), True))
    else:
        story += [table(0, break_after, True), PageBreak(), table(break_after, len(body), False)]
    _build(path, story + [Paragraph("資料來源：測試資料。", BODY)])
    return [header] + body


def latin_ligatures_pdf(path: Path) -> list:
    """表 10-55: a full grid whose Latin column is set in a face that prints "fi" and "fl"
    as one glyph each (ReportLab's own Vera, with the ligatures at U+FB01 and U+FB02 in
    the text, as producers that set ligatures write them). Returns the grid as it reads:
    the ligatures' letters spelt out."""
    pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
    header = ["項次", "藥品名稱", "成分", "適應症"]
    body = [["1", "Cialis", "tadala\ufb01l", "勃起功能障礙"], ["2", "Prozac", "\ufb02uoxetine", "憂鬱症"],
            ["3", "Di\ufb02ucan", "\ufb02uconazole", "黴菌感染"], ["4", "Fi\ufb01nex", "o\ufb02oxacin", "細菌感染"]]
    latin = [("FONTNAME", (1, 1), (2, -1), "Vera")]
    t = Table([header] + body, colWidths=[40, 90, 110, 110], style=TableStyle(GRID + latin))
    _build(path, [Paragraph("表 10-55 核准藥品之成分", CAPTION), t, Paragraph("資料來源：測試資料。", BODY)])
    return [header] + [[cell.replace("\ufb01", "fi").replace("\ufb02", "fl") for cell in row] for row in body]


def centred_cells_between_baselines_pdf(path: Path) -> list:
    """No rules, no caption: under a heading, a two-column table whose cells are centred on
    their rows, each row's two cells wrapped onto line counts that differ by one, so that
    the lines of the one fall between the lines of the other and no line holds text of
    both columns but the header's. Returns the grid."""
    header = ["績效指標", "目標值"]
    body = [["成立聯盟數、引進國際會員數、促成國際產學合作案件數",
             "成立二十個聯盟，依據各聯盟之研發能量進行分級，予以提供差異性補助配置；此外並設置產業聯絡中心，"
             "引進二十家國際企業會員參與，促成國際產學合作四十件。"],
            ["引進國內外會員數、促成國內產學合作金額、促成新創事業家數、培育國際級人才數、促進就業人數",
             "引進兩百家國內外會員參與，促成產學合作金額達四十億元，成立四十家以上新創事業，培育國際級人才四千人以上，"
             "並促進就業兩千人，帶動區域產業之創新發展與人才流動。"]]
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=12, wordWrap="CJK")
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9), ("ALIGN", (0, 0), (-1, 0), "CENTER"),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 6)]
    data = [header] + [[Paragraph(a, cell), Paragraph(b, cell)] for a, b in body]
    t = Table(data, colWidths=[150, 240], style=TableStyle(style))
    _build(path, [Paragraph("三、目標值及評估方法：", BODY), Spacer(1, 6), t, Spacer(1, 12),
                  Paragraph("以上目標值將逐年檢討，並視執行情形滾動修正；各聯盟之執行成果，亦將於年度考評時"
                            "一併提報審議，作為次年度補助配置之依據。", BODY)])
    return [header] + body


def labels_merged_across_two_columns_pdf(path: Path, zebra: bool = True, ruled: bool = False) -> list:
    """表 10-57: a call for proposals' terms, no rules (zebra rows or none): the first
    group's label, merged down over its rows, stands beside sub-labels in the second
    column; the later items' labels are merged across the first two columns, set at their
    left and centred on the lines of their text, which wraps beside them. `ruled`: rules
    between the rows instead (left out beside the sub-labels, under the group's label),
    the first column a glyph or two narrower than the group's label, which wraps, and every
    label centred in its cell. Returns the grid (a merged label in every slot it covers)."""
    header = ["項目", "項目", "說明"]
    grouped = [["申請資格", "申請機構", "公私立大專院校及公立研究機關（構）。"],
               ["申請資格", "計畫主持人及共同主持人", "比照本會補助專題研究計畫作業要點第三點規定。"],
               ["申請資格", "聯盟會員", "本國會員：依本國商業登記法登記之獨資或合夥事業、公司或財團法人。"
                                    "國際會員：依其他國家法律設立登記，以國際市場導向之公司。"]]
    merged = [["申請方式及時間", "由申請人至本會網站線上提出申請，申請機構須於八月底前彙整申請者資料並造冊後備函送達本會。"],
              ["徵案領域", "工程、生科、自然、人文、數位轉型共五大領域。"],
              ["經費補助", "每年三百萬元為上限。經費編列須符合聯盟技術推廣之用途，包含聯盟運作所需要相關人事、行政費用及研究設備費。"],
              ["執行期程", "每一期執行期間最多為三年，至多補助兩期。採分年核定多年期，執行期間為當年二月一日至隔年一月三十一日止。"]]
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=12, wordWrap="CJK")
    data = [header] + [[a, Paragraph(b, cell), Paragraph(c, cell)] for a, b, c in grouped] + [
        [a, "", Paragraph(c, cell)] for a, c in merged]
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("SPAN", (0, 0), (1, 0)), ("SPAN", (0, 1), (0, 3)), ("LEFTPADDING", (0, 0), (-1, -1), 6),
             ("RIGHTPADDING", (0, 0), (-1, -1), 6)]
    style += [("SPAN", (0, r), (1, r)) for r in range(4, 4 + len(merged))]
    if zebra:
        style.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#e8e8e8")]))
    widths = [60, 80, 160]
    if ruled:
        centred = ParagraphStyle("centred", parent=cell, alignment=1)
        for row in data[1:]:
            row[:2] = [Paragraph(v, centred) if isinstance(v, str) and v else v for v in row[:2]]
        style += [("ALIGN", (0, 0), (1, -1), "CENTER"), ("LINEABOVE", (0, 0), (-1, 0), 0.7, colors.black),
                  ("LINEBELOW", (0, 0), (-1, -1), 0.7, colors.black)]
        widths = [45, 105, 160]
    t = Table(data, colWidths=widths, style=TableStyle(style))
    _build(path, [Paragraph("表 10-57 徵求公告重點", CAPTION), t, Paragraph("資料來源：測試資料。", BODY)])
    return [header] + grouped + [[a, a, c] for a, c in merged]


def _header_levels(first: str, years: list) -> list[list[str]]:
    """The three header rows of years over groups over items, (year, [(group, [item...])]),
    a merged label in every slot it covers: `first` down all three, a group without items
    down the last two."""
    cols = [(y, g, i or g) for y, groups in years for g, items in groups for i in (items or [None])]
    return [[first] + [c[level] for c in cols] for level in range(3)]


def three_header_levels_set_at_the_top_pdf(path: Path) -> list:
    """表 10-58: three rules; three header levels (years over groups over items) in
    columns one glyph wide, every label set at the top of its cell, beside a first
    column's label wrapped down into the second level. A group label wraps onto two lines
    over its items, whose labels begin right under it; beside them, a year without items
    has its groups' labels merged down across both lower levels, one glyph a line, running
    on past where the items begin. Returns the grid (a merged label in every slot it
    covers)."""
    years = [("106 年度", [("小計", []), ("經常支出", ["人事費", "材料費"])]),
             ("107 年度", [("小計", []), ("經常支出", []), ("資本支出", [])])]
    top, middle, bottom = _header_levels("計畫名稱", years)
    body = [["聯盟", "15", "", "15", "50", "50", ""],
            ["育成", "8", "3", "5", "12", "", "12"]]
    # a merged label is printed once, in its first slot
    printed = [["計畫名稱", "106 年度", "", "", "107 年度", "", ""],
               ["", "小計", "經常支出", "", "小計", "經常支出", "資本支出"],
               ["", "", "人事費", "材料費", "", "", ""]]
    head = ParagraphStyle("head", fontName=FONT, fontSize=9, leading=11, alignment=1, wordWrap="CJK")
    data = [[Paragraph(v, head) if v else "" for v in row] for row in printed] + body
    style = _rules_under(3) + [("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 3), (-1, -1), "RIGHT"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                               ("SPAN", (0, 0), (0, 2)), ("SPAN", (1, 0), (3, 0)), ("SPAN", (4, 0), (6, 0)),
                               ("SPAN", (2, 1), (3, 1))]
    style += [("SPAN", (c, 1), (c, 2)) for c in (1, 4, 5, 6)]
    t = Table(data, colWidths=[34] + [13] * 6, style=TableStyle(style))
    _build(path, [Paragraph("表 10-58 經費需求", CAPTION), t, Paragraph("資料來源：測試資料。", BODY)])
    return [top, middle, bottom] + body


def labels_crossing_a_corridor_together_pdf(path: Path) -> list:
    """表 10-60: three rules; a year over a group label over six leaf labels, centred and
    wrapped onto two or three lines; the amounts under them set flush left. The year's
    label and the group's, each centred over its own columns, both run across the corridor
    between two leaf columns, one from each side. Returns the grid (a spanning label in
    every column it covers)."""
    size = 10.5
    leaves = ["研究員級(含)以上", "副研究員級", "助理研究員級", "研究助理級", "技術人員", "其他"]
    header = [["計畫名稱"] + ["106 年度"] * 7, ["計畫名稱", "總人力"] + ["職級"] * 6, ["計畫名稱", "總人力"] + leaves]
    body = [["推動國際產學聯盟計畫", "8", "2", "2", "2", "0", "0", "2"],
            ["創新育成中心", "12", "1", "3", "4", "2", "1", "1"]]
    head = ParagraphStyle("head", fontName=FONT, fontSize=size, leading=size * 1.3, alignment=1, wordWrap="CJK")
    name = ParagraphStyle("name", fontName=FONT, fontSize=size, leading=size * 1.3, wordWrap="CJK")
    printed = [["計畫名稱", "106 年度"] + [""] * 6, ["", "總人力", "職級"] + [""] * 5, ["", ""] + leaves]
    data = [[Paragraph(v, head) if v else "" for v in row] for row in printed] + [
        [Paragraph(row[0], name)] + row[1:] for row in body]
    style = _rules_under(3, size) + [("SPAN", (0, 0), (0, 2)), ("SPAN", (1, 0), (7, 0)), ("SPAN", (1, 1), (1, 2)),
                                     ("SPAN", (2, 1), (7, 1)), ("ALIGN", (1, 3), (-1, -1), "LEFT")]
    # the year's label ends a point short of the amounts of the column past the corridor
    t = Table(data, colWidths=[70] + [28] * 7, style=TableStyle(style))
    _build(path, [Paragraph("表 10-60 人力需求", CAPTION), t, Paragraph("資料來源：測試資料。", BODY)])
    return header + body


def group_label_into_a_centred_column_pdf(path: Path) -> list:
    """表 10-59: three rules; a group label centred over three columns ends inside the
    third one's label, left of where its narrowest amount begins (amounts centred, one
    wider than the group label leaves room for); the middle column is empty in every row.
    Returns the grid (a spanning label in every column it covers)."""
    size = 10.5
    header = [["計畫名稱", "經常支出", "經常支出", "經常支出", "資本支出"], ["計畫名稱", "薪資", "材料", "其他", "資本支出"]]
    body = [["國際產學聯盟", "120", "", "5", "40"],
            ["創新育成中心", "35", "", "500", ""],
            ["人才培育計畫", "8", "", "7", "12"]]
    style = _rules_under(2, size) + [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (3, 0)), ("SPAN", (4, 0), (4, 1)),
                                     ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("LEFTPADDING", (0, 0), (-1, -1), 3),
                                     ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    data = [["計畫名稱", "經常支出", "", "", "資本支出"], ["", "薪資", "材料", "其他", ""]] + body
    t = Table(data, colWidths=[80, 28, 28, 28, 50], style=TableStyle(style))
    _build(path, [Paragraph("表 10-59 經費需求", CAPTION), t, Paragraph("資料來源：測試資料。", BODY)])
    return header + body


def ranked_columns_under_a_group_rule_pdf(path: Path, at_page_top: bool = False) -> list:
    """表 10-61: rules between the rows; a group label over three ranks, a rule under it
    alone, beside header labels of columns that are empty in the body. `at_page_top`: the
    table opens a page, its top rule a little under a running header (printed on every
    page), further from the header row's text than from the running header; its caption
    is under it. Returns the grid (the group label in every column it covers)."""
    header = [["編號", "儀器名稱", "使用單位", "數量", "單價", "總價", "優先順序", "優先順序", "優先順序"],
              ["編號", "儀器名稱", "使用單位", "數量", "單價", "總價", "1", "2", "3"]]
    body = [["", "無", "", "", "", "", "", "", ""], ["總計", "", "", "", "", "", "", "", ""]]
    data = [header[0][:7] + ["", ""], [""] * 6 + ["1", "2", "3"]] + body
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 7),
             ("TOPPADDING", (0, 0), (-1, -1), 9), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
             ("LINEABOVE", (0, 0), (-1, 0), 0.5, colors.black), ("LINEBELOW", (6, 0), (8, 0), 0.5, colors.black),
             ("LINEBELOW", (0, 1), (-1, -1), 0.5, colors.black), ("ALIGN", (0, 0), (-1, 1), "CENTER"),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")] + [("SPAN", (c, 0), (c, 1)) for c in range(6)] + [
        ("SPAN", (6, 0), (8, 0))]
    t = Table(data, colWidths=[32, 96, 65, 32, 41, 42, 26, 26, 26], style=TableStyle(style))
    caption = Paragraph("表 10-61 科學儀器送審彙總表", CAPTION)
    if not at_page_top:
        _build(path, [caption, t, Paragraph("資料來源：測試資料。", BODY)])
        return header + body

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 54, "前瞻基礎建設　推動國際產學聯盟計畫")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=60, rightMargin=60, topMargin=60, bottomMargin=60)
    doc.build([Paragraph(FILLER_SENTENCE * 5, PAGE_TEXT), PageBreak(), t, caption, PageBreak(),
               Paragraph(FILLER_SENTENCE * 5, PAGE_TEXT)],
              onFirstPage=furniture, onLaterPages=furniture)
    return header + body


def zebra_tables_one_under_the_other_pdf(path: Path) -> tuple[list, list]:
    """表 10-62 under another table, a little apart, with nothing between them: both with a
    shaded header over zebra rows, the upper one narrower on both sides, its last row
    shaded; only the lower one has a caption (under it). Returns both grids, upper first."""
    upper = [["目標", "KPI"],
             ["加速學術研究及國內產業發展與國際接軌", "成立聯盟數、引進國際會員數"],
             ["提升研發價值，為產業提供技術與人才", "引進國內會員數、促成新創事業家數"]]
    lower = [["屬性", "績效指標", "初級產出量化值", "預期效益說明"],
             ["學術成就", "A.論文", "發表論文 30 篇", "提升國際能見度"],
             ["學術成就", "C.培育及延攬人才", "培育國際級人才 4,000 人以上", "透過衍生產學研合作計畫培育人才"],
             ["技術創新", "G.智慧財產", "", ""],
             ["經濟效益", "L.促成投資", "促成產學合作金額達 40 億元", "促成產業擴大投入產學合作"]]

    grey = colors.HexColor("#ececec")

    def zebra(grid, widths, bands):
        style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 8),
                 ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#cfd6e6")), ("ROWBACKGROUNDS", (0, 1), (-1, -1), bands)]
        return Table(grid, colWidths=widths, style=TableStyle(style))

    _build(path, [Paragraph("二、主要績效指標表", BODY), zebra(upper, [160, 160], [colors.white, grey]), Spacer(1, 12),
                  zebra(lower, [70, 90, 120, 140], [grey, colors.white]),
                  Paragraph("表 10-62 主要績效指標表(全程)", CAPTION)])
    return upper, lower


def grid_numbers_wrapped_over_a_page_break_pdf(path: Path) -> list:
    """表 10-63, a full grid with columns so narrow that every amount wraps after its
    decimal point, long enough that the producer breaks it by the page between two rows
    and repeats its header. Returns the grid (header first)."""
    header = ["項目", "2023年", "2024年"]
    labels = ["研發費用", "上市櫃生技公司總市值", "淨利", "廠商平均研發費用"]
    rows = [[f"{labels[i % 4]}{i}", f"{1000 + 37 * i:,}.{i % 90 + 10}", f"{2000 + 53 * i:,}.{(3 * i) % 90 + 10}"]
            for i in range(1, 25)]
    width = [12 + pdfmetrics.stringWidth(w, FONT, 9) + 0.5 for w in ("上市櫃生技", "9,160.", "9,160.")]
    t = Table(_wrapping_cells([header] + rows), colWidths=width, repeatRows=1, style=TableStyle(GRID))
    filler = [Paragraph("本段文字說明產業發展之背景與政策措施。" * 6, BODY) for _ in range(4)]
    _build(path, [Paragraph("表 10-63 上市櫃生技公司經營狀況", CAPTION)] + filler + [t])
    return [header] + rows


def item_numbers_in_the_foot_band_pdf(path: Path) -> list:
    """表 10-64 without rules, broken by the page with its header repeated, items numbered
    down the first column, each centred beside a date wrapped onto two lines; a page
    number alone at the foot of every page, and the last two pages end well above it, so
    the rows at the foot of the first page stand in the band where page numbers are
    printed, with numbers of their own. Returns the grid (header first)."""
    header = ["項次", "核准日期", "許可證字號", "中文品名"]
    rows = [[str(i + 1), f"2024/{i % 12 + 1:02d}/{i % 28 + 1:02d}", f"衛部藥製字第{60000 + i}號", f"測試藥品{i + 1}"]
            for i in range(30)]
    style = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black)]
    # the dates wrap, and an item number centred beside them stands on a line of its own
    t = Table(_wrapping_cells([header] + rows), colWidths=[40, 50, 150, 150], repeatRows=1, style=TableStyle(style))

    def page_number(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 9)
        canvas.drawCentredString(A4[0] / 2, 30, str(doc.page))
        canvas.restoreState()

    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=60, rightMargin=60, topMargin=60, bottomMargin=50)
    text = "本段文字說明產業發展之背景與政策措施。" * 4
    doc.build([Paragraph("表 10-64 核准上市之國產新藥", CAPTION), t, Paragraph("資料來源：測試資料。", BODY),
               Paragraph(text, BODY), PageBreak(), Paragraph(text, BODY)],
              onFirstPage=page_number, onLaterPages=page_number)
    return [header] + rows


def ruled_rows_over_a_header_at_a_page_foot_pdf(path: Path, lead: float = 315) -> tuple[list, list]:
    """Two tables a few points apart at the foot of a page. The upper one (表 10-65) is
    ruled between its rows, its last cell wrapped onto three lines; under it, the top rule
    and header rule of 表 10-66 are all that fit, its rows going on over the next page
    and its caption printed under it there. Returns both grids, upper first."""
    upper = [["目標", "KPI"],
             ["加速學術研究及國內產業發展與國際接軌", "成立聯盟數、引進國際會員數"],
             ["提升研發價值，為產業提供技術與人才", "引進國內會員數、促成國內產學合作金額、促成新創事業家數、培育國際級人才數、促進就業人數"]]
    header, body = _licence_grid()
    ruled = [("LINEABOVE", (0, 0), (-1, 0), 0.7, colors.black), ("LINEBELOW", (0, 0), (-1, -1), 0.7, colors.black),
             ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    top = Table(_wrapping_cells(upper, bold_first=False), colWidths=[180, 200], style=TableStyle(ruled))
    head_rules = [("LINEABOVE", (0, 0), (-1, 0), 0.7, colors.black), ("LINEBELOW", (0, 0), (-1, 0), 0.7, colors.black),
                  ("LINEBELOW", (0, -1), (-1, -1), 0.7, colors.black),
                  ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9)]
    lower = Table([header] + body, colWidths=[50, 80, 120, 120], style=TableStyle(head_rules))
    _build(path, [Paragraph(FILLER_SENTENCE * 5, PAGE_TEXT) for _ in range(3)] + [
        Spacer(1, lead), Paragraph("表 10-65 計畫目標與 KPI", CAPTION), top, Spacer(1, 8), lower,
        Paragraph("表 10-66 核准上市之國產新藥", CAPTION)])
    return upper, [header] + body


def sentences_cut_by_a_page_break_pdf(path: Path) -> list:
    """表 10-67, a full grid of goals written as numbered sentences in narrow columns; the
    page breaks inside its one row, each cell stopping mid-sentence on a line of a glyph
    or two, and going on at the top of the next page, the grid closed around each part.
    Returns the grid (the cut row whole)."""
    header = ["第一期目標", "第二期目標", "全程目標"]
    # (each cut where its last line holds one glyph)
    first = ["1. 成立十個聯盟。2. 引進國際企業十家並促成學研成", "1. 成立五個聯盟。2. 引進國際企業五家並促成學研成",
             "1. 累計成立二十個聯盟。2. 累計引進國際企業二十家並促成國際介"]
    rest = ["果與國際介接。3. 推動國際交流。", "果與國際介接。3. 推動產學合作。", "接。3. 培育國際級人才。"]
    widths = [12 + pdfmetrics.stringWidth("成立十個聯盟引", FONT, 9) + 0.5] * 3
    above = Table(_wrapping_cells([header, first]), colWidths=widths, style=TableStyle(GRID))
    below = Table(_wrapping_cells([rest], bold_first=False), colWidths=widths, style=TableStyle(GRID))
    filler = [Paragraph("本段文字說明產業發展之背景與政策措施。" * 6, BODY) for _ in range(7)]
    _build(path, [Paragraph("表 10-67 計畫分期目標", CAPTION)] + filler + [above, PageBreak(), below, Spacer(1, 12),
                  Paragraph("本段文字說明產業發展之背景與政策措施。" * 4, BODY)])
    return [header, [a + b for a, b in zip(first, rest)]]


def amount_cut_by_a_page_break_pdf(path: Path) -> list:
    """表 10-68, a full grid whose narrow amount column wraps; the page breaks inside a
    row, right after an amount's thousands separator, and the amount goes on at the top of
    the next page. Returns the grid (the cut row whole)."""
    header = ["項目", "金額"]
    above = [["研發費用", "1,234,"]]
    below = [["", "567.89"], ["淨利", "206.10"]]
    widths = [80, 12 + pdfmetrics.stringWidth("1,234,5", FONT, 9)]
    first = Table(_wrapping_cells([header] + above), colWidths=widths, style=TableStyle(GRID))
    rest = Table(_wrapping_cells(below, bold_first=False), colWidths=widths, style=TableStyle(GRID))
    filler = [Paragraph("本段文字說明產業發展之背景與政策措施。" * 6, BODY) for _ in range(7)]
    _build(path, [Paragraph("表 10-68 上市櫃生技公司經營狀況", CAPTION)] + filler + [first, PageBreak(), rest, Spacer(1, 12),
                  Paragraph("本段文字說明產業發展之背景與政策措施。" * 4, BODY)])
    return [header, ["研發費用", "1,234,567.89"], ["淨利", "206.10"]]


def heading_between_two_ruled_tables_pdf(path: Path) -> tuple[list, list]:
    """Two tables under three rules each, one under the other, with only a numbered
    heading between them, set at the left margin and running into both tables' width: the
    upper one (表 10-69) narrower, the lower one (no caption) wider, its columns other.
    Returns both grids, upper first."""
    upper = [["對達成目標有幫助的", "對達成目標有害的"],
             ["優勢：各大學皆有研發團隊。", "劣勢：研發經費資源不足。"],
             ["機會：學術研究能量豐厚。", "威脅：國際競爭激烈。"]]
    lower = [["第一期目標", "第二期目標", "第三期目標", "全程目標", "整體效益"],
             ["成立十個聯盟", "成立五個聯盟", "成立五個聯盟", "累計二十個", "加速學術研究"]]
    heading = ParagraphStyle("heading", fontName=FONT, fontSize=10, leading=14, leftIndent=-20)
    _build(path, [Paragraph("表 10-69 SWOT 分析", CAPTION), Table(upper, colWidths=[180, 180], style=TableStyle(_rules_under(1))),
                  Spacer(1, 10), Paragraph("四、目標實現時間規劃", heading), Spacer(1, 10),
                  Table(lower, colWidths=[88] * 5, style=TableStyle(_rules_under(1)))])
    return upper, lower


def centred_rest_of_a_cut_row_pdf(path: Path) -> list:
    """表 10-70, goals ruled row by row (rules across the table, none between columns);
    the page breaks inside the one body row and its rest goes on at the top of the next
    page, between a rule above and a rule below, each cell centred on its own number of
    lines, so that one column's lines stand half a line off its neighbours'. Returns the
    grid (the cut row whole)."""
    header = ["第一期目標", "第二期目標", "全程目標"]
    first = ["1. 成立十個聯盟。2. 引進國際", "1. 成立五個聯盟。2. 引進國際", "1. 累計成立二十個聯盟。2. 累計"]
    rest = ["企業十家，促成學研成果與國際介接。", "企業五家，促成學研成果與國際介接。3. 推動國際交流促成產學合作十案。4. 培育國際級人才一千人。",
            "引進國際企業二十家，促成學研成果與國際介接。"]
    rules = [("LINEABOVE", (0, 0), (-1, 0), 1, colors.black), ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    widths = [12 + pdfmetrics.stringWidth("引進國際企業十家", FONT, 9)] * 3
    above = Table(_wrapping_cells([header, first]), colWidths=widths, style=TableStyle(rules))
    below = Table(_wrapping_cells([rest], bold_first=False), colWidths=widths,
                  style=TableStyle(rules + [("LINEABOVE", (0, 0), (-1, 0), 0.5, colors.black)]))
    filler = [Paragraph("本段文字說明產業發展之背景與政策措施。" * 6, BODY) for _ in range(7)]
    _build(path, [Paragraph("表 10-70 計畫分期目標", CAPTION)] + filler + [above, PageBreak(), below, Spacer(1, 12),
                  Paragraph("本段文字說明產業發展之背景與政策措施。" * 4, BODY)])
    return [header, [a + b for a, b in zip(first, rest)]]


def empty_cell_atop_a_continued_part_pdf(path: Path) -> list:
    """表 10-72 under three rules runs over a page end, its header not repeated; every row
    on the first page fills its remark, each remark its own, and the first row over the
    page leaves it empty. Returns the grid."""
    header = ["項次", "機構名稱", "備註"]
    first = [[str(i), f"測試育成中心{i}", f"第{i}期輔導"] for i in range(1, 6)]
    rest = [["6", "測試育成中心6", ""], ["7", "測試育成中心7", "第7期輔導"]]
    rules = _rules_under(1)
    filler = [Paragraph("本段文字說明產業發展之背景與政策措施。" * 6, BODY) for _ in range(7)]
    _build(path, [Paragraph("表 10-72 育成機構", CAPTION)] + filler + [
        Table([header] + first, colWidths=[40, 150, 90], style=TableStyle(rules[:2] + rules[3:])), PageBreak(),
        Table(rest, colWidths=[40, 150, 90], style=TableStyle(rules[2:])), Spacer(1, 12),
        Paragraph("本段文字說明產業發展之背景與政策措施。" * 4, BODY)])
    return [header] + first + rest


def caption_wrapped_between_running_text_pdf(path: Path, number: str, above: bool) -> list:
    """表 `number` under three rules, between running text, its caption so long that its
    last characters wrap onto a line of their own, centred under the rest: printed under
    the table, or above it in loose leading (1.7 lines), where that last line stands
    further below the rest than half a line. Returns the grid."""
    grid = [REVIEWS_HEADER] + REVIEWS_ROWS
    loose = {"fontSize": 11.5, "leading": 19.5} if above else {}
    caption = Paragraph(f"表 {number} {LONG_CAPTION}之分析分類",
                        ParagraphStyle(f"capwrap{number}", parent=CAPTION, wordWrap="CJK", **loose))
    t = Table(grid, colWidths=[110, 60, 80, 90, 70], style=TableStyle(_rules_under(1)))
    printed = [caption, Spacer(1, 6), t] if above else [t, caption]
    _build(path, [Paragraph(FILLER_SENTENCE * 3, BODY), Spacer(1, 8), *printed, Spacer(1, 8),
                  Paragraph(FILLER_SENTENCE * 3, BODY)])
    return grid


def references_opening_lines_pdf(path: Path) -> list:
    """A paragraph whose wrapped lines open on references ("圖 4-2 所示。…", "表 10-75
    所示。…"), then 表 10-75 under its caption and three rules. Returns the grid."""
    grid = [REVIEWS_HEADER] + REVIEWS_ROWS[:3]
    text = ("依其研究階段分析，共受理的臨床試驗申請案件，以第三期臨床試驗的案件數最多，達 167 件，如<br/>"
            "圖 4-2 所示。國產新藥申請查驗登記用臨床試驗計畫案件共 38 件，審查結果如<br/>"
            "表 10-75 所示。其餘說明從略。")
    _build(path, [Paragraph(text, PARA), Spacer(1, 12), Paragraph("表 10-75 審查案件", CAPTION),
                  Table(grid, colWidths=[110, 60, 80, 90, 70], style=TableStyle(_rules_under(1)))])
    return grid


def three_header_levels_in_tight_leading_pdf(path: Path) -> list:
    """表 10-76, no rules, its header bold: three header levels (years over groups over
    items) set at the top of their cells in tight leading, so that a line's box reaches
    into the next level's. The first column's label wraps down from the years into the
    groups, each item wraps onto two lines, and each group's label fits over its middle
    item. Beside them a year without items, its label across its columns, has its groups'
    labels wrapped onto two lines from the group level into the item level, merged down
    across both. Returns the grid (a merged label in every slot it covers)."""
    with_items = [("經常支出", ["人事費", "材料費", "其他費"])]
    years = [("106 年度", with_items), ("107 年度", with_items),
             ("108 年度預估數", [("小計", []), ("經常支出", []), ("資本支出", [])])]
    top, middle, bottom = _header_levels("計畫名稱", years)
    body = [["聯盟", "60", "40", "50", "200", "0", "300", "600", "600", "0"],
            ["育成", "30", "20", "30", "0", "90", "0", "120", "0", "120"]]
    printed = [["計畫名稱", "106 年度", "", "", "107 年度", "", "", "108 年度預估數", "", ""],
               ["", "經常支出", "", "", "經常支出", "", "", "小計", "經常支出", "資本支出"],
               ["", "人事費", "材料費", "其他費", "人事費", "材料費", "其他費", "", "", ""]]
    head = ParagraphStyle("tight-bold", fontName=BOLD_FONT, fontSize=9, leading=11.7, alignment=1, wordWrap="CJK")
    data = [[Paragraph(v, head) if v else "" for v in row] for row in printed] + body
    style = [("FONTNAME", (0, 3), (-1, -1), FONT), ("FONTSIZE", (0, 3), (-1, -1), 9),
             ("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 3), (-1, -1), "CENTER"),
             ("TOPPADDING", (0, 0), (-1, 2), 2), ("BOTTOMPADDING", (0, 0), (-1, 2), 2),
             ("SPAN", (0, 0), (0, 2)), ("SPAN", (1, 0), (3, 0)), ("SPAN", (4, 0), (6, 0)), ("SPAN", (7, 0), (9, 0)),
             ("SPAN", (1, 1), (3, 1)), ("SPAN", (4, 1), (6, 1))]
    style += [("SPAN", (c, 1), (c, 2)) for c in (7, 8, 9)]
    t = Table(data, colWidths=[26] + [38, 38, 38] * 2 + [34, 30, 30], style=TableStyle(style))
    _build(path, [Paragraph("表 10-76 經費需求", CAPTION), t, Paragraph("資料來源：測試資料。", BODY)])
    return [top, middle, bottom] + body


def merged_paragraph_over_zebra_rows_pdf(path: Path, leading: float = 13) -> list:
    """表 10-77, no rules, its header shaded dark and every other body row shaded light,
    row by row under a merged cell too: a paragraph merged down a column over five rows,
    centred on them, its lines running on across the shading's edges at their own
    leading. Returns the grid (the merged paragraph in every slot it covers)."""
    header = ["年度", "績效指標", "量化值", "效益說明"]
    merged = ("開發世界第一個體內放射治療之放射藥物，發展生技藥品所需之關鍵技術，建立核心設施平台並提供產業服務，"
              "協助國內廠商進行臨床前試驗與查驗登記，縮短新藥開發時程。")
    rows = [["102", "關鍵技術開發", "2件", merged], ["103", "關鍵技術開發", "4件", merged],
            ["103", "專利申請", "2件", merged], ["104", "關鍵技術開發", "3件", merged], ["104", "專利申請", "2件", merged],
            ["105", "專利申請", "1件", "提出專利申請以保護研發成果。"]]
    cell = ParagraphStyle("zebra-cell", fontName=FONT, fontSize=9, leading=leading, wordWrap="CJK")
    printed = [header] + [[r[0], r[1], r[2], Paragraph(r[3], cell) if i in (0, 5) else ""] for i, r in enumerate(rows)]
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("SPAN", (3, 1), (3, 5)),
             ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.55, 0.6, 0.7))]
    style += [("BACKGROUND", (0, r), (-1, r), colors.Color(0.92, 0.93, 0.95)) for r in range(2, len(rows) + 1, 2)]
    t = Table(printed, colWidths=[40, 90, 50, 150], style=TableStyle(style))
    _build(path, [Paragraph("表 10-77 績效指標", CAPTION), t])
    return [header] + rows


def merge_cut_at_a_page_foot_under_tall_cells_pdf(path: Path) -> tuple[list, range]:
    """表 10-78, no rules, every cell centred in its rows, over three pages (no header
    repeated); a remark merged over each year's three rows. On the first and last pages a
    remark is one line, centred on its rows; on the middle page each remark is a paragraph
    as tall as its rows, and the page foot cuts the last year's merge, whose paragraph
    stands over the rows above the cut, so that the page's last row is empty under it.
    Returns the grid (a merged remark in every row it covers) and the range of the grid's
    rows on the middle page and the rest of the cut merge over the page."""
    header = ["年度", "績效指標", "量化值", "效益說明"]
    metrics = ["博碩士培育人次", "專利獲得件數", "技術移轉件數"]
    years = [str(y) for y in range(101, 108)]
    short = {y: f"{y}年度之效益" for y in years}
    tall = {y: f"{y}年度培育人才並取得專利，促成技術移轉與產業合作之效益" for y in years}
    on_page_2 = ("103", "104")
    grid = [header] + [[y, m, f"{int(y) - 100 + k}件", tall[y] if y in on_page_2 else short[y]]
                       for y in years for k, m in enumerate(metrics)]
    para = ParagraphStyle("remark", fontName=FONT, fontSize=9, leading=12, wordWrap="CJK")
    style = [("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 9),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]

    def table(rows: list, merges: list[tuple[int, int, str]]):
        # merges: (first row, last row, remark) printed once over those rows of the page
        rows = [list(r[:3]) + [""] for r in rows]
        for first, last, text in merges:
            rows[first][3] = Paragraph(text, para) if text in tall.values() else text
        spans = [("SPAN", (3, a), (3, b)) for a, b, _ in merges if b > a]
        return Table(rows, colWidths=[50, 110, 50, 100], style=TableStyle(style + spans))

    page_1 = table(grid[:7], [(0, 0, "效益說明"), (1, 3, short["101"]), (4, 6, short["102"])])
    # the middle page: 103 whole, then 104's first two rows, its paragraph in the first
    # and the second empty under it
    page_2 = table(grid[7:12], [(0, 2, tall["103"]), (3, 3, tall["104"])])
    page_3 = table(grid[12:], [(1, 3, short["105"]), (4, 6, short["106"]), (7, 9, short["107"])])
    _build(path, [Paragraph("表 10-78 重要績效指標", CAPTION), page_1, PageBreak(), page_2, PageBreak(), page_3,
                  Spacer(1, 12), Paragraph(FILLER_SENTENCE * 3, BODY)])
    return grid, range(7, 13)
