"""`lintreport annotate`: a copy of each report with its findings as Word comments.

The findings are those `check` reports for the file, through the same configuration, per-file
ignores and suppression (policy/checkrun.py); the copy is made by formats/word. The input is
never written: the copy goes beside it as `报告.lintreport.docx` (or to `-o`), and an existing
file is replaced only with `--force`. An earlier annotation inside the input is taken out first,
so annotating an annotated copy gives the same comments again, not twice as many.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import errno
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from ..document.document import Document
from ..document.inputs import DOCX, load_bytes, max_input_bytes
from ..document.source import read_bytes
from ..errors import InputError, UsageError
from ..formats.word import Edit, annotate, has_own_markup, paragraph_count, without_own_markup
from ..model import Violation
from ..policy.checkrun import CheckRun
from ..policy.settings import Resolver
from ..run.fixer import apply_fixes, fix_text
from ..run.runner import RunOptions, lint_document
from .options import overrides_from_args

SUFFIX = ".lintreport.docx"
INPUTS = (".docx", ".txt", ".md")
# A long annual report has a few hundred paragraphs; tens of thousands is not a report, and
# reading, checking and rewriting it would take minutes.
MAX_PARAGRAPHS = 20_000


@dataclass(frozen=True)
class Written:
    target: Path
    comments: int
    changes: int


def default_output(path: Path) -> Path:
    name = path.name
    stem = name[: -len(path.suffix)] if path.suffix else name
    return path.with_name(stem.removesuffix(".lintreport") + SUFFIX)


def _output_for(path: Path, out: str | None) -> Path:
    if out is None:
        return default_output(path)
    target = Path(out)
    if target.is_dir():
        return target / default_output(path).name
    return target


def tracked_edits(text: str, violations: Sequence[Violation], fixed: str) -> list[Edit]:
    """Tracked changes turning `text` into `fixed` (what `check --fix` writes), one paragraph at
    a time: the findings' own fixes where they give the fixed paragraph, which they do unless a
    later fix pass changed it again; then the difference of the two paragraphs."""
    edits: list[Edit] = []
    cursor = -1
    for v in sorted(violations, key=lambda v: (v.start, v.end)):
        if v.fix is None or not v.fix.safe or v.start < cursor:
            continue
        if "\n" in text[v.start : v.end] or text[v.start : v.end] == v.fix.replacement:
            continue
        edits.append(Edit(v.start, v.end, v.fix.replacement))
        cursor = v.end
    old_lines, new_lines = text.split("\n"), fixed.split("\n")
    if len(old_lines) != len(new_lines):  # a fix never adds a line; never trust one that does
        return []
    out: list[Edit] = []
    start = 0
    for old, new in zip(old_lines, new_lines, strict=True):
        end = start + len(old)
        mine = [e for e in edits if start <= e.start and e.end <= end]
        if old != new:
            if _apply(old, mine, start) == new:
                out.extend(mine)
            else:
                matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
                for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                    if tag != "equal":
                        out.append(Edit(start + i1, start + i2, new[j1:j2]))
        start = end + 1
    return out


def _apply(line: str, edits: Sequence[Edit], base: int) -> str:
    parts: list[str] = []
    cursor = 0
    for e in edits:
        parts.append(line[cursor : e.start - base])
        parts.append(e.replacement)
        cursor = e.end - base
    parts.append(line[cursor:])
    return "".join(parts)


def _write_new(target: Path, data: bytes, force: bool, mode: int) -> None:
    """Write `target` whole or not at all; an existing file is replaced only with `force`.

    The copy gets the permission bits of the input: a draft kept private stays private."""
    try:
        _write(target, data, force, mode)
    except OSError as exc:
        reason = _OS_REASONS.get(exc.errno or 0, exc.strerror or type(exc).__name__)
        raise InputError(target.as_posix(), f"无法写入副本：{reason}") from None


_OS_REASONS = {
    errno.ENOENT: "目录不存在",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "文件系统只读",
    errno.ENOSPC: "磁盘空间不足",
    errno.EISDIR: "这是一个目录",
}


def _write(target: Path, data: bytes, force: bool, mode: int) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if force:
            os.replace(tmp, target)
            return
        try:
            os.link(tmp, target)  # atomic and exclusive: never replaces a file created meanwhile
        except FileExistsError:
            raise InputError(str(target), "副本已存在，未覆盖（加 --force 覆盖）") from None
        except OSError:  # a file system without hard links
            if target.exists():
                raise InputError(str(target), "副本已存在，未覆盖（加 --force 覆盖）") from None
            os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)


def annotate_file(
    path: Path, checker: CheckRun, args: argparse.Namespace, now: datetime
) -> tuple[Written, list[str]]:
    """Annotate one file; returns what was written and the rules that failed on it."""
    display = path.as_posix()
    suffix = path.suffix.lower()
    if suffix not in INPUTS:
        hint = "请先在 Word 中另存为 .docx" if suffix == ".doc" else "只能批注 .docx、.txt、.md"
        raise InputError(display, f"不支持 {suffix or '无扩展名'} 文件：{hint}")
    target = _output_for(path, args.output_file)
    if target.suffix.lower() != DOCX:
        raise UsageError(f"副本应是 .docx 文件：{target.as_posix()}")
    if target.exists() and target.resolve() == path.resolve():
        raise InputError(display, "副本与输入是同一个文件：请用 -o 另指定副本的文件名")
    if target.exists() and not args.force:
        raise InputError(target.as_posix(), "副本已存在，未覆盖（加 --force 覆盖）")
    settings, ruleset = checker.for_file(path)
    limit = max_input_bytes(path.name)
    data: bytes | None = read_bytes(path, display, limit)
    if suffix == DOCX:
        paragraphs = paragraph_count(data) or 0
        if paragraphs > MAX_PARAGRAPHS:
            raise InputError(
                display,
                f"段落过多（约 {paragraphs} 段，上限 {MAX_PARAGRAPHS}），不像一份年度报告，未批注",
            )
    kwargs = {"year": settings.year, "report_type": settings.report_type, "max_bytes": limit}
    doc = load_bytes(data, display, **kwargs)
    if suffix == DOCX:
        cleaned = without_own_markup(data) if has_own_markup(data) else None
        if cleaned is not None:
            data = cleaned
            doc = load_bytes(data, display, **kwargs)
    else:
        data = None
    track = bool(args.track_changes)
    violations, errors = lint_document(doc, ruleset.rules, ruleset.packs, fixable=track)
    kept = checker.apply_policy(path, display, doc.text, violations, settings)
    edits: list[Edit] = []
    if track:
        # the first pass of --fix is the fixes of these findings; later passes see their result
        first, _ = apply_fixes(doc.text, kept)
        _, fix_rules, packs = checker.fix_rules(path)
        source = dataclasses.replace(doc.source, text=first)
        rest = Document(source, year=doc.year_override, report_type=doc.type_override)
        fixed, _ = fix_text(rest, fix_rules, packs, can_fix=True)
        edits = tracked_edits(doc.text, kept, fixed)
    rules = {info.id: info for info in checker.rule_infos()}
    result = annotate(data, doc.text, kept, edits, rules, now)
    _write_new(target, result.data, args.force, path.stat().st_mode & 0o666)
    return Written(target, result.comments, result.changes), [e.message for e in errors]


def run_annotate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """`lintreport annotate PATH...`: 0 every copy written, 2 some input could not be."""
    checker = CheckRun(Resolver(overrides_from_args(args)))
    files, errors = checker.files(args.paths, RunOptions(extensions=INPUTS))
    explicit = {Path(p) for p in args.paths}
    # a directory holds the copies of an earlier run: they are outputs, not drafts
    files = [f for f in files if f in explicit or not f.name.endswith(SUFFIX)]
    if args.output_file and len(files) > 1 and not Path(args.output_file).is_dir():
        raise UsageError("有多个输入时，-o 应是一个已有的目录")
    status = 0
    for e in errors:
        err.write(f"{e.path}: 无法批注：{e.message}\n")
        status = 2
    now = datetime.now(UTC).replace(microsecond=0)
    done = 0
    for path in files:
        try:
            written, failed = annotate_file(path, checker, args, now)
        except InputError as exc:
            err.write(f"{exc.path}: 无法批注：{exc.message}\n")
            status = 2
            continue
        for message in failed:
            err.write(f"{path.as_posix()}: {message}\n")
            status = 2
        done += 1
        changes = f"，{written.changes} 处修订" if args.track_changes else ""
        out.write(
            f"已写入 {written.target.as_posix()}：{written.comments} 条批注{changes}"
            f"（原文件 {path.as_posix()} 未改动）\n"
        )
    if done > 1:
        out.write(f"共批注 {done} 个文件\n")
    return status
