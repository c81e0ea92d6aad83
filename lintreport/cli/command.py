"""Command line: `lintreport check | annotate | rules | explain | test-pack`.

Turns arguments into RunOptions, calls the runner, picks a formatter and maps the result to an
exit status: 0 nothing at or above --fail-on, 1 violations found, 2 usage error, unreadable input
or invalid rule pack. Every error is a one-line message; no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from ..document.inputs import load_bytes, max_input_bytes, rewritable
from ..errors import InputError, LintreportError, PackError, UsageError
from ..formats import FORMATS, trait
from ..messages import printable
from ..pack import Pack, builtin_packs, load_packs
from ..pack.cache import cache_dir, clean_cache
from ..policy.checkrun import CheckRun
from ..run.examples import run_pack_examples
from ..run.fixer import FixRefused, fix_file, read_for_fix
from ..run.parallel import default_jobs
from ..run.runner import RunOptions
from ..run.stdin import read_stdin, run_stdin
from ..version import __version__
from .annotate import add_parser as add_annotate
from .annotate import run_annotate
from .explain import explain_rule, list_rules
from .options import COMMANDS as POLICY_COMMANDS
from .options import (
    add_check_options,
    add_commands,
    check_paths,
    explain_builtin,
    finish,
    int_at_least,
    make_check_run,
)
from .options import run_command as run_policy_command
from .output import atomic_output, check_output_path
from .progress import ProgressBar, is_terminal
from .zh_argparse import ChineseArgumentParser

DEFAULT_PACKS = ["fazhi-annual", "xxgk-annual"]
FAIL_ON = ("error", "warning", "info", "never")


def _split(values: Sequence[str] | None) -> tuple[str, ...]:
    out: list[str] = []
    for value in values or ():
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return tuple(out)


def _add_pack_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--pack",
        action="append",
        metavar="PACK",
        help="规则包：内置名称（如 fazhi-annual）或路径，可重复；默认 fazhi-annual 和 xxgk-annual",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="lintreport",
        description="检查法治政府建设年度报告等政府年度报告草稿：缺少的章节、过时的引用、编号、数字和标点问题。",
    )
    parser.add_argument(
        "-V",
        "--version",
        action="version",
        version=f"lintreport {__version__}",
        help="显示版本号并退出",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="命令")

    check = sub.add_parser("check", help="检查文件或目录")
    check.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="要检查的文件或目录（目录递归检查 .txt、.md、.docx）；- 表示从标准输入读取",
    )
    check.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="从标准输入（PATH 为 -）读取时报告所用的文件名，其扩展名决定按 .txt/.md/.docx 解析；"
        "配合 --fix 时修复后的文本写到标准输出，问题报告写到标准错误",
    )
    _add_pack_options(check)
    check.add_argument(
        "--year", type=int_at_least(1), metavar="YEAR", help="报告年度（覆盖从标题推断的年度）"
    )
    check.add_argument("--report-type", help="报告类型（覆盖推断结果）")
    check.add_argument(
        "--previous", metavar="FILE", help="上一年度的报告：与之比较结转数、重复的句子等跨年度检查"
    )
    check.add_argument(
        "--format", default="text", choices=sorted(FORMATS), help="输出格式（默认 text）"
    )
    check.add_argument(
        "-o",
        "--output-file",
        metavar="FILE",
        help="把检查结果写入此文件而不是标准输出（任何 --format；写完才替换，不会留下残缺文件）",
    )
    check.add_argument(
        "--show-all",
        action="store_true",
        help="文本输出显示全部问题（默认同一文件中同一规则超过 6 处时只显示前 5 处，其余计数）",
    )
    check.add_argument(
        "--select", action="append", metavar="RULES", help="只启用这些规则 id 或类别（逗号分隔）"
    )
    check.add_argument(
        "--ignore", action="append", metavar="RULES", help="忽略这些规则 id 或类别（逗号分隔）"
    )
    check.add_argument(
        "--fail-on",
        default=None,
        choices=FAIL_ON,
        help="达到此严重程度即以状态 1 退出"
        "（默认取配置文件的 fail_on，否则 error；never 表示从不因问题失败）",
    )
    check.add_argument("--exit-zero", action="store_true", help="即使发现问题也以状态 0 退出")
    add_check_options(check)  # --config, --isolated, --max-warnings, --statistics, baselines
    check.add_argument(
        "--fix", action="store_true", help="应用可安全自动修复的修改（保持编码、BOM 和换行符）"
    )
    check.add_argument("--diff", action="store_true", help="只显示 --fix 将做的修改，不写文件")
    check.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="彩色输出（默认 auto：输出到终端时彩色；也遵循环境变量 NO_COLOR 和 FORCE_COLOR）",
    )
    check.add_argument(
        "-j",
        "--jobs",
        type=int_at_least(1),
        metavar="N",
        help="并行检查的进程数（默认：CPU 核数；1 表示不并行）；结果顺序与 N 无关",
    )
    check.add_argument(
        "--no-gitignore",
        action="store_true",
        help="检查目录时不按 .gitignore 排除文件（默认排除 .gitignore 忽略的文件）",
    )
    check.add_argument(
        "-v", "--verbose", action="store_true", help="说明未使用规则包缓存等运行细节"
    )
    check.add_argument(
        "--max-file-size",
        type=int_at_least(1),
        metavar="MB",
        help="可读取的最大文件（MB；默认 .txt/.md 16、.docx 64）；更大的文件报错而不检查",
    )

    annotate = add_annotate(sub)
    _add_pack_options(annotate)
    annotate.add_argument("--year", type=int, help="报告年度（覆盖从标题推断的年度）")
    annotate.add_argument("--select", action="append", metavar="RULES", help="只启用这些规则")
    annotate.add_argument("--ignore", action="append", metavar="RULES", help="忽略这些规则")
    annotate.add_argument("--config", metavar="FILE", help="使用此配置文件，不再逐级查找")
    annotate.add_argument("--isolated", action="store_true", help="忽略所有配置文件")

    rules = sub.add_parser("rules", help="列出启用的规则包中的规则")
    _add_pack_options(rules)
    rules.add_argument(
        "--format", choices=("text", "json"), default="text", help="输出格式（默认 text）"
    )

    explain = sub.add_parser("explain", help="说明一条规则：提示、依据和示例")
    explain.add_argument("rule", metavar="RULE", help="规则名（如 fazhi-not-fazhi）")
    _add_pack_options(explain)

    test_pack = sub.add_parser("test-pack", help="运行规则包中每条规则的示例")
    test_pack.add_argument(
        "packs", nargs="*", metavar="PACK", help="规则包（默认 fazhi-annual 和 xxgk-annual）"
    )
    add_commands(sub)  # init, config

    cache = sub.add_parser("cache", help="管理规则包缓存")
    cache.add_argument("action", choices=("clean", "dir"), help="clean：删除缓存；dir：显示位置")

    lsp = sub.add_parser("lsp", help="以语言服务器（LSP，标准输入输出）方式运行，供编辑器使用")
    _add_pack_options(lsp)
    lsp.add_argument("--stdio", action="store_true", help="使用标准输入输出（默认即是，可省略）")
    return parser


def _use_color(choice: str, stream: TextIO) -> bool:
    """--color wins; then NO_COLOR (no-color.org), then FORCE_COLOR, then whether it is a tty."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "") not in ("", "0", "false"):
        return True
    return stream.isatty()


