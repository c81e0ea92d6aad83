"""Suppressing findings: comment directives in Markdown/HTML, a sidecar ignore file for the rest.

Directives (in .md/.markdown/.html documents), each naming rule ids or categories separated by
commas or spaces, or nothing for all rules:

    <!-- lintreport-disable RULE[,RULE] -->       off from here until enabled again
    <!-- lintreport-enable RULE -->                 on again (without RULE: everything on)
    <!-- lintreport-disable-next-line RULE -->      off for the next line only
    <!-- lintreport-disable-line RULE -->           off for the line holding the comment

Plain text and Word documents have no comments: ignorefile.py reads the sidecar
`.lintreport-ignore.yaml` for them.

A directive or entry that suppresses nothing is itself reported, as rule `unused-suppression`
(category metadata: it is about annotations of the document, not its content; severity
warning), like ruff's unused-noqa check, so stale suppressions do not pile up. Names that are
valid but not active in this run are not reported (a `--select` run would otherwise flood them).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import field

from ..formats.descriptors import RuleInfo
from ..model import Category, Severity, Violation
from ..record import record

UNUSED_ID = "unused-suppression"
UNUSED_RULE = RuleInfo(
    id=UNUSED_ID,
    category=Category.METADATA,
    severity=Severity.WARNING,
    message="抑制指令未抑制任何问题：{names}",
    description=(
        "lintreport-disable 注释或 .lintreport-ignore.yaml 条目没有抑制任何问题。"
        "问题可能已经改正或文字已经改动，请删除这条抑制，以免日后掩盖新问题。"
    ),
    source="lintreport 工具规则（参照 ruff 的 unused-noqa 检查），无规范依据",
    title="未起作用的忽略",
)
COMMENT_SUFFIXES = (".md", ".markdown", ".html", ".htm")
_DIRECTIVE = re.compile(
    r"<!--\s*lintreport-(disable-next-line|disable-line|disable|enable)\b([^>]*?)\s*-->"
)


def _names(raw: str) -> tuple[str, ...]:
    return tuple(n for n in re.split(r"[\s,，]+", raw.strip()) if n)


def covers(name: str, v: Violation) -> bool:
    return name == v.rule or name == v.category.value


def builtin_enabled(select: Sequence[str], ignore: Sequence[str]) -> bool:
    """Whether `unused-suppression` is on, by the runner's most-specific-selector-wins rule."""

    def spec(names: Sequence[str]) -> int:
        return max((2 if n == UNUSED_ID else 1 if n == "metadata" else 0 for n in names), default=0)

    chosen, dropped = spec(select), spec(ignore)
    if select and chosen == 0:
        return False
    return not (dropped and dropped >= chosen)


def _position(line_starts: list[int], offset: int) -> tuple[int, int]:
    index = bisect.bisect_right(line_starts, offset) - 1
    return index + 1, offset - line_starts[index] + 1


@record
class _Directive:
    kind: str
    names: tuple[str, ...]  # empty: all rules
    start: int
    end: int
    line: int
    end_line: int  # a comment may span lines; "next line" is the one after it ends
    used: set[str] = field(default_factory=set)  # names that suppressed something ("" for all)


@record(frozen=True)
class Outcome:
    """Violations kept, how many were suppressed, and the unused-suppression findings."""

    kept: list[Violation]
    suppressed: int
    unused: list[Violation]


def unused_violation(
    path: str, pos: tuple[int, int, int, int], names: str, span: tuple[int, int] = (0, 0)
) -> Violation:
    line, col, end_line, end_col = pos
    return Violation(
        path=path,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        rule=UNUSED_ID,
        category=UNUSED_RULE.category,
        severity=UNUSED_RULE.severity,
        message=UNUSED_RULE.message.format(names=names),
        start=span[0],
        end=span[1],
    )


def apply_comment_directives(
    path: str,
    text: str,
    violations: Iterable[Violation],
    active: Collection[str],
    known: Collection[str],
    report_unused: bool = True,
) -> Outcome:
    """Drop violations disabled by directives in `text`; report directives that did nothing.

    `active` holds the rule ids and categories that ran on this document, `known` every rule id
    and category that exists; an unknown name in a directive is reported as unused.
    """
    items = list(violations)
    if not path.lower().endswith(COMMENT_SUFFIXES) or "lintreport-" not in text:
        return Outcome(items, 0, [])
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    directives = [
        _Directive(
            m.group(1),
            _names(m.group(2)),
            m.start(),
            m.end(),
            _position(line_starts, m.start())[0],
            _position(line_starts, m.end())[0],
        )
        for m in _DIRECTIVE.finditer(text)
    ]
    if not directives:
        return Outcome(items, 0, [])
    # Block state after each directive: (the disable-all directive in force, rules enabled
    # again despite it, rule → the directive that disabled it)
    states: list[tuple[_Directive | None, frozenset[str], dict[str, _Directive]]] = []
    all_off: _Directive | None = None
    excepted: set[str] = set()
    off: dict[str, _Directive] = {}
    for d in directives:
        if d.kind == "disable":
            if not d.names:
                all_off, excepted, off = d, set(), {}
            for n in d.names:
                off[n] = d
                excepted.discard(n)
        elif d.kind == "enable":
            if not d.names:
                all_off, excepted, off = None, set(), {}
            for n in d.names:
                off.pop(n, None)
                if all_off is not None:
                    excepted.add(n)
        states.append((all_off, frozenset(excepted), dict(off)))
    ends = [d.end for d in directives]
    by_line: dict[int, list[_Directive]] = {}
    for d in directives:
        if d.kind == "disable-line":
            for line in range(d.line, d.end_line + 1):
                by_line.setdefault(line, []).append(d)
        elif d.kind == "disable-next-line":
            by_line.setdefault(d.end_line + 1, []).append(d)

    kept: list[Violation] = []
    suppressed = 0
    for v in items:
        if any(d.start <= v.start and v.end <= d.end for d in directives):
            suppressed += 1  # a finding inside the directive's own text is not about the report
            continue
        hit = _line_hit(by_line.get(v.line, ()), v) or _block_hit(states, ends, v)
        if hit is None:
            kept.append(v)
        else:
            suppressed += 1
    unused: list[Violation] = []
    if report_unused:
        for d in directives:
            if d.kind == "enable":
                continue
            if not d.names:
                bad = [] if d.used else ["全部规则"]
            else:
                bad = [
                    n + ("（未知的规则或类别）" if n not in known else "")
                    for n in d.names
                    if n not in d.used and (n in active or n not in known)
                ]
            if bad:
                pos = (*_position(line_starts, d.start), *_position(line_starts, d.end))
                unused.append(unused_violation(path, pos, "、".join(bad), (d.start, d.end)))
    return Outcome(kept, suppressed, unused)


def _line_hit(candidates: Iterable[_Directive], v: Violation) -> _Directive | None:
    for d in candidates:
        if not d.names:
            d.used.add("")
            return d
        for n in d.names:
            if covers(n, v):
                d.used.add(n)
                return d
    return None


def _block_hit(
    states: list[tuple[_Directive | None, frozenset[str], dict[str, _Directive]]],
    ends: list[int],
    v: Violation,
) -> _Directive | None:
    index = bisect.bisect_right(ends, v.start) - 1
    if index < 0:
        return None
    all_off, excepted, off = states[index]
    for name in (v.rule, v.category.value):
        d = off.get(name)
        if d is not None:
            d.used.add(name)
            return d
    if all_off is not None and v.rule not in excepted and v.category.value not in excepted:
        all_off.used.add("")
        return all_off
    return None
