"""citation_consistency and the citation parsing helpers."""

from __future__ import annotations

from lintreport.checks.citation_consistency import CitationConsistency, Params
from lintreport.document.document import Document
from lintreport.text.citations import (
    iter_book_titles,
    iter_citations,
    normalize_number,
    normalize_title,
)

SYNONYMS = {"人民政府": "政府"}


def conflicts(text: str, conflict: str = "number") -> list[tuple[int, str, str]]:
    check = CitationConsistency(Params(conflict=conflict, title_synonyms=SYNONYMS))  # type: ignore[arg-type]
    doc = Document.from_text(text, "x.txt")
    return [
        (doc.position(f.start)[0], text[f.start : f.end], f.args["other_line"])
        for f in check.run(doc)
    ]


def test_nested_book_titles_are_one_span() -> None:
    text = "印发《关于印发〈纲要〉的通知》和《方案》"
    assert [b.title for b in iter_book_titles(text)] == ["关于印发〈纲要〉的通知", "方案"]


def test_unclosed_title_stops_at_the_line_end() -> None:
    assert [b.title for b in iter_book_titles("《未闭合\n《方案》")] == ["方案"]


def test_citations_with_any_bracket() -> None:
    text = "《甲意见》(云政办发〔2019〕67号)、《乙意见》（保政发﹝2022﹞10号）、《丙》（见附件）"
    assert [(c.title.title, c.number) for c in iter_citations(text)] == [
        ("甲意见", "云政办发〔2019〕67号"),
        ("乙意见", "保政发﹝2022﹞10号"),
    ]


def test_number_followed_by_a_note() -> None:
    text = "《甲实施意见》（云政办发〔2019〕67号，以下简称《意见》）"
    assert [c.number for c in iter_citations(text)] == ["云政办发〔2019〕67号"]


def test_normalisation() -> None:
    assert normalize_number("云政办发﹝2019﹞第067号") == "云政办发〔2019〕67号"
    assert normalize_number("云政办发[2019]67号") == "云政办发〔2019〕67号"
    assert normalize_title("云南省人民政府办公厅 关于（试行）", SYNONYMS) == normalize_title(
        "云南省政府办公厅关于(试行)", SYNONYMS
    )
    assert normalize_title("纲要（2021—2025年）") == normalize_title("纲要(2021-2025年)")


def test_seed_001_two_numbers_for_one_title() -> None:
    text = (
        "贯彻《云南省政府办公厅关于全面推行行政规范性文件合法性审核机制的实施意见》(云政办发〔2019〕67号)。\n"
        "其他内容。\n"
        "以《云南省人民政府办公厅关于全面推行行政规范性文件合法性审核机制的实施意见》(云政发〔2019〕67号)为重点。\n"
    )
    assert conflicts(text) == [(1, "云政办发〔2019〕67号", "3"), (3, "云政发〔2019〕67号", "1")]


def test_bracket_slip_is_not_a_second_number() -> None:
    text = (
        "贯彻《保山市人民政府关于加强行政执法监督的意见》（保政发〔2022〕10号）。\n"
        "落实《保山市人民政府关于加强行政执法监督的意见》（保政发﹝2022﹞10号）。\n"
    )
    assert conflicts(text) == []


def test_short_titles_are_not_compared() -> None:
    assert conflicts("《通知》（保政发〔2022〕1号）和《通知》（保政发〔2022〕2号）。") == []


def test_one_number_two_titles() -> None:
    text = (
        "贯彻《保山市人民政府关于加强行政执法监督的意见》（保政发〔2022〕5号）。\n"
        "落实《保山市人民政府关于推进政务公开的意见》（保政发〔2022〕5号）。\n"
        "学习《意见》（保政发〔2022〕5号）。\n"
    )
    found = conflicts(text, "title")
    assert [(line, other) for line, _, other in found] == [(1, "2"), (2, "1")]
    assert conflicts(text, "number") == []
