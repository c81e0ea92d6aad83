"""The table model: tolerant labels, Markdown pipe tables, and rows of figures in flattened text,
read exactly or not at all."""

from __future__ import annotations

import regex

from lintreport.document.document import Document
from lintreport.document.tables import label_regex, normalise_label, read_text_rows

T3 = [("一、本年新收政府信息公开申请数量",), ("二、上年结转政府信息公开申请数量",), ("（七）总计",)]


def test_labels_compare_without_spaces_brackets_or_numbering():
    assert normalise_label("（二）部分 公开") == normalise_label("(二)部分公开") == "部分公开"
    assert normalise_label("1、申请人无正当理由") == normalise_label("1.申请人无正当理由")
    assert normalise_label("本年新收政府信息公开申请数量") == normalise_label(
        "一、本年新收政府信息公开申请数量"
    )


def test_a_label_broken_by_a_pdf_line_or_written_without_its_numbering_is_found():
    pattern = regex.compile(label_regex("5.要求行政机关确认或重新出具已获取信息"))
    assert pattern.search("5.要求行政机关确认或重新出\n1 0 0 0 0 0 1\n具已获取信息")
    assert pattern.search("5、要求行政\n机关确认或重新出具")
    assert pattern.search("要求行政机关确认或重新出具已获取信息 1 0 0 0 0 0 1")
    short = regex.compile(label_regex("3.其他"))
    assert short.search("3、其他 4 0 0 0 0 0 4")
    assert not short.search("其他 4 0 0 0 0 0 4")  # too short to match without its number


def _rows(text: str, labels=T3, width=3):
    return read_text_rows(text, labels, width)


def test_rows_of_figures_under_their_labels_are_read_with_their_spans():
    text = (
        "一、本年新收政府信息公开申请数量 3 1 4\n"
        "- 4 -\n"
        "二、上年结转政府信息公开申请数量 1 0 1\n（七）总计 4 1 5\n"
    )
    rows = _rows(text)
    assert rows is not None and rows.table is not None
    cells = [[c.text for c in row[1:]] for row in rows.table.grid]
    assert cells == [["3", "1", "4"], ["1", "0", "1"], ["4", "1", "5"]]
    total = rows.table.grid[2][3]
    assert text[total.start : total.end] == "5"


def test_figures_written_together_are_read_only_when_one_digit_per_cell_is_the_only_way():
    exact = _rows(
        "一、本年新收政府信息公开申请数量314二、上年结转政府信息公开申请数量101（七）总计415"
    )
    assert exact is not None and exact.table is not None
    assert [c.text for c in exact.table.grid[0][1:]] == ["3", "1", "4"]
    text = "一、本年新收政府信息公开申请数量30131二、上年结转政府信息公开申请数量101（七）总计415"
    ambiguous = _rows(text)
    assert ambiguous is not None and ambiguous.table is None
    assert ambiguous.unreadable is not None
    assert text[slice(*ambiguous.unreadable)] == "30131"


def test_a_missing_row_is_named_and_an_absent_table_is_none():
    missing = _rows("一、本年新收政府信息公开申请数量 3 1 4\n（七）总计 4 1 5\n")
    assert missing is not None and missing.missing == "二、上年结转政府信息公开申请数量"
    assert _rows("全年收到申请12件。") is None


def test_markdown_pipe_tables_are_tables_and_split_tables_are_joined():
    doc = Document.from_text(
        "| 项目 | 甲 | 乙 |\n|---|---|---|\n| 一、收到 | 1 | 2 |\n\n"
        "| 项目 | 甲 | 乙 |\n|---|---|---|\n| 二、办结 | 3 |  |\n",
        "a.md",
    )
    [table] = doc.tables
    assert [[c.text if c else None for c in row] for row in table.grid] == [
        ["项目", "甲", "乙"],
        ["一、收到", "1", "2"],
        ["项目", "甲", "乙"],
        ["二、办结", "3", ""],
    ]
    blank = table.grid[3][2]  # an empty cell is an empty span just inside it
    assert blank.start == blank.end and doc.text[blank.start - 2 : blank.start + 2] == "|  |"[0:4]


def test_pipe_rows_without_a_separator_line_are_a_table_but_a_lone_row_is_not():
    doc = Document.from_text(
        "说明\n| 信息内容 | 本年制发件数 |\n| 规章 | 0 |\n正文\n| 规章 | 1 |\n", "a.txt"
    )
    [table] = doc.tables
    assert [[c.text if c else None for c in row] for row in table.grid] == [
        ["信息内容", "本年制发件数"],
        ["规章", "0"],
    ]


def test_cells_after_a_label_are_read_between_pipes_on_one_line_or_one_per_line():
    labels = [("规章",), ("行政规范性文件",)]
    one_line = read_text_rows("规章 | 0 | / | 2 |\n行政规范性文件 | 1 | 0 | 3 |\n", labels, 3)
    per_line = read_text_rows("规章 |\n0 |\n/ |\n2 |\n行政规范性文件 |\n1 |\n0 |\n3 |\n", labels, 3)
    for rows in (one_line, per_line):
        assert rows is not None and rows.table is not None
        assert [[c.text for c in row if c] for row in rows.table.grid] == [
            ["规章", "0", "/", "2"],
            ["行政规范性文件", "1", "0", "3"],
        ]
    too_many = read_text_rows("规章 |\n|\n|\n0 |\n||\n行政规范性文件 | 1 | 0 | 3 |\n", labels, 3)
    assert too_many is not None and too_many.table is None
    assert (too_many.cells_found, too_many.row) == (5, "规章")
