"""Command line entry point: `lintreport check | annotate | rules | explain | test-pack | …`.

Parses the arguments (cli/parser.py imports nothing heavy) and imports the module of the one
command that runs, so `--version` and `--help` cost little more than Python's own start. Maps
errors to an exit status: 0 nothing at or above --fail-on, 1 violations found, 2 usage error,
unreadable input or invalid rule pack. Every error is a one-line message; no traceback reaches
the user.
"""

from __future__ import annotations

import os
import sys

from ..version import __version__

# typing.TYPE_CHECKING without importing typing (~3 ms of `--version`); type checkers treat any
# constant of this name as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from typing import TextIO

    from ..errors import PackError
    from ..pack import Pack

VERSION_ONLY = (["--version"], ["-V"])


def _packs(specs: list[str] | None) -> list[Pack]:
    from ..pack import load_packs
    from .parser import DEFAULT_PACKS

    return load_packs(specs or DEFAULT_PACKS)


def _print_pack_error(exc: PackError, stream: TextIO) -> None:
    from pathlib import Path

    from ..messages import printable

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


def _cache(action: str, out: TextIO) -> int:
    from ..pack.cache import cache_dir, clean_cache

    if action == "dir":
        directory = cache_dir()
        out.write(f"{directory}\n" if directory else "规则包缓存已关闭\n")
        return 0
    directory, removed = clean_cache()
    where = f"（{directory}）" if directory else ""
    out.write(f"已删除 {removed} 个规则包缓存文件{where}\n")
    return 0


def _lsp(args: argparse.Namespace) -> int:
    from ..errors import LintreportError

    try:
        from .lsp import serve  # pygls is an optional extra: pip install '.[lsp]'
    except ImportError as exc:
        raise LintreportError(
            f"语言服务器需要可选组件 pygls（无法导入 {exc.name}）："
            "请在安装 lintreport 的同一环境中安装，"
            "在源码目录中运行 pip install '.[lsp]'，或直接 pip install 'pygls>=2,<3'"
        ) from None
    return serve(args.pack or ())


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run the command `args.command`, importing only its module."""
    from .parser import COMMANDS as POLICY_COMMANDS

    if args.command == "check":
        from .command import run_check

        return run_check(args, out, err)
    if args.command == "annotate":
        from .annotate import run_annotate

        return run_annotate(args, out, err)
    if args.command == "rules":
        from .explain import list_rules

        return list_rules(_packs(args.pack), out, args.format)
    if args.command == "explain":
        from .explain import explain_rule
        from .options import explain_builtin

        if explain_builtin(args.rule, out):
            return 0
        return explain_rule(_packs(args.pack), args.rule, out)
    if args.command in POLICY_COMMANDS:
        from .options import run_command

        return run_command(args, out)
    if args.command == "test-pack":
        from ..pack import builtin_packs, load_packs
        from ..run.examples import run_pack_examples

        return run_pack_examples(_packs(args.packs), out, load_packs(builtin_packs()))
    if args.command == "cache":
        return _cache(args.action, out)
    if args.command == "lsp":
        return _lsp(args)
    return 2


def _failure(exc: Exception, err: TextIO) -> int:
    """The message and exit status of an exception a command raised (imports the error types
    only now: a clean `--version` never needs them)."""
    from ..errors import LintreportError, PackError, UsageError
    from ..messages import printable

    if isinstance(exc, PackError):
        _print_pack_error(exc, err)
        return 2
    if isinstance(exc, UsageError):
        err.write(f"lintreport: {printable(str(exc))}\n")
        return 2
    if isinstance(exc, LintreportError):
        # several lines on purpose (a config error lists its issues): escape within each
        err.write("lintreport: " + "\n".join(map(printable, str(exc).split("\n"))) + "\n")
        return 2
    if os.environ.get("LINTREPORT_DEBUG"):
        raise exc
    err.write(
        f"lintreport: 内部错误：{type(exc).__name__}: {exc}（设置 LINTREPORT_DEBUG=1 查看详情）\n"
    )
    return 2


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
    if (sys.argv[1:] if argv is None else list(argv)) in VERSION_ONLY:
        # what argparse's version action prints, without building the parser (~10 ms)
        sys.stdout.write(f"lintreport {__version__}\n")
        return 0
    from .parser import build_parser

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its message
        return 0 if exc.code == 0 else 2
    if args.command is None:
        parser.print_help(out)
        return 2
    try:
        return _run(args, out, err)
    except KeyboardInterrupt:
        err.write("lintreport: 已中断\n")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        return _failure(exc, err)
