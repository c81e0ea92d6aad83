"""The sidecar ignore file `.lintreport-ignore.yaml`, for documents without comments.

Plain text and Word documents cannot carry `<!-- lintreport-disable -->`, so a YAML file beside
them (or beside their configuration) lists what to ignore: rule (id or category) + file glob +
the matched text with a little context, written `before[[matched]]after`, as in the packs'
examples. An entry matches a finding whose text and same-line context are equal, wherever the
lines have moved, and stops matching when the sentence itself changes. Entries that match
nothing in a file that was checked are reported as `unused-suppression`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from pathlib import Path

from ..errors import PackIssue
from ..model import Violation
from ..pack.schema import MISSING, Validator
from ..pack.yamlpos import Node, YamlLoadError, load_yaml
from ..record import record
from .config import ConfigError, shown_path
from .globs import glob_match
from .suppression import covers, unused_violation

IGNORE_FILE = ".lintreport-ignore.yaml"
_MARKER = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)


@record(frozen=True, kw_only=True)
class IgnoreEntry:
    rule: str
    file: str
    text: str
    reason: str | None = None


@record
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


@record
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
            if hit or not covers(e.rule, v) or text[v.start : v.end] != e.matched:
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
            unused_violation(
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
