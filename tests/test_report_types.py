"""Reading reports the tool has never seen: report year from every signal, report type from the
packs' `recognize:` blocks, rules scoped by type and by year."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from lintreport.document.document import Document
from lintreport.pack import Pack
from lintreport.run.batch import run
from lintreport.run.runner import RunOptions, lint_text

from .conftest import ROOT, run_cli

CORPUS = ROOT.parent / "shared" / "corpus"
SOURCES = CORPUS / "SOURCES.tsv"
needs_corpus = pytest.mark.skipif(
    not SOURCES.is_file(), reason="the shared corpus of real reports (../shared/corpus) is absent"
)


def corpus_rows() -> list[dict[str, str]]:
    if not SOURCES.is_file():
        return []
    with SOURCES.open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def expected_type(description: str) -> str:
    return "xxgk-annual" if "政府信息公开" in description else "fazhi-annual"


@needs_corpus
@pytest.mark.parametrize("row", corpus_rows(), ids=lambda r: r["file"])
def test_every_corpus_report_gets_its_true_year_and_type(row: dict[str, str], packs) -> None:
    result = run([str(CORPUS / row["file"])], packs, RunOptions())
    (doc,) = result.documents
    assert doc.report_year == int(row["report year"]), doc
    known = {p.report_type for p in packs}
    if expected_type(row["report type"]) in known:
        assert doc.report_type == expected_type(row["report type"]), doc


def test_seeds_get_their_year_and_type(packs) -> None:
    result = run([str(ROOT / "seeds")], packs, RunOptions())
    got = {Path(d.path).name[:3]: (d.report_type, d.report_year) for d in result.documents}
    assert got == {
        "000": ("fazhi-annual", 2022),
        "001": ("fazhi-annual", 2022),
        "002": ("fazhi-annual", 2023),
        "003": ("fazhi-annual", 2024),
        "004": ("fazhi-annual", 2023),
    }


@pytest.mark.parametrize(
    ("text", "year", "source"),
    [
        (
            "某县人民政府关于二〇二三年度法治政府建设情况的报告\n县委：\n今年以来，我县……\n",
            2023,
            "title",
        ),
        (
            "某县人民政府关于法治政府建设情况的报告\n县委：\n2022年，我县坚持依法行政。\n",
            2022,
            "opening",
        ),
        (
            "某县人民政府关于法治政府建设情况的报告\n县委：\n2023年以来，我县坚持依法行政。\n",
            2023,
            "opening-since",
        ),
        (
            "某县人民政府关于法治政府建设情况的报告\n县委：\n2021年来，我县坚持依法行政。\n",
            2021,
            "opening-since",
        ),
        (
            "某县人民政府关于法治政府建设情况的报告\n县委：\n一、2024年度推进法治政府建设的主要举措和成效\n",
            2024,
            "heading",
        ),
        (
            "某县人民政府关于法治政府建设情况的报告\n县委：\n本报告统计时段为2023年1月1日至12月31日。\n",
            2023,
            "period",
        ),
        (
            "某县人民政府关于法治政府建设情况的报告\n县委：\n一、主要举措和成效\n二、存在的不足和原因\n"
            "三、2025年工作计划\n",
            2024,
            "plan",
        ),
        (
            "根据要求，现将市政府办公室2022年度法治政府建设情况报告如下：\n一、主要举措\n",
            2022,
            "opening",
        ),
        (
            "平潭综合实验区社会事业局关于2022年法治工作情况暨2023年工作要点的报告\n县委：\n",
            2022,
            "title",
        ),
        (
            "\n根据《中华人民共和国政府信息公开条例》等规定,现公布某市人民政府办公厅2023年政府"
            "信息公开工作年度报告。\n一、总体情况\n",
            2023,
            "opening",
        ),
        ("一、总体情况\n2023年,某市政府办公厅坚持依法公开。\n二、主动公开情况\n", 2023, "opening"),
        ("一、总体情况\n所列数据截止日期为2024年12月31日。\n", 2024, "period"),
        (
            "本年度报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n",
            2020,
            "period",
        ),
    ],
)
def test_report_year_from_every_signal(text: str, year: int, source: str) -> None:
    doc = Document.from_text(text)
    assert (doc.metadata.report_year, doc.metadata.year_source) == (year, source)


@pytest.mark.parametrize(
    "text",
    [
        "某县人民政府关于法治政府建设情况的报告\n县委：\n今年以来，我县坚持依法行政。\n",
        "关于《法治政府建设实施纲要（2021—2025年）》的学习体会\n",
        "某县人民政府关于法治政府建设情况的报告\n县委：\n2021—2025年是关键时期。\n",
    ],
)
def test_no_year_is_guessed(text: str) -> None:
    assert Document.from_text(text).metadata.report_year is None


def test_year_unknown_message_is_true_and_names_every_place_looked(default_packs) -> None:
    text = "某县人民政府关于法治政府建设情况的报告\n县委：\n今年以来，我县坚持依法行政。\n"
    found = [
        v for v in lint_text(text, default_packs).violations if v.rule == "report-year-unknown"
    ]
    assert len(found) == 1
    assert "标题、正文开头、一级标题和统计时段" in found[0].message
    assert "{" not in found[0].message


def test_year_signals_that_disagree_are_named(default_packs) -> None:
    text = (
        "关于2023年度法治政府建设情况的报告\n县人民政府：\n2023年，我县扎实推进法治政府建设。\n"
        "一、2022年度推进法治政府建设的主要举措和成效\n"
    )
    found = [
        v
        for v in lint_text(text, default_packs).violations
        if v.rule == "report-year-signals-disagree"
    ]
    assert [(v.line, v.column, v.severity.value) for v in found] == [(4, 3, "info")]
    assert "一级标题中的“2022年”与标题所示的报告年度（2023年）不一致" in found[0].message


def test_json_documents_say_where_the_year_came_from(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(
        "某县人民政府关于法治政府建设情况的报告\n县委：\n2022年，我县坚持依法行政。\n",
        encoding="utf-8",
    )
    proc = run_cli("check", "--format", "json", "--exit-zero", str(report))
    (doc,) = json.loads(proc.stdout)["documents"]
    assert (doc["report_type"], doc["report_year"], doc["year_source"]) == (
        "fazhi-annual",
        2022,
        "opening",
    )


# -- report type ---------------------------------------------------------------------------------


def _fazhi_specific(packs: list[Pack]) -> set[str]:
    return {
        r.id
        for p in packs
        if p.report_type == "fazhi-annual"
        for r in p.rules
        if r.applies_to != "any"
    }


def test_a_readme_gets_no_report_specific_finding(tmp_path: Path, default_packs) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        "# 报告草稿\n\n本仓库存放各部门的年度报告草稿，每个部门一个文件夹。提交前请先检查。\n",
        encoding="utf-8",
    )
    result = run([str(readme)], default_packs, RunOptions())
    assert result.documents[0].report_type is None
    assert [v.rule for v in result.violations] == ["report-type-unknown"]
    assert not {v.rule for v in result.violations} & _fazhi_specific(default_packs)
    proc = run_cli("check", str(readme))
    assert proc.returncode == 0, proc.stdout  # an info notice does not fail the hook


@needs_corpus
@pytest.mark.parametrize("path", sorted((CORPUS / "xxgk").glob("*.txt")), ids=lambda p: p.name)
def test_an_xxgk_report_gets_no_fazhi_specific_finding(path: Path, default_packs) -> None:
    result = run([str(path)], default_packs, RunOptions())
    assert not {v.rule for v in result.violations} & _fazhi_specific(default_packs)


def test_unknown_report_type_is_a_usage_error() -> None:
    proc = run_cli("check", "--report-type", "fazhi-anual", str(ROOT / "seeds"))
    assert proc.returncode == 2
    assert "未知的报告类型“fazhi-anual”" in proc.stderr and "fazhi-annual" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_unknown_report_type_in_config_is_positioned(tmp_path: Path) -> None:
    (tmp_path / ".lintreport.yaml").write_text("year: 2023\nreport_type: fazhi\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("关于2023年度法治政府建设情况的报告\n", encoding="utf-8")
    proc = run_cli("check", str(tmp_path / "a.txt"))
    assert proc.returncode == 2
    assert ".lintreport.yaml:2:1: 未知的报告类型“fazhi”" in proc.stderr


def test_report_type_override_turns_type_rules_on(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("草稿\n\n一、主要举措和成效\n（一）深化学法。\n", encoding="utf-8")
    plain = json.loads(run_cli("check", "--format", "json", str(draft)).stdout)
    forced = json.loads(
        run_cli(
            "check",
            "--format",
            "json",
            "--report-type",
            "fazhi-annual",
            "--year",
            "2023",
            str(draft),
        ).stdout
    )
    assert {v["rule"] for v in plain["violations"]} == {"report-type-unknown"}
    assert "required-section-missing" in {v["rule"] for v in forced["violations"]}
    assert forced["documents"][0]["report_type"] == "fazhi-annual"


# -- sections, time scope, numbering, enumerations ---------------------------------------------

CLEAN = (ROOT / "tests" / "samples" / "clean_bureau.txt").read_text(encoding="utf-8")
PROBLEMS_HEADING = "三、存在的不足和原因"
PLAN_HEADING = "四、2025年推进法治政府建设的主要安排"


def _serious(text: str, packs: list[Pack], year: int | None = None) -> list[str]:
    result = lint_text(text, packs, path="report.txt", options=RunOptions(year=year))
    return [
        f"{v.line}:{v.column} {v.rule}"
        for v in result.violations
        if v.category.value in ("structure", "metadata") and v.severity.value != "info"
    ]


@pytest.mark.parametrize(
    "heading",
    [
        "三、存在的主要问题",
        "三、存在的主要问题及原因",
        "三、面临的问题与挑战",
        "三、存在的不足和原因",
        "三、问题和不足",
    ],
)
def test_problem_heading_variants_are_recognised(heading: str, default_packs) -> None:
    assert PROBLEMS_HEADING in CLEAN
    assert _serious(CLEAN.replace(PROBLEMS_HEADING, heading), default_packs) == []


@pytest.mark.parametrize(
    "heading",
    [
        "四、2025年工作重点",
        "四、2025年重点工作",
        "四、2025年工作要点",
        "四、下一阶段工作措施",
        "四、下一步工作打算",
    ],
)
def test_plan_heading_variants_are_recognised(heading: str, default_packs) -> None:
    assert PLAN_HEADING in CLEAN
    assert _serious(CLEAN.replace(PLAN_HEADING, heading), default_packs) == []


def test_a_review_heading_is_not_taken_for_the_plan(default_packs) -> None:
    text = CLEAN.replace(PLAN_HEADING, "四、2024年重点工作完成情况")
    # the plan is then only the sentence "2025年，我局将……以下3个方面": a weak form
    assert any(f.endswith("required-section-weak-form") for f in _serious(text, default_packs))


def _without_first_responsible_part(year: int) -> str:
    start = CLEAN.index("二、党政主要负责人")
    end = CLEAN.index(PROBLEMS_HEADING)
    text = CLEAN[:start] + CLEAN[end:]
    text = text.replace("三、存在", "二、存在").replace("四、2025", "三、2025")
    return text.replace("2024", str(year)).replace("2025", str(year + 1))


def test_a_2017_report_is_not_held_to_the_2019_regulation(default_packs) -> None:
    assert _serious(_without_first_responsible_part(2017), default_packs) == []
    later = _serious(_without_first_responsible_part(2019), default_packs)
    assert any(f.endswith("required-section-missing") for f in later), later


def test_glued_first_item_reports_the_missing_mark_not_a_renumbering(default_packs) -> None:
    text = "一、主要举措\n持续优化营商环境一是积极推行告知承诺制。二是深化“放管服”改革。\n"
    result = lint_text(text, default_packs, options=RunOptions(report_type="fazhi-annual"))
    found = [v for v in result.violations if v.rule == "enumeration-out-of-sequence"]
    assert [(v.line, v.column) for v in found] == [(2, 9)]
    assert "缺少标点" in found[0].message and found[0].fix is None
