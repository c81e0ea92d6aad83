"""The command-line side of configuration and policy: options of `check`, `init`, `config`.

Kept apart from command.py so the check pipeline and the output stay small edits there:
`make_check_run`, `check_paths`, `finish` and `run_command` are its and entry.py's calls (the
options themselves are declared in parser.py). What only some runs need (the baseline, the
ignore file's writer, statistics) is imported where it is used; the formats written file by
file take streamed.py.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..errors import UsageError
from ..formats import render, trait
from ..formats.statistics import count_violations
from ..formats.stream import STREAMED
from ..policy.checkrun import CheckRun
from ..policy.settings import Overrides, Resolver
from .progress import ProgressBar, is_terminal
from .report_context import report_type_names, rule_descriptors
from .streamed import after_output, stream_check

if TYPE_CHECKING:
    from ..model import RunResult
    from ..policy.settings import Settings
    from ..run.runner import RunOptions


def _split(values: Sequence[str] | None) -> tuple[str, ...]:
    out: list[str] = []
    for value in values or ():
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return tuple(out)


def overrides_from_args(args: argparse.Namespace) -> Overrides:
    config = getattr(args, "config", None)
    return Overrides(
        packs=tuple(getattr(args, "pack", None) or ()),
        select=_split(getattr(args, "select", None)),
        ignore=_split(getattr(args, "ignore", None)),
        year=getattr(args, "year", None),
        report_type=getattr(args, "report_type", None),
        fail_on=getattr(args, "fail_on", None),
        max_warnings=getattr(args, "max_warnings", None),
        config=Path(config) if config else None,
        isolated=bool(getattr(args, "isolated", False)),
        previous=getattr(args, "previous", None),
    )


def make_check_run(args: argparse.Namespace) -> CheckRun:
    if args.baseline and args.write_baseline:
        raise UsageError("--baseline 与 --write-baseline 不能同时使用")
    if args.add_ignores and (args.write_baseline or args.fix or args.diff):
        raise UsageError("--add-ignores 不能与 --write-baseline、--fix、--diff 同时使用")
    baseline = None
    if args.baseline:
        from ..policy.baseline import load_baseline  # only with --baseline

        baseline = load_baseline(Path(args.baseline))
    keep = (
        args.format == "text"
        or trait(args.format, "needs_text")
        or bool(args.write_baseline)
        or bool(getattr(args, "add_ignores", False))
    )
    return CheckRun(
        Resolver(overrides_from_args(args)),
        baseline=baseline,
        keep_text=keep,
        jobs=getattr(args, "jobs", None) or 1,
    )


def check_paths(
    args: argparse.Namespace,
    checker: CheckRun,
    options: RunOptions,
    out: TextIO,
    err: TextIO,
    *,
    color: bool = False,
) -> int:
    """Lint `args.paths` with configuration and policy, render, return the exit status."""
    options = dataclasses.replace(options, keep_text=checker.keep_text)
    if args.format in STREAMED and not args.write_baseline and not args.add_ignores:
        code = stream_check(args, checker, options, out, err, color=color)
        if code is not None:
            return code
    with ProgressBar(err, enabled=is_terminal(err), color=color) as bar:
        result = checker.run(args.paths, options, on_progress=bar.update)
    return finish(args, checker, result, out, err, color=color)


def finish(
    args: argparse.Namespace,
    checker: CheckRun,
    result: RunResult,
    out: TextIO,
    err: TextIO,
    *,
    color: bool = False,
) -> int:
    """Write the baseline or render the result, then statistics; returns the exit status."""
    if args.write_baseline:
        from ..policy.baseline import write_baseline

        count = write_baseline(Path(args.write_baseline), result.violations, result.texts)
        err.write(f"已将 {count} 个问题写入基线 {args.write_baseline}\n")
        for e in result.errors:
            err.write(f"{e.path}: 无法检查：{e.message}\n")
        return 2 if result.errors else 0
    if getattr(args, "add_ignores", False):
        return _add_ignores(checker, result, err)
    if not trait(args.format, "needs_text") and args.format != "text":
        result = dataclasses.replace(result, texts={})
    render(
        args.format,
        result,
        out,
        color=color,
        rules=rule_descriptors(args.format, checker),
        show_all=getattr(args, "show_all", False),
        report_types=report_type_names(checker),
    )
    counts = count_violations(result.violations)
    return after_output(args, checker, result.errors, result.documents, counts, out, err)


def _add_ignores(checker: CheckRun, result: RunResult, err: TextIO) -> int:
    """`--add-ignores`: record every finding in the ignore file of its configuration."""
    from ..policy.config import shown_path
    from ..policy.ignorefile import IGNORE_FILE, append_ignore_entries, ignore_entry_text
    from ..policy.suppression import UNUSED_ID

    grouped: dict[Path, list[tuple[str, str, str]]] = {}
    for v in result.violations:
        text = result.texts.get(v.path)
        if text is None or v.rule == UNUSED_ID or v.path == "-":
            continue
        path = Path(v.path)
        config = checker.resolver.config_for(path)
        directory = config.root if config is not None else path.resolve().parent
        target = directory / IGNORE_FILE
        file = os.path.relpath(path.resolve(), directory.resolve())
        entry = (v.rule, Path(file).as_posix(), ignore_entry_text(text, v.start, v.end))
        grouped.setdefault(target, []).append(entry)
    for target, entries in grouped.items():
        append_ignore_entries(target, list(dict.fromkeys(entries)))
        err.write(f"已向 {shown_path(target)} 追加 {len(entries)} 条忽略条目，请补写 reason\n")
    for e in result.errors:
        err.write(f"{e.path}: 无法检查：{e.message}\n")
    return 2 if result.errors else 0


def explain_builtin(rule_id: str, out: TextIO) -> bool:
    """`lintreport explain unused-suppression`: the one rule that lives in code, not a pack."""
    from ..policy.suppression import UNUSED_ID, UNUSED_RULE

    if rule_id != UNUSED_ID:
        return False
    r = UNUSED_RULE
    out.write(
        f"{r.id}  {r.title}  （{r.category.value} / 警告）\n\n"
        f"问题：{r.message}\n原因：{r.description}\n依据：{r.source}\n"
        "来源：lintreport 内置（抑制指令与 .lintreport-ignore.yaml，见 docs/configuration.md）\n"
        "关闭：ignore: [unused-suppression]\n"
    )
    return True


def _show(settings: Settings, key: str) -> object:
    value = getattr(settings, key, None)
    if key == "severity":
        return {k: v.value for k, v in settings.severity}
    if key == "per_file_ignores":
        return {g: list(r) for g, r in settings.per_file_ignores}
    if key == "extra_packs":
        data = settings.config.data if settings.config else None
        return list(data.extra_packs) if data else []
    return list(value) if isinstance(value, tuple) else value


def _print_config(args: argparse.Namespace, out: TextIO) -> int:
    from ..policy.config import KEYS

    resolver = Resolver(overrides_from_args(args))
    target = Path(args.path)
    if not target.exists():
        raise UsageError(f"路径不存在：{args.path}")
    settings = resolver.settings_for(target)
    rows = {
        key: (_show(settings, key), settings.origins.get(key, "默认"))
        for key in KEYS
        if key != "extends"
    }
    chain = [c.shown for c in settings.config.chain()] if settings.config else []
    source = chain[0] if chain else None
    if args.format == "json":
        data = {
            "config_file": source,
            "extends": chain[1:],
            "settings": {k: {"value": v, "from": o} for k, (v, o) in rows.items()},
        }
        import json

        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    inherited = f"（继承 {' → '.join(chain[1:])}）" if len(chain) > 1 else ""
    out.write(
        f"# 对 {args.path} 生效的配置：{source or '没有配置文件（全部为默认值）'}{inherited}\n"
    )
    import json

    width = max(len(k) for k in rows)
    for key, (value, origin) in rows.items():
        shown = json.dumps(value, ensure_ascii=False)
        out.write(f"{key:<{width}} = {shown}    # {origin}\n")
    return 0


def run_command(args: argparse.Namespace, out: TextIO) -> int:
    """`lintreport init` and `lintreport config`."""
    if args.command == "init":
        from ..policy.config import write_starter

        directory = Path(args.directory)
        if not directory.is_dir():
            raise UsageError(f"目录不存在：{args.directory}")
        target = write_starter(directory)
        out.write(f"已写入 {target.as_posix()}，请按需修改\n")
        return 0
    return _print_config(args, out)
