"""Turn a YAML mapping into a check kind's `Params` dataclass, collecting every problem.

The dataclass *is* the schema: field names are the YAML keys, type hints the accepted types,
`field(metadata={"doc": ..., "regex": True})` the documentation and whether strings are regular
expressions (compiled here so a broken pattern is reported with its position in the pack).
"""

from __future__ import annotations

import dataclasses
import difflib
import enum
import functools
import types
import typing
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import regex

from ..errors import PackIssue
from .yamlpos import Node

MISSING = dataclasses.MISSING


def did_you_mean(word: str, choices: typing.Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"，是否想写“{close[0]}”？" if close else ""


def _type_name(tp: Any) -> str:
    origin = get_origin(tp)
    if tp is str:
        return "字符串"
    if tp is int:
        return "整数"
    if tp is float:
        return "数字"
    if tp is bool:
        return "true/false"
    if origin is Literal:
        return " / ".join(str(a) for a in get_args(tp))
    if origin is list:
        return f"{_type_name(get_args(tp)[0])}列表"
    if origin is dict:
        return "映射（键: 值）"
    if dataclasses.is_dataclass(tp):
        return "映射"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return " / ".join(str(e.value) for e in tp)
    if origin in (Union, types.UnionType):
        return " 或 ".join(_type_name(a) for a in get_args(tp) if a is not type(None))
    return str(tp)


class Validator:
    """Collects issues for one pack file while converting nodes."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.issues: list[PackIssue] = []

    def issue(self, node: Node | tuple[int, int], message: str) -> None:
        line, col = (node.line, node.column) if isinstance(node, Node) else node
        self.issues.append(PackIssue(self.path, line, col, message))

    def check_regex(self, node: Node, pattern: str) -> bool:
        from ..checks.base import ParamError, compile_regex

        try:
            # V1, as compile_regex in checks/base.py: validates the syntax the kinds will use,
            # and the regex module's cache then hands the kind this compiled pattern for free;
            # compile_regex first refuses what would not finish compiling (nested repeats)
            compile_regex("pattern", pattern)
        except ParamError as exc:
            if not exc.message.startswith("正则表达式无效"):
                self.issues.append(PackIssue(self.path, node.line, node.column, exc.message))
                return False
        try:
            regex.compile(pattern, regex.V1)
        except regex.error as exc:
            pos = exc.pos or 0
            quote = 1 if node.style in ('"', "'") else 0
            col = node.column + quote + pos if node.style not in ("|", ">") else node.column
            self.issues.append(
                PackIssue(
                    self.path,
                    node.line,
                    col,
                    f"正则表达式无效：{exc.msg}（模式第 {pos + 1} 个字符处）",
                )
            )
            return False
        return True

    def convert(self, node: Node, tp: Any, *, is_regex: bool = False, what: str = "值") -> Any:
        """Convert `node` to type `tp`; on error record an issue and return MISSING."""
        origin = get_origin(tp)
        if origin in (Union, types.UnionType):
            options = get_args(tp)
            if node.value is None and type(None) in options:
                return None
            non_none = [a for a in options if a is not type(None)]
            for option in non_none:
                trial = Validator(self.path)
                value = trial.convert(node, option, is_regex=is_regex, what=what)
                if value is not MISSING:
                    self.issues.extend(trial.issues)
                    return value
            if len(non_none) == 1:
                return self.convert(node, non_none[0], is_regex=is_regex, what=what)
            self.issue(node, f"{what}应为{_type_name(tp)}")
            return MISSING
        if origin is Literal:
            allowed = get_args(tp)
            if node.value in allowed:
                return node.value
            self.issue(
                node,
                f"{what}“{node.value}”无效，可选：{'、'.join(map(str, allowed))}"
                + did_you_mean(str(node.value), map(str, allowed)),
            )
            return MISSING
        if tp is Any:
            return node.plain()
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            allowed = [e.value for e in tp]
            if node.value in allowed:
                return tp(node.value)
            self.issue(
                node,
                f"{what}“{node.value}”无效，可选：{'、'.join(map(str, allowed))}"
                + did_you_mean(str(node.value), map(str, allowed)),
            )
            return MISSING
        if tp is str:
            if isinstance(node.value, str):
                if is_regex and not self.check_regex(node, node.value):
                    return MISSING
                return node.value
            if isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
                return str(node.value)
        elif tp is bool:
            if isinstance(node.value, bool):
                return node.value
        elif tp is int:
            if isinstance(node.value, int) and not isinstance(node.value, bool):
                return node.value
        elif tp is float:
            if isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
                return float(node.value)
        elif origin is list:
            (item_tp,) = get_args(tp)
            items = node.value if isinstance(node.value, list) else None
            if items is None and isinstance(node.value, str) and item_tp is str:
                items = [node]  # a single string where a list is expected is a list of one
            if items is not None:
                out = [self.convert(i, item_tp, is_regex=is_regex, what=what) for i in items]
                return MISSING if any(v is MISSING for v in out) else out
        elif origin is dict:
            key_tp, value_tp = get_args(tp)
            if isinstance(node.value, dict):
                out: dict[Any, Any] = {}
                for key, child in node.value.items():
                    if key_tp is str and is_regex:
                        self.check_regex(Node(key, *node.key_position(key)), key)
                    out[key] = self.convert(child, value_tp, is_regex=False, what=f"“{key}”的值")
                return MISSING if any(v is MISSING for v in out.values()) else out
        elif dataclasses.is_dataclass(tp) and isinstance(node.value, dict):
            return self.build(node, tp)
        self.issue(node, f"{what}应为{_type_name(tp)}，实际是“{_short(node.plain())}”")
        return MISSING

    def build(self, node: Node, cls: Any, *, reserved: typing.Collection[str] = ()) -> Any:
        """Build dataclass `cls` from mapping `node`, ignoring keys in `reserved`."""
        if not isinstance(node.value, dict):
            self.issue(node, f"应为映射（键: 值），实际是“{_short(node.plain())}”")
            return MISSING
        fields = {f.name: f for f in dataclasses.fields(cls)}
        hints = _type_hints(cls)
        kwargs: dict[str, Any] = {}
        ok = True
        for key, child in node.value.items():
            if key in reserved:
                continue
            if key not in fields:
                self.issue(
                    node.key_position(key),
                    f"未知的键“{key}”" + did_you_mean(key, [*fields, *reserved]),
                )
                ok = False
                continue
            f = fields[key]
            value = self.convert(
                child, hints[key], is_regex=f.metadata.get("regex", False), what=f"“{key}”"
            )
            if value is MISSING:
                ok = False
            else:
                kwargs[key] = value
        for name, f in fields.items():
            if name not in node.value and f.default is MISSING and f.default_factory is MISSING:
                self.issue(node, f"缺少必需的键“{name}”")
                ok = False
        if not ok:
            return MISSING
        try:
            return cls(**kwargs)
        except (TypeError, ValueError) as exc:
            self.issue(node, f"参数无效：{exc}")
            return MISSING


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


@functools.cache
def _type_hints(cls: Any) -> dict[str, Any]:
    # NOTE: cached: get_type_hints evaluates every string annotation on each call, and building
    # the rules of fazhi-annual called it once per rule (~90 ms of a cold start).
    return get_type_hints(cls)


def param_docs(cls: Any) -> list[tuple[str, str, str, str]]:
    """(name, type, default, doc) for each field of a Params dataclass, for generated docs."""
    hints = get_type_hints(cls)
    rows = []
    for f in dataclasses.fields(cls):
        if f.default is not MISSING:
            default = repr(f.default)
        elif f.default_factory is not MISSING:
            default = repr(f.default_factory())
        else:
            default = "（必填）"
        rows.append((f.name, _type_name(hints[f.name]), default, f.metadata.get("doc", "")))
    return rows
