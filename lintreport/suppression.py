"""Suppressing findings: comment directives in Markdown/HTML, a sidecar ignore file for the rest.

Directives (in .md/.markdown/.html documents), each naming rule ids or categories separated by
commas or spaces, or nothing for all rules:

    <!-- lintreport-disable RULE[,RULE] -->       off from here until enabled again
    <!-- lintreport-enable RULE -->                 on again (without RULE: everything on)
    <!-- lintreport-disable-next-line RULE -->      off for the next line only
    <!-- lintreport-disable-line RULE -->           off for the line holding the comment

Plain text and Word documents have no comments, so `.lintreport-ignore.yaml` (in the file's
directory or beside its configuration) lists entries of rule + file glob + the matched text with
a little context around it, written `before[[matched]]after`. An entry matches a finding of that
rule whose text and context are the same, wherever the lines have moved.

A directive or entry that suppresses nothing is itself reported, as rule `unused-suppression`
(category metadata: it is about annotations of the document, not its content; severity
warning), like ruff's unused-noqa check, so stale suppressions do not pile up. Names that are
valid but not active in this run are not reported (a `--select` run would otherwise flood them).
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .config import ConfigError, shown_path
from .errors import PackIssue
from .formats.descriptors import RuleInfo
from .globs import glob_match
from .model import Category, Severity, Violation
from .pack.schema import MISSING, Validator
from .pack.yamlpos import Node, YamlLoadError, load_yaml

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
)
IGNORE_FILE = ".lintreport-ignore.yaml"
COMMENT_SUFFIXES = (".md", ".markdown", ".html", ".htm")
_DIRECTIVE = re.compile(
    r"<!--\s*lintreport-(disable-next-line|disable-line|disable|enable)\b([^>]*?)\s*-->"
)
_MARKER = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)


def _names(raw: str) -> tuple[str, ...]:
    return tuple(n for n in re.split(r"[\s,，]+", raw.strip()) if n)


def _covers(name: str, v: Violation) -> bool:
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


@dataclass
class _Directive:
    kind: str
    names: tuple[str, ...]  # empty: all rules
    start: int
    end: int
    line: int
    end_line: int  # a comment may span lines; "next line" is the one after it ends
    used: set[str] = field(default_factory=set)  # names that suppressed something ("" for all)


@dataclass(frozen=True)
class Outcome:
    """Violations kept, how many were suppressed, and the unused-suppression findings."""

    kept: list[Violation]
    suppressed: int
    unused: list[Violation]


def _unused_violation(
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
                unused.append(_unused_violation(path, pos, "、".join(bad), (d.start, d.end)))
    return Outcome(kept, suppressed, unused)


def _line_hit(candidates: Iterable[_Directive], v: Violation) -> _Directive | None:
    for d in candidates:
        if not d.names:
            d.used.add("")
            return d
        for n in d.names:
            if _covers(n, v):
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


@dataclass(frozen=True, kw_only=True)
class IgnoreEntry:
    rule: str
    file: str
    text: str
    reason: str | None = None


@dataclass
class _Entry:
    rule: str
    file: str
    before: str
    matched: str
    after: str
    marked: bool
    line: int
    column: int
    used: bool = False
    applied: bool = False  # its file was checked with its rule active


@dataclass
class IgnoreFile:
    """A loaded `.lintreport-ignore.yaml`: entries matched against findings of every run."""

    path: Path
    entries: list[_Entry]

    def suppresses(
        self,
        v: Violation,
        relpath: str,
        text: str,
        active: Collection[str],
        *,
        record: bool = True,
    ) -> bool:
        """Whether an entry matches `v`; with `record`, entries remember being applied/used."""
        hit = False
        for e in self.entries:
            if not glob_match(e.file, relpath):
                continue
            if e.rule in active and record:
                e.applied = True
            if hit or not _covers(e.rule, v) or text[v.start : v.end] != e.matched:
                continue
            if e.marked and (
                text[max(0, v.start - len(e.before)) : v.start] != e.before
                or text[v.end : v.end + len(e.after)] != e.after
            ):
                continue
            hit = True
            if record:
                e.used = True
        return hit

    def unused(self) -> list[Violation]:
        return [
            _unused_violation(
                shown_path(self.path),
                (e.line, e.column, e.line, e.column),
                f"{e.rule} @ {e.file}",
            )
            for e in self.entries
            if e.applied and not e.used
        ]


def load_ignore_file(path: Path) -> IgnoreFile:
    """Read a sidecar ignore file; raises ConfigError with positions when it is invalid."""

    shown = shown_path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([PackIssue(shown, 1, 1, f"无法读取忽略文件：{exc}")]) from None
    try:
        root, issues = load_yaml(text, shown)
    except YamlLoadError as exc:
        raise ConfigError([exc.issue]) from None
    v = Validator(shown)
    v.issues.extend(issues)
    entries: list[_Entry] = []
    if root is not None:
        if not isinstance(root.value, dict) or set(root.value) - {"ignores"}:
            v.issue(root, "忽略文件应只有一个键 ignores（条目列表）")
        else:
            items = root.value.get("ignores", Node([], 1, 1))
            for node in items.value if isinstance(items.value, list) else []:
                entry = v.build(node, IgnoreEntry)
                if entry is MISSING:
                    continue
                marks = list(_MARKER.finditer(entry.text))
                if len(marks) > 1:
                    v.issue(node, "text 中只能有一处 [[…]] 标出被忽略的文字")
                    continue
                if marks:
                    m = marks[0]
                    before, matched, after = (
                        entry.text[: m.start()],
                        m.group(1),
                        entry.text[m.end() :],
                    )
                else:
                    before, matched, after = "", entry.text, ""
                entries.append(
                    _Entry(
                        entry.rule,
                        entry.file,
                        before,
                        matched,
                        after,
                        bool(marks),
                        node.line,
                        node.column,
                    )
                )
    if v.issues:
        raise ConfigError(v.issues)
    return IgnoreFile(path, entries)


def ignore_entry_text(text: str, start: int, end: int, width: int = 8) -> str:
    """The `before[[matched]]after` form of a finding, as written into an ignore file."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = text[max(line_start, start - width) : start]
    after = text[end : min(line_end, end + width)]
    return f"{before}[[{text[start:end]}]]{after}"


def append_ignore_entries(target: Path, entries: list[tuple[str, str, str]]) -> None:
    """Append (rule, file glob, `before[[matched]]after`) entries to the ignore file `target`.

    Appends text so the reviewers' comments and reasons already in the file stay; the result is
    re-read, and the old file restored if it no longer parses (e.g. a flow-style `ignores: []`).
    """
    old = target.read_text(encoding="utf-8-sig") if target.exists() else None
    lines = (
        []
        if old is not None
        else [
            "# lintreport 忽略文件：每条为 规则 + 文件 + [[被忽略的文字]]及其上下文\n",
            "ignores:\n",
        ]
    )
    if old is not None and old and not old.endswith("\n"):
        lines.append("\n")
    for rule, file, text in entries:
        lines.append(f"  - rule: {json.dumps(rule, ensure_ascii=False)}\n")
        lines.append(f"    file: {json.dumps(file, ensure_ascii=False)}\n")
        lines.append(f"    text: {json.dumps(text, ensure_ascii=False)}\n")
        lines.append('    reason: ""  # 请写明为什么这不是问题\n')
    target.write_text((old or "") + "".join(lines), encoding="utf-8")
    try:
        load_ignore_file(target)
    except ConfigError:
        if old is None:
            target.unlink()
        else:
            target.write_text(old, encoding="utf-8")
        raise
