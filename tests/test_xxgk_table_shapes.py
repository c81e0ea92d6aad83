"""Shapes of 表二/三/四 that real published reports come in and that were once misread: pipe rows
without a separator line, a web table copied one cell per line, a header a PDF conversion cut
into pieces, a row label wrapped away from its figures, padding cells. Each shape is read as a
table (a correct one stays silent, one wrong cell fires at that cell) or said once, plainly, to
be unreadable — never reported as something it is not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lintreport import load_packs
from lintreport.document.document import Document
from lintreport.run.runner import lint_document, select_rules

from .conftest import run_cli
from .xxgk_tables import HUAIAN_2024, RESULTS

PACK = str(Path(__file__).resolve().parents[1] / "rules" / "xxgk-annual")
TABLE_RULES = (
    "xxgk-table2-cells",
    "xxgk-table3-cells",
    "xxgk-table3-balance",
    "xxgk-table3-results-total",
    "xxgk-table3-applicant-total",
    "xxgk-table4-cells",
    "xxgk-table4-total",
)
TITLE = "某某局2023年政府信息公开工作年度报告\n一、总体情况\n本年度依法做好政府信息公开工作。\n"


@pytest.fixture(scope="module")
def packs():
    return load_packs([PACK])


def _findings(text: str, packs, path: str = "report.txt") -> list[tuple[str, str, str, str]]:
    """(rule, severity, text pointed at, message) of the table findings, in order."""
    doc = Document.from_text(text, path)
    violations, errors = lint_document(doc, select_rules(packs, select=TABLE_RULES), packs)
    assert errors == []
    for v in violations:
        assert "\n" not in v.message
    return [(v.rule, v.severity.value, text[v.start : v.end], v.message) for v in violations]


def _present(findings) -> list[tuple[str, str, str, str]]:
    """Findings other than “this table is not in the report” (a report excerpt has one table)."""
    return [f for f in findings if not f[3].startswith("没有找到")]


# --- 1. pipe rows without a separator line (a web table copied as text) ------------------------

TABLE2_PIPES = """二、主动公开政府信息情况
| 第二十条  第(一)项 | |||
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
| 规章 | 0 | {cell} | 0 |
| 行政规范性文件 | 3 | 1 | 12 |
"""
AFTER_TABLE2 = """| 第二十条  第(五)项 | |||
| 信息内容 | 本年处理决定数量 | ||
| 行政许可 | 0 | ||
三、收到和处理政府信息公开申请情况
"""


@pytest.mark.parametrize("at_end", [False, True], ids=["heading-follows", "end-of-file"])
def test_pipe_rows_without_a_separator_line_are_a_table(at_end, packs):
    after = "" if at_end else AFTER_TABLE2
    good = TITLE + TABLE2_PIPES.format(cell="0") + after
    assert _present(_findings(good, packs)) == []
    bad = TITLE + TABLE2_PIPES.format(cell="/") + after
    [(rule, severity, pointed, message)] = _present(_findings(bad, packs))
    assert (rule, severity, pointed) == ("xxgk-table2-cells", "warning", "/")
    assert "“规章”行“本年废止件数”列为“/”" in message


def _table3_scraped(values: dict[str, list[int]]) -> str:
    """表三 as a web page copies it: pipe rows, no separator, the header's merged cells lost,
    every row padded with empty cells to the widest row."""

    def figures(key: str) -> str:
        return " | ".join(str(v) for v in values[key])

    lines = [
        "三、收到和处理政府信息公开申请情况",
        "| (本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) "
        "| 申请人情况 | ||||||||",
        "| 自然人 | 法人或其他组织 | 总计 | |||||||",
        "| 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |||||",
        f"| 一、本年新收政府信息公开申请数量 | {figures('一')} | ||",
        f"| 二、上年结转政府信息公开申请数量 | {figures('二')} | ||",
        f"| 三、本年度办理结果 | （一）予以公开 | {figures('三一')} | |",
        f"| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | {figures('三二')} | ||",
    ]
    for g, (group, items) in zip("三四五六", RESULTS, strict=True):
        for k, item in enumerate(items):
            if k == 0:
                lines.append(f"| {group} | {item} | {figures(f'三{g}{k + 1}')} |")
            else:
                lines.append(f"| {item} | {figures(f'三{g}{k + 1}')} | |")
    lines.append(f"| （七）总计 | {figures('三七')} | ||")
    lines.append(f"| 四、结转下年度继续办理 | {figures('四')} | ||")
    return "\n".join(lines) + "\n"


def test_a_scraped_table3_with_padding_and_a_flattened_header_is_read(packs):
    good = TITLE + _table3_scraped(HUAIAN_2024)
    assert _present(_findings(good, packs)) == []
    changed = {**HUAIAN_2024, "一": [3001, 53, 0, 0, 61, 4, 3120]}
    found = _present(_findings(TITLE + _table3_scraped(changed), packs))
    assert sorted((rule, pointed) for rule, _, pointed, _ in found) == [
        ("xxgk-table3-applicant-total", "3120"),
        ("xxgk-table3-balance", "3050"),
    ]


def test_a_header_naming_other_columns_is_still_reported(packs):
    """Look-alike: the flattened header names a column the template does not have."""
    text = TITLE + _table3_scraped(HUAIAN_2024).replace("| 其他 |", "| 个体工商户 |", 1)
    [(rule, severity, _, message)] = _present(_findings(text, packs))
    assert (rule, severity) == ("xxgk-table3-cells", "info")
    assert "列与格式不同" in message


# --- 2. one cell per line, each ending in " |" ----------------------------------------------

TABLE2_CELL_LINES = """二、主动公开政府信息情况
第二十条第(一)项 |
|||
信息内容 |
本年制发件数 |
本年废止件数 |
现行有效件数 |
规章 |
0 |
{cell} |
0 |
行政规范性文件 |
0 |
0 |
0 |
第二十条第(五)项 |
|||
信息内容 |
本年处理决定数量 |
||
行政许可 |
0 |
"""


def test_a_table_copied_one_cell_per_line_is_read_as_rows(packs):
    assert _present(_findings(TITLE + TABLE2_CELL_LINES.format(cell="0"), packs)) == []
    bad = TITLE + TABLE2_CELL_LINES.format(cell="/")
    [(rule, _, pointed, message)] = _present(_findings(bad, packs))
    assert (rule, pointed) == ("xxgk-table2-cells", "/")
    assert "“规章”行“本年废止件数”列为“/”" in message


def test_cells_per_line_that_do_not_fit_the_columns_are_one_plain_info_finding(packs):
    """Blank cells (`|` alone on a line) and padding make more cells than columns: which cell
    is which column cannot be told, and nothing is said to be run together."""
    text = (
        TITLE
        + "三、收到和处理政府信息公开申请情况\n"
        + "一、本年新收政府信息公开申请数量 |\n|\n|\n|\n|\n|\n|\n0 |\n||\n"
        + "二、上年结转政府信息公开申请数量 |\n|\n|\n|\n|\n|\n|\n0 |\n||\n"
    )
    [(rule, severity, _, message)] = _present(_findings(text, packs))
    assert (rule, severity) == ("xxgk-table3-cells", "info")
    assert "一、本年新收政府信息公开申请数量”一行读到9格，格式为7栏" in message
    assert "连写" not in message


def test_a_label_without_figures_is_not_called_missing(packs):
    text = (
        TITLE
        + "二、主动公开政府信息情况\n第二十条第（一）项\n"
        + "信息内容 本年制发件数 本年废止件数 现行有效件数\n规章\n（无）\n行政规范性文件 0 0 0\n"
    )
    [(rule, severity, _, message)] = _present(_findings(text, packs))
    assert (rule, severity) == ("xxgk-table2-cells", "info")
    assert "“规章”一行后没有读到数字" in message
    assert "缺少" not in message


# --- 3. 表四 under a header cut into pieces ----------------------------------------------------

TABLE4_HEAD = "四、政府信息公开行政复议、行政诉讼情况\n"
TABLE4_ROW = "| 40 | 0 | 10 | 5 | {total} | 2 | 0 | 4 | 6 | 12 | 6 | 0 | 9 | 7 | 22 |"


@pytest.mark.parametrize(
    "header",
    [
        "| 维持 | 纠正 | 结果 | 审结 | 结果 | 结果 | 其他 | 尚未 | 结果 | 结果 | 其他 | 尚未 |",
        "| 维持 | 纠正 | 结果 | 审结 | 总计 | 总计 |",
    ],
    ids=["kewei-2024", "bgt-2025"],
)
def test_a_table4_header_in_pieces_over_a_whole_data_row_is_read(header, packs):
    def text(total: int) -> str:
        sep = "|---" * header.count("|")
        return TITLE + TABLE4_HEAD + f"{header}\n{sep[:-4]}|\n{TABLE4_ROW.format(total=total)}\n"

    assert _present(_findings(text(55), packs)) == []
    [(rule, _, pointed, message)] = _present(_findings(text(56), packs))
    assert (rule, pointed) == ("xxgk-table4-total", "56")
    assert "40+0+10+5 = 55" in message


def test_header_pieces_that_are_no_column_label_are_still_reported(packs):
    """Look-alike: 撤销 is a piece of no 表四 column, so the columns are not confirmed."""
    header = "| 维持 | 撤销 | 结果 | 审结 | 总计 | 总计 |"
    table = f"{header}\n|---|---|---|---|---|---|\n{TABLE4_ROW.format(total=55)}\n"
    text = TITLE + TABLE4_HEAD + table
    [(rule, severity, _, message)] = _present(_findings(text, packs))
    assert (rule, severity) == ("xxgk-table4-cells", "info")
    assert "列与格式不同" in message


# --- 4. a row label wrapped above an unlabelled row --------------------------------------------


def _table3_markdown(values: dict[str, list[int]], between: str) -> str:
    """表三 as a PDF conversion gives it: the （二） row's label wrapped onto lines of its own
    (`between`), its figures an unlabelled pipe row starting the next table."""

    def row(label: str, key: str) -> str:
        return f"| {label} | " + " | ".join(str(v) for v in values[key]) + " |"

    lines = [
        "三、收到和处理政府信息公开申请情况",
        row("一、本年新收政府信息公开申请数量", "一"),
        "|---|---|---|---|---|---|---|---|",
        row("二、上年结转政府信息公开申请数量", "二"),
        row("（一）予以公开", "三一"),
        "",
        between,
        "| " + " | ".join(str(v) for v in values["三二"]) + " |",
        "|---|---|---|---|---|---|---|",
    ]
    for g, (_, items) in zip("三四五六", RESULTS, strict=True):
        lines.extend(row(item, f"三{g}{k + 1}") for k, item in enumerate(items))
    lines.extend([row("（七）总计", "三七"), row("四、结转下年度继续办理", "四")])
    return "\n".join(lines) + "\n"


WRAPPED = "（二）部分公开（区分处理的，只计这一情\n形，不计其他情形）"


def test_a_label_wrapped_above_an_unlabelled_row_is_joined_to_it(packs):
    good = TITLE + _table3_markdown(HUAIAN_2024, WRAPPED)
    assert _present(_findings(good, packs, "report.md")) == []
    changed = {**HUAIAN_2024, "三二": [447, 7, 0, 0, 0, 0, 455]}
    found = _present(_findings(TITLE + _table3_markdown(changed, WRAPPED), packs, "report.md"))
    assert sorted((rule, pointed) for rule, _, pointed, _ in found) == [
        ("xxgk-table3-applicant-total", "455"),
        ("xxgk-table3-results-total", "3050"),
    ]


@pytest.mark.parametrize(
    "between",
    ["部分公开的申请较多，主要涉及个人隐私。", "（二）部分公开（区分处理的）\n另有说明。"],
    ids=["a-sentence", "label-and-more"],
)
def test_text_that_is_not_just_the_label_joins_nothing_and_claims_nothing(between, packs):
    """Look-alike: prose between the fragments is not a wrapped label."""
    text = TITLE + _table3_markdown(HUAIAN_2024, between)
    [(rule, severity, _, message)] = _present(_findings(text, packs, "report.md"))
    assert (rule, severity) == ("xxgk-table3-cells", "info")
    assert "在“（二）部分公开”一行处断开或缺少行标签" in message
    assert "缺少“" not in message


def test_a_row_really_left_out_of_a_table_is_still_named(packs):
    """Look-alike: the table goes on with later rows and no unlabelled row where （二） was."""
    text = TITLE + _table3_markdown(HUAIAN_2024, "").replace(
        "\n| 447 | 7 | 0 | 0 | 0 | 0 | 454 |\n|---|---|---|---|---|---|---|\n", "\n"
    )
    text = text.replace("\n\n\n", "\n")
    [(_, _, _, message)] = _present(_findings(text, packs, "report.md"))
    assert "缺少“（二）部分公开”一行（或各行顺序与格式不同）" in message


# --- 5. padding is not a figure, and messages count figures only ------------------------------


def test_a_trailing_empty_cell_is_padding_and_a_blank_inside_is_not_a_figure(packs):
    head = (
        "三、收到和处理政府信息公开申请情况\n"
        "| 业 | 构 | 益组织 | 务机构 |  |  |  |  |  |\n"
        "|---|---|---|---|---|---|---|---|---|\n"
    )
    padded = head + "| 一、本年新收政府信息公开申请数量 | 32 | 2 | 0 | 0 | 0 | 0 | 34 |  |\n"
    # the padded row is read (its 7 figures); what stops the reading is the row after it
    [(_, _, _, message)] = _present(_findings(TITLE + padded, packs, "report.md"))
    assert "一行有" not in message
    wide = head + "| 一、本年新收政府信息公开申请数量 | 32 | 2 | 0 | / | 0 | 0 | 0 | 34 |\n"
    [(_, _, _, message)] = _present(_findings(TITLE + wide, packs, "report.md"))
    assert "一行有8格（其中7格为数字），格式为7栏" in message


def test_the_cli_reads_a_separator_less_pipe_table_in_a_text_file(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(TITLE + TABLE2_PIPES.format(cell="/") + AFTER_TABLE2, encoding="utf-8")
    proc = run_cli("check", "--format", "json", "--select", "xxgk-table2-cells", str(path))
    found = json.loads(proc.stdout)["violations"]
    assert [(v["line"], v["column"], v["message"].split("：")[0]) for v in found] == [
        (7, 12, "表二第二十条第（一）项“规章”行“本年废止件数”列为“/”")
    ]
