"""`--statistics`: how many findings each rule produced, after the normal output.

Independent of the output format: the CLI writes it to stdout after human formats and to
stderr after machine-readable ones, so a JSON or SARIF document stays parseable.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TextIO

from ..model import Category, DocumentInfo, Severity, Violation

_LABEL = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


@dataclass(frozen=True, slots=True)
class RuleCount:
    rule: str
    category: Category
    severity: Severity  # the most severe level the rule was reported at
    count: int
    fixable: int
    # findings per level, most severe first: a rule's severity can differ per finding
    # (configuration per file, a condition, a kind that grades its findings)
    by_severity: tuple[tuple[Severity, int], ...] = ()


def rule_counts(violations: tuple[Violation, ...] | list[Violation]) -> list[RuleCount]:
    """Counts per rule, most frequent first, then by rule id."""
    counts: Counter[str] = Counter()
    fixable: Counter[str] = Counter()
    meta: dict[str, tuple[Category, Severity]] = {}
    levels: dict[str, Counter[Severity]] = {}
    for v in violations:
        counts[v.rule] += 1
        levels.setdefault(v.rule, Counter())[v.severity] += 1
        if v.fix is not None:
            fixable[v.rule] += 1
        category, severity = meta.get(v.rule, (v.category, v.severity))
        if v.severity.rank > severity.rank:
            severity = v.severity
        meta[v.rule] = (category, severity)
    return [
        RuleCount(
            rule,
            meta[rule][0],
            meta[rule][1],
            n,
            fixable[rule],
            tuple((s, levels[rule][s]) for s in Severity if levels[rule][s]),
        )
        for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def write_statistics(
    violations: tuple[Violation, ...] | list[Violation],
    stream: TextIO,
    documents: tuple[DocumentInfo, ...] | list[DocumentInfo] = (),
) -> None:
    rows = rule_counts(violations)
    _write_relations(documents, stream)
    if not rows:
        stream.write("统计：没有发现问题\n")
        return
    width = max(len(r.rule) for r in rows)
    stream.write("统计（按规则）：\n")
    for r in rows:
        levels = "、".join(f"{_LABEL[s]} {n}" for s, n in r.by_severity)
        fix = f"  可修复 {r.fixable}" if r.fixable else ""
        row = f"{r.count:>6}  {r.rule:<{width}}  {r.category.value:<11}  {levels}{fix}"
        stream.write(row.rstrip() + "\n")
    total = sum(r.count for r in rows)
    stream.write(f"{total:>6}  合计（{len(rows)} 条规则）\n")


def _write_relations(
    documents: tuple[DocumentInfo, ...] | list[DocumentInfo], stream: TextIO
) -> None:
    """How many numeric relations were checked, per file: a file without number findings was
    either consistent or never looked at, and only this line tells which."""
    counted = [d for d in documents if d.relations_checked is not None]
    if not counted:
        return
    total = sum(d.relations_checked or 0 for d in counted)
    stream.write(f"数字关系核对：共 {total} 处（{len(counted)} 个文件）\n")
    if len(counted) > 1:
        width = max(len(str(d.relations_checked)) for d in counted)
        for d in counted:
            stream.write(f"  {d.relations_checked:>{width}}  {d.path}\n")
