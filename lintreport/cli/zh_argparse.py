"""argparse in Chinese: usage, help headings and error messages, like the rest of the CLI.

argparse builds its messages from English templates. Rather than patch the module's gettext
hook (state shared with every other parser in the process), `ChineseArgumentParser` sets its
own headings and translates each finished error message back through the template it came
from: "argument --format: invalid choice: 'x' (choose from ...)" is matched against the
English templates, and its parts are put into the Chinese ones. A message that matches no
template is shown as it is (our own `ArgumentTypeError` messages are already Chinese).
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
from collections.abc import Iterable
from typing import Any, NoReturn

USAGE = "用法："

# English template (as argparse's source has it) → Chinese template, same placeholders.
_TEMPLATES = {
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %(names)s": "缺少必需的参数：%(names)s",
    "unrecognized arguments: %(args)s": "无法识别的参数：%(args)s",
    "invalid choice: %(value)s (choose from %(choices)s)": (
        "无效的取值 %(value)s（可选：%(choices)s）"
    ),
    "invalid %(type)s value: %(value)s": "取值无效：%(value)s（应为 %(type)s）",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多接受一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %(n)s arguments?": "需要 %(n)s 个值",
    "not allowed with argument %(other)s": "不能与参数 %(other)s 同时使用",
    "ignored explicit argument %(value)s": "此选项不接受取值：%(value)s",
    "one of the arguments %(names)s is required": "参数 %(names)s 必须给出其中之一",
    "ambiguous option: %(option)s could match %(matches)s": (
        "选项 %(option)s 有歧义，可能是：%(matches)s"
    ),
    "unexpected option string: %(option)s": "意外的选项：%(option)s",
    "unknown parser %(parser_name)s \\(choices: %(choices)s\\)": (
        "未知的命令 %(parser_name)s（可选：%(choices)s）"
    ),
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
}
_TYPE_NAMES = {"int": "整数", "float": "数字", "str": "文字"}
_NESTED = {"message"}  # placeholders that hold another message to translate
_HEADING = re.compile(r"^(\S[^\n]*[\u4e00-\u9fff]):$", re.M)


def _compile(template: str) -> re.Pattern[str]:
    parts = re.split(r"(%\(\w+\)s)", template)
    out = []
    for part in parts:
        name = re.fullmatch(r"%\((\w+)\)s", part)
        if name:
            out.append(f"(?P<{name.group(1)}>.+?)")
        elif "\\(" in part or part.endswith("s?"):
            out.append(part)  # already a pattern (escaped brackets, plural s)
        else:
            out.append(re.escape(part))
    return re.compile("".join(out), re.S)


@functools.cache  # compiled once per process, and only when an error is shown
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((_compile(en), zh) for en, zh in _TEMPLATES.items())


def translate(message: str) -> str:
    """The Chinese form of an argparse message; unknown messages come back unchanged."""
    for pattern, zh in _compiled():
        m = pattern.fullmatch(message)
        if m is None:
            continue
        values = {
            k: translate(v) if k in _NESTED else _TYPE_NAMES.get(v, v)
            for k, v in m.groupdict().items()
        }
        return zh % values + _did_you_mean(values)
    return message


def _did_you_mean(values: dict[str, str]) -> str:
    """For an invalid choice (`lintreport chek`), the closest valid one."""
    if "choices" not in values or "value" not in values:
        return ""
    import difflib

    choices = [c.strip().strip("'") for c in values["choices"].split(",")]
    close = difflib.get_close_matches(values["value"].strip("'"), choices, n=1)
    return f"；是否想用 {close[0]}？" if close else ""


class ChineseHelpFormatter(argparse.HelpFormatter):
    def format_help(self) -> str:
        # argparse ends each section heading with an ASCII colon; Chinese headings take "："
        return _HEADING.sub(r"\1：", super().format_help())

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, USAGE if prefix is None else prefix)


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage, headings and errors are Chinese (subcommands too)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = "显示此帮助并退出"

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{translate(message)}\n")