def _packs(specs: list[str] | None) -> list[Pack]:
    return load_packs(specs or DEFAULT_PACKS)


def _print_pack_error(exc: PackError, stream: TextIO) -> None:
    for issue in exc.issues:
        stream.write(f"{printable(str(issue))}\n")
        try:
            line = Path(issue.path).read_text(encoding="utf-8-sig").split("\n")[issue.line - 1]
        except (OSError, UnicodeDecodeError, IndexError):
            continue
        if line.strip():
            stream.write(f"    {printable(line.rstrip())}\n")
    count = len(exc.issues)
    stream.write(f"lintreport: 规则包无效，共 {count} 处问题\n")


def _verbose(err: TextIO) -> None:
    """Let the notes of lower layers (e.g. an unsafe pack cache) reach stderr."""
    import logging  # only with --verbose: logging costs a cold start ~5 ms

    handler = logging.StreamHandler(err)
    handler.setFormatter(logging.Formatter("lintreport: %(message)s"))
    logger = logging.getLogger("lintreport")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def _cache(action: str, out: TextIO) -> int:
    if action == "dir":
        directory = cache_dir()
        out.write(f"{directory}\n" if directory else "规则包缓存已关闭\n")
        return 0
    directory, removed = clean_cache()
    where = f"（{directory}）" if directory else ""
    out.write(f"已删除 {removed} 个规则包缓存文件{where}\n")
    return 0


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
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


def _lsp(args: argparse.Namespace) -> int:
    try:
        from .lsp import serve  # pygls is an optional extra: pip install '.[lsp]'
    except ImportError as exc:
        raise LintreportError(
            f"语言服务器需要可选组件 pygls（无法导入 {exc.name}）："
            "请在安装 lintreport 的同一环境中安装，"
            "在源码目录中运行 pip install '.[lsp]'，或直接 pip install 'pygls>=2,<3'"
        ) from None
    return serve(args.pack or ())


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


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Entry point of the console script; returns the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    for stream in (out, err):
        if getattr(stream, "encoding", "utf-8").lower().replace("_", "-") not in ("utf-8", "utf8"):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(encoding="utf-8", errors="replace")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its message
        return 0 if exc.code == 0 else 2
    if args.command is None:
        parser.print_help(out)
        return 2
    try:
        if args.command == "check":
            return _check(args, out, err)
        if args.command == "annotate":
            return run_annotate(args, out, err)
        if args.command == "rules":
            return list_rules(_packs(args.pack), out, args.format)
        if args.command == "explain":
            if explain_builtin(args.rule, out):
                return 0
            return explain_rule(_packs(args.pack), args.rule, out)
        if args.command in POLICY_COMMANDS:
            return run_policy_command(args, out)
        if args.command == "test-pack":
            return run_pack_examples(_packs(args.packs), out, load_packs(builtin_packs()))
        if args.command == "cache":
            return _cache(args.action, out)
        if args.command == "lsp":
            return _lsp(args)
    except PackError as exc:
        _print_pack_error(exc, err)
        return 2
    except UsageError as exc:
        err.write(f"lintreport: {printable(str(exc))}\n")
        return 2
    except LintreportError as exc:
        # several lines on purpose (a config error lists its issues): escape within each
        err.write("lintreport: " + "\n".join(map(printable, str(exc).split("\n"))) + "\n")
        return 2
    except KeyboardInterrupt:
        err.write("lintreport: 已中断\n")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if os.environ.get("LINTREPORT_DEBUG"):
            raise
        err.write(
            f"lintreport: 内部错误：{type(exc).__name__}: {exc}"
            "（设置 LINTREPORT_DEBUG=1 查看详情）\n"
        )
        return 2
    return 2
