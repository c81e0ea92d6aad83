"""Tables 三 and 四 of two real reports as a Word document with merged cells, a web page and
Markdown: the three forms read alike, give the same findings at the same cells, and a changed
cell fires exactly the identities it breaks."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from lintreport import load_packs
from lintreport.document.document import Document
from lintreport.document.inputs import load_document
from lintreport.run.runner import lint_document, select_rules, type_signals

from .conftest import run_cli
from .xxgk_tables import (
    HUAIAN_2024,
    HUAIAN_2024_T4,
    PINGTAN_2022,
    PINGTAN_2022_T4,
    table3,
    table4,
    write_docx,
    write_html,
    write_markdown,
)

PACK = str(Path(__file__).resolve().parents[1] / "rules" / "xxgk-annual")
TABLE_RULES = (
    "xxgk-table3-cells",
    "xxgk-table3-balance",
    "xxgk-table3-results-total",
    "xxgk-table3-applicant-total",
    "xxgk-table4-cells",
    "xxgk-table4-total",
)
WRITERS: dict[str, Callable[..., Path]] = {
    ".docx": write_docx,
    ".html": write_html,
    ".md": write_markdown,
}
REPORTS = {
    "huaian-2024": (HUAIAN_2024, HUAIAN_2024_T4),
    "pingtan-2022": (PINGTAN_2022, PINGTAN_2022_T4),
}


@pytest.fixture(scope="module")
def packs():
    return load_packs([PACK])


def _cell_of(doc: Document, start: int, end: int) -> tuple[int, int, int, str]:
    """(table number, grid row, grid column, text) of the cell a finding points at."""
    for t, table in enumerate(doc.tables):
        for r, row in enumerate(table.grid):
            for c, cell in enumerate(row):
                if cell is not None and (cell.start, cell.end) == (start, end):
                    return t, r, c, cell.text
    raise AssertionError(f"finding at {start}-{end} is not on a cell: {doc.text[start:end]!r}")


def _table_findings(path: Path, packs) -> set[tuple[str, int, int, int, str, str]]:
    doc = load_document(path, year=2024)
    rules = select_rules(packs, select=TABLE_RULES)
    violations, errors = lint_document(doc, rules, packs)
    assert errors == []
    return {(v.rule, *_cell_of(doc, v.start, v.end), v.message) for v in violations}


def _write(suffix: str, tmp_path: Path, t3: dict, t4: list, name: str = "report") -> Path:
    return WRITERS[suffix](table3(t3), table4(t4), tmp_path / f"{name}{suffix}")


@pytest.mark.parametrize("report", sorted(REPORTS))
@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_balanced_tables_are_read_and_silent(suffix, report, tmp_path, packs):
    t3, t4 = REPORTS[report]
    path = _write(suffix, tmp_path, t3, t4)
    doc = load_document(path, year=2024)
    assert doc.classify(type_signals(packs)) == "xxgk-annual"
    assert len(doc.tables) == 2
    assert doc.tables[0].n_cols == 10 and doc.tables[1].n_cols == 15
    assert _table_findings(path, packs) == set()


# (row key, column index, new value) -> the rules that must fire, at which (row key, column)
BALANCE, RESULTS_TOTAL, APPLICANT_TOTAL = (
    "xxgk-table3-balance",
    "xxgk-table3-results-total",
    "xxgk-table3-applicant-total",
)
CHANGES = [
    (("三二", 0, 448), {(RESULTS_TOTAL, "三七", 0), (APPLICANT_TOTAL, "三二", 6)}),
    (("一", 6, 3120), {(BALANCE, "三七", 6), (APPLICANT_TOTAL, "一", 6)}),
    (("四", 1, 1), {(BALANCE, "三七", 1), (APPLICANT_TOTAL, "四", 6)}),
    (
        ("三七", 4, 60),
        {(BALANCE, "三七", 4), (RESULTS_TOTAL, "三七", 4), (APPLICANT_TOTAL, "三七", 6)},
    ),
    (("三三1", 2, "/"), {("xxgk-table3-cells", "三三1", 2)}),
    (("三四2", 3, ""), {("xxgk-table3-cells", "三四2", 3)}),
]
ROWS = list(HUAIAN_2024)


def _grid_position(key: str, column: int) -> tuple[int, int, int]:
    """Table 0, grid row (two header rows first), grid column (three label columns first)."""
    return 0, 2 + ROWS.index(key), 3 + column


@pytest.mark.parametrize("change, expected", CHANGES)
def test_one_changed_cell_fires_exactly_what_it_breaks_in_all_three_forms(
    change, expected, tmp_path, packs
):
    key, column, value = change
    t3 = copy.deepcopy(HUAIAN_2024)
    t3[key][column] = value
    results = {}
    for suffix in WRITERS:
        found = _table_findings(_write(suffix, tmp_path, t3, HUAIAN_2024_T4), packs)
        results[suffix] = found
        where = {(rule, t, r, c) for rule, t, r, c, _, _ in found}
        assert where == {(rule, *_grid_position(k, col)) for rule, k, col in expected}, suffix
    # the same findings, messages included, whatever the input format
    assert results[".docx"] == results[".html"] == results[".md"]


def test_the_message_shows_the_arithmetic_at_the_total_cell(tmp_path, packs):
    t3 = copy.deepcopy(PINGTAN_2022)
    t3["四"][6] = 1  # 74+1 = 75 ≠ 75+1
    found = _table_findings(_write(".docx", tmp_path, t3, PINGTAN_2022_T4), packs)
    messages = {m for rule, *_, m in found if rule == "xxgk-table3-balance"}
    assert messages == {
        "表三“总计”列：第一项+第二项 = 74+1 = 75，第三项（七）总计+第四项 = 75+1 = 76，两者应相等"
        "（表三表头注明：本列数据的勾稽关系为，第一项加第二项之和，等于第三项加第四项之和）。"
    }


def test_table4_groups_are_checked_separately(tmp_path, packs):
    t4 = list(PINGTAN_2022_T4)
    t4[5] = 2  # 诉讼（未经复议直接起诉）结果维持 2, total still 1
    for suffix in WRITERS:
        found = _table_findings(_write(suffix, tmp_path, PINGTAN_2022, t4), packs)
        assert {(rule, t, r, c) for rule, t, r, c, _, _ in found} == {
            ("xxgk-table4-total", 1, 3, 9)
        }, suffix


def test_a_word_table_split_at_a_page_is_one_table(tmp_path, packs):
    t3 = copy.deepcopy(HUAIAN_2024)
    t3["四"][0] = 104
    path = write_docx(table3(t3), table4(HUAIAN_2024_T4), tmp_path / "split.docx", split_t3_at=14)
    doc = load_document(path, year=2024)
    assert [t.n_rows for t in doc.tables] == [27, 4]
    rules = {rule for rule, *_ in _table_findings(path, packs)}
    assert rules == {"xxgk-table3-balance", "xxgk-table3-applicant-total"}


def test_html_page_chrome_and_scripts_are_not_text(tmp_path):
    path = _write(".html", tmp_path, HUAIAN_2024, HUAIAN_2024_T4)
    doc = load_document(path)
    assert "首页" not in doc.text and "var x" not in doc.text and "主办单位" not in doc.text
    assert doc.text.startswith("淮安市人民政府2024年政府信息公开工作年度报告\n一、总体情况")
    assert doc.report_year == 2024


def test_cli_reports_a_cell_of_a_word_table_by_its_paragraph(tmp_path):
    t3 = copy.deepcopy(HUAIAN_2024)
    t3["一"][6] = 3120
    path = _write(".docx", tmp_path, t3, HUAIAN_2024_T4)
    proc = run_cli("check", "--pack", PACK, "--format", "json", "--select", "number", str(path))
    data = json.loads(proc.stdout)
    balance = [v for v in data["violations"] if v["rule"] == "xxgk-table3-balance"]
    assert len(balance) == 1
    doc = load_document(path)
    line = doc.line_text(balance[0]["line"])
    assert line[balance[0]["column"] - 1 : balance[0]["end_column"] - 1] == "3050"


def test_figures_written_together_are_one_info_finding_and_nothing_is_guessed(packs):
    text = (
        "平潭综合实验区2021年度政府信息公开工作年度报告\n"
        "三、收到和处理政府信息公开申请情况 申请人情况自然人法人或其他组织总计商业企业科研机构"
        "社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量640020470"
        "二、上年结转政府信息公开申请数量0000000（七）总计630020469四、结转下年度继续办理1000001\n"
    )
    doc = Document.from_text(text, "pagetxt.txt")
    table3_rules = [r for r in TABLE_RULES if r.startswith("xxgk-table3")]
    violations, _ = lint_document(doc, select_rules(packs, select=table3_rules), packs)
    assert [(v.rule, v.severity.value, text[v.start : v.end]) for v in violations] == [
        ("xxgk-table3-cells", "info", "640020470")
    ]


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01PK\x03\x04", b"<html><body><script>var a = 1;</script></body></html>"],
    ids=["empty", "binary", "only-a-script"],
)
def test_a_web_page_without_text_is_a_one_line_error(content, tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(content)
    proc = run_cli("check", str(path))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stdout + proc.stderr
    [error] = [ln for ln in proc.stdout.splitlines() if "无法检查：" in ln]
    assert error.startswith(f"{path}: 无法检查：")


def test_absurd_spans_in_a_web_table_do_not_blow_up(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<p>一、总体情况</p><table><tr><td rowspan='99999999' colspan='abc'>一、本年新收</td>"
        "<td colspan='-3'>1</td></tr></table>",
        encoding="utf-8",
    )
    doc = load_document(path)
    assert [[c and c.text for c in row] for row in doc.tables[0].grid] == [["一、本年新收", "1"]]
