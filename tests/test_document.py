"""Positions are exact: 1-based lines, code-point columns, on Chinese text, CRLF and BOM files."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from lintreport.document.document import Document
from lintreport.document.source import read_source
from lintreport.pack import load_pack
from lintreport.run.batch import run
from lintreport.run.runner import RunOptions, lint_text

TEXT = "关于2023年度法治政府建设情况的报告\n县政府：\n大力推进法制政府建设，谁普法谁执法,效果好。\n"


def test_position_round_trip_on_chinese_text() -> None:
    doc = Document.from_text(TEXT)
    for offset in range(len(doc.text) + 1):
        line, column = doc.position(offset)
        if offset < len(doc.text):
            assert doc.offset(line, column) == offset
    start = doc.text.index("法制政府")
    assert doc.position(start) == (3, 5)
    assert doc.text[start : start + 4] == "法制政府"


def test_full_width_and_half_width_marks_count_one_column_each() -> None:
    doc = Document.from_text("（一），,：:“”\n")
    assert [doc.position(i)[1] for i in range(9)] == list(range(1, 10))


def test_violation_columns_point_at_the_characters(default_packs) -> None:
    result = lint_text(TEXT, default_packs, path="draft.txt", options=RunOptions(year=2023))
    spans = {(v.rule, v.line, v.column, v.end_line, v.end_column) for v in result.violations}
    assert ("fazhi-not-fazhi", 3, 5, 3, 9) in spans
    assert ("reversed-slogan", 3, 12, 3, 18) in spans


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("crlf.txt", TEXT.replace("\n", "\r\n").encode("utf-8")),
        ("bom.txt", codecs.BOM_UTF8 + TEXT.encode("utf-8")),
        ("bom-crlf.txt", codecs.BOM_UTF8 + TEXT.replace("\n", "\r\n").encode("utf-8")),
        ("gbk.txt", TEXT.encode("gb18030")),
        ("cr.txt", TEXT.replace("\n", "\r").encode("utf-8")),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_positions_are_the_same_whatever_the_storage(
    tmp_path: Path, name: str, data: bytes
) -> None:
    (tmp_path / name).write_bytes(data)
    packs = [load_pack("fazhi-annual")]
    result = run([str(tmp_path / name)], packs, RunOptions(year=2023, select=("wording",)))
    found = {(v.rule, v.line, v.column, v.end_column) for v in result.violations}
    assert ("fazhi-not-fazhi", 3, 5, 9) in found
    assert ("reversed-slogan", 3, 12, 18) in found
    assert not result.errors


def test_line_endings_are_kept_for_writing_back(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    data = "第一行\r\n第二行\n第三行\r第四行".encode()
    path.write_bytes(data)
    source = read_source(path)
    assert source.text == "第一行\n第二行\n第三行\n第四行"
    assert source.encode(source.text) == data


def test_structure_of_a_small_report() -> None:
    doc = Document.from_text(
        "沈丘县人民政府办公室\n\n关于2023年度法治政府建设情况的报告\n\n沈丘县人民政府：\n"
        "一、主要举措和成效\n（一）提高站位。正文。\n（二）强化学习\n二、存在的不足和原因\n"
        "、下步工作安排\n特此报告。\n2024年1月15日\n"
    )
    s = doc.structure
    assert s.title_text == "沈丘县人民政府办公室关于2023年度法治政府建设情况的报告"
    assert s.addressee is not None and s.addressee.text == "沈丘县人民政府："
    assert [(h.line, h.level, h.number, h.style) for h in s.headings] == [
        (6, 1, 1, "一、"),
        (7, 2, 1, "（一）"),
        (8, 2, 2, "（一）"),
        (9, 1, 2, "一、"),
        (10, None, None, "、"),
    ]
    assert s.headings[1].title == "提高站位" and s.headings[1].run_in
    assert s.closing_date is not None and (s.closing_date.year, s.closing_date.month) == (2024, 1)
    assert doc.metadata.report_year == 2023
    assert doc.section_at(doc.text.index("强化学习")).title == "主要举措和成效"


def test_report_year_comes_from_the_title_not_the_page_clock() -> None:
    doc = Document.from_text(
        "铁岭市人民政府\n点击量: 来源:铁岭市人民政府办公室  时间:2025-03-01\n"
        "铁岭市人民政府办公室关于2024年法治政府建设情况报告\n正文。\n"
    )
    assert doc.metadata.report_year == 2024
    assert doc.metadata.year_source == "title"


def test_year_override_wins() -> None:
    doc = Document.from_text("关于2023年度法治政府建设情况的报告\n", year=2021)
    assert doc.report_year == 2021
    assert doc.metadata.year_source == "override"


def test_markdown_headings() -> None:
    doc = Document.from_text(
        "# 关于2023年度法治政府建设情况的报告\n\n## 一、主要举措\n\n正文\n", path="r.md"
    )
    levels = [(h.markdown_level, h.level, h.title) for h in doc.structure.headings]
    assert (2, 1, "主要举措") in levels


def test_memo_computes_a_view_once_per_document() -> None:
    calls: list[int] = []

    def factory() -> int:
        calls.append(1)
        return len(calls)

    doc = Document.from_text("一、总体情况\n")
    assert doc.memo("view", factory) == 1
    assert doc.memo("view", factory) == 1
    other = Document.from_text("一、总体情况\n")
    assert other.memo("view", factory) == 2  # per document, not global
