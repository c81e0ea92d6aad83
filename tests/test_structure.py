"""structure.analyse on the five seeds and on the tricky layouts they contain."""

from __future__ import annotations

from pathlib import Path

import pytest

from lintreport.document.document import Document
from lintreport.document.inputs import load_document

ROOT = Path(__file__).resolve().parents[1]


def seed(name: str) -> Document:
    path = next((ROOT / "seeds").glob(f"{name}_*.txt"))
    return load_document(path, str(path))


def outline(doc: Document) -> list[tuple[int, int | None, int | None, str]]:
    return [(h.line, h.level, h.number, h.style) for h in doc.structure.headings]


def test_seed_000_title_block_and_thematic_sections() -> None:
    s = seed("000").structure
    assert s.title_text == "淮北市人民政府办公室关于2022年度法治政府建设情况工作的报告"
    assert (s.title.number, s.doc_number.number, s.addressee.number) == (2, 3, 5)
    assert [(h.line, h.number) for h in s.sections()] == [(7, 1), (9, 2), (11, 3), (13, 4)]
    assert s.closing_date is None


def test_seed_001_has_no_title_and_half_width_subheadings() -> None:
    doc = seed("001")
    assert doc.structure.title_text is None and doc.structure.addressee is None
    assert doc.report_year == 2022 and doc.metadata.year_source == "opening"
    levels = outline(doc)
    assert [n for line, lv, n, _ in levels if lv == 1] == [1, 2, 3]
    assert {st for _, lv, _, st in levels if lv == 2} == {"(一)"}


def test_seed_002_sharing_copy_title_and_run_in_sections() -> None:
    s = seed("002").structure
    assert s.sharing_copy and len(s.page_marker_lines) == 16
    assert s.title is None  # the title line carries body text too
    assert s.title_text == "市政府2023年法治政府建设情况报告"
    doc = seed("002")
    assert doc.text[s.title_span[0] : s.title_span[1]] == s.title_text
    assert [(h.number, h.title) for h in s.sections()] == [
        (1, "紧抓顶层谋划,高站位推动重点工作"),
        (2, "紧抓改革创新,多层次优化政务效劳"),
        (3, "紧抓制度建立,全方位护航社会进展"),
        (4, "紧抓执法监视,立体化标准行政执法"),
        (5, "紧抓末梢治理,联动性推动冲突化解"),
        (6, "紧抓权力制约,严标准防控用权失范"),
    ]
    # page markers 1、…16、 are never headings
    assert all(h.level == 1 and h.run_in for h in s.headings)


def test_seed_003_chrome_is_neither_title_nor_heading_and_lost_numeral() -> None:
    doc = seed("003")
    s = doc.structure
    assert s.chrome_lines == frozenset({1, 3, 7})
    assert s.title.number == 5 and s.addressee.number == 9
    lost = [h for h in s.headings if h.style == "、"]
    assert [(h.line, h.title) for h in lost] == [(31, "下步工作安排")]
    assert doc.text[lost[0].numeral_start : lost[0].numeral_end] == "、"


def test_seed_004_closing_date() -> None:
    s = seed("004").structure
    assert (s.closing_date.line, s.closing_date.year, s.closing_date.month) == (38, 2023, 12)
    assert [h.number for h in s.sections()] == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("text", "addressee"),
    [
        ("关于2023年度法治政府建设情况的报告\n县委、县人民政府\n正文很长的一句话。\n", 2),
        (
            "某县人民政府办公室关于2023年度法治政府建设情况的报告\n某县人民政府办公室\n正文。\n",
            None,
        ),
        ("关于2023年度法治政府建设情况的报告\n县委：\n", 2),
    ],
)
def test_addressee_with_and_without_colon(text: str, addressee: int | None) -> None:
    found = Document.from_text(text, "x.txt").structure.addressee
    assert (found.number if found else None) == addressee


def test_chrome_only_at_head_and_foot_and_never_a_sentence() -> None:
    body = "一是推进政务公开。点击量和访问量均有提升，来源:县政府办公室，时间:全年。\n"
    doc = Document.from_text("关于2023年度法治政府建设情况的报告\n" + body, "x.txt")
    assert doc.structure.chrome_lines == frozenset()


def test_markdown_title_without_its_marker() -> None:
    text = "# 某县司法局关于2023年度法治政府建设情况的报告\n\n县人民政府：\n\n## 一、主要举措\n"
    doc = Document.from_text(text, "draft.md")
    s = doc.structure
    assert s.title_text == "某县司法局关于2023年度法治政府建设情况的报告"
    assert doc.text[s.title_span[0] : s.title_span[1]] == s.title_text
    assert [(h.level, h.markdown_level) for h in s.headings] == [(1, 2)]


@pytest.mark.parametrize(
    ("text", "lost"),
    [
        ("一、甲\n二、乙。\n\n  、下步工作安排\n", [4]),
        ("一、甲\n全面清理规章\n、规范性文件和政策措施。\n", []),
        ("一、甲。\n、下步工作安排，包括三个方面\n", []),
    ],
)
def test_lost_numeral_only_on_a_heading_line(text: str, lost: list[int]) -> None:
    s = Document.from_text(text, "x.txt").structure
    assert [h.line for h in s.headings if h.style == "、"] == lost


def test_a_single_government_under_the_title_may_be_the_issuer() -> None:
    text = "关于2023年度法治政府建设情况的报告\n某县司法局\n2023年，我局推进法治建设。\n"
    assert Document.from_text(text, "x.txt").structure.addressee is None
    text = "关于2023年度法治政府建设情况的报告\n中共某县委全面依法治县委员会\n2023年，我局推进。\n"
    assert Document.from_text(text, "x.txt").structure.addressee.number == 2


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "某市人民政府关于2023年度法治政府建设\n情况的报告\n市委：\n",
            "某市人民政府关于2023年度法治政府建设情况的报告",
        ),
        (
            "某县司法局\n2023年度法治政府建设情况报告\n县政府：\n",
            "某县司法局2023年度法治政府建设情况报告",
        ),
        (
            "淮北市人民政府办公室\n关于2022年度法治政府建设情况的报告\n",
            "淮北市人民政府办公室关于2022年度法治政府建设情况的报告",
        ),
    ],
)
def test_title_over_two_lines(text: str, title: str) -> None:
    assert Document.from_text(text, "x.txt").structure.title_text == title


def test_a_sentence_ending_with_a_colon_is_not_an_addressee() -> None:
    text = "关于2023年度法治政府建设情况的报告\n一年来，我局主要做了以下工作:\n一、甲\n"
    assert Document.from_text(text, "x.txt").structure.addressee is None
