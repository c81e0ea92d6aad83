"""Run each rule's own `examples`: the harness shared by pytest and `lintreport test-pack`.

A bad example must produce that rule (exactly at its `[[…]]` markers when it has them), a good
one must not; `fixed` is what the rule's safe fixes make of the bad text, and linting the fixed
text again is clean. Each example is linted with only its own rule active.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TextIO

import regex

from ..document.document import Document
from ..errors import InputError
from ..model import Violation
from ..pack import Example, Pack, Rule
from .fixer import apply_fixes
from .runner import lint_document

_UNFILLED = regex.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
_HAN = regex.compile(r"\p{Han}")


def _lint(
    rule: Rule,
    pack: Pack,
    example: Example,
    text: str | None = None,
    context: Sequence[Pack] = (),
) -> tuple[list[Violation], list[str]]:
    active = dataclasses.replace(rule, enabled=True)
    try:
        doc = Document.from_text(
            example.text if text is None else text,
            example.path,
            year=example.year,
            report_type=None if example.infer_type else example.report_type or pack.report_type,
        )
        if example.previous is not None:
            doc.previous = Document.from_text(example.previous, "previous.txt")
    except InputError as exc:
        return [], [exc.message]
    # The other packs tell their own report types apart: a rule shared by several packs (a file
    # each includes) has examples of each type, and a 法治 example is not "of unknown type" when
    # the 信息公开 pack runs it.
    others = [p for p in context if p.id != pack.id]
    violations, errors = lint_document(doc, [active], [pack, *others])
    return [v for v in violations if v.rule == rule.id], [e.message for e in errors]


def check_example(
    rule: Rule, pack: Pack, example: Example, *, bad: bool, context: Sequence[Pack] = ()
) -> list[str]:
    """Problems with one example (empty when it behaves as declared); `context`: the other packs
    of the run, whose report types the example's document may be of."""
    found, errors = _lint(rule, pack, example, context=context)
    problems = [f"检查出错：{e}" for e in errors]
    spans = sorted({(v.start, v.end) for v in found})
    if not bad:
        if found:
            where = "、".join(f"“{example.text[s:e] or '（空）'}”@{s}" for s, e in spans)
            problems.append(f"正确示例被报告了问题：{where}")
        return problems
    if example.marked:
        if spans != sorted(set(example.spans)):
            want = "、".join(f"“{example.text[s:e]}”@{s}-{e}" for s, e in example.spans)
            got = "、".join(f"“{example.text[s:e]}”@{s}-{e}" for s, e in spans) or "无"
            problems.append(f"报告位置不符：应为 {want}，实际 {got}")
    elif example.count is not None:
        if len(found) != example.count:
            problems.append(f"应报告 {example.count} 处，实际 {len(found)} 处")
    elif not found:
        problems.append("错误示例没有被报告")
    for v in found:
        if _UNFILLED.search(v.message):
            problems.append(f"提示中有未填充的占位符：{v.message}")
        if not _HAN.search(v.message):
            problems.append(f"提示不是中文：{v.message}")
    if (
        example.message is not None
        and found
        and not any(example.message in v.message for v in found)
    ):
        problems.append(f"提示中应包含“{example.message}”，实际：{found[0].message}")
    if example.fixed is not None:
        fixed, _ = apply_fixes(example.text, found)
        if fixed != example.fixed:
            problems.append(f"修复结果不符：应为“{example.fixed}”，实际“{fixed}”")
        else:
            again, _ = _lint(rule, pack, example, fixed, context)
            if any(v.fix is not None for v in again):
                problems.append("修复后再次检查仍有可修复的问题（修复不是幂等的）")
    elif rule.fix == "none" and any(v.fix is not None for v in found):
        problems.append("规则未声明 fix，却给出了修复")
    return problems


def rule_problems(rule: Rule, pack: Pack, context: Sequence[Pack] = ()) -> list[tuple[str, str]]:
    """(example origin, problem) for every failing example of `rule`."""
    out: list[tuple[str, str]] = []
    if not rule.bad or not rule.good:
        out.append((rule.origin, "规则缺少错误或正确的示例"))
    if rule.fix == "safe" and not any(ex.fixed is not None for ex in rule.bad):
        out.append((rule.origin, "规则声明 fix: safe，但没有带 fixed 的错误示例"))
    for bad, examples in ((True, rule.bad), (False, rule.good)):
        for example in examples:
            out.extend(
                (example.origin, p)
                for p in check_example(rule, pack, example, bad=bad, context=context)
            )
    return out


def run_pack_examples(packs: Sequence[Pack], out: TextIO, context: Sequence[Pack] = ()) -> int:
    """Run every example of every rule; print failures; 0 when all pass, 1 otherwise.

    `context`: further packs whose report types the examples' documents are told apart from
    (the built-in packs, when a single pack is tested)."""
    context = [*packs, *(p for p in context if p.id not in {q.id for q in packs})]
    failures = 0
    total = 0
    for pack in packs:
        for rule in pack.rules:
            total += len(rule.bad) + len(rule.good)
            for origin, problem in rule_problems(rule, pack, context):
                failures += 1
                out.write(f"{origin}: [{rule.id}] {problem}\n")
    out.write(f"{total} 个示例，{failures} 处不符\n")
    return 1 if failures else 0
