"""A fixed RunResult every format test renders: the cases that trip formatters up.

A fix, a suggestion without a fix, an info finding, a whole-document finding (empty span), a
message holding `%`, `,`, `:` and a newline, a path with Chinese characters and a space, and a
file that could not be read.
"""

from __future__ import annotations

from lintreport.formats.descriptors import RuleInfo
from lintreport.model import Category, DocumentInfo, FileError, Fix, RunResult, Severity, Violation

TEXT_A = "关于2023年度法治政府建设情况的报告\n大力推进法制政府建设,依法行政。\n"
TEXT_B = "一、主要举措\n完成率100%，达到：目标,\n"

VIOLATIONS = (
    Violation(
        path="reports/a.txt",
        line=2,
        column=5,
        end_line=2,
        end_column=9,
        rule="fazhi-not-fazhi",
        category=Category.WORDING,
        severity=Severity.ERROR,
        message="“法制政府”应为“法治政府”。",
        suggestion="法治政府",
        fix=Fix("法治政府"),
        start=24,
        end=28,
    ),
    Violation(
        path="reports/a.txt",
        line=2,
        column=11,
        end_line=2,
        end_column=12,
        rule="halfwidth-comma",
        category=Category.PUNCTUATION,
        severity=Severity.WARNING,
        message="中文文字中应使用全角逗号“，”。",
        suggestion="，",
        fix=None,
        start=30,
        end=31,
    ),
    Violation(
        path="草稿 目录/b.md",
        line=3,
        column=1,
        end_line=3,
        end_column=1,
        rule="missing-section",
        category=Category.STRUCTURE,
        severity=Severity.INFO,
        message="缺少章节：存在的不足和原因\n（应在此处）",
        start=len(TEXT_B),
        end=len(TEXT_B),
    ),
    Violation(
        path="草稿 目录/b.md",
        line=2,
        column=4,
        end_line=2,
        end_column=8,
        rule="rate-mismatch",
        category=Category.NUMBER,
        severity=Severity.WARNING,
        message="比率100%与计数不符: 应为 50%, 请核对",
        start=10,
        end=14,
    ),
)

RESULT = RunResult(
    documents=(
        DocumentInfo("reports/a.txt", "fazhi-annual", 2023, "关于2023年度法治政府建设情况的报告"),
        DocumentInfo("草稿 目录/b.md", "fazhi-annual", None, None),
    ),
    violations=tuple(sorted(VIOLATIONS, key=Violation.sort_key)),
    errors=(FileError("missing.txt", "文件不存在"),),
    texts={"reports/a.txt": TEXT_A, "草稿 目录/b.md": TEXT_B},
)

RULES = (
    RuleInfo(
        id="fazhi-not-fazhi",
        category=Category.WORDING,
        severity=Severity.ERROR,
        message="“{match}”应为“{replacement}”。",
        description="法治政府不是法制政府。",
        source="《法治政府建设实施纲要（2021-2025年）》",
        fix="safe",
    ),
    RuleInfo(
        id="halfwidth-comma",
        category=Category.PUNCTUATION,
        severity=Severity.WARNING,
        message="中文文字中应使用全角逗号。",
        source="GB/T 15834-2011 §4.5",
        link="https://example.org/rules/halfwidth-comma",
    ),
)
