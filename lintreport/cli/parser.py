"""The command line's parser, built without importing what the commands run.

`lintreport --version`, `--help` and `check --help` import only this module, argparse and the
version: the commands' modules (the runner, every check, the formats, python-docx, rich, the
language server) are imported by cli/entry.py only for the command that runs. Choices that
mirror a registry (the format names) are the registry's literal list, which imports nothing.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from ..formats import NAMES as FORMAT_NAMES
from ..version import __version__
from .zh_argparse import ChineseArgumentParser

DEFAULT_PACKS = ["fazhi-annual", "xxgk-annual"]
FAIL_ON = ("error", "warning", "info", "never")
COMMANDS = ("init", "config")  # handled by options.run_command


def int_at_least(minimum: int) -> Callable[[str], int]:
    """An argparse type: a whole number not below `minimum`, with a Chinese error otherwise."""
    what = "正整数" if minimum == 1 else "非负整数" if minimum == 0 else f"不小于 {minimum} 的整数"

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = minimum - 1
        if number < minimum:
            raise argparse.ArgumentTypeError(f"应为{what}：{value}")
        return number

    return parse


def _add_config_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--config",
        metavar="FILE",
        help="使用此配置文件（.lintreport.yaml 或 pyproject.toml），不再逐级查找",
    )
    p.add_argument("--isolated", action="store_true", help="忽略所有配置文件")


def add_check_options(check: argparse.ArgumentParser) -> None:
    _add_config_options(check)
    check.add_argument(
        "--max-warnings",
        type=int_at_least(0),
        metavar="N",
        help="警告多于 N 个即以状态 1 退出（逐步收紧时使用）",
    )
    check.add_argument("--statistics", action="store_true", help="在输出之后按规则列出问题数目")
    check.add_argument(
        "--baseline",
        metavar="FILE",
        help="只报告基线文件中没有的新问题（基线按文字指纹比对，不受行号移动影响）",
    )
    check.add_argument(
        "--add-ignores",
        action="store_true",
        help="把当前全部问题作为条目追加到 .lintreport-ignore.yaml（配置文件旁，或文件所在目录）",
    )
    check.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="把当前全部问题写入基线文件后以状态 0 退出",
    )


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = sub.add_parser("init", help="在当前目录（或 DIR）写入带注释的 .lintreport.yaml")
    init.add_argument(
        "directory", nargs="?", default=".", metavar="DIR", help="写入的目录（默认当前目录）"
    )
    config = sub.add_parser("config", help="显示对 PATH 生效的配置及每项设置的来源")
    config.add_argument(
        "path", nargs="?", default=".", metavar="PATH", help="文件或目录（默认当前目录）"
    )
    _add_config_options(config)
    config.add_argument(
        "--format", choices=("text", "json"), default="text", help="输出格式（默认 text）"
    )


def _add_annotate(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "annotate",
        help="生成带批注的 Word 副本：每个问题是一条批注，可选把安全修复写成修订",
        description="为每个输入（.docx，或 .txt/.md 转成新的 .docx）写一个副本，原文件不改动。"
        "每个问题成为一条作者为 lintreport 的批注，锚定在问题所在的文字上。",
    )
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="要批注的文件或目录（.docx、.txt、.md）"
    )
    p.add_argument(
        "-o",
        "--output-file",
        metavar="OUT",
        help="副本的文件名（只给一个输入时）或已有目录；默认写在输入旁：报告.lintreport.docx",
    )
    p.add_argument(
        "--track-changes",
        action="store_true",
        help="把可安全自动修复的问题写成修订（作者 lintreport），在 Word/WPS 的“审阅”中接受或拒绝",
    )
    p.add_argument("--force", action="store_true", help="覆盖已存在的副本")
    return p


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
        "--format", default="text", choices=sorted(FORMAT_NAMES), help="输出格式（默认 text）"
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

    annotate = _add_annotate(sub)
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
