"""`lintreport check`: turns arguments into RunOptions, runs the check with configuration and
policy, picks a formatter and maps the result to an exit status (cli/entry.py dispatches here).

Imported only when `check` runs; what only some runs need (the fixer, standard input, the
document readers for --fix) is imported by the function that needs it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from ..errors import InputError, UsageError
from ..formats import trait
from ..messages import printable
from ..run.parallel import default_jobs
from ..run.runner import RunOptions
from .options import check_paths, finish, make_check_run
from .output import atomic_output, check_output_path
from .parser import build_parser
from .progress import ProgressBar, is_terminal

if TYPE_CHECKING:
    from ..policy.checkrun import CheckRun

__all__ = ["build_parser", "fix_summary", "run_check"]  # build_parser: where it used to be


def _split(values: Sequence[str] | None) -> tuple[str, ...]:
    out: list[str] = []
    for value in values or ():
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return tuple(out)


def _use_color(choice: str, stream: TextIO) -> bool:
    """--color wins; then NO_COLOR (no-color.org), then FORCE_COLOR, then whether it is a tty."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "") not in ("", "0", "false"):
        return True
    return stream.isatty()


def _verbose(err: TextIO) -> None:
    """Let the notes of lower layers (e.g. an unsafe pack cache) reach stderr."""
    import logging  # only with --verbose: logging costs a cold start ~5 ms

    handler = logging.StreamHandler(err)
    handler.setFormatter(logging.Formatter("lintreport: %(message)s"))
    logger = logging.getLogger("lintreport")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def run_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.verbose:
        _verbose(err)
    if not args.output_file or args.output_file == "-":
        return _check_to(args, out, err, raw=out)
    if args.write_baseline or args.add_ignores:
        raise UsageError("-o/--output-file 不能与 --write-baseline、--add-ignores 同时使用")
    target = check_output_path(args.output_file, args.paths)
    with atomic_output(target, args.output_file) as sink:
        code = _check_to(args, sink, err, raw=out)
    err.write(f"检查结果已写入 {args.output_file}\n")
    return code


def _check_to(args: argparse.Namespace, out: TextIO, err: TextIO, *, raw: TextIO) -> int:
    """Run `check`; the report goes to `out`, a fixed standard input's text to `raw`."""
    checker = make_check_run(args)  # configuration per file, suppression, baseline
    options = RunOptions(
        year=args.year,
        report_type=args.report_type,
        select=_split(args.select),
        ignore=_split(args.ignore),
        keep_text=args.format == "text",
        keep_tables=trait(args.format, "needs_tables"),
        jobs=args.jobs or default_jobs(),
        max_bytes=args.max_file_size * 1024 * 1024 if args.max_file_size else None,
        respect_gitignore=not args.no_gitignore,
        previous=args.previous,
    )
    checker.jobs = options.jobs
    if "-" in args.paths or args.stdin_filename:
        return _check_stdin(args, checker, options, out, err, raw=raw)
    if args.fix or args.diff:
        changed = _fix(args, checker, options, out, err)
        if args.diff:
            return 1 if changed else 0
    return check_paths(args, checker, options, out, err, color=_use_color(args.color, out))


def _check_stdin(
    args: argparse.Namespace,
    checker: CheckRun,
    options: RunOptions,
    out: TextIO,
    err: TextIO,
    *,
    raw: TextIO,
) -> int:
    """`check -`: lint stdin; with --fix the fixed text goes to stdout and the report to stderr."""
    from ..run.stdin import read_stdin, run_stdin

    if args.paths != ["-"]:
        raise UsageError("从标准输入读取时只能给一个路径“-”（--stdin-filename 需与 - 一起使用）")
    name, packs, options = checker.stdin_options(args.stdin_filename, options)
    done = run_stdin(
        read_stdin(sys.stdin.buffer, args.stdin_filename, options.max_bytes),
        args.stdin_filename,
        packs,
        options,
        fix=args.fix,
        diff=args.diff,
        fix_rules=checker.fix_rules(name)[1] if args.fix or args.diff else None,
    )
    if args.diff:
        out.write(done.diff)
        return 1 if done.diff else 0
    report = out
    if done.output is not None:
        raw.flush()
        buffer = getattr(raw, "buffer", None)
        if buffer is not None:
            buffer.write(done.output)
            buffer.flush()
        else:
            raw.write(done.output.decode(done.result.documents[0].encoding or "utf-8"))
        if out is raw:  # without -o the report makes way for the fixed text
            report = err
    result = checker.finish_single(done.result, name)
    return finish(args, checker, result, report, err, color=_use_color(args.color, report))


