"""`--statistics`: how many findings each rule produced, after the normal output.

Independent of the output format: the CLI writes it to stdout after human formats and to
stderr after machine-readable ones, so a JSON or SARIF document stays parseable.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TextIO

from ..model import Category, DocumentInfo, Severity, Violation
from ..record import record

_LABEL = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


@record(frozen=True, slots=True)
class RuleCount:
    rule: str
    category: Category
    severity: Severity  # the most severe level the rule was reported at
    count: int
    fixable: int
    # findings per level, most severe first: a rule's severity can differ per finding
    # (configuration per file, a condition, a kind that grades its findings)
    by_severity: tuple[tuple[Severity, int], ...] = ()


# (rule, category, severity, has a fix) → findings: all that the exit status, --statistics,
# --max-warnings and the summaries need to know of findings once they are written (a streamed
# run keeps these counts instead of the findings).
CountKey = tuple[str, Category, Severity, bool]


def count_violations(violations: Iterable[Violation]) -> dict[CountKey, int]:
    counts: dict[CountKey, int] = {}
    for v in violations:
        key = (v.rule, v.category, v.severity, v.fix is not None)
        counts[key] = counts.get(key, 0) + 1
    return counts


def rule_counts(violations: tuple[Violation, ...] | list[Violation]) -> list[RuleCount]:
    """Counts per rule, most frequent first, then by rule id."""
    return rule_counts_of(count_violations(violations))


def rule_counts_of(found: Mapping[CountKey, int]) -> list[RuleCount]:
    """`rule_counts` of findings counted by `count_violations`."""
    counts: Counter[str] = Counter()
    fixable: Counter[str] = Counter()
    meta: dict[str, tuple[Category, Severity]] = {}
    levels: dict[str, Counter[Severity]] = {}
    for (rule, category, level, fix), n in found.items():
        counts[rule] += n
        levels.setdefault(rule, Counter())[level] += n
        if fix:
            fixable[rule] += n
        first, severity = meta.get(rule, (category, level))
        if level.rank > severity.rank:
            severity = level
        meta[rule] = (first, severity)
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
    violations: tuple[Violation, ...] | list[Violation] | Mapping[CountKey, int],
    stream: TextIO,
    documents: tuple[DocumentInfo, ...] | list[DocumentInfo] = (),
) -> None:
    """The table per rule, of `violations` or of findings counted by `count_violations`."""
    found = violations if isinstance(violations, Mapping) else count_violations(violations)
    rows = rule_counts_of(found)
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
