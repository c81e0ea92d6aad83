"""--statistics: counts per rule after the normal output, on stderr for machine formats."""

from __future__ import annotations

import json
from collections import Counter

from lintreport.formats.statistics import rule_counts
from lintreport.model import Category, Fix, Severity, Violation

from .conftest import SEEDS, run_cli


def _v(rule: str, severity: Severity, fix: bool = False) -> Violation:
    return Violation("a.txt", 1, 1, 1, 2, rule, Category.WORDING, severity, "m",
                     fix=Fix("x") if fix else None)  # fmt: skip


def test_counts_sorted_by_frequency_then_id() -> None:
    rows = rule_counts([_v("b", Severity.INFO), _v("a", Severity.WARNING, True),
                        _v("b", Severity.ERROR), _v("c", Severity.INFO)])  # fmt: skip
    assert [(r.rule, r.count, r.fixable, r.severity) for r in rows] == [
        ("b", 2, 0, Severity.ERROR),
        ("a", 1, 1, Severity.WARNING),
        ("c", 1, 0, Severity.INFO),
    ]
    assert rows[0].by_severity == ((Severity.ERROR, 1), (Severity.INFO, 1))


def test_text_statistics_show_the_real_severity_split(tmp_path) -> None:
    """One rule at two levels (a per-file severity override) shows both counts, not one."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    text = "关于2023年度法治政府建设情况的报告\n大力推进法制政府建设。\n"
    for d in ("a", "b"):
        (tmp_path / d / "draft.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b" / ".lintreport.yaml").write_text(
        "severity:\n  fazhi-not-fazhi: info\n", encoding="utf-8"
    )
    proc = run_cli("check", "--statistics", "a", "b", cwd=tmp_path)
    row = next(line for line in proc.stdout.splitlines() if "fazhi-not-fazhi" in line.split())
    assert row.split()[0] == "2" and "错误 1、提示 1" in row, proc.stdout


def test_text_statistics_follow_the_report_and_match_json() -> None:
    paths = [str(p) for p in SEEDS]
    expected = Counter(
        v["rule"]
        for v in json.loads(run_cli("check", "--format", "json", *paths).stdout)["violations"]
    )
    proc = run_cli("check", "--statistics", *paths)
    head, _, stats = proc.stdout.partition("统计（按规则）：\n")
    assert "检查了 5 个文件" in head
    rows = {
        line.split()[1]: int(line.split()[0]) for line in stats.splitlines() if "合计" not in line
    }
    assert rows == dict(expected)


def test_machine_formats_keep_stdout_parseable() -> None:
    proc = run_cli("check", "--format", "sarif", "--statistics", str(SEEDS[3]))
    json.loads(proc.stdout)
    assert "统计（按规则）：" in proc.stderr
