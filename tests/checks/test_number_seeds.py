"""The number rules on the five seed reports: silent on correct figures, alive on changed ones."""

from __future__ import annotations

import json

import pytest

from lintreport.document.document import Document
from lintreport.run.runner import lint_document, select_rules

from ..conftest import SEEDS, run_cli


def number_findings(default_packs, text: str, path: str = "seed.txt") -> list[tuple[int, str]]:
    rules = select_rules(default_packs, ["number"])
    violations, errors = lint_document(Document.from_text(text, path), rules, default_packs)
    assert errors == []
    return [(v.line, v.rule) for v in violations]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_no_number_findings_on_the_seeds(default_packs, seed) -> None:
    assert number_findings(default_packs, seed.read_text(encoding="utf-8"), seed.name) == []


def seed(prefix: str) -> str:
    return next(p for p in SEEDS if p.name.startswith(prefix)).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("prefix", "old", "new", "expected"),
    [
        ("002", "受理率86.8%", "受理率85.8%", (10, "rate-does-not-match-counts")),
        ("002", "出庭率66.5%", "出庭率60.5%", (11, "rate-does-not-match-counts")),
        ("002", "以下5个方面", "以下6个方面", (15, "announced-count-mismatch")),
        ("004", "受理共88件", "受理共60件", (21, "parts-exceed-total")),
        ("004", "九个一", "十个一", (23, "announced-ones-mismatch")),
        ("001", "三、2023年工作打算", "三、2022年工作打算", (15, "plan-section-wrong-year")),
        ("003", "2025年,市政府办公室将", "2024年,市政府办公室将", (33, "plan-section-wrong-year")),
    ],
)
def test_a_changed_seed_figure_is_reported(default_packs, prefix, old, new, expected) -> None:
    text = seed(prefix)
    assert old in text
    assert number_findings(default_packs, text.replace(old, new, 1)) == [expected]


def test_cli_reports_the_rate_with_exact_positions(tmp_path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n"
        "全年收到行政复议申请120件，受理96件，受理率85%。\n",
        encoding="utf-8",
    )
    result = run_cli("check", "--format", "json", "--select", "number", str(draft))
    assert result.returncode == 1, result.stderr
    [v] = json.loads(result.stdout)["violations"]
    assert (v["rule"], v["line"], v["column"], v["end_column"]) == (
        "rate-does-not-match-counts",
        3,
        25,
        28,
    )
    assert "受理率应为 80.0%，文中为 85%" in v["message"]