def _fix(
    args: argparse.Namespace, checker: CheckRun, options: RunOptions, out: TextIO, err: TextIO
) -> int:
    """Apply (or with --diff, show) safe fixes; returns how many files change."""
    from ..document.inputs import load_bytes, max_input_bytes, rewritable
    from ..run.fixer import FixRefused, fix_file, read_for_fix  # only with --fix or --diff

    files, _ = checker.files(args.paths, options)
    changed = applied = shared = left = refused = 0
    notes: list[str] = []  # written after the loop, not under a live progress bar
    # --diff writes to stdout as it goes, which a bar on the same terminal would garble
    with ProgressBar(err, enabled=is_terminal(err) and not args.diff) as bar:
        for number, path in enumerate(files, 1):
            bar.update(number - 1, len(files))
            name = path.as_posix()
            if not rewritable(path.name):
                # a .docx cannot be rewritten without losing Word formatting: say so
                kind = path.suffix or "此类"
                hint = (
                    "可用 lintreport annotate --track-changes 生成带修订的副本"
                    if kind.lower() == ".docx"
                    else "请按提示手工修改"
                )
                notes.append(f"{printable(name)}: 不会自动修复 {kind} 文件，{hint}")
                continue
            settings, rules, packs = checker.fix_rules(path)  # suppressed findings are not fixed
            try:
                limit = options.max_bytes or max_input_bytes(name)
                data, snapshot = read_for_fix(path, name, limit)
                doc = load_bytes(
                    data,
                    name,
                    year=settings.year,
                    report_type=settings.report_type,
                    max_bytes=options.max_bytes,
                )
                result = fix_file(doc, rules, packs, write=not args.diff, snapshot=snapshot)
            except FixRefused as exc:  # left alone on purpose: changed meanwhile, read-only…
                notes.append(f"{printable(exc.path)}: {exc.message}")
                refused += 1
                continue
            except InputError as exc:
                if args.diff:
                    notes.append(f"{printable(exc.path)}: {printable(exc.message)}")
                continue  # the check run below reports unreadable files
            except Exception as exc:  # a bug with one file must not cost the others their fixes
                notes.append(f"{printable(name)}: 修复出错，未修改：{type(exc).__name__}: {exc}")
                refused += 1
                continue
            shared += result.counts.shared
            left += result.counts.left
            if result.applied:
                changed += 1
                applied += result.applied
                if args.diff:
                    out.write(result.diff())
    err.writelines(note + "\n" for note in notes)
    summary = fix_summary(applied, changed, shared, left, dry_run=args.diff)
    if refused:
        summary += f"；{refused} 个文件未修改（原因见上）"
    err.write(summary + "\n")
    return changed


def fix_summary(applied: int, changed: int, shared: int, left: int, *, dry_run: bool) -> str:
    """Why the number of edits differs from the fixable count the check reported."""
    verb = "可修复" if dry_run else "已修复"
    text = f"{verb} {applied} 处，涉及 {changed} 个文件"
    if shared:
        text += f"；另有 {shared} 个问题与其他问题是同一处修改，一并修复"
    if left:
        text += f"；{left} 处未能自动修复（与其他修复重叠或跨行），请按提示手工修改"
    return text
