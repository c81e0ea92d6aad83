"""Tables 三 and 四 of real 政府信息公开工作年度报告 as the template lays them out (merged cells
included), written as a Word table, an HTML table and a Markdown pipe table.

A layout is a list of rows; each row lists the cells that start in it as (text, rowspan, colspan),
as HTML writes them. The figures are those of two corpus reports: 淮安市人民政府 2024 (PDF text)
and 平潭综合实验区 2022 (its cells recovered from the archived page's markup, where the crawler
copy runs them together).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

import docx

Cell = tuple[str, int, int]
Layout = list[list[Cell]]

COLUMNS3 = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
RESULTS = [
    ("（三）不予公开", [
        "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”",
        "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息",
        "7.属于行政执法案卷", "8.属于行政查询事项",
    ]),
    ("（四）无法提供", [
        "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
    ]),
    ("（五）不予处理", [
        "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物",
        "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息",
    ]),
    ("（六）其他处理", [
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "3.其他",
    ]),
]  # fmt: skip
# Row keys, in template order: 一, 二, 三一, 三二, 三三1…三六3, 三七, 四.
ROW_KEYS = [
    "一",
    "二",
    "三一",
    "三二",
    *(f"三{g}{k + 1}" for g, (_, items) in zip("三四五六", RESULTS, strict=True)
      for k in range(len(items))),
    "三七",
    "四",
]  # fmt: skip

HUAIAN_2024 = dict(zip(ROW_KEYS, [
    [3001, 53, 0, 0, 61, 4, 3119], [34, 0, 0, 0, 0, 0, 34],
    [1288, 21, 0, 0, 50, 3, 1362], [447, 7, 0, 0, 0, 0, 454],
    [2, 0, 0, 0, 0, 0, 2], [30, 1, 0, 0, 0, 0, 31], [5, 0, 0, 0, 0, 0, 5], [6, 0, 0, 0, 0, 0, 6],
    [7, 1, 0, 0, 0, 0, 8], [12, 0, 0, 0, 0, 0, 12], [9, 0, 0, 0, 0, 0, 9],
    [105, 0, 0, 0, 0, 0, 105],
    [746, 12, 0, 0, 10, 1, 769], [11, 0, 0, 0, 0, 0, 11], [1, 0, 0, 0, 0, 0, 1],
    [56, 6, 0, 0, 0, 0, 62], [25, 0, 0, 0, 0, 0, 25], [0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 0, 1],
    [67, 3, 0, 0, 1, 0, 71], [6, 0, 0, 0, 0, 0, 6], [108, 2, 0, 0, 0, 0, 110],
    [2932, 53, 0, 0, 61, 4, 3050], [103, 0, 0, 0, 0, 0, 103],
], strict=True))  # fmt: skip
HUAIAN_2024_T4 = [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]

_ZERO = [0] * 7
PINGTAN_2022 = {key: list(_ZERO) for key in ROW_KEYS}
PINGTAN_2022.update({
    "一": [71, 3, 0, 0, 0, 0, 74], "二": [1, 0, 0, 0, 0, 0, 1],
    "三一": [21, 0, 0, 0, 0, 0, 21], "三二": [8, 1, 0, 0, 0, 0, 9],
    "三三5": [1, 0, 0, 0, 0, 0, 1], "三三6": [2, 0, 0, 0, 0, 0, 2], "三三7": [1, 0, 0, 0, 0, 0, 1],
    "三四1": [37, 0, 0, 0, 0, 0, 37], "三六1": [2, 0, 0, 0, 0, 0, 2],
    "三六3": [0, 2, 0, 0, 0, 0, 2],
    "三七": [72, 3, 0, 0, 0, 0, 75],
})  # fmt: skip
PINGTAN_2022_T4 = [0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]


def table3(values: dict[str, list[object]]) -> Layout:
    """The template's 表三: 3 label columns (merged as printed) and 7 figure columns."""
    rows: Layout = [
        [("申请人情况", 2, 3), ("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
        [(c, 1, 1) for c in COLUMNS3[1:6]],
    ]

    def figures(key: str) -> list[Cell]:
        return [(str(v), 1, 1) for v in values[key]]

    rows.append([("一、本年新收政府信息公开申请数量", 1, 3), *figures("一")])
    rows.append([("二、上年结转政府信息公开申请数量", 1, 3), *figures("二")])
    n_results = 2 + sum(len(items) for _, items in RESULTS) + 1
    rows.append([("三、本年度办理结果", n_results, 1), ("（一）予以公开", 1, 2), *figures("三一")])
    rows.append(
        [("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, 2), *figures("三二")]
    )
    for g, (group, items) in zip("三四五六", RESULTS, strict=True):
        for k, item in enumerate(items):
            head = [(group, len(items), 1)] if k == 0 else []
            rows.append([*head, (item, 1, 1), *figures(f"三{g}{k + 1}")])
    rows.append([("（七）总计", 1, 2), *figures("三七")])
    rows.append([("四、结转下年度继续办理", 1, 3), *figures("四")])
    return rows


def table4(values: list[object]) -> Layout:
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结"]
    return [
        [("行政复议", 1, 5), ("行政诉讼", 1, 10)],
        [*((r, 2, 1) for r in results), ("总计", 2, 1), ("未经复议直接起诉", 1, 5),
         ("复议后起诉", 1, 5)],
        [(c, 1, 1) for c in [*results, "总计"] * 2],
        [(str(v), 1, 1) for v in values],
    ]  # fmt: skip


def _grid(layout: Layout) -> list[list[tuple[str, int, int] | None]]:
    """(text, top row, left column) of the cell covering each position."""
    grid: dict[tuple[int, int], tuple[str, int, int]] = {}
    for r, row in enumerate(layout):
        c = 0
        for text, rowspan, colspan in row:
            while (r, c) in grid:
                c += 1
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = (text, r, c)
            c += colspan
    height = max(r for r, _ in grid) + 1
    width = max(c for _, c in grid) + 1
    return [[grid.get((r, c)) for c in range(width)] for r in range(height)]


PROSE_BEFORE = [
    "淮安市人民政府2024年政府信息公开工作年度报告",
    "一、总体情况",
    "2024年，我市扎实推进政务公开。",
]
T3_HEADING = "三、收到和处理政府信息公开申请情况"
T4_HEADING = "四、政府信息公开行政复议、行政诉讼情况"
PROSE_AFTER = ["五、存在的主要问题及改进情况", "一是解读形式单一。", "六、其他需要报告的事项",
               "本年度未收取信息处理费。"]  # fmt: skip


def write_docx(
    t3: Layout,
    t4: Layout,
    path: Path,
    *,
    split_t3_at: int | None = None,
    extra: Sequence[str] = (),
) -> Path:
    """A .docx with real merged cells; `split_t3_at` splits 表三 into two Word tables at that
    row, with an empty paragraph between, as a table broken at a page often is; `extra`
    paragraphs go into 总体情况 (to make a long report)."""
    document = docx.Document()
    for line in [*PROSE_BEFORE, *extra]:
        document.add_paragraph(line)
    document.add_paragraph(T3_HEADING)
    if split_t3_at is None:
        _docx_table(document, t3)
    else:
        _docx_table(document, t3, stop=split_t3_at)
        document.add_paragraph("")
        _docx_table(document, t3, start=split_t3_at)
    document.add_paragraph(T4_HEADING)
    _docx_table(document, t4)
    for line in PROSE_AFTER:
        document.add_paragraph(line)
    document.save(path)
    return path


def _docx_table(document, layout: Layout, start: int = 0, stop: int | None = None) -> None:
    grid = _grid(layout)
    stop = len(grid) if stop is None else stop
    table = document.add_table(rows=stop - start, cols=len(grid[0]))
    done: set[tuple[int, int]] = set()
    for r in range(start, stop):
        for c, cell in enumerate(grid[r]):
            if cell is None or (cell[1], cell[2]) in done:
                continue
            text, top, left = cell
            done.add((top, left))
            bottom = max(rr for rr in range(top, stop) if grid[rr][c] == cell)
            right = max(cc for cc in range(len(grid[r])) if grid[r][cc] == cell)
            first = table.cell(max(top, start) - start, left)
            merged = first.merge(table.cell(bottom - start, right)) if (bottom, right) != (
                max(top, start), left) else first  # fmt: skip
            merged.text = text


def write_html(t3: Layout, t4: Layout, path: Path, *, extra: Sequence[str] = ()) -> Path:
    """A web page as sites publish it: navigation and scripts around the report."""

    def table(layout: Layout) -> str:
        rows = []
        for row in layout:
            cells = "".join(
                f'<td rowspan="{rs}" colspan="{cs}">{html.escape(t)}</td>' for t, rs, cs in row
            )
            rows.append(f"<tr>{cells}</tr>")
        return "<table>" + "".join(rows) + "</table>"

    def paragraphs(lines: list[str]) -> str:
        return "".join(f"<p>{html.escape(x)}</p>" for x in lines)

    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>年报</title>"
        "<style>p{margin:0}</style><script>var x = '一、总体情况';</script></head><body>"
        "<div class='nav'>首页 政务公开 政府信息公开年报</div>"
        f"<div class='article'>{paragraphs([*PROSE_BEFORE, *extra])}<p>{T3_HEADING}</p>{table(t3)}"
        f"<p>{T4_HEADING}</p>{table(t4)}{paragraphs(PROSE_AFTER)}</div>"
        "<div class='footer'>主办单位：某市人民政府办公室</div></body></html>"
    )
    path.write_text(page, encoding="utf-8")
    return path


def write_markdown(t3: Layout, t4: Layout, path: Path, *, extra: Sequence[str] = ()) -> Path:
    """Markdown has no merged cells: a merged cell's text is repeated in each position."""

    def table(layout: Layout) -> list[str]:
        grid = _grid(layout)
        lines = []
        for r, row in enumerate(grid):
            lines.append("| " + " | ".join("" if c is None else c[0] for c in row) + " |")
            if r == 0:
                lines.append("|" + "---|" * len(row))
        return lines

    prose = [*PROSE_BEFORE, *(x for p in extra for x in ("", p))]
    lines = [*prose, "", T3_HEADING, "", *table(t3), "", T4_HEADING, "", *table(t4), "",
             *PROSE_AFTER]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
