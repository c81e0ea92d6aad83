"""The real 政府信息公开工作年度报告 in tests/samples/xxgk: each is recognised, its parts found, its
tables read or said to be unreadable (once, plainly), and no table that balances is flagged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lintreport.document.inputs import load_document
from lintreport.pack import builtin_packs, load_packs
from lintreport.run.runner import type_signals

from .conftest import run_cli

SAMPLES = Path(__file__).parent / "samples" / "xxgk"
PACK = str(Path(__file__).resolve().parents[1] / "rules" / "xxgk-annual")
FAZHI_SAMPLES = Path(__file__).parent / "samples"

# file -> (year, table findings expected: rule -> text pointed at)
EXPECTED = {
    "xxgk_2019_pingtan_pagetxt.txt": (2019, {"xxgk-table3-cells": "230 000023"}),
    "xxgk_2021_pingtan_pagetxt.txt": (
        2021,
        {"xxgk-table3-cells": "640020470", "xxgk-table4-cells": "10203120001200000"},
    ),
    "xxgk_2022_pingtan_pagetxt.txt": (2022, {"xxgk-table3-cells": "713000074"}),
    "xxgk_2024_huaian_shi_renmin_zhengfu.txt": (2024, {}),
    # 表三 is cut into fragments with labels parted from their figures: said unreadable once;
    # 表四's header is in pieces over a whole 15-cell row: read, and it balances
    "xxgk_2024_shanghai_kewei.txt": (2024, {"xxgk-table3-cells": ""}),
}
TABLE_RULES = {
    "xxgk-table3-cells",
    "xxgk-table3-balance",
    "xxgk-table3-results-total",
    "xxgk-table3-applicant-total",
    "xxgk-table4-cells",
    "xxgk-table4-total",
    "xxgk-narrative-applications",
    "xxgk-narrative-appeals",
    "xxgk-narrative-no-correction",
}


@pytest.fixture(scope="module")
def report() -> dict[str, list[dict]]:
    proc = run_cli("check", "--pack", PACK, "--format", "json", str(SAMPLES))
    assert proc.returncode in (0, 1), proc.stderr
    data = json.loads(proc.stdout)
    assert data["errors"] == []
    out: dict[str, list[dict]] = {}
    for doc in data["documents"]:
        out[Path(doc["path"]).name] = []
        assert doc["report_type"] == "xxgk-annual", doc
    for v in data["violations"]:
        out[Path(v["path"]).name].append(v)
    return out


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_recognised_with_its_year(name):
    doc = load_document(SAMPLES / name)
    packs = load_packs(builtin_packs())
    assert (doc.classify(type_signals(packs)), doc.report_year) == (
        "xxgk-annual",
        EXPECTED[name][0],
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_tables_are_read_or_said_unreadable_once(name, report):
    doc = load_document(SAMPLES / name)
    table = {v["rule"]: v for v in report[name] if v["rule"] in TABLE_RULES}
    expected = EXPECTED[name][1]
    assert set(table) == set(expected)
    for rule, text in expected.items():
        v = table[rule]
        assert v["severity"] == "info"
        start = doc.offset(v["line"], v["column"])
        end = doc.offset(v["end_line"], v["end_column"]) if v["end_column"] > 1 else start
        assert doc.text[start:end] == text


@pytest.mark.parametrize(
    "name", ["xxgk_2019_pingtan_pagetxt.txt", "xxgk_2021_pingtan_pagetxt.txt",
             "xxgk_2022_pingtan_pagetxt.txt", "xxgk_2024_huaian_shi_renmin_zhengfu.txt"]
)  # fmt: skip
def test_parts_of_the_format_are_found(name, report):
    assert [v for v in report[name] if v["rule"] == "xxgk-parts"] == []


def test_shanghai_numbering_defects_are_reported(report):
    parts = [
        v["message"][:12]
        for v in report["xxgk_2024_shanghai_kewei.txt"]
        if v["rule"] == "xxgk-parts"
    ]
    assert len(parts) == 10
    assert (
        sum(
            "不是年度报告格式规定的部分" in v["message"]
            for v in report["xxgk_2024_shanghai_kewei.txt"]
        )
        == 5
    )


def test_known_wording_defects_are_found(report):
    doubled = {
        name: [
            v["message"].split("”")[0].lstrip("“")
            for v in found
            if v["rule"] == "xxgk-doubled-word"
        ]
        for name, found in report.items()
    }
    assert doubled["xxgk_2021_pingtan_pagetxt.txt"] == ["审核审核"]
    assert doubled["xxgk_2022_pingtan_pagetxt.txt"] == ["的的"]
    assert doubled["xxgk_2024_shanghai_kewei.txt"] == ["资金资金"]
    assert len(doubled["xxgk_2019_pingtan_pagetxt.txt"]) == 1
    assert doubled["xxgk_2024_huaian_shi_renmin_zhengfu.txt"] == []


def test_a_fazhi_report_gets_no_xxgk_finding_and_an_xxgk_report_no_fazhi_finding():
    xxgk_only = {r.id for r in load_packs([PACK])[0].rules if r.applies_to == "type"}
    proc = run_cli(
        "check", "--format", "json", str(FAZHI_SAMPLES / "defective_county.txt"),
        str(FAZHI_SAMPLES / "clean_bureau.txt"),
    )  # fmt: skip
    data = json.loads(proc.stdout)
    assert [d["report_type"] for d in data["documents"]] == ["fazhi-annual", "fazhi-annual"]
    assert data["violations"]  # the defective report has its findings…
    assert not [v for v in data["violations"] if v["rule"] in xxgk_only]  # …none of them xxgk
    # with both packs, as by default: each report gets only its own type's rules
    proc = run_cli(
        "check", "--format", "json", str(SAMPLES), str(FAZHI_SAMPLES / "clean_bureau.txt")
    )
    data = json.loads(proc.stdout)
    types = {Path(d["path"]).name: d["report_type"] for d in data["documents"]}
    assert types.pop("clean_bureau.txt") == "fazhi-annual"
    assert set(types.values()) == {"xxgk-annual"}
    fazhi_only = {r.id for r in load_packs(["fazhi-annual"])[0].rules if r.applies_to == "type"}
    assert not [v for v in data["violations"] if v["rule"] in fazhi_only]
    assert not [
        v
        for v in data["violations"]
        if v["rule"].startswith("xxgk") and "clean_bureau" in v["path"]
    ]


def test_the_worked_example_of_a_third_report_type_in_the_docs_runs(tmp_path):
    text = (Path(__file__).resolve().parents[1] / "docs" / "pack-format.md").read_text("utf-8")
    body = text.split("`rules/rexian-annual/pack.yml`:", 1)[1].split("```yaml\n", 1)[1]
    pack_dir = tmp_path / "rules" / "rexian-annual"
    pack_dir.mkdir(parents=True)
    (pack_dir / "pack.yml").write_text(body.split("\n```", 1)[0], encoding="utf-8")
    shared = Path(__file__).resolve().parents[1] / "rules" / "fazhi-annual" / "punctuation.yml"
    (tmp_path / "rules" / "fazhi-annual").mkdir()
    (tmp_path / "rules" / "fazhi-annual" / "punctuation.yml").write_bytes(shared.read_bytes())
    # run from the project, as its user would: the pack's ../fazhi-annual include stays inside
    proc = run_cli("test-pack", str(pack_dir), cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = tmp_path / "report.md"
    report.write_text(
        "# 某市2024年12345热线工作年度报告\n\n## 一、诉求办理情况\n\n"
        "| 诉求类型 | 咨询 | 求助 | 投诉 | 建议 | 合计 |\n|---|---|---|---|---|---|\n"
        "| 一、受理件数 | 120 | 30 | 45 | 5 | 200 |\n| 二、办结件数 | 118 | 30 | 44 | 5 | 199 |\n",
        encoding="utf-8",
    )
    proc = run_cli("check", "--pack", str(pack_dir), "--format", "json", str(report), cwd=tmp_path)
    data = json.loads(proc.stdout)
    assert data["documents"][0]["report_type"] == "rexian-annual"
    assert [(v["rule"], v["line"], v["column"]) for v in data["violations"]] == [
        ("rexian-table-total", 8, 32)  # the 合计 cell “199” of the 办结 row
    ]
