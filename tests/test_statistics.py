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
