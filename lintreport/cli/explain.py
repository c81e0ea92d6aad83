"""`lintreport rules` and `lintreport explain RULE`: what the active packs check, and why."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from rich.cells import cell_len

from ..errors import UsageError
from ..pack import Example, Pack, Rule
from ..pack.schema import did_you_mean

_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
_FIX = {"safe": "可自动修复（--fix）", "unsafe": "给出建议，需人工确认", "none": "无"}


def find_rule(packs: Sequence[Pack], rule_id: str) -> tuple[Pack, Rule]:
    for pack in packs:
        for rule in pack.rules:
            if rule_id == rule.id or rule_id in rule.aliases:
                return pack, rule
    ids = [r.id for p in packs for r in p.rules]
    raise UsageError(f"未知的规则“{rule_id}”" + did_you_mean(rule_id, ids))


def list_rules(packs: Sequence[Pack], out: TextIO, fmt: str = "text") -> int:
    rows = [(p, r) for p in packs for r in p.rules]
    if fmt == "json":
        data = [
            {
                "id": r.id,
                "title": r.title,
                "pack": p.id,
                "kind": r.kind,
                "category": r.category.value,
                "severity": r.severity.value,
                "enabled": r.enabled,
                "fix": r.fix,
                "message": r.message,
                "source": r.source,
            }
            for p, r in rows
        ]
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    width = max((len(r.id) for _, r in rows), default=10)
    title_width = max((cell_len(r.title or "") for _, r in rows), default=0)
    for pack, rule in rows:
        state = "" if rule.enabled else "（已关闭）"
        title = rule.title or ""
        # Titles are Chinese: pad by terminal cells so the columns after them line up.
        padded = title + " " * (title_width - cell_len(title))
        out.write(
            f"{rule.id:<{width}}  {padded}  {rule.category.value:<11} "
            f"{_SEVERITY[rule.severity.value]}  {pack.id}{state}\n"
        )
    out.write(f"共 {len(rows)} 条规则\n")
    return 0


def scope_text(rule: Rule, pack: Pack) -> str:
    """Which documents and report years a rule applies to, in words."""
    kind = (
        "任何文档"
        if rule.applies_to == "any" or not pack.report_type
        else f"识别为“{pack.name}”（{pack.report_type}）的文档"
    )
    if rule.since and rule.until:
        years = f"，报告年度 {rule.since}—{rule.until} 年"
    elif rule.since:
        years = f"，报告年度 {rule.since} 年起"
    elif rule.until:
        years = f"，报告年度至 {rule.until} 年"
    else:
        years = ""
    unknown = "（报告年度不明时不检查）" if years else ""
    return kind + years + unknown


def _example(example: Example, mark: str, default_year: int | None) -> list[str]:
    """One example, with the report year it assumes and its note: a year-dependent pair of
    examples would otherwise read as a contradiction."""
    text = example.text.rstrip("\n").replace("\n", "\n    ")
    fixed = f"  →  {example.fixed.rstrip()}" if example.fixed else ""
    lines = [f"  {mark} {text}{fixed}"]
    year = example.year or default_year
    facts = [f"报告年度 {year}"] if year is not None else []
    if example.note:
        facts.append(" ".join(example.note.split()))
    if facts:
        lines.append(f"    （{'；'.join(facts)}）")
    return lines


def explain_rule(packs: Sequence[Pack], rule_id: str, out: TextIO) -> int:
    pack, rule = find_rule(packs, rule_id)
    heading = f"{rule.id}  {rule.title}" if rule.title else rule.id
    lines = [
        f"{heading}  （{rule.category.value} / {_SEVERITY[rule.severity.value]}）",
        "",
        f"问题：{rule.message}",
    ]
    if rule.description:
        lines.append(f"原因：{rule.description.strip()}")
    lines.append(f"依据：{rule.source}")
    if rule.link:
        lines.append(f"链接：{rule.link}")
    lines.append(f"检查类型：{rule.kind}")
    lines.append(f"规则包：{pack.id}（{rule.origin}）")
    lines.append(f"修复：{_FIX[rule.fix]}")
    lines.append(f"适用范围：{scope_text(rule, pack)}")
    if rule.when is not None:
        lines.append(f"适用条件：{rule.when.source}")
    if rule.aliases:
        lines.append(f"别名：{'、'.join(rule.aliases)}")
    if not rule.enabled:
        lines.append("状态：已关闭")
    details = getattr(rule.check, "explain", None)
    if callable(details):
        extra = details()
        if extra:
            lines += ["", *extra]
    lines += ["", "错误示例："]
    # Years are shown when they matter, i.e. when some example sets its own.
    year = pack.example_year if any(ex.year is not None for ex in (*rule.bad, *rule.good)) else None
    lines += [line for ex in rule.bad for line in _example(ex, "✗", year)]
    lines += ["正确示例："]
    lines += [line for ex in rule.good for line in _example(ex, "✓", year)]
    out.write("\n".join(lines) + "\n")
    return 0
